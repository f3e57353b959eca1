"""Every output format, by name: one renderer each, all pure functions of the report.

A format's module is imported the first time it is asked for: a run imports only the
formats it writes. All of them together (HTML with its assets, JUnit with the XML
library, SARIF, CSV, Markdown, the rich views) take longer to import than the rest of
`engage check`'s start-up work on a file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.options import RenderOptions
from engagement_cli.models.result import Report

Renderer = Callable[[Report, RenderOptions], str]

RENDERER_LOCATIONS: dict[OutputFormat, tuple[str, str, bool]] = {
    OutputFormat.RICH: ("rich_table", "render_rich_table", True),
    OutputFormat.TEXT: ("text_format", "render_text", False),
    OutputFormat.JSON: ("json_format", "render_json", False),
    OutputFormat.JUNIT: ("junit_format", "render_junit", True),
    OutputFormat.SARIF: ("sarif_format", "render_sarif", False),
    OutputFormat.GITHUB: ("github_format", "render_github", False),
    OutputFormat.MARKDOWN: ("markdown_format", "render_markdown", False),
    OutputFormat.HTML: ("html_format", "render_html", False),
    OutputFormat.CSV: ("csv_format", "render_csv", False),
}
"""Each format's module (in this package), its renderer, and whether that takes the
render options as well as the report."""


@cache
def renderer(output_format: OutputFormat) -> Renderer:
    """The renderer of `output_format`, its module imported now if it was not yet."""
    module_name, function_name, takes_options = RENDERER_LOCATIONS[output_format]
    module = importlib.import_module(f"{__package__}.{module_name}")
    function = getattr(module, function_name)
    if takes_options:
        with_options: Renderer = function
        return with_options
    return lambda report, _options: str(function(report))


def render(output_format: OutputFormat, report: Report, options: RenderOptions) -> str:
    """Render `report` in `output_format`."""
    return renderer(output_format)(report, options)
