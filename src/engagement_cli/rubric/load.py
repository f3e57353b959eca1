"""Finding and loading rubric files, turning every problem into a located error."""

from __future__ import annotations

import os
import re
from pathlib import Path

from engagement_cli.loading.problems import InputError, Problem, format_path
from engagement_cli.loading.project_file import read_bytes
from engagement_cli.loading.resources import bundled_folder
from engagement_cli.loading.text import decode_document
from engagement_cli.loading.validation import validate_document
from engagement_cli.loading.yaml_source import YamlDocument, parse_yaml
from engagement_cli.models.rubric import RubricDocument
from engagement_cli.rubric.compiled import Rubric, compile_rubric
from engagement_cli.rubric.conditions import ConditionError

DEFAULT_RUBRIC_NAME = "default.yaml"
_RUBRIC_MAX_BYTES = 4 * 1024 * 1024

RUBRIC_MAX_NODES = 500_000
"""The most values a rubric may hold: room for 20,000 criteria, and a bound on the time
and memory that parsing an untrusted rubric can take."""


def default_rubric_path() -> Path:
    """The default rubric: inside the installed package, or at the top of a source checkout."""
    folder = bundled_folder("rubrics")
    if folder is None or not os.path.isfile(folder / DEFAULT_RUBRIC_NAME):
        raise FileNotFoundError("the default rubric is missing from this installation")
    return folder / DEFAULT_RUBRIC_NAME


def load_rubric(path: Path | None = None) -> Rubric:
    """Load and compile a rubric; raises `InputError` whose problems carry rubric lines."""
    path = path or default_rubric_path()
    text = decode_document(read_bytes(path, _RUBRIC_MAX_BYTES), max_bytes=_RUBRIC_MAX_BYTES)
    return parse_rubric(text, str(path))


def parse_rubric(text: str, origin: str) -> Rubric:
    """Compile a rubric from its YAML text; `origin` names it in messages."""
    document = parse_yaml(text, max_nodes=RUBRIC_MAX_NODES)
    data = document.data
    if isinstance(data, dict) and "rubric" not in data and "groups" in data:
        raise InputError(
            [
                Problem(
                    "invalid-rubric",
                    "this looks like a project file (it has 'groups' and no 'rubric' section), "
                    "not a rubric; to assess it, run: engage assess FILE",
                    line=1,
                    column=1,
                )
            ]
        )
    hidden = [
        _hidden_problem(document, location, description)
        for location, description in _hidden_characters(document.data)
    ]
    if hidden:
        hidden.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        raise InputError(hidden[:20], omitted=max(0, len(hidden) - 20))
    model = validate_document(RubricDocument, document)
    try:
        return compile_rubric(model, origin)
    except ConditionError as error:
        line, column = document.position(error.path) or (None, None)
        raise InputError(
            [
                Problem(
                    "invalid-rubric",
                    error.message,
                    field=format_path(error.path),
                    line=line,
                    column=column,
                )
            ]
        ) from None


# Controls (tab and line breaks aside), DEL, C1, bidirectional and zero-width characters.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _hidden_characters(data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text in the rubric (keys too) that holds a control or invisible character,
    with where it is; walked without recursion (the parser bounds the values)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    pending: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while pending:
        location, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                pending.append(((*location, key), item))
                if isinstance(key, str) and _HIDDEN.search(key):
                    found.append(((*location, key), _describe(_HIDDEN.search(key))))
        elif isinstance(value, list):
            pending.extend(((*location, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and (match := _HIDDEN.search(value)) is not None:
            found.append((location, _describe(match)))
    return found


def _hidden_problem(
    document: YamlDocument, location: tuple[str | int, ...], description: str
) -> Problem:
    line, column = document.position(location) or (None, None)
    return Problem(
        "invalid-rubric",
        f"contains {description}; a rubric's words are shown in terminals, CI logs and "
        "reports, so they may hold no control or invisible characters",
        field=format_path(location) or None,
        line=line,
        column=column,
    )


def _describe(match: re.Match[str] | None) -> str:
    code = ord(match.group()) if match else 0
    return f"the invisible or control character U+{code:04X}"
