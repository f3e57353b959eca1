"""`assess`: the verdict on one project under one rubric, with its reasons.

The engine is pure (no I/O, no globals) and knows no approach by name: every approach,
criterion and order comes from the rubric. Its inputs are already validated, so result
objects are built with `model_construct`: validating them again would cost more than
the whole assessment.
"""

from __future__ import annotations

from collections.abc import Mapping

from engagement_cli.engine.readiness import readiness_for
from engagement_cli.loading.problems import FieldPath, format_path
from engagement_cli.models.project import Group, Project, Stage
from engagement_cli.models.result import (
    NO_VERDICT,
    ApproachScore,
    Assessment,
    Change,
    ClaimCheck,
    ClaimStatus,
    CriterionResult,
    Evidence,
    Participation,
    Readiness,
    StageCell,
)
from engagement_cli.rubric.compiled import Criterion, Rubric
from engagement_cli.rubric.conditions import Context, Fact
from engagement_cli.rubric.fields import describe_value

Positions = Mapping[FieldPath, tuple[int, int]]

_REQUIRED_WEIGHT = 2
_SUPPORTING_WEIGHT = 1


def assess(project: Project, rubric: Rubric, positions: Positions | None = None) -> Assessment:
    """Classify `project` under `rubric`; `positions` (from the YAML) adds line numbers."""
    context = Context(project, rubric.conditions)
    outcomes = {key: context.criterion(key) for key in rubric.criteria}
    met = {key for key, (holds, _) in outcomes.items() if holds}
    criteria = [
        CriterionResult(id=key, met=holds, evidence=_evidence(facts, positions or {}))
        for key, (holds, facts) in outcomes.items()
    ]
    scores = [
        _score(approach.id, approach.name, approach.requires, approach.supports, met)
        for approach in rubric.approaches
    ]
    qualifying = [score.id for score in scores if score.qualifies]
    verdict = qualifying[-1] if qualifying else NO_VERDICT
    claimed = (
        rubric.resolve_approach(project.claimed_approach) if project.claimed_approach else None
    )
    rank = rubric.rank(verdict)
    next_approach = rubric.approaches[rank + 1] if rank + 1 < len(rubric.approaches) else None
    changes = (
        []
        if next_approach is None
        else [
            _change(rubric.criteria[key], context, project)
            for key in next_approach.requires
            if key not in met
        ]
    )
    confidence = _confidence(verdict, scores)
    return Assessment.model_construct(
        project=project.name,
        verdict=verdict,
        verdict_name=rubric.approach(verdict).name if verdict != NO_VERDICT else "None",
        confidence=confidence,
        confidence_label=_confidence_label(confidence, rubric),
        runner_up=_runner_up(verdict, scores),
        scores=scores,
        criteria=criteria,
        next_approach=next_approach.id if next_approach else None,
        changes=changes,
        claim=_claim_check(claimed, verdict, rubric),
        participation=[_participation(group) for group in project.groups],
        readiness=_readiness(verdict, claimed, project, rubric),
    )


def _evidence(facts: tuple[Fact, ...], positions: Positions) -> list[Evidence]:
    # Ordered de-duplication: a fact may be reached twice through nested conditions.
    return [
        Evidence(
            group=fact.group,
            field=format_path(fact.path),
            test=fact.name,
            value=describe_value(fact.value),
            line=positions[fact.path][0] if fact.path in positions else None,
        )
        for fact in dict.fromkeys(facts)
    ]


def _score(
    approach_id: str, name: str, requires: list[str], supports: list[str], met: set[str]
) -> ApproachScore:
    required_met = [key for key in requires if key in met]
    supporting_met = [key for key in supports if key in met]
    total = _REQUIRED_WEIGHT * len(requires) + _SUPPORTING_WEIGHT * len(supports)
    earned = _REQUIRED_WEIGHT * len(required_met) + _SUPPORTING_WEIGHT * len(supporting_met)
    return ApproachScore(
        id=approach_id,
        name=name,
        score=round(earned / total, 4),
        qualifies=len(required_met) == len(requires),
        requirements_met=required_met,
        requirements_unmet=[key for key in requires if key not in met],
        supporting_met=supporting_met,
        supporting_unmet=[key for key in supports if key not in met],
    )


def _confidence(verdict: str, scores: list[ApproachScore]) -> float:
    if verdict == NO_VERDICT:
        # Confident in "none" to the extent that nothing came close to qualifying.
        return round(1 - max(score.score for score in scores), 4)
    return next(score.score for score in scores if score.id == verdict)


def _confidence_label(confidence: float, rubric: Rubric) -> str:
    thresholds = rubric.document.rubric.confidence
    if confidence >= thresholds.high:
        return "high"
    return "medium" if confidence >= thresholds.medium else "low"


def _runner_up(verdict: str, scores: list[ApproachScore]) -> str | None:
    # Ties go to the approach later in the rubric's order: the closer call to make.
    # An approach with nothing in its favour is no runner-up at all.
    others = [
        (score.score, index, score.id)
        for index, score in enumerate(scores)
        if score.id != verdict and score.score > 0
    ]
    return max(others)[2] if others else None


def _change(criterion: Criterion, context: Context, project: Project) -> Change:
    spec = criterion.spec.change
    if spec is None:
        text = f"Meet: {criterion.spec.title}."
    elif criterion.change_groups is None:
        text = spec.text
    else:
        names = [
            group.name
            for index, group in enumerate(project.groups)
            if criterion.change_groups.evaluate(context, (index, group))[0]
        ]
        if not names and spec.otherwise:
            text = spec.otherwise
        else:
            text = spec.text.replace("{groups}", _join(names) or "the groups concerned")
    return Change(criterion=criterion.spec.id, text=text)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _claim_check(claimed: str | None, verdict: str, rubric: Rubric) -> ClaimCheck:
    verdict_name = rubric.approach(verdict).name if verdict != NO_VERDICT else "none of them"
    if claimed is None:
        status = ClaimStatus.NOT_CLAIMED
        message = f"The project makes no claim; the evidence shows {verdict_name}."
    elif claimed == verdict:
        status = ClaimStatus.MATCHES
        message = f"The claim of {rubric.approach(claimed).name} matches the evidence."
    elif rubric.rank(claimed) > rubric.rank(verdict):
        status = ClaimStatus.OVER_CLAIMS
        message = (
            f"Over-claims: calls itself {rubric.approach(claimed).name}, but the "
            f"evidence shows {verdict_name}, which shares less power."
        )
    else:
        status = ClaimStatus.UNDER_CLAIMS
        message = (
            f"Under-claims: calls itself {rubric.approach(claimed).name}, but the "
            f"evidence shows {verdict_name}, which shares more power."
        )
    return ClaimCheck.model_construct(
        claimed=claimed, verdict=verdict, status=status, message=message
    )


def _participation(group: Group) -> Participation:
    return Participation.model_construct(
        group=group.name,
        role=group.role.value,
        relationship=group.relationship.value,
        stages=[
            StageCell(
                stage=stage.value,
                influence=group.stages[stage].value if stage in group.stages else None,
            )
            for stage in Stage
        ],
        shares_responsibility_for=[item.value for item in group.shares_responsibility_for],
        recognition=group.recognition.value,
    )


def _readiness(
    verdict: str, claimed: str | None, project: Project, rubric: Rubric
) -> list[Readiness]:
    wanted = [
        key for key in dict.fromkeys([verdict, claimed]) if key is not None and key != NO_VERDICT
    ]
    return [
        readiness_for(rubric.approach(key), rubric, project)
        for key in wanted
        if rubric.approach(key).checklist
    ]
