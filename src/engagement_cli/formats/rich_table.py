"""The `rich` format of a batch: a table of files and a summary by verdict."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.safe_text import literal, one_line
from engagement_cli.formats.text_format import summary_line
from engagement_cli.models.result import Report, Severity

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def render_rich_table(report: Report, options: RenderOptions) -> str:
    """Files with verdict, claim, confidence and findings; then counts per verdict."""
    frame = box.ROUNDED if options.color else box.ASCII
    names = {**report.approach_names, "none": "None", "invalid": "Invalid"}
    table = Table(
        box=frame,
        title=f"engage check: {len(report.files)} files, rubric {report.rubric}",
        title_justify="left",
    )
    for column in ("File", "Verdict", "Claimed", "Confidence", "Findings"):
        table.add_column(column, justify="right" if column == "Confidence" else "left")
    for result in report.files:
        assessment = result.assessment
        findings = Text()
        for index, finding in enumerate(result.findings):
            if index:
                findings.append("\n")
            if finding.suppressed is not None:
                findings.append(
                    f"suppressed {finding.id}: {one_line(finding.suppressed)}", style="dim"
                )
                continue
            where = f"line {finding.line}: " if finding.line else ""
            findings.append(f"{finding.severity.value} ", style=_SEVERITY_STYLE[finding.severity])
            findings.append(f"[{finding.id}] {where}{one_line(finding.message)}")
        table.add_row(
            Text(one_line(result.file)),
            literal(
                names[assessment.verdict] if assessment else "Invalid",
                style="bold" if assessment else "bold red",
            ),
            literal(names.get(result.claimed, "—") if result.claimed else "—"),
            f"{assessment.confidence:.0%}" if assessment else "—",
            findings if result.findings else Text("—", style="dim"),
        )
    summary = Table(box=frame, title="By verdict", title_justify="left")
    summary.add_column("Verdict")
    summary.add_column("Files", justify="right")
    for key, count in report.counts_by_verdict().items():
        if count:
            summary.add_row(literal(names[key]), str(count))
    closing = Text(summary_line(report.summary()))
    return render_to_text([table, summary, closing], color=options.color, width=options.width)
