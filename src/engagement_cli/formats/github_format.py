"""The `github` format: GitHub Actions workflow commands that annotate files.

Each active finding becomes an `::error`, `::warning` or `::notice` command; verdicts and
suppressed findings are plain log lines. Text is escaped by the Actions toolkit's rules,
so nothing from a project file can end a command early or start a new one.
"""

from __future__ import annotations

from engagement_cli.formats.safe_text import one_line
from engagement_cli.formats.text_format import finding_line, summary_line, verdict_line
from engagement_cli.models.result import Finding, Report, Severity

ANNOTATIONS_PER_STEP = 10
"""GitHub shows at most this many annotations of each kind per step, dropping the rest."""

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property (file, title), as the Actions toolkit does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for one finding."""
    properties = [f"file={escape_property(finding.file)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(f'engage {finding.id}')}")
    message = finding.message if finding.field is None else f"{finding.field}: {finding.message}"
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{escape_data(message)}"


def _log_line(text: str) -> str:
    # A plain log line must not start a workflow command: '::' at the start would.
    line = one_line(text)
    return f" {line}" if line.startswith("::") else line


def render_github(report: Report) -> str:
    """Annotations for active findings, plain lines for the rest, and a summary."""
    counts = dict.fromkeys(Severity, 0)
    lines: list[str] = []
    for result in report.files:
        if result.assessment is not None:
            lines.append(_log_line(verdict_line(result)))
        for finding in result.findings:
            if finding.suppressed is not None:
                lines.append(_log_line(finding_line(finding)))
                continue
            counts[finding.severity] += 1
            lines.append(annotation(finding))
    over = {severity: count for severity, count in counts.items() if count > ANNOTATIONS_PER_STEP}
    if over:
        detail = ", ".join(f"{count} {_COMMAND[severity]}s" for severity, count in over.items())
        # Put first, so it is itself shown whatever GitHub drops.
        lines.insert(
            0,
            "::warning title=engage::"
            + escape_data(
                f"{detail}: GitHub shows only {ANNOTATIONS_PER_STEP} annotations of each kind per "
                "step, so some are not shown on the files. Every finding is in this log; use "
                "--format sarif for code scanning or --format markdown for the step summary."
            ),
        )
    lines.append(_log_line(summary_line(report)))
    return "\n".join(lines) + "\n"
