"""`assess`: the verdict on one project under one rubric, with its reasons.

The engine is pure (no I/O, no globals) and knows no approach by name: every approach,
criterion, order and tie rule comes from the rubric. The verdict is chosen in four steps:

1. an approach *fits* when all its requirements hold and none of its `unless` criteria
   does (those are facts that contradict its definition);
2. of the approaches that fit, those with no fitting approach above them in the partial
   order of shared power remain;
3. if more than one remains, they are different kinds, and the rubric's tie rules choose
   between them, in the rubric's order;
4. if none fits, the verdict is "none", with the rubric's reason for it.

Confidence is about the classification only: 1, less penalties for close alternatives
(another kind that fits too and lost a conditional tie, or an approach above the verdict
that the project is only near misses short of); the closest costs its full penalty, each
further one a quarter. Good practice, such as
telling people what happened to their input, is reported beside it and never moves it.

Inputs are already validated, so result objects are built with `model_construct`:
validating them again would cost more than the whole assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engagement_cli.engine.readiness import readiness_for
from engagement_cli.loading.problems import FieldPath, format_path
from engagement_cli.models.project import Group, Project, Stage
from engagement_cli.models.result import (
    MAX_EVIDENCE,
    NO_VERDICT,
    ApproachScore,
    Assessment,
    Change,
    ChangeTarget,
    ClaimCheck,
    ClaimStatus,
    ConfidenceFactor,
    CriterionResult,
    Evidence,
    Participation,
    PracticeResult,
    Readiness,
    StageCell,
    TieOutcome,
)
from engagement_cli.rubric.closures import Decision
from engagement_cli.rubric.compiled import Criterion, Relation, Rubric, TieChoice, TieRule
from engagement_cli.rubric.conditions import Context, Fact, flatten
from engagement_cli.rubric.fields import describe_value

Positions = Mapping[FieldPath, tuple[int, int]]

CLAIMED = "claimed"
NEXT = "next"


@dataclass(frozen=True)
class _Standing:
    """One approach against the project, before the verdict is known."""

    id: str
    met: list[str]
    unmet: list[str]
    near: list[str]
    ruled_out_by: list[str]

    @property
    def fits(self) -> bool:
        return not self.unmet and not self.ruled_out_by

    @property
    def only_near_misses(self) -> bool:
        return bool(self.unmet) and not self.ruled_out_by and len(self.near) == len(self.unmet)


@dataclass(frozen=True)
class _Core:
    """Everything about a verdict that follows from the rubric's booleans alone."""

    met: frozenset[str]
    standings: dict[str, _Standing]
    verdict: str
    ties: list[TieOutcome]
    claim: ClaimCheck
    factors: list[ConfidenceFactor]
    confidence: float
    runner_up: str | None
    scores: list[ApproachScore]
    verdict_reason: str
    lean_criteria: list[CriterionResult]
    """Each criterion, met or not, with no evidence."""


MEMO_SIZE = 4096
"""How many distinct outcomes a rubric remembers (see `_core`)."""


def assess(
    project: Project,
    rubric: Rubric,
    positions: Positions | None = None,
    *,
    explain: bool = True,
) -> Assessment:
    """Classify `project` under `rubric`; `positions` (from the YAML) adds line numbers.

    With `explain` false the assessment is the lean one, all a lean report shows: the
    verdict comes from the rubric's compiled decider alone, criteria list no evidence (no
    fact is gathered or described), and what would change the verdict, the participation
    map and good practice are left empty.
    """
    decision = rubric.decider.decide(project)
    claimed = (
        rubric.resolve_approach(project.claimed_approach) if project.claimed_approach else None
    )
    core = _core(decision, claimed, rubric)
    return Assessment.model_construct(
        project=project.name,
        verdict=core.verdict,
        verdict_name=rubric.name(core.verdict),
        verdict_reason=core.verdict_reason,
        confidence=core.confidence,
        confidence_label=_confidence_label(core.confidence, rubric),
        confidence_factors=core.factors,
        runner_up=core.runner_up,
        scores=core.scores,
        ties=core.ties,
        criteria=_criteria(decision, rubric, positions or {}) if explain else core.lean_criteria,
        changes=(
            _changes(core.verdict, core.claim, core.standings, core.ties, rubric, decision)
            if explain
            else []
        ),
        claim=(
            _unknown_claim(core.claim)
            if project.claimed_approach and claimed is None
            else core.claim
        ),
        participation=[_participation(group) for group in project.groups] if explain else [],
        practice=_practice(core.verdict, core.met, rubric, decision) if explain else [],
        readiness=_readiness(core.verdict, claimed, project, rubric),
    )


def _core(decision: Decision, claimed: str | None, rubric: Rubric) -> _Core:
    """The verdict and what explains it, remembered per rubric.

    The verdict, scores, ties, claim and confidence depend on nothing but which criteria
    hold, which near and tie conditions hold, and the claim: a few dozen booleans. A
    portfolio has few distinct combinations, so each is decided once per rubric; the
    memory is bounded, so a rubric with a vast number of them only stops being
    remembered. (The record objects are immutable and shared between assessments.)
    """
    key = (decision.outcome, claimed)
    memo = rubric.memo
    core = memo.get(key)
    if core is None:
        core = _decide_core(decision, claimed, rubric)
        if len(memo) < MEMO_SIZE:
            memo[key] = core
    return core


def _decide_core(decision: Decision, claimed: str | None, rubric: Rubric) -> _Core:
    met = frozenset(key for key in rubric.criteria if decision.results[key])
    standings = {
        approach.id: _standing(
            approach.id, approach.requires, approach.unless, met, rubric, decision
        )
        for approach in rubric.approaches
    }
    verdict, ties = _choose(standings, rubric, decision)
    factors = _confidence_factors(verdict, standings, ties, rubric)
    return _Core(
        met=met,
        standings=standings,
        verdict=verdict,
        ties=ties,
        claim=_claim_check(claimed, verdict, rubric),
        factors=factors,
        confidence=_confidence(factors),
        runner_up=_runner_up(verdict, standings, ties, rubric, decision),
        scores=[_score(standing, verdict, rubric) for standing in standings.values()],
        verdict_reason=_verdict_reason(verdict, ties, standings, rubric, decision),
        lean_criteria=[CriterionResult(key, key in met, []) for key in rubric.criteria],
    )


def _standing(
    approach_id: str,
    requires: list[str],
    unless: list[str],
    met: frozenset[str],
    rubric: Rubric,
    decision: Decision,
) -> _Standing:
    unmet = [key for key in requires if key not in met]
    near = [key for key in unmet if _is_near(rubric.criteria[key], decision)]
    return _Standing(
        id=approach_id,
        met=[key for key in requires if key in met],
        unmet=unmet,
        near=near,
        ruled_out_by=[key for key in unless if key in met],
    )


def _is_near(criterion: Criterion, decision: Decision) -> bool:
    return criterion.near_test is not None and criterion.near_test(decision)


def _choose(
    standings: dict[str, _Standing], rubric: Rubric, decision: Decision
) -> tuple[str, list[TieOutcome]]:
    """The verdict, and the tie rules that chose it."""
    return _highest([key for key, standing in standings.items() if standing.fits], rubric, decision)


def _highest(
    fitting: list[str], rubric: Rubric, decision: Decision
) -> tuple[str, list[TieOutcome]]:
    """The one of `fitting` that the order and the tie rules make the verdict."""
    # Only the highest of what fits can be the verdict: a project at the top of the order
    # also meets much of what lesser approaches ask.
    top = [
        key
        for key in fitting
        if not any(rubric.relation(other, key) is Relation.ABOVE for other in fitting)
    ]
    if not top:
        return NO_VERDICT, []
    chosen, ties = top[0], []
    for other in top[1:]:
        choice = _apply(rubric.ties[frozenset((chosen, other))], decision)
        loser = other if choice.approach == chosen else chosen
        ties.append(TieOutcome(choice.approach, loser, choice.because, choice.close_call))
        chosen = choice.approach
    # Report only the ties that the final verdict won: the others chose between losers.
    return chosen, [tie for tie in ties if tie.chosen == chosen]


def _apply(rule: TieRule, decision: Decision) -> TieChoice:
    for choice in rule.choices:
        if choice.test is None or choice.test(decision):
            return choice
    raise AssertionError("a compiled tie rule always ends with an unconditional choice")


def _verdict_reason(
    verdict: str,
    ties: list[TieOutcome],
    standings: dict[str, _Standing],
    rubric: Rubric,
    decision: Decision,
) -> str:
    # Approaches whose every requirement holds but whose definition the facts contradict
    # are the "why not" a reader asks about first.
    ruled_out = [
        f"Not {rubric.name(standing.id)}: "
        f"{_sentence(rubric.criteria[standing.ruled_out_by[0]].spec.title)}."
        for standing in standings.values()
        if not standing.unmet and standing.ruled_out_by
    ]
    if verdict == NO_VERDICT:
        for reason in rubric.no_verdict:
            if reason.test is None or reason.test(decision):
                return " ".join([reason.text, *ruled_out])
        return " ".join(
            ["No approach in the rubric fits: none has all its requirements met.", *ruled_out]
        )
    lead = f"Every requirement of {rubric.name(verdict)} holds, and no approach above it fits."
    return " ".join([lead, *(tie.because for tie in ties), *ruled_out])


def _sentence(title: str) -> str:
    """A criterion title as the middle of a sentence: its first letter lower-cased."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _confidence_factors(
    verdict: str, standings: dict[str, _Standing], ties: list[TieOutcome], rubric: Rubric
) -> list[ConfidenceFactor]:
    settings = rubric.document.rubric.confidence
    factors: list[ConfidenceFactor] = []
    for tie in ties:
        if tie.close_call:
            factors.append(ConfidenceFactor(tie.other, "tie", settings.tie, []))
    for standing in standings.values():
        if rubric.relation(standing.id, verdict) is not Relation.ABOVE:
            continue
        count = len(standing.unmet)
        if standing.only_near_misses and count <= len(settings.near_miss):
            factors.append(
                ConfidenceFactor(
                    standing.id, "near-miss", settings.near_miss[count - 1], list(standing.near)
                )
            )
    return factors


def _confidence(factors: list[ConfidenceFactor]) -> float:
    # The closest alternative costs its whole penalty, each further one a quarter of
    # its own: several close calls make a verdict less certain than one, but no list of
    # far-fetched ones can drive it to nothing.
    penalties = sorted((factor.penalty for factor in factors), reverse=True)
    if not penalties:
        return 1.0
    return round(max(0.0, 1.0 - penalties[0] - sum(penalties[1:]) / 4), 4)


def _confidence_label(confidence: float, rubric: Rubric) -> str:
    thresholds = rubric.document.rubric.confidence
    if confidence >= thresholds.high:
        return "high"
    return "medium" if confidence >= thresholds.medium else "low"


def _runner_up(
    verdict: str,
    standings: dict[str, _Standing],
    ties: list[TieOutcome],
    rubric: Rubric,
    decision: Decision,
) -> str | None:
    """The closest alternative to the verdict, or None when nothing comes close.

    In order: another kind that fits too and lost a close call (a conditional tie); an
    approach above the verdict that only near misses keep out; another kind that fits
    but is less specific; what the project would be if the verdict's own requirements
    failed. For a verdict of none, the approach with the fewest unmet requirements.
    """
    order = {spec.id: index for index, spec in enumerate(rubric.approaches)}
    for tie in ties:
        if tie.close_call:
            return tie.other
    near_above = [
        standing
        for standing in standings.values()
        if standing.only_near_misses and rubric.relation(standing.id, verdict) is Relation.ABOVE
    ]
    if near_above:
        return min(near_above, key=lambda item: (len(item.unmet), order[item.id])).id
    if ties:
        return ties[0].other
    if verdict != NO_VERDICT:
        below = [
            key
            for key, standing in standings.items()
            if standing.fits and rubric.relation(key, verdict) is Relation.BELOW
        ]
        fallback, _ = _highest(below, rubric, decision)
        return None if fallback == NO_VERDICT else fallback
    candidates = [
        standing for standing in standings.values() if standing.met and not standing.ruled_out_by
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda item: (len(item.unmet), order[item.id])).id


def _score(standing: _Standing, verdict: str, rubric: Rubric) -> ApproachScore:
    relation = rubric.relation(standing.id, verdict)
    total = len(standing.met) + len(standing.unmet)
    return ApproachScore(
        id=standing.id,
        name=rubric.name(standing.id),
        relation="verdict" if relation is Relation.SAME else relation.value,
        qualifies=standing.fits,
        score=round(len(standing.met) / total, 4) if total else 1.0,
        requirements_met=standing.met,
        requirements_unmet=standing.unmet,
        near_misses=standing.near,
        ruled_out_by=standing.ruled_out_by,
    )


def _criteria(decision: Decision, rubric: Rubric, positions: Positions) -> list[CriterionResult]:
    # The closures decided; the condition nodes gather the facts behind each result.
    context = Context(decision.project, rubric.conditions, rubric.evaluation_order)
    return [
        _criterion_result(key, decision.results[key], flatten(context.results[key][1]), positions)
        for key in rubric.criteria
    ]


def _criterion_result(
    criterion_id: str, met: bool, facts: list[Fact], positions: Positions
) -> CriterionResult:
    # `flatten` lists each fact once: one may be reached through many conditions.
    listed = facts[:MAX_EVIDENCE]
    return CriterionResult(
        id=criterion_id,
        met=met,
        evidence=_evidence(listed, positions),
        more_evidence=len(facts) - len(listed),
    )


def _evidence(facts: list[Fact], positions: Positions) -> list[Evidence]:
    return [
        Evidence(
            group=fact.group,
            field=format_path(fact.path),
            test=fact.name,
            value=describe_value(fact.value),
            line=positions[fact.path][0] if fact.path in positions else None,
        )
        for fact in facts
    ]


def _changes(
    verdict: str,
    claim: ClaimCheck,
    standings: dict[str, _Standing],
    ties: list[TieOutcome],
    rubric: Rubric,
    decision: Decision,
) -> list[ChangeTarget]:
    targets: list[ChangeTarget] = []
    claimed = claim.claimed
    if claimed is not None and claim.status in (ClaimStatus.OVER_CLAIMS, ClaimStatus.MISLABELS):
        targets.append(
            ChangeTarget(claimed, CLAIMED, _changes_to(standings[claimed], ties, rubric, decision))
        )
    upward = (
        [spec.id for spec in rubric.approaches if not rubric.below[spec.id]]
        if verdict == NO_VERDICT
        else rubric.covers(verdict)
    )
    for approach_id in upward:
        standing = standings[approach_id]
        # An approach whose definition the facts contradict is no direction to grow in.
        if approach_id == claimed or standing.ruled_out_by:
            continue
        targets.append(
            ChangeTarget(approach_id, NEXT, _changes_to(standing, ties, rubric, decision))
        )
    return targets


def _changes_to(
    standing: _Standing, ties: list[TieOutcome], rubric: Rubric, decision: Decision
) -> list[Change]:
    """What would make `standing`'s approach the verdict, in the rubric's criterion order."""
    wanted = [*standing.ruled_out_by, *standing.unmet]
    changes = [_change(rubric.criteria[key], decision) for key in rubric.criteria if key in wanted]
    if standing.fits:
        # It fits, but lost a tie: say what the tie rule would need to choose it instead,
        # or, when the rule always prefers the other kind, why it does.
        for tie in ties:
            if tie.other == standing.id:
                rule = rubric.ties[frozenset((tie.chosen, tie.other))]
                own = [item for item in rule.choices if item.approach == standing.id]
                text = (
                    own[0].because
                    if own
                    else (
                        f"{rubric.name(standing.id)} fits too, but when both fit the rubric "
                        f"chooses {rubric.name(tie.chosen)}. {tie.because}"
                    )
                )
                changes.append(Change(criterion="tie", text=text))
    return changes


def _change(criterion: Criterion, decision: Decision) -> Change:
    spec = criterion.spec.change
    if spec is None:
        text = f"Meet: {criterion.spec.title}."
    elif criterion.change_test is None:
        text = spec.text
    else:
        test = criterion.change_test
        names = [
            group.name
            for group, row in zip(decision.project.groups, decision.rows, strict=True)
            if test(row, decision)
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
    evidence = (
        f"the evidence shows {rubric.name(verdict)}"
        if verdict != NO_VERDICT
        else "the evidence fits none of the approaches"
    )
    if claimed is None:
        status = ClaimStatus.NOT_CLAIMED
        message = f"The project makes no claim; {evidence}."
    else:
        claimed_name = rubric.name(claimed)
        relation = rubric.relation(claimed, verdict)
        if relation is Relation.SAME:
            status = ClaimStatus.MATCHES
            message = f"The claim of {claimed_name} matches the evidence."
        elif relation is Relation.ABOVE:
            status = ClaimStatus.OVER_CLAIMS
            message = (
                f"Over-claims: calls itself {claimed_name}, but {evidence}, "
                f"which shares less power."
                if verdict != NO_VERDICT
                else f"Over-claims: calls itself {claimed_name}, but {evidence}."
            )
        elif relation is Relation.BELOW:
            status = ClaimStatus.UNDER_CLAIMS
            message = (
                f"Under-claims: calls itself {claimed_name}, but {evidence}, "
                f"which shares more power."
            )
        else:
            status = ClaimStatus.MISLABELS
            message = (
                f"Mislabel: calls itself {claimed_name}, but {evidence}, a different kind "
                f"of approach rather than more or less shared power."
            )
    return ClaimCheck.model_construct(
        claimed=claimed, verdict=verdict, status=status, message=message
    )


def _unknown_claim(claim: ClaimCheck) -> ClaimCheck:
    """The no-claim check, saying that the project's own word is none of the approaches.

    The word itself is not repeated: the `unknown-approach` finding names it, shown inert
    as every value from a file is.
    """
    evidence = claim.message.partition("; ")[2]
    return claim.model_copy(
        update={
            "message": "The project's own label (claimed_approach) is none of the rubric's "
            f"approaches, so it is read as making no claim; {evidence}"
        }
    )


def _practice(
    verdict: str, met: frozenset[str], rubric: Rubric, decision: Decision
) -> list[PracticeResult]:
    if verdict == NO_VERDICT:
        return []
    results: list[PracticeResult] = []
    for key in rubric.approach(verdict).practice:
        holds = key in met
        change = None if holds else _change(rubric.criteria[key], decision).text
        results.append(PracticeResult(criterion=key, approach=verdict, met=holds, change=change))
    return results


# (member, its value): `.value` is a property, and this runs for every group of every file.
_STAGES = tuple((stage, stage.value) for stage in Stage)


def _participation(group: Group) -> Participation:
    stages = group.stages
    cells = []
    for stage, name in _STAGES:
        part = stages.get(stage)
        if part is None:
            cells.append(StageCell(name, None, False))
        else:
            say = part.say
            cells.append(StageCell(name, None if say is None else say._value_, part.does_work))
    return Participation(
        group=group.name,
        role=group.role.value,
        relationship=group.effective_relationship.value,
        stages=cells,
        shares_responsibility_for=[item.value for item in group.shares_responsibility_for],
        recognition=group.recognition.value,
        told_what_happened=group.told_what_happened,
    )


def _readiness(
    verdict: str, claimed: str | None, project: Project, rubric: Rubric
) -> list[Readiness]:
    wanted = [
        key for key in dict.fromkeys([verdict, claimed]) if key is not None and key != NO_VERDICT
    ]
    answers = project.readiness
    memo = rubric.readiness_memo
    found = []
    for key in wanted:
        approach = rubric.approach(key)
        if not approach.checklist:
            continue
        # A checklist's outcome depends on its own items' answers alone, and most files
        # answer none or the same few: each combination is worked out once per rubric.
        answered = tuple([answers.get(item.id) for item in approach.checklist])
        readiness = memo.get((key, answered))
        if readiness is None:
            readiness = readiness_for(approach, rubric, project)
            if len(memo) < MEMO_SIZE:
                memo[key, answered] = readiness
        found.append(readiness)
    return found
