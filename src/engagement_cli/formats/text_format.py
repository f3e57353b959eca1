"""The `text` format: one grep-friendly line per finding, then a one-line summary.

    path/to/file.yaml:12:3: error [over-claim] claimed_approach: Over-claims: ...

It streams: each file's lines are written as soon as the file is assessed.
"""

from __future__ import annotations

from engagement_cli.formats.safe_text import log_inert, one_line
from engagement_cli.models.result import FileResult, Finding, Report, Summary


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
    """`file: verdict VERDICT (claimed CLAIM, confidence N%)` for a file that was assessed;
    `(no claim, …)` when the project makes none."""
    assert result.assessment is not None
    claim = f"claimed {result.claimed}" if result.claimed else "no claim"
    return (
        f"{one_line(result.file)}: verdict {result.assessment.verdict} "
        f"({claim}, confidence {result.assessment.confidence:.0%})"
    )


def text_file(result: FileResult) -> str:
    """One file's lines: its verdict, then its findings."""
    lines = [verdict_line(result)] if result.assessment is not None else []
    lines.extend(finding_line(finding) for finding in result.findings)
    return log_inert("".join(f"{line}\n" for line in lines))


def summary_line(summary: Summary) -> str:
    """`N files: 3 co-creation, 1 invalid; 2 errors, 1 note` (suppressed not counted)."""
    verdicts = ", ".join(f"{count} {name}" for name, count in summary.verdicts.items() if count)
    found = ", ".join(
        f"{count} {severity.value}{'s' if count != 1 else ''}"
        for severity, count in summary.severities.items()
        if count
    )
    plural = "s" if summary.files != 1 else ""
    return f"{summary.files} file{plural}: {verdicts or 'none'}; {found or 'no findings'}"


def text_end(summary: Summary) -> str:
    """The closing summary line."""
    return log_inert(summary_line(summary) + "\n")


def render_text(report: Report) -> str:
    """Every file's verdict and findings, one per line, and a closing summary."""
    return "".join(text_file(result) for result in report.files) + text_end(report.summary())
