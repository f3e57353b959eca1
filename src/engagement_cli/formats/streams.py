"""Formats that can be written file by file, so a batch never has to be held in memory."""

from __future__ import annotations

from typing import Protocol

from engagement_cli.formats.github_format import GithubStream
from engagement_cli.formats.json_format import json_begin, json_end, json_file
from engagement_cli.formats.registry import OutputFormat
from engagement_cli.formats.text_format import text_end, text_file
from engagement_cli.models.result import FileResult, Report, Summary


class FormatStream(Protocol):
    """Renders a report in three parts: before the files, one file, after the files."""

    def begin(self) -> str: ...
    def file(self, result: FileResult) -> str: ...
    def end(self, summary: Summary) -> str: ...


class _Text:
    def begin(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        return text_file(result)

    def end(self, summary: Summary) -> str:
        return text_end(summary)


class _Github:
    def __init__(self) -> None:
        self.stream = GithubStream()

    def begin(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        return self.stream.file(result)

    def end(self, summary: Summary) -> str:
        return self.stream.end(summary)


class _Json:
    def __init__(self, head: Report) -> None:
        self.head = head
        self.first = True

    def begin(self) -> str:
        return json_begin(self.head)

    def file(self, result: FileResult) -> str:
        fragment = json_file(result, first=self.first)
        self.first = False
        return fragment

    def end(self, summary: Summary) -> str:
        return json_end(self.head, any_files=not self.first)


STREAMING = frozenset({OutputFormat.TEXT, OutputFormat.GITHUB, OutputFormat.JSON})


def open_stream(output_format: OutputFormat, head: Report) -> FormatStream:
    """A stream for a streaming format; `head` is the report without its files."""
    if output_format is OutputFormat.TEXT:
        return _Text()
    if output_format is OutputFormat.GITHUB:
        return _Github()
    if output_format is OutputFormat.JSON:
        return _Json(head)
    raise ValueError(f"{output_format} is not a streaming format")
