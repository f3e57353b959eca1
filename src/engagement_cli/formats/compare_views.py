"""Every view of `engage compare`: text, json, markdown, html and the rich table.

Each is a pure function of a `Comparison`; text from the project files is escaped the
way the check formats escape it (`safe_text`, `markdown_format.cell`, `html_format.text`).
"""

from __future__ import annotations

from html import escape

from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.html_format import PAGE_HEAD, asset, map_cell, text
from engagement_cli.formats.markdown_format import cell
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.safe_text import (
    json_inert,
    literal,
    log_inert,
    markup_escape,
    one_line,
)
from engagement_cli.formats.wording import readiness_summary
from engagement_cli.models.comparison import (
    Comparison,
    Movement,
    ParticipationChange,
    ProjectComparison,
)
from engagement_cli.models.result import FileResult, Participation, Readiness


def _verdict(comparison: Comparison, result: FileResult | None) -> str:
    if result is None:
        return "—"
    if result.assessment is None:
        return "invalid file"
    return comparison.name(result.assessment.verdict)


def _claim(comparison: Comparison, result: FileResult | None) -> str:
    if result is None or result.assessment is None:
        return "—"
    return comparison.name(result.claimed) if result.claimed else "no claim"


def describe_change(change: ParticipationChange) -> str:
    """One change in words, e.g. "design: say raised from consulted to shares decisions"."""
    where = f"{change.stage}: " if change.stage else ""
    if change.aspect == "group":
        return f"the group was {change.movement.value} ({change.before or change.after})"
    if change.aspect == "doing":
        return f"{where}own work {change.movement.value}"
    if change.aspect == "responsibility":
        return f"shared responsibility for {change.before or change.after} {change.movement.value}"
    if change.before is None or change.after is None:
        return f"{where}say {change.movement.value} ({change.before or change.after})"
    return f"{where}say {change.movement.value} from {change.before} to {change.after}"


def _readiness(readiness: Readiness | None) -> str:
    return readiness_summary(readiness) if readiness is not None else "—"


def _status(project: ProjectComparison) -> str:
    ids = [finding.id for finding in project.findings]
    if "fell-short" in ids:
        return "fell short"
    for finding_id, words in (
        ("not-compared", "not compared"),
        ("only-in-plan", "no report"),
        ("only-in-report", "no plan"),
        ("changed-kind", "different kind"),
    ):
        if finding_id in ids:
            return words
    # Compared, neither below nor a different kind: a new verdict can only be higher.
    verdicts = {
        result.assessment.verdict
        for result in (project.plan, project.report)
        if result is not None and result.assessment is not None
    }
    if len(verdicts) > 1:
        return "improved"
    return "changed" if project.changes else "unchanged"


def _counts(comparison: Comparison) -> str:
    statuses = [_status(project) for project in comparison.projects]
    order = [
        "fell short",
        "different kind",
        "improved",
        "changed",
        "unchanged",
        "no report",
        "no plan",
        "not compared",
    ]
    parts = [f"{statuses.count(status)} {status}" for status in order if status in statuses]
    return f"{len(statuses)} project{'s' if len(statuses) != 1 else ''}: {', '.join(parts)}"


# --- text -------------------------------------------------------------------------------


def render_compare_text(comparison: Comparison) -> str:
    """Plain lines: one block per project, then the findings and a count."""
    lines: list[str] = []
    for project in comparison.projects:
        lines.append(
            f"{one_line(project.title)}: {_status(project)}: "
            f"{_verdict(comparison, project.plan)} -> {_verdict(comparison, project.report)}"
            f" (claimed {_claim(comparison, project.plan)} -> "
            f"{_claim(comparison, project.report)})"
        )
        for change in project.changes:
            lines.append(f"  {one_line(change.group)}: {describe_change(change)}")
        if project.readiness_before is not None:
            lines.append(
                f"  readiness for {project.readiness_before.approach_name}: "
                f"{_readiness(project.readiness_before)} -> {_readiness(project.readiness_after)}"
            )
        for finding in project.findings:
            lines.append(f"  {finding.severity.value} [{finding.id}] {one_line(finding.message)}")
    lines.append(_counts(comparison))
    return log_inert("\n".join(lines) + "\n")


# --- json -------------------------------------------------------------------------------


def render_compare_json(comparison: Comparison) -> str:
    """The comparison as indented JSON (`engage.compare/v1`, documented in the README)."""
    return json_inert(comparison.model_dump_json(indent=2, by_alias=True)) + "\n"


# --- markdown ---------------------------------------------------------------------------


def render_compare_markdown(comparison: Comparison) -> str:
    """A table of projects, then each project's changes: fit for a pull-request comment."""
    lines = [
        "## engage compare: plan against report",
        "",
        _counts(comparison),
        "",
        "| Project | Status | Planned | Delivered | Claimed (plan → report) "
        "| Readiness (plan → report) |",
        "|---|---|---|---|---|---|",
    ]
    for project in comparison.projects:
        planned, delivered = project.plan, project.report
        lines.append(
            f"| {cell(project.title)} | {_status(project)} | {cell(_verdict(comparison, planned))} "
            f"| {cell(_verdict(comparison, delivered))} | "
            f"{cell(_claim(comparison, planned))} → {cell(_claim(comparison, delivered))} "
            f"| {cell(_readiness(project.readiness_before))} → "
            f"{cell(_readiness(project.readiness_after))} |"
        )
    for project in comparison.projects:
        if not project.changes and not project.findings:
            continue
        lines += ["", f"### {cell(project.title)}", ""]
        lines += [
            f"- **{finding.severity.value}** `{finding.id}`: {cell(finding.message)}"
            for finding in project.findings
        ]
        lines += [
            f"- {cell(change.group)}: {cell(describe_change(change))}" for change in project.changes
        ]
    return log_inert("\n".join(lines) + "\n")


# --- html -------------------------------------------------------------------------------

_STYLE = (
    ".pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));"
    "gap:1rem}.map .changed{outline:3px solid #b45309;outline-offset:-3px;font-weight:600}"
    ".status{font-weight:600}"
)


def _html_map(
    participation: list[Participation], marked: set[tuple[str, str | None]], caption: str
) -> str:
    """One side's participation map; `marked` holds (group, stage) for a changed cell,
    (group, "responsibility") for changed responsibility, (group, None) for a group
    added or removed."""
    if not participation:
        return "<p>No groups.</p>"
    stages = [cell.stage for cell in participation[0].stages]
    head = "".join(f'<th scope="col">{escape(stage.capitalize())}</th>' for stage in stages)
    rows = []
    for row in participation:
        cells = "".join(
            map_cell(item.say, item.does_work, (row.group, item.stage) in marked)
            for item in row.stages
        )
        shares = ", ".join(row.shares_responsibility_for)
        responsibility = f"★ {escape(shares)}" if shares else "—"
        changed = ' class="changed"' if (row.group, "responsibility") in marked else ""
        group = ' class="changed"' if (row.group, None) in marked else ""
        rows.append(
            f'<tr><th scope="row"{group}>{text(row.group)}<br><small>{escape(row.role)}'
            f"</small></th>{cells}<td{changed}>{responsibility}</td></tr>"
        )
    return (
        f'<div class="wide"><table class="map"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">Group</th>{head}'
        f'<th scope="col">Shares responsibility for</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _marks(project: ProjectComparison, side: str) -> set[tuple[str, str | None]]:
    """What to outline on one side: a removed group on the plan's map, every other
    change on the report's."""
    marks: set[tuple[str, str | None]] = set()
    for change in project.changes:
        if change.aspect == "group":
            removed = change.movement is Movement.REMOVED
            if removed == (side == "Plan"):
                marks.add((change.group, None))
        elif side == "Report":
            marks.add((change.group, change.stage or change.aspect))
    return marks


def _html_project(comparison: Comparison, project: ProjectComparison) -> str:
    maps = []
    for label, result in (("Plan", project.plan), ("Report", project.report)):
        if result is None or result.assessment is None:
            maps.append(f"<div><h4>{label}</h4><p>{escape(_verdict(comparison, result))}</p></div>")
            continue
        maps.append(
            f"<div><h4>{label}: {text(result.file)}</h4>"
            + _html_map(
                result.assessment.participation,
                _marks(project, label),
                f"{label}: {_verdict(comparison, result)}; outlined cells changed since the plan"
                if label == "Report"
                else f"{label}: {_verdict(comparison, result)}; an outlined group was removed",
            )
            + "</div>"
        )
    items = "".join(
        f"<li>{text(change.group)}: {text(describe_change(change))}</li>"
        for change in project.changes
    )
    findings = "".join(
        f'<li class="{escape(finding.severity.value)}"><b>{escape(finding.severity.value)}</b> '
        f"<code>{escape(finding.id)}</code> {text(finding.message)}</li>"
        for finding in project.findings
    )
    readiness = ""
    if project.readiness_before is not None:
        readiness = (
            f"<p>Readiness for {text(project.readiness_before.approach_name)}: "
            f"{escape(_readiness(project.readiness_before))} → "
            f"{escape(_readiness(project.readiness_after))}</p>"
        )
    return (
        f'<article class="card"><h3>{text(project.title)} '
        f'<span class="status">{escape(_status(project))}</span></h3>'
        f"<p>{escape(_verdict(comparison, project.plan))} → "
        f"{escape(_verdict(comparison, project.report))}; claimed "
        f"{escape(_claim(comparison, project.plan))} → "
        f"{escape(_claim(comparison, project.report))}</p>"
        f"{readiness}"
        f"{'<ul>' + findings + '</ul>' if findings else ''}"
        f'<div class="pair">{"".join(maps)}</div>'
        f"{'<h4>What changed</h4><ul>' + items + '</ul>' if items else ''}</article>"
    )


def render_compare_html(comparison: Comparison) -> str:
    """One self-contained page: per project, both participation maps side by side."""
    parts = [
        PAGE_HEAD.format(title="engage compare", style=asset("report.css") + _STYLE),
        '<header class="page"><h1>Plan against report</h1>',
        f"<p>{escape(_counts(comparison))}; rubric <code>{text(comparison.rubric)}</code>, "
        f"engage {text(comparison.tool_version)}.</p></header><main>",
        *(_html_project(comparison, project) for project in comparison.projects),
        "</main></body></html>\n",
    ]
    return log_inert("".join(parts), markup_escape)


# --- rich -------------------------------------------------------------------------------


def render_compare_rich(comparison: Comparison, options: RenderOptions) -> str:
    """A table of projects and their changes, for a terminal."""
    table = Table(title="Plan against report", show_lines=True, expand=False)
    longest = max((len(project.title) for project in comparison.projects), default=7)
    # Wide enough for a file name, never so wide that the changes get squeezed out.
    table.add_column("Project", overflow="fold", min_width=min(longest, 40, options.width // 4))
    for heading in ("Status", "Planned → delivered", "What changed"):
        table.add_column(heading, overflow="fold")
    for project in comparison.projects:
        changes = Text()
        for index, change in enumerate(project.changes):
            if index:
                changes.append("\n")
            changes.append_text(literal(f"{change.group}: {describe_change(change)}"))
        for finding in project.findings:
            changes.append("\n" if changes.plain else "")
            style = "red" if finding.severity.value == "error" else "yellow"
            changes.append_text(literal(f"{finding.id}: {finding.message}", style))
        table.add_row(
            literal(project.title),
            Text(_status(project)),
            literal(
                f"{_verdict(comparison, project.plan)} → {_verdict(comparison, project.report)}"
            ),
            changes if changes.plain else Text("—"),
        )
    return render_to_text(
        [table, Text(_counts(comparison))], color=options.color, width=options.width
    )
