"""Formats that can be written file by file, so a batch never has to be held in memory.

Each file's part is a pure function of that file's result, so it can be rendered in a
worker process; only the separators, the head and the tail need the whole run.
"""

from __future__ import annotations

from engagement_cli.formats.github_format import github_end, github_file
from engagement_cli.formats.json_format import json_begin, json_end, json_file, json_separator
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.text_format import text_end, text_file
from engagement_cli.models.result import FileResult, Report, Summary

STREAMING = frozenset({OutputFormat.TEXT, OutputFormat.GITHUB, OutputFormat.JSON})


def render_file(output_format: OutputFormat, result: FileResult, *, full_json: bool = False) -> str:
    """One file's part of a streaming format; JSON's is the full one when `full_json`."""
    if output_format is OutputFormat.JSON:
        return json_file(result, evidence=full_json)
    if output_format is OutputFormat.GITHUB:
        return github_file(result)
    return text_file(result)


def stream_begin(output_format: OutputFormat, head: Report) -> str:
    """What comes before the first file; `head` is the report without its files."""
    return json_begin(head) if output_format is OutputFormat.JSON else ""


def stream_separator(output_format: OutputFormat, *, first: bool) -> str:
    """What comes between files."""
    return json_separator(first=first) if output_format is OutputFormat.JSON else ""


def stream_end(output_format: OutputFormat, head: Report, summary: Summary) -> str:
    """What comes after the last file."""
    if output_format is OutputFormat.JSON:
        return json_end(head, any_files=summary.files > 0)
    if output_format is OutputFormat.GITHUB:
        return github_end(summary)
    return text_end(summary)
