"""The names of the output formats: light to import, for the command line."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    """Output formats of `engage check`."""

    RICH = "rich"
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"


SHOWS_EVIDENCE = frozenset({OutputFormat.HTML})
"""Formats that show criteria's evidence lines (JSON does with `--evidence`, the rich
view of `assess` with `--details`): for the others, no evidence is gathered at all."""

# What `-o FILE` means when no format is named, by the file's extension.
BY_EXTENSION: dict[str, OutputFormat] = {
    ".json": OutputFormat.JSON,
    ".sarif": OutputFormat.SARIF,
    ".xml": OutputFormat.JUNIT,
    ".md": OutputFormat.MARKDOWN,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".csv": OutputFormat.CSV,
    ".txt": OutputFormat.TEXT,
    ".log": OutputFormat.TEXT,
}
