"""The names of the output formats: light to import, for the command line."""

from __future__ import annotations

from collections.abc import Iterable
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


def shows_evidence(
    formats: Iterable[OutputFormat], *, full_json: bool, details: bool = False
) -> bool:
    """Whether any of `formats` shows criteria's evidence lines: HTML always, JSON when it
    is the full report, the rich view of `assess` with `--details`. When none does, no
    evidence is gathered at all."""
    return any(
        output_format is OutputFormat.HTML
        or (output_format is OutputFormat.JSON and full_json)
        or (output_format is OutputFormat.RICH and details)
        for output_format in formats
    )


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
