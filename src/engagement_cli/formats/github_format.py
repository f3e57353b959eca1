"""The `github` format: GitHub Actions workflow commands that annotate files.

Each active finding becomes an `::error`, `::warning` or `::notice` command; verdicts and
suppressed findings are plain log lines. Text is escaped by the Actions toolkit's rules,
so nothing from a project file can end a command early or start a new one. It streams,
and says so at the point where GitHub's per-step annotation limit starts hiding some.
"""

from __future__ import annotations

from engagement_cli.formats.safe_text import log_inert, one_line
from engagement_cli.formats.text_format import finding_line, summary_line, verdict_line
from engagement_cli.models.result import FileResult, Finding, Report, Severity, Summary

ANNOTATIONS_PER_STEP = 10
"""GitHub shows at most this many annotations of each kind per step, dropping the rest."""

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _inert(text: str) -> str:
    # What goes into a command: one line, no control characters (the log viewer would
    # obey OSC, CSI and bidi ones as a terminal does) and no command of its own.
    return log_inert(one_line(text))


def escape_property(text: str) -> str:
    """Escape a command property (file, title), as the Actions toolkit does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for one finding."""
    properties = [f"file={escape_property(_inert(finding.file))}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(f'engage {finding.id}')}")
    message = finding.message if finding.field is None else f"{finding.field}: {finding.message}"
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{escape_data(_inert(message))}"


def _log_line(text: str) -> str:
    # A plain log line must not start or hold a workflow command.
    return _inert(text)


def github_file(result: FileResult) -> str:
    """One file's lines: its verdict, an annotation per active finding, suppressed ones plain."""
    lines = [_log_line(verdict_line(result))] if result.assessment is not None else []
    for finding in result.findings:
        suppressed = finding.suppressed is not None
        lines.append(_log_line(finding_line(finding)) if suppressed else annotation(finding))
    return "".join(f"{line}\n" for line in lines)


def github_end(summary: Summary) -> str:
    """The summary line, after a notice if GitHub's annotation limit hid some findings."""
    lines = []
    over = {
        severity: count
        for severity, count in summary.severities.items()
        if count > ANNOTATIONS_PER_STEP
    }
    if over:
        detail = ", ".join(f"{count} {_COMMAND[severity]}s" for severity, count in over.items())
        message = (
            f"{detail}: GitHub shows only {ANNOTATIONS_PER_STEP} annotations of each "
            "kind per step, so some findings appear in this log but not on the files. "
            "Use --format sarif for code scanning or --format markdown for the step "
            "summary."
        )
        # A warning, unless warnings are what overflowed: the notice must itself be shown.
        kind = Severity.NOTE if Severity.WARNING in over else Severity.WARNING
        lines.append(f"::{_COMMAND[kind]} title=engage::{escape_data(message)}")
    lines.append(_log_line(summary_line(summary)))
    return "".join(f"{line}\n" for line in lines)


def render_github(report: Report) -> str:
    """Annotations for active findings, plain lines for the rest, and a summary."""
    return "".join(github_file(result) for result in report.files) + github_end(report.summary())
