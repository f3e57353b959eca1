"""The `rich` format of a batch: a table of files and a summary by verdict."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.portfolio import claim_matrix
from engagement_cli.formats.safe_text import literal, one_line
from engagement_cli.formats.text_format import summary_line
from engagement_cli.models.result import FileResult, Report, Severity

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
STACKED_BELOW = 90
"""Narrower than this, each file is a block of lines: five columns cannot be read there."""


def render_rich_table(report: Report, options: RenderOptions) -> str:
    """Files with verdict, claim, confidence and findings; then counts per verdict."""
    frame = box.ROUNDED if options.color else box.ASCII
    names = {**report.approach_names, "none": "None", "invalid": "Invalid"}
    title = (
        f"engage check: {len(report.files)} file{'' if len(report.files) == 1 else 's'}, "
        f"rubric {report.rubric}"
    )
    parts: list[RenderableType] = (
        _table(report, names, title, frame, options.width)
        if options.width >= STACKED_BELOW
        else _stacked(report, names, title)
    )
    summary = Table(box=frame, title="By verdict", title_justify="left")
    summary.add_column("Verdict")
    summary.add_column("Files", justify="right")
    for key, count in report.counts_by_verdict().items():
        if count:
            summary.add_row(literal(names[key]), str(count))
    closing = Text(summary_line(report.summary()))
    matrix = _matrix(report, frame, options.width) if len(report.files) > 1 else []
    return render_to_text(
        [*parts, summary, *matrix, closing], color=options.color, width=options.width
    )


def _matrix(report: Report, frame: box.Box, width: int) -> list[RenderableType]:
    """Claims (rows) against verdicts (columns); a claim borne out is in bold.

    Where the verdicts' names do not fit side by side, the columns are numbered and a
    legend names them, so no name is ever cut.
    """
    matrix = claim_matrix(report)
    row_width = max(len(matrix.names[key]) for key in matrix.rows) + 4
    wide = row_width + sum(len(matrix.names[key]) + 3 for key in matrix.columns) + 8 <= width
    table = Table(box=frame, title="Claimed against verdict", title_justify="left")
    table.add_column("Claimed", no_wrap=True)
    for number, key in enumerate(matrix.columns, 1):
        heading = literal(matrix.names[key]) if wide else Text(str(number))
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True)
    for claimed in matrix.rows:
        cells = [
            Text(str(count) if count else "·", style="bold" if claimed == verdict else "")
            for verdict in matrix.columns
            for count in [matrix.count(claimed, verdict)]
        ]
        table.add_row(literal(matrix.names[claimed]), *cells, str(matrix.row_total(claimed)))
    if wide:
        return [table]
    legend = "; ".join(
        f"{number} {matrix.names[key]}" for number, key in enumerate(matrix.columns, 1)
    )
    return [table, literal(f"Verdicts: {legend}")]


def _findings(result: FileResult) -> Text:
    findings = Text()
    for index, finding in enumerate(result.findings):
        if index:
            findings.append("\n")
        if finding.suppressed is not None:
            findings.append(f"suppressed {finding.id}: {one_line(finding.suppressed)}", style="dim")
            continue
        where = f"line {finding.line}: " if finding.line else ""
        findings.append(f"{finding.severity.value} ", style=_SEVERITY_STYLE[finding.severity])
        findings.append(f"[{finding.id}] {where}{one_line(finding.message)}")
    return findings if result.findings else Text("—", style="dim")


def _verdict(result: FileResult, names: dict[str, str]) -> Text:
    assessment = result.assessment
    return literal(
        names[assessment.verdict] if assessment else "Invalid",
        style="bold" if assessment else "bold red",
    )


def _table(
    report: Report, names: dict[str, str], title: str, frame: box.Box, width: int
) -> list[RenderableType]:
    table = Table(box=frame, title=title, title_justify="left")
    # A file name is what a reader searches for: it folds onto more lines rather than
    # losing its end, and gets as much room as it can before the findings take the rest.
    longest = max((len(one_line(result.file)) for result in report.files), default=4)
    table.add_column("File", overflow="fold", min_width=min(longest, width // 4))
    for column in ("Verdict", "Claimed"):
        table.add_column(column)
    table.add_column("Confidence", justify="right")
    table.add_column("Findings")
    for result in report.files:
        assessment = result.assessment
        table.add_row(
            Text(one_line(result.file), overflow="fold"),
            _verdict(result, names),
            literal(names.get(result.claimed, "—") if result.claimed else "—"),
            f"{assessment.confidence:.0%}" if assessment else "—",
            _findings(result),
        )
    return [table]


def _stacked(report: Report, names: dict[str, str], title: str) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(title, style="bold")]
    for result in report.files:
        assessment = result.assessment
        parts.append(Text(one_line(result.file), style="bold", overflow="fold"))
        line = Text("  ")
        line.append_text(_verdict(result, names))
        if assessment is not None:
            claimed = names.get(result.claimed, "—") if result.claimed else "no claim"
            line.append(f", claimed {claimed}, confidence {assessment.confidence:.0%}")
        parts.append(line)
        if result.findings:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=3)
            grid.add_column()
            grid.add_row("", _findings(result))
            parts.append(grid)
    return parts
