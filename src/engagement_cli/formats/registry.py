"""Every output format, by name: one renderer each, all pure functions of the report."""

from __future__ import annotations

from collections.abc import Callable

from engagement_cli.formats.csv_format import render_csv
from engagement_cli.formats.github_format import render_github
from engagement_cli.formats.html_format import render_html
from engagement_cli.formats.json_format import render_json
from engagement_cli.formats.junit_format import render_junit
from engagement_cli.formats.markdown_format import render_markdown
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.rich_table import render_rich_table
from engagement_cli.formats.sarif_format import render_sarif
from engagement_cli.formats.text_format import render_text
from engagement_cli.models.result import Report

Renderer = Callable[[Report, RenderOptions], str]

RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.RICH: render_rich_table,
    OutputFormat.TEXT: lambda report, _options: render_text(report),
    OutputFormat.JSON: lambda report, _options: render_json(report),
    OutputFormat.JUNIT: render_junit,
    OutputFormat.SARIF: lambda report, _options: render_sarif(report),
    OutputFormat.GITHUB: lambda report, _options: render_github(report),
    OutputFormat.MARKDOWN: lambda report, _options: render_markdown(report),
    OutputFormat.HTML: lambda report, _options: render_html(report),
    OutputFormat.CSV: lambda report, _options: render_csv(report),
}


def render(output_format: OutputFormat, report: Report, options: RenderOptions) -> str:
    """Render `report` in `output_format`."""
    return RENDERERS[output_format](report, options)
