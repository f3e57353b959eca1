"""The `json` format: the whole report, stable and documented (see the README).

It streams: the report's head, each file as it is assessed, then its tail, giving exactly
the bytes pydantic would for the whole report (a test holds this).
"""

from __future__ import annotations

from typing import Any

from engagement_cli.formats.safe_text import json_inert
from engagement_cli.models.result import FileResult, Report

_FILES = '"files": []'


def _head_and_tail(report: Report) -> tuple[str, str]:
    empty = report.model_copy(update={"files": []}).model_dump_json(indent=2, by_alias=True)
    head, _, tail = json_inert(empty).partition(_FILES)
    return head + '"files": [', "]" + tail + "\n"


def json_begin(report: Report) -> str:
    """Everything before the first file."""
    return _head_and_tail(report)[0]


# What the lean report (the default) leaves out of each file: the explanation, which a
# person reads in the other formats and a machine rarely needs; `--evidence` keeps it.
LEAN_EXCLUDE: dict[str, Any] = {
    "assessment": {
        "ties": True,
        "criteria": True,
        "changes": True,
        "participation": True,
        "practice": True,
        "scores": {"__all__": {"name", "requirements_met", "near_misses"}},
        "readiness": {"__all__": {"approach_name", "items"}},
        "claim": {"message"},
    }
}


def json_file(result: FileResult, *, evidence: bool = False) -> str:
    """One file's entry, indented to sit inside the report's `files` list: lean unless
    `evidence` asks for the full explanation."""
    exclude = None if evidence else LEAN_EXCLUDE
    # `##[` can only be inside a JSON string, where `\u0023` reads back as `#`.
    text = result.model_dump_json(indent=2, exclude=exclude).replace("\n", "\n    ")
    return "\n    " + json_inert(text)


def json_separator(*, first: bool) -> str:
    """What goes before a file's entry."""
    return "" if first else ","


def json_end(report: Report, *, any_files: bool) -> str:
    """Everything after the last file."""
    return ("\n  " if any_files else "") + _head_and_tail(report)[1]


def render_json(report: Report) -> str:
    """The report as indented JSON; the same report always gives the same bytes."""
    files = "".join(
        json_separator(first=index == 0) + json_file(result, evidence=report.evidence)
        for index, result in enumerate(report.files)
    )
    return json_begin(report) + files + json_end(report, any_files=bool(report.files))
