"""Comparing a project's plan with its report: verdicts, participation and readiness.

Pure functions of two `FileResult`s and the rubric: the CLI finds and assesses the files,
this decides what changed and whether the report fell short of the promise.
"""

from __future__ import annotations

from engagement_cli.engine.readiness import readiness_for
from engagement_cli.models.comparison import Movement, ParticipationChange, ProjectComparison
from engagement_cli.models.project import Project, Say, normalise_word
from engagement_cli.models.result import FileResult, Finding, Participation, Severity
from engagement_cli.rubric.compiled import Relation, Rubric

WORK = "work"


def compare_pair(
    key: str,
    plan: FileResult | None,
    report: FileResult | None,
    rubric: Rubric,
    report_project: Project | None = None,
) -> ProjectComparison:
    """Compare one project's two files; either may be missing or invalid.

    `report_project` (the report's validated project) lets readiness for the planned
    approach be worked out on the report's answers, so the two readinesses compare.
    """
    if plan is None or report is None:
        present = plan or report
        assert present is not None
        finding_id, severity, message = (
            ("only-in-plan", Severity.WARNING, "the plan has no report to compare it with")
            if report is None
            else ("only-in-report", Severity.NOTE, "the report has no plan to compare it with")
        )
        return _uncompared(key, plan, report, finding_id, severity, message, present.file)
    if plan.assessment is None or report.assessment is None:
        broken = plan if plan.assessment is None else report
        side = "the plan" if broken is plan else "the report"
        message = f"{side} could not be assessed; see its own findings"
        return _uncompared(key, plan, report, "not-compared", Severity.ERROR, message, broken.file)
    before, after = plan.assessment, report.assessment
    findings = _verdict_findings(before.verdict, plan.claimed, after.verdict, report.file, rubric)
    readiness_before = next(iter(before.readiness), None)
    readiness_after = None
    if readiness_before is not None and report_project is not None:
        readiness_after = readiness_for(
            rubric.approach(readiness_before.approach), rubric, report_project
        )
    return ProjectComparison(
        key=key,
        plan=plan,
        report=report,
        changes=participation_changes(before.participation, after.participation),
        readiness_before=readiness_before,
        readiness_after=readiness_after,
        findings=findings,
    )


def _uncompared(
    key: str,
    plan: FileResult | None,
    report: FileResult | None,
    finding_id: str,
    severity: Severity,
    message: str,
    file: str,
) -> ProjectComparison:
    """A pair that cannot be compared, with the one finding that says why."""
    finding = Finding.model_construct(id=finding_id, severity=severity, message=message, file=file)
    return ProjectComparison(key=key, plan=plan, report=report, findings=[finding])


def _verdict_findings(
    planned: str, claimed: str | None, delivered: str, report_file: str, rubric: Rubric
) -> list[Finding]:
    """fell-short when the report is below the plan's verdict or its claim; changed-kind
    when it is a different kind from the planned verdict."""
    promised = [("verdict", planned)]
    if claimed is not None and claimed != planned:
        promised.append(("claim", claimed))
    findings: list[Finding] = []
    for what, approach in promised:
        relation = rubric.relation(delivered, approach)
        if relation is Relation.BELOW:
            findings.append(
                Finding.model_construct(
                    id="fell-short",
                    severity=Severity.ERROR,
                    message=f"the report shows {rubric.name(delivered)}, below the plan's "
                    f"{what} of {rubric.name(approach)} in the order of shared power",
                    file=report_file,
                    field="groups",
                )
            )
            break
        if relation is Relation.UNORDERED and what == "verdict":
            findings.append(
                Finding.model_construct(
                    id="changed-kind",
                    severity=Severity.WARNING,
                    message=f"the plan was {rubric.name(approach)} and the report shows "
                    f"{rubric.name(delivered)}: a different kind of engagement, neither above "
                    "the other",
                    file=report_file,
                    field="groups",
                )
            )
    return findings


def _rank(say: str | None) -> int:
    return Say(say).rank if say is not None else -1


def participation_changes(
    before: list[Participation], after: list[Participation]
) -> list[ParticipationChange]:
    """What differs for each group (matched by name) and stage: say, doing, responsibility."""
    changes: list[ParticipationChange] = []
    later = {normalise_word(row.group): row for row in after}
    earlier = {normalise_word(row.group) for row in before}
    for row in before:
        other = later.get(normalise_word(row.group))
        if other is None:
            changes.append(
                ParticipationChange(row.group, "group", None, row.role, None, Movement.REMOVED)
            )
            continue
        changes.extend(_row_changes(row, other))
    for row in after:
        if normalise_word(row.group) not in earlier:
            changes.append(
                ParticipationChange(row.group, "group", None, None, row.role, Movement.ADDED)
            )
    return changes


def _row_changes(before: Participation, after: Participation) -> list[ParticipationChange]:
    changes: list[ParticipationChange] = []
    cells = {cell.stage: cell for cell in after.stages}
    for cell in before.stages:
        new = cells[cell.stage]
        if cell.say != new.say:
            if cell.say is None or new.say is None:
                movement = Movement.ADDED if cell.say is None else Movement.REMOVED
            else:
                movement = Movement.RAISED if _rank(new.say) > _rank(cell.say) else Movement.LOWERED
            changes.append(
                ParticipationChange(before.group, "say", cell.stage, cell.say, new.say, movement)
            )
        if cell.does_work != new.does_work:
            changes.append(
                ParticipationChange(
                    before.group,
                    "doing",
                    cell.stage,
                    WORK if cell.does_work else None,
                    WORK if new.does_work else None,
                    Movement.ADDED if new.does_work else Movement.REMOVED,
                )
            )
    old, now = set(before.shares_responsibility_for), set(after.shares_responsibility_for)
    for item in sorted(now - old):
        changes.append(
            ParticipationChange(before.group, "responsibility", None, None, item, Movement.ADDED)
        )
    for item in sorted(old - now):
        changes.append(
            ParticipationChange(before.group, "responsibility", None, item, None, Movement.REMOVED)
        )
    return changes
