"""The `text` format: one grep-friendly line per finding, then a one-line summary.

path/to/file.yaml:12:3: error [over-claim] claimed_approach: Over-claims: ...
"""

from __future__ import annotations

from engagement_cli.formats.safe_text import one_line
from engagement_cli.models.result import FileResult, Finding, Report


def finding_line(finding: Finding) -> str:
    """`file:line:col: severity [id] field: message`, with unknown positions left out."""
    where = one_line(finding.file)
    if finding.line is not None:
        where += f":{finding.line}"
        if finding.column is not None:
            where += f":{finding.column}"
    field = f"{one_line(finding.field)}: " if finding.field else ""
    severity = finding.severity.value
    if finding.suppressed is not None:
        severity = f"suppressed {severity}"
    line = f"{where}: {severity} [{finding.id}] {field}{one_line(finding.message)}"
    if finding.suppressed is not None:
        line += f" (reason: {one_line(finding.suppressed)})"
    return line


def verdict_line(result: FileResult) -> str:
    """`file: verdict VERDICT (claimed CLAIM, confidence N%)` for a file that was assessed."""
    assert result.assessment is not None
    claim = result.claimed or "none"
    return (
        f"{one_line(result.file)}: verdict {result.assessment.verdict} "
        f"(claimed {claim}, confidence {result.assessment.confidence:.0%})"
    )


def render_text(report: Report) -> str:
    """Every file's verdict and findings, one per line, and a closing summary."""
    lines: list[str] = []
    for result in report.files:
        if result.assessment is not None:
            lines.append(verdict_line(result))
        lines.extend(finding_line(finding) for finding in result.findings)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    """`N files: 3 co-creation, 1 invalid; 2 errors, 1 note` (suppressed not counted)."""
    counts = report.counts_by_verdict()
    verdicts = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    severities: dict[str, int] = {}
    for result in report.files:
        for finding in result.active_findings:
            severities[finding.severity.value] = severities.get(finding.severity.value, 0) + 1
    found = ", ".join(
        f"{count} {name}{'s' if count != 1 else ''}"
        for name, count in sorted(
            severities.items(), key=lambda item: ["error", "warning", "note"].index(item[0])
        )
    )
    total = len(report.files)
    return (
        f"{total} file{'s' if total != 1 else ''}: {verdicts or 'none'}; {found or 'no findings'}"
    )
