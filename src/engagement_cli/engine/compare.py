"""Comparing a project's plan with its report: pairing, verdicts, participation, readiness.

Pure functions of assessed files and the rubric: the CLI finds and assesses the files,
this decides which file is compared with which, what changed, and whether the report fell
short of the promise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from engagement_cli.engine.readiness import readiness_for
from engagement_cli.models.comparison import Movement, ParticipationChange, ProjectComparison
from engagement_cli.models.project import Project, Say, normalise_word
from engagement_cli.models.result import FileResult, Finding, Participation, Severity
from engagement_cli.rubric.compiled import Relation, Rubric

WORK = "work"


@dataclass(frozen=True, slots=True)
class Side:
    """One assessed file on one side of a comparison."""

    relative: str
    """Its path relative to the folder compared (its label, for two files named)."""
    result: FileResult
    project: Project | None
    """The validated project, or None if the file is invalid."""

    @property
    def project_id(self) -> str | None:
        return self.project.id if self.project is not None else None


@dataclass(frozen=True, slots=True)
class Pair:
    """What is compared with what: a plan and its report, or a file on one side only."""

    key: str
    matched_by: str | None
    """id, path or files (two files named), or None for a file on one side only."""
    plan: Side | None
    report: Side | None
    findings: tuple[Finding, ...] = ()
    """Problems met while pairing, such as an id used twice on one side."""


def pair_files(plan: Side, report: Side) -> Pair:
    """Two files named on the command line: compared whatever they hold, with a warning
    when their ids say they are different projects."""
    findings: tuple[Finding, ...] = ()
    if plan.project_id is not None and report.project_id not in (None, plan.project_id):
        message = (
            f"the plan's id {plan.project_id!r} differs from the report's id "
            f"{report.project_id!r}: these may be two different projects"
        )
        findings = (_finding("different-id", Severity.WARNING, message, report),)
    return Pair(report.relative, "files", plan, report, findings)


def pair_folders(plans: Sequence[Side], reports: Sequence[Side]) -> list[Pair]:
    """Match two folders' files: by `id` first, then by relative path, sorted by key.

    An id pairs two files when it is used exactly once on each side. A file whose id is
    used twice on its side gets a `duplicate-id` warning and is paired by path. Two files
    at the same path whose ids differ are different projects, so they are not paired.
    Every file appears in exactly one pair.
    """
    plan_ids, report_ids = _unique_ids(plans), _unique_ids(reports)
    shared = set(plan_ids) & set(report_ids)
    pairs = [Pair(key, "id", plan_ids[key], report_ids[key]) for key in shared]
    plan_notes, report_notes = _duplicate_ids(plans), _duplicate_ids(reports)
    unpaired = {side.relative: side for side in reports if side.project_id not in shared}
    for plan in plans:
        if plan.project_id in shared:
            continue
        notes = plan_notes.get(plan.relative, ())
        report = unpaired.get(plan.relative)
        if report is None or _different_projects(plan, report):
            pairs.append(Pair(plan.relative, None, plan, None, notes))
            continue
        del unpaired[plan.relative]
        notes += report_notes.get(report.relative, ())
        pairs.append(Pair(plan.relative, "path", plan, report, notes))
    for report in unpaired.values():
        notes = report_notes.get(report.relative, ())
        pairs.append(Pair(report.relative, None, None, report, notes))
    return sorted(pairs, key=lambda pair: (pair.key, pair.plan is None))


def _unique_ids(sides: Sequence[Side]) -> dict[str, Side]:
    """The files whose id no other file on their side uses, by id."""
    counts = Counter(side.project_id for side in sides if side.project_id is not None)
    return {
        side.project_id: side
        for side in sides
        if side.project_id is not None and counts[side.project_id] == 1
    }


def _different_projects(plan: Side, report: Side) -> bool:
    """Both files carry an id, and the ids differ: two different projects."""
    return (
        plan.project_id is not None
        and report.project_id is not None
        and plan.project_id != report.project_id
    )


def _duplicate_ids(sides: Sequence[Side]) -> dict[str, tuple[Finding, ...]]:
    """A `duplicate-id` warning for every file whose id another file on its side uses,
    by relative path."""
    by_id: dict[str, list[Side]] = {}
    for side in sides:
        if side.project_id is not None:
            by_id.setdefault(side.project_id, []).append(side)
    notes: dict[str, tuple[Finding, ...]] = {}
    for project_id, same in by_id.items():
        for side in same if len(same) > 1 else ():
            others = ", ".join(other.relative for other in same if other is not side)
            message = f"id {project_id!r} is also used by {others}, so it pairs nothing by id"
            notes[side.relative] = (_finding("duplicate-id", Severity.WARNING, message, side),)
    return notes


def _finding(finding_id: str, severity: Severity, message: str, side: Side) -> Finding:
    """A finding about a side's `id` field."""
    return Finding.model_construct(
        id=finding_id, severity=severity, message=message, file=side.result.file, field="id"
    )


def compare_pair(pair: Pair, rubric: Rubric) -> ProjectComparison:
    """Compare one project's two files; either may be missing or invalid.

    Readiness for the planned approach is worked out again on the report's answers (from
    its validated project), so that the two readinesses compare.
    """
    plan = pair.plan.result if pair.plan is not None else None
    report = pair.report.result if pair.report is not None else None
    shown = ProjectComparison(key=pair.key, matched_by=pair.matched_by, plan=plan, report=report)
    broken = _not_assessed(plan, report)
    if plan is None or report is None:
        present = plan or report
        assert present is not None
        finding_id, severity, message = (
            ("only-in-plan", Severity.WARNING, "the plan has no report to compare it with")
            if report is None
            else ("only-in-report", Severity.NOTE, "the report has no plan to compare it with")
        )
        alone = pair.plan or pair.report
        if alone is not None and alone.project_id is not None:
            message += f" (no file on the other side has its id {alone.project_id!r})"
        missing = _finding_on(present.file, finding_id, severity, message)
        return shown.model_copy(update={"findings": [*pair.findings, missing, *broken]})
    before, after = plan.assessment, report.assessment
    if broken or before is None or after is None:
        return shown.model_copy(update={"findings": [*pair.findings, *broken]})
    # Readiness for what the plan promised: its claim, or its verdict when it claims none.
    readiness_before = next(
        (entry for entry in before.readiness if entry.approach == plan.claimed),
        next(iter(before.readiness), None),
    )
    readiness_after = None
    report_project = pair.report.project if pair.report is not None else None
    if readiness_before is not None and report_project is not None:
        readiness_after = readiness_for(
            rubric.approach(readiness_before.approach), rubric, report_project
        )
    verdict = _verdict_findings(before.verdict, plan.claimed, after.verdict, report.file, rubric)
    return shown.model_copy(
        update={
            "changes": participation_changes(before.participation, after.participation),
            "readiness_before": readiness_before,
            "readiness_after": readiness_after,
            "findings": [*pair.findings, *verdict],
        }
    )


def _not_assessed(plan: FileResult | None, report: FileResult | None) -> list[Finding]:
    """A not-compared error for each side that could not be assessed, naming its first
    problem, so that every view shows why without opening the file's own findings."""
    found = []
    for side, result in (("the plan", plan), ("the report", report)):
        if result is None or result.assessment is not None:
            continue
        first = next(iter(result.findings), None)
        reason = ""
        if first is not None:
            place = f"line {first.line}: " if first.line is not None else ""
            reason = f": {place}{first.message} [{first.id}]"
        message = f"{side} could not be assessed{reason}"
        found.append(_finding_on(result.file, "not-compared", Severity.ERROR, message))
    return found


def _finding_on(file: str, finding_id: str, severity: Severity, message: str) -> Finding:
    return Finding.model_construct(id=finding_id, severity=severity, message=message, file=file)


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
