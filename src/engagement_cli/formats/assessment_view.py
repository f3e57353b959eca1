"""The detailed console view of one assessed file, as `engage assess` shows it."""

from __future__ import annotations

import shlex

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.safe_text import literal, one_line
from engagement_cli.formats.wording import (
    NO_PART,
    WORK_MARK,
    confidence_lines,
    participation_cell,
    readiness_summary,
)
from engagement_cli.models.result import (
    Assessment,
    ClaimStatus,
    FileResult,
    Readiness,
    Report,
    Severity,
)

_SAY_STYLE = {
    "informed": "dim",
    "consulted": "cyan",
    "involved": "blue",
    "shares decisions": "bold green",
    "decides": "bold magenta",
}
_RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
_CLAIM_STYLE = {
    ClaimStatus.OVER_CLAIMS: "bold red",
    ClaimStatus.MISLABELS: "bold yellow",
    ClaimStatus.UNDER_CLAIMS: "bold cyan",
    ClaimStatus.MATCHES: "bold green",
    ClaimStatus.NOT_CLAIMED: "bold",
}


def render_assessment(
    result: FileResult, report: Report, *, color: bool, width: int, details: bool = False
) -> str:
    """The explanation of one file's verdict, as terminal text; `details` adds every
    criterion with its evidence and source."""
    return render_to_text(
        _parts(result, report, not color, details, width), color=color, width=width
    )


STACKED_BELOW = 90
"""Narrower than this, the participation map lists each group's stages in rows: a table of
seven columns cannot show "shares decisions" whole."""


def _parts(
    result: FileResult, report: Report, plain: bool, details: bool, width: int
) -> list[RenderableType]:
    frame = box.ASCII if plain else box.ROUNDED
    if result.assessment is None:
        return [_problems(result, frame)]
    assessment = result.assessment
    # The answers people came for first; the tables that justify them after.
    parts: list[RenderableType] = [
        _verdict_panel(result, assessment, report, frame),
        _claim(assessment),
        _changes(assessment, report),
        _participation(assessment, frame)
        if width >= STACKED_BELOW
        else _participation_stacked(assessment),
        _scores(assessment, frame),
    ]
    if details:
        parts.append(_criteria(assessment, report, frame))
    if assessment.practice:
        parts.append(_practice(assessment, report, frame))
    parts.extend(_readiness(readiness, report, frame) for readiness in assessment.readiness)
    if result.findings:
        parts.append(_findings(result, frame))
    if not details:
        # The command to run, with the file's own path, quoted for a shell.
        command = f"engage assess {one_line(shlex.quote(result.file))} --details"
        parts.append(
            Text(
                "Every criterion, with the evidence from the file and the source sentence "
                f"behind it: {command}",
                style="dim",
            )
        )
    return parts


def _verdict_panel(
    result: FileResult, assessment: Assessment, report: Report, frame: box.Box
) -> Panel:
    names = report.approach_names
    body = Text()
    body.append("Verdict: ", style="bold")
    body.append(assessment.verdict_name, style="bold green")
    body.append(f"   confidence {assessment.confidence:.0%} ({assessment.confidence_label})")
    if assessment.runner_up:
        body.append(f"   runner-up: {names.get(assessment.runner_up, assessment.runner_up)}")
    body.append("\nClaimed: ")
    body.append(names.get(result.claimed, "—") if result.claimed else "(no claim)")
    body.append("\nWhy: ", style="bold")
    body.append(one_line(assessment.verdict_reason))
    for line in confidence_lines(assessment, report):
        body.append("\nConfidence: ", style="bold")
        body.append(line)
    title = Text(one_line(assessment.project), style="bold")
    return Panel(
        body,
        title=title,
        subtitle=Text(one_line(result.file)),
        box=frame,
        title_align="left",
        subtitle_align="right",
    )


def _participation(assessment: Assessment, frame: box.Box) -> Group:
    table = Table(
        title="Participation map: who takes part, when, with how much say",
        box=frame,
        title_justify="left",
        show_lines=False,
    )
    table.add_column("Group")
    stages = [cell.stage for cell in assessment.participation[0].stages]
    for stage in stages:
        table.add_column(stage.capitalize())
    table.add_column("Shares responsibility for")
    for row in assessment.participation:
        label = Text(one_line(row.group))
        label.append(f"\n{row.role}, {row.relationship}", style="dim")
        cells: list[Text] = [label]
        for cell in row.stages:
            text = participation_cell(cell.say, cell.does_work)
            cells.append(
                Text(text, style=_SAY_STYLE.get(cell.say or "", "dim" if text == NO_PART else ""))
            )
        cells.append(Text(", ".join(row.shares_responsibility_for) or "—"))
        table.add_row(*cells)
    legend = Text(
        f"{WORK_MARK}: the group's own work goes into that stage   ·: takes no part", style="dim"
    )
    return Group(table, legend)


def _participation_stacked(assessment: Assessment) -> Group:
    """The participation map for a narrow terminal: a block per group, a line per stage."""
    parts: list[RenderableType] = [
        Text("Participation map: who takes part, when, with how much say", style="bold")
    ]
    for row in assessment.participation:
        heading = Text(one_line(row.group), style="bold")
        heading.append(f"  {row.role}, {row.relationship}", style="dim")
        if row.shares_responsibility_for:
            heading.append(
                f"; shares responsibility for {', '.join(row.shares_responsibility_for)}"
            )
        parts.append(heading)
        lines = Table.grid(padding=(0, 2))
        lines.add_column(width=10)
        lines.add_column()
        taking_part = [cell for cell in row.stages if cell.say is not None or cell.does_work]
        for cell in taking_part:
            text = participation_cell(cell.say, cell.does_work).replace("\n", " ")
            lines.add_row(f"  {cell.stage}", Text(text, style=_SAY_STYLE.get(cell.say or "", "")))
        if not taking_part:
            lines.add_row("", Text("takes no part", style="dim"))
        parts.append(lines)
    parts.append(Text(f"{WORK_MARK}: the group's own work goes into that stage", style="dim"))
    return Group(*parts)


def _scores(assessment: Assessment, frame: box.Box) -> Table:
    table = Table(title="Approaches, and how each stands", box=frame, title_justify="left")
    table.add_column("Approach")
    table.add_column("Against the verdict")
    table.add_column("Fits")
    table.add_column("Requirements not met")
    for score in assessment.scores:
        mark = Text("yes", style="green") if score.qualifies else Text("no", style="dim")
        name = Text(score.name, style="bold" if score.relation == "verdict" else "")
        missing = ", ".join(
            f"{key} (near)" if key in score.near_misses else key for key in score.requirements_unmet
        )
        if score.ruled_out_by:
            missing = "; ".join(
                part for part in (missing, f"ruled out by {', '.join(score.ruled_out_by)}") if part
            )
        table.add_row(name, _RELATION_WORDS[score.relation], mark, literal(missing or "—"))
    return table


_RELATION_WORDS = {
    "verdict": "the verdict",
    "above": "shares more power",
    "below": "shares less power",
    "unordered": "a different kind",
}


def _criteria(assessment: Assessment, report: Report, frame: box.Box) -> Table:
    table = Table(
        title="Every criterion, with the evidence and the source behind each",
        box=frame,
        title_justify="left",
        show_lines=True,
    )
    table.add_column("Met")
    table.add_column("Criterion")
    table.add_column("Evidence")
    table.add_column("Source")
    for criterion in assessment.criteria:
        mark = Text("yes", style="green") if criterion.met else Text("no", style="red")
        evidence = Text()
        for index, item in enumerate(criterion.evidence[:4]):
            if index:
                evidence.append("\n")
            where = f"line {item.line}: " if item.line else ""
            who = f"{one_line(item.group)}: " if item.group else ""
            evidence.append(f"{where}{who}{item.test} = {one_line(item.value)}")
        hidden = len(criterion.evidence) + criterion.more_evidence - 4
        if hidden > 0:
            evidence.append(f"\n(+{hidden} more)", style="dim")
        if not criterion.evidence:
            evidence.append("no group meets it" if not criterion.met else "—", style="dim")
        info = report.criterion(criterion.id)
        source = Text()
        for cite in info.citations[:1] if info else []:
            source.append(f"[{cite.source}] ", style="bold")
            source.append(f"“{one_line(cite.quote)}”", style="italic")
        title = literal(info.title if info else criterion.id)
        title.append(f"\n{criterion.id}", style="dim")
        table.add_row(mark, title, evidence, source)
    return table


def _claim(assessment: Assessment) -> Text:
    text = Text("Claim check: ", style="bold")
    text.append(assessment.claim.message, style=_CLAIM_STYLE[assessment.claim.status])
    return text


def _changes(assessment: Assessment, report: Report) -> Group:
    heading = Text("What would change the verdict", style="bold")
    if not assessment.changes:
        heading.append(
            f"\n  {assessment.verdict_name} shares the most power of the rubric's approaches; "
            "nothing above it to reach."
        )
        return Group(heading)
    parts: list[RenderableType] = [heading]
    for target in assessment.changes:
        name = report.approach_names.get(target.approach, target.approach)
        label = f"To be {name} (as claimed):" if target.reason == "claimed" else f"To reach {name}:"
        parts.append(Text(f"  {label}", style="bold"))
        # A grid, so that a long change wraps under its own first word, not the bullet.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=5, justify="right")
        grid.add_column(ratio=1)
        for change in target.changes:
            line = literal(change.text)
            line.append(f"  [{change.criterion}]", style="dim")
            grid.add_row("•", line)
        parts.append(grid)
    return Group(*parts)


def _practice(assessment: Assessment, report: Report, frame: box.Box) -> Table:
    table = Table(
        title=f"Good practice for {assessment.verdict_name} (it never changes the verdict)",
        box=frame,
        title_justify="left",
    )
    table.add_column("Done")
    table.add_column("Practice")
    table.add_column("What to do")
    for item in assessment.practice:
        info = report.criterion(item.criterion)
        mark = Text("yes", style="green") if item.met else Text("no", style="yellow")
        title = literal(info.title if info else item.criterion)
        title.append(f"\n{item.criterion}", style="dim")
        table.add_row(mark, title, literal(item.change or "—"))
    return table


def _readiness(readiness: Readiness, report: Report, frame: box.Box) -> Table:
    title = Text(f"Readiness for {readiness.approach_name}: ")
    title.append(
        readiness_summary(readiness),
        style=_RAG_STYLE.get(readiness.status.value, "bold"),
    )
    table = Table(title=title, box=frame, title_justify="left")
    table.add_column("Answer")
    table.add_column("Item")
    for item in readiness.items:
        info = report.checklist_item(item.id)
        text = info.text if info else item.id
        table.add_row(literal(item.answer), literal(f"{text}  ({item.id})"))
    return table


def _findings(result: FileResult, frame: box.Box) -> Table:
    table = Table(title="Findings", box=frame, title_justify="left")
    table.add_column("Severity")
    table.add_column("Id")
    table.add_column("Where")
    table.add_column("Message")
    for finding in result.findings:
        severity = Text(finding.severity.value, style=_SEVERITY_STYLE[finding.severity])
        if finding.suppressed is not None:
            severity = Text(f"suppressed ({finding.severity.value})", style="dim")
        where = f"line {finding.line}" if finding.line else ""
        message = one_line(finding.message)
        if finding.suppressed is not None:
            message += f" — suppressed: {one_line(finding.suppressed)}"
        table.add_row(severity, literal(finding.id), where, Text(message))
    return table


def _problems(result: FileResult, frame: box.Box) -> Group:
    table = Table(
        title=Text(f"{one_line(result.file)} could not be assessed"),
        box=frame,
        title_justify="left",
    )
    table.add_column("Where")
    table.add_column("Field")
    table.add_column("Problem")
    for finding in result.findings:
        where = f"{finding.line}:{finding.column}" if finding.line else ""
        table.add_row(where, literal(finding.field or ""), literal(finding.message))
    return Group(table)
