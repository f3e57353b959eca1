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


def explains(formats: Iterable[OutputFormat], *, full_json: bool, rich: bool = False) -> bool:
    """Whether any of `formats` shows an assessment's explanation: criteria's evidence,
    what would change the verdict, the participation map or good practice. HTML and CSV
    (its role counts) always do, JSON when it is the full report, and the rich view when
    `rich` says it is one project's (`assess`), not a batch summary. When none does, the
    engine builds none of it: every other format reads only the lean assessment."""
    return any(
        output_format in (OutputFormat.HTML, OutputFormat.CSV)
        or (output_format is OutputFormat.JSON and full_json)
        or (output_format is OutputFormat.RICH and rich)
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
