"""The `markdown` format: a summary fit for a pull-request comment or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import re

from engagement_cli.formats.portfolio import claim_matrix
from engagement_cli.formats.safe_text import log_inert, markup_escape, one_line
from engagement_cli.models.result import Report

# Characters that start emphasis, code, links, strike-through or math, or end a cell.
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
# What GitHub turns into a notification or a link even when escaped with a backslash:
# @user and @org/team mentions (and e-mail addresses), #1 and owner/repo#1 references,
# and bare URLs. A zero-width space after the trigger keeps the text as written.
_AUTOLINKED = re.compile(r"(?i)(@|#|gh-)(?=\w)|(https?|ftp|mailto)(?=:)|www(?=\.)")
_BREAK = "&#8203;"
_COMMIT = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,40}(?![0-9A-Za-z])"
)


def cell(text: str) -> str:
    """Text from a file, inert in Markdown: one line, no markup, no HTML, and nothing that
    mentions, references, links or typesets; safe inside a table cell."""
    html_safe = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _SPECIAL.sub(r"\\\1", html_safe)
    unlinked = _AUTOLINKED.sub(lambda match: match.group() + _BREAK, escaped)
    # GitHub links a run of 7 to 40 hex digits as a commit: broken after the sixth.
    return _COMMIT.sub(lambda match: match.group()[:6] + _BREAK + match.group()[6:], unlinked)


def code(text: str) -> str:
    """A name as inline code when it is a plain one (nothing acts inside code), else as
    inert text."""
    return f"`{text}`" if re.fullmatch(r"[\w.@+-]+", text) else cell(text)


def render_markdown(report: Report) -> str:
    """A verdict summary and a table of files with their findings."""
    names = {
        key: cell(name)
        for key, name in {
            **report.approach_names,
            "none": "None",
            "invalid": "Invalid file",
        }.items()
    }
    counts = report.counts_by_verdict()
    lines = ["## engage: engagement approach check", ""]
    lines.append(
        " · ".join(f"**{names[key]}**: {count}" for key, count in counts.items() if count)
        or "No files."
    )
    failing = sum(1 for result in report.files if report.failing(result))
    lines += [
        "",
        f"{len(report.files)} file{'' if len(report.files) == 1 else 's'} checked against "
        f"rubric {code(report.rubric)}; "
        f"{failing} failing at `{report.fail_on.value}` or above.",
        "",
    ]
    lines += ["| File | Verdict | Claimed | Confidence | Findings |", "|---|---|---|---|---|"]
    for result in report.files:
        assessment = result.assessment
        verdict = names[assessment.verdict] if assessment else "Invalid file"
        claimed = names.get(result.claimed, "—") if result.claimed else "—"
        confidence = f"{assessment.confidence:.0%}" if assessment else "—"
        findings = (
            "<br>".join(
                f"{'~~' if finding.suppressed else ''}{finding.severity.value} "
                f"`{finding.id}`{'~~' if finding.suppressed else ''}"
                + (f" (suppressed: {cell(finding.suppressed)})" if finding.suppressed else "")
                + (f" line {finding.line}" if finding.line else "")
                + f": {cell(finding.message)}"
                for finding in result.findings
            )
            or "—"
        )
        lines.append(f"| {cell(result.file)} | {verdict} | {claimed} | {confidence} | {findings} |")
    if len(report.files) > 1:
        lines += ["", *_matrix(report)]
    return log_inert("\n".join(lines) + "\n", markup_escape)


def _matrix(report: Report) -> list[str]:
    """Claimed approach against verdict: how many of those that claim each approach are it."""
    matrix = claim_matrix(report)
    lines = [
        "### Claims against verdicts",
        "",
        "| Claimed ↓ / verdict → | "
        + " | ".join(cell(matrix.names[key]) for key in matrix.columns)
        + " | Total |",
        "|---|" + "---:|" * (len(matrix.columns) + 1),
    ]
    for claimed in matrix.rows:
        counts = [
            f"**{count}**" if claimed == verdict and count else str(count or "·")
            for verdict in matrix.columns
            for count in [matrix.count(claimed, verdict)]
        ]
        total = matrix.row_total(claimed)
        lines.append(f"| {cell(matrix.names[claimed])} | {' | '.join(counts)} | {total} |")
    return lines
