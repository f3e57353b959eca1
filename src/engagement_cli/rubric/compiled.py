"""A compiled rubric: the rubric document with its conditions, order and ties checked.

Besides compiling every condition, this is where the relation between approaches is
worked out: each approach's `above` list becomes the transitive partial order of shared
power, every pair of approaches it leaves unordered must have a tie rule, and "none"
(no approach fits) sits below every approach.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from itertools import combinations
from typing import Any

from engagement_cli.loading.limits import DEFAULT_MAX_GROUPS
from engagement_cli.loading.problems import FieldPath, echo
from engagement_cli.models.project import normalise_word
from engagement_cli.models.result import NO_VERDICT
from engagement_cli.models.rubric import (
    ApproachSpec,
    ChecklistItemSpec,
    CitationSpec,
    CriterionSpec,
    RubricDocument,
    SourceSpec,
    TieSpec,
)
from engagement_cli.rubric.closures import ClosureCompiler, Decider, GroupTest, ProjectTest
from engagement_cli.rubric.conditions import (
    Compiler,
    Condition,
    ConditionError,
    CountGroups,
    CriterionRef,
    GroupQuantifier,
)
from engagement_cli.rubric.fields import project_fields


class Relation(StrEnum):
    """How one approach stands to another in the partial order of shared power."""

    SAME = "same"
    ABOVE = "above"
    BELOW = "below"
    UNORDERED = "unordered"


@dataclass(frozen=True)
class Criterion:
    """A criterion with its conditions compiled."""

    spec: CriterionSpec
    condition: Condition
    near: Condition | None
    """Holds when the project is one step short of the criterion."""
    change_groups: Condition | None
    """Selects the groups to name in the criterion's change text."""
    near_test: ProjectTest | None = None
    """`near` compiled to a closure (see `closures`)."""
    change_test: GroupTest | None = None
    """`change_groups` compiled to a closure."""


@dataclass(frozen=True)
class TieChoice:
    """One outcome of a tie rule: the approach, when it is chosen, and why."""

    approach: str
    condition: Condition | None
    because: str
    close_call: bool
    """Whether the approach it wins over stays a close alternative."""
    test: ProjectTest | None = None
    """`condition` compiled to a closure."""


@dataclass(frozen=True)
class TieRule:
    """How to choose between two unordered approaches that both fit."""

    spec: TieSpec
    choices: tuple[TieChoice, ...]


@dataclass(frozen=True)
class NoVerdictReason:
    """Why no approach fits, when its condition holds."""

    id: str
    condition: Condition | None
    text: str
    test: ProjectTest | None = None
    """`condition` compiled to a closure."""


@dataclass(frozen=True)
class Rubric:  # not slotted: cached_property needs a __dict__
    """A rubric ready to assess projects with."""

    document: RubricDocument
    origin: str
    """Where the rubric came from, for messages."""
    criteria: dict[str, Criterion]
    """Criteria by id, in the rubric's order."""
    below: dict[str, frozenset[str]]
    """For each approach, every approach it is above, directly or through others."""
    ties: dict[frozenset[str], TieRule]
    """Tie rules by the pair of approaches they choose between."""
    no_verdict: tuple[NoVerdictReason, ...]
    """Reasons for a verdict of none, tried in order."""
    evaluation_order: tuple[str, ...]
    """Criterion ids, each after every criterion it refers to."""
    decider: Decider
    """Every criterion compiled to closures: decides them all for a project at once."""

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """The engine's memory of outcomes this rubric decides from booleans alone."""
        return {}

    @cached_property
    def readiness_memo(self) -> dict[Any, Any]:
        """The engine's memory of checklists answered, by approach and answers."""
        return {}

    @cached_property
    def conditions(self) -> dict[str, Condition]:
        """Each criterion's compiled condition, by id."""
        return {key: criterion.condition for key, criterion in self.criteria.items()}

    @property
    def label(self) -> str:
        return f"{self.document.rubric.id}@{self.document.rubric.version}"

    @property
    def approaches(self) -> list[ApproachSpec]:
        """Approaches in the rubric's display order."""
        return self.document.approaches

    @cached_property
    def _by_id(self) -> dict[str, ApproachSpec]:
        return {spec.id: spec for spec in self.document.approaches}

    @property
    def sources(self) -> dict[str, SourceSpec]:
        return {source.id: source for source in self.document.sources}

    def approach(self, approach_id: str) -> ApproachSpec:
        return self._by_id[approach_id]

    def name(self, approach_id: str) -> str:
        """An approach's display name; "None" for no approach."""
        return self._by_id[approach_id].name if approach_id in self._by_id else "None"

    def relation(self, first: str, second: str) -> Relation:
        """How `first` stands to `second`; "none" is below every approach."""
        if first == second:
            return Relation.SAME
        if second == NO_VERDICT or (first != NO_VERDICT and second in self.below[first]):
            return Relation.ABOVE
        if first == NO_VERDICT or first in self.below[second]:
            return Relation.BELOW
        return Relation.UNORDERED

    def at_least(self, approach_id: str, floor: str) -> bool:
        """Whether `approach_id` is `floor` or above it (what `--require floor` asks)."""
        return self.relation(approach_id, floor) in (Relation.SAME, Relation.ABOVE)

    def covers(self, approach_id: str) -> list[str]:
        """The approaches directly above `approach_id` (nothing in between), in rubric order."""
        higher = [
            spec.id
            for spec in self.approaches
            if self.relation(spec.id, approach_id) is Relation.ABOVE
        ]
        return [
            candidate
            for candidate in higher
            if not any(other in self.below[candidate] for other in higher)
        ]

    @cached_property
    def _spellings(self) -> dict[str, str]:
        return {
            normalise_word(spelling): spec.id
            for spec in self.approaches
            for spelling in (spec.id, spec.name, *spec.aliases)
        }

    def resolve_approach(self, name: str) -> str | None:
        """The approach id a user means by `name` (id, display name or alias), if any."""
        return self._spellings.get(normalise_word(name))

    def checklist_items(self) -> Iterator[tuple[ApproachSpec, ChecklistItemSpec]]:
        for approach in self.approaches:
            for item in approach.checklist:
                yield approach, item


def compile_rubric(document: RubricDocument, origin: str) -> Rubric:
    """Check every cross-reference in a rubric and compile its conditions.

    Raises `ConditionError` pointing at the offending place in the rubric file.
    """
    _check_unique(document)
    _check_citations(document)
    criterion_ids = frozenset(criterion.id for criterion in document.criteria)
    item_ids = [item.id for approach in document.approaches for item in approach.checklist]
    compiler = Compiler(project_fields(item_ids), criterion_ids)
    # Every condition is also compiled to a closure, beside its node (see `closures`).
    tests = ClosureCompiler(dict(compiler.project_fields))
    criteria: dict[str, Criterion] = {}
    for index, spec in enumerate(document.criteria):
        path: FieldPath = ("criteria", index)
        condition = compiler.compile(spec.when, (*path, "when"), "project")
        near = (
            None if spec.near is None else compiler.compile(spec.near, (*path, "near"), "project")
        )
        change_groups = None
        if spec.change is not None and spec.change.groups is not None:
            change_groups = compiler.compile(
                spec.change.groups, (*path, "change", "groups"), "group"
            )
        criteria[spec.id] = Criterion(
            spec,
            condition,
            near,
            change_groups,
            near_test=_closure(tests, near),
            change_test=None if change_groups is None else tests.group(change_groups),
        )
    order = _evaluation_order(document, criteria)
    for index, approach in enumerate(document.approaches):
        for key in ("requires", "unless", "practice"):
            for position, criterion_id in enumerate(getattr(approach, key)):
                if criterion_id not in criterion_ids:
                    raise ConditionError(
                        ("approaches", index, key, position),
                        f"unknown criterion {echo(criterion_id)}",
                    )
    below = _partial_order(document)
    ties = _tie_rules(document, compiler, tests, below)
    no_verdict = _no_verdict(document, compiler, tests)
    _check_work(document, criteria, ties, no_verdict)
    # What else the verdict's explanation asks of a project, so that each decision's
    # outcome holds every boolean the verdict follows from (the engine's memo key).
    extra = [
        *(criterion.near for criterion in criteria.values() if criterion.near is not None),
        *(c.condition for rule in ties.values() for c in rule.choices if c.condition is not None),
        *(reason.condition for reason in no_verdict if reason.condition is not None),
    ]
    decider = tests.decider([(key, criteria[key].condition) for key in order], extra)
    return Rubric(document, origin, criteria, below, ties, no_verdict, order, decider)


def _closure(tests: ClosureCompiler, condition: Condition | None) -> ProjectTest | None:
    return None if condition is None else tests.project(condition)


def _partial_order(document: RubricDocument) -> dict[str, frozenset[str]]:
    """Each approach's transitive `above` set; refuses unknown ids and cycles."""
    known = {spec.id: index for index, spec in enumerate(document.approaches)}
    for index, spec in enumerate(document.approaches):
        for position, lower in enumerate(spec.above):
            path: FieldPath = ("approaches", index, "above", position)
            if lower not in known:
                raise ConditionError(path, f"unknown approach {echo(lower)}")
            if lower == spec.id:
                raise ConditionError(path, f"{echo(lower)} cannot be above itself")
    below = document.below()
    for spec in document.approaches:
        if spec.id in below[spec.id]:
            raise ConditionError(
                ("approaches", known[spec.id], "above"),
                f"the order of approaches has a cycle: {echo(spec.id)} ends up above itself",
            )
    return below


def _unordered(below: dict[str, frozenset[str]], first: str, second: str) -> bool:
    return first not in below[second] and second not in below[first]


def _tie_rules(
    document: RubricDocument,
    compiler: Compiler,
    tests: ClosureCompiler,
    below: dict[str, frozenset[str]],
) -> dict[frozenset[str], TieRule]:
    ties: dict[frozenset[str], TieRule] = {}
    for index, spec in enumerate(document.ties):
        path: FieldPath = ("ties", index)
        for position, approach_id in enumerate(spec.between):
            if approach_id not in below:
                raise ConditionError(
                    (*path, "between", position), f"unknown approach {echo(approach_id)}"
                )
        first, second = spec.between
        if first == second or not _unordered(below, first, second):
            raise ConditionError(
                (*path, "between"),
                f"a tie rule is for two approaches the order does not rank; "
                f"{echo(first)} and {echo(second)} are ordered already",
            )
        pair = frozenset(spec.between)
        if pair in ties:
            raise ConditionError(
                (*path, "between"), f"{echo(first)} and {echo(second)} already have a tie rule"
            )
        choices: list[TieChoice] = []
        for position, choice in enumerate(spec.choose):
            choice_path: FieldPath = (*path, "choose", position)
            if choice.approach not in pair:
                raise ConditionError(
                    (*choice_path, "approach"),
                    f"{echo(choice.approach)} is not one of {first} and {second}",
                )
            last = position == len(spec.choose) - 1
            if last and choice.when is not None:
                raise ConditionError(
                    (*choice_path, "when"),
                    "the last choice is what happens otherwise: it takes no 'when'",
                )
            if not last and choice.when is None:
                raise ConditionError(choice_path, "every choice but the last needs a 'when'")
            condition = (
                None
                if choice.when is None
                else compiler.compile(choice.when, (*choice_path, "when"), "project")
            )
            close = choice.close_call if choice.close_call is not None else len(spec.choose) > 1
            choices.append(
                TieChoice(
                    choice.approach, condition, choice.because, close, _closure(tests, condition)
                )
            )
        ties[pair] = TieRule(spec, tuple(choices))
    for first, second in combinations([spec.id for spec in document.approaches], 2):
        if _unordered(below, first, second) and frozenset((first, second)) not in ties:
            raise ConditionError(
                ("ties",) if document.ties else ("approaches",),
                f"approaches {echo(first)} and {echo(second)} are not ordered (neither is "
                f"above the other), so a tie rule must say which is the verdict when both fit; "
                f"add one under 'ties'",
            )
    return ties


def _no_verdict(
    document: RubricDocument, compiler: Compiler, tests: ClosureCompiler
) -> tuple[NoVerdictReason, ...]:
    reasons: list[NoVerdictReason] = []
    for index, spec in enumerate(document.no_verdict):
        path: FieldPath = ("no_verdict", index)
        last = index == len(document.no_verdict) - 1
        if spec.when is None and not last:
            raise ConditionError(path, "every reason but the last needs a 'when'")
        condition = (
            None if spec.when is None else compiler.compile(spec.when, (*path, "when"), "project")
        )
        reasons.append(NoVerdictReason(spec.id, condition, spec.text, _closure(tests, condition)))
    return tuple(reasons)


def _check_unique(document: RubricDocument) -> None:
    seen: dict[str, FieldPath] = {}

    def claim(name: str, path: FieldPath, what: str) -> None:
        folded = normalise_word(name)
        if folded in seen:
            raise ConditionError(path, f"{what} {echo(name)} is already used")
        seen[folded] = path

    for index, criterion in enumerate(document.criteria):
        claim(criterion.id, ("criteria", index, "id"), "criterion id")
    seen.clear()
    for index, approach in enumerate(document.approaches):
        claim(approach.id, ("approaches", index, "id"), "approach id")
        if normalise_word(approach.name) != normalise_word(approach.id):
            claim(approach.name, ("approaches", index, "name"), "approach name")
        for position, alias in enumerate(approach.aliases):
            claim(alias, ("approaches", index, "aliases", position), "approach alias")
    if NO_VERDICT in seen:
        raise ConditionError(seen[NO_VERDICT], f"'{NO_VERDICT}' is reserved for 'no approach'")
    seen.clear()
    for index, approach in enumerate(document.approaches):
        for position, item in enumerate(approach.checklist):
            claim(item.id, ("approaches", index, "checklist", position, "id"), "checklist id")


def _citations(document: RubricDocument) -> Iterator[tuple[FieldPath, CitationSpec]]:
    for index, criterion in enumerate(document.criteria):
        for position, cite in enumerate(criterion.cite):
            yield ("criteria", index, "cite", position), cite
    for index, approach in enumerate(document.approaches):
        for position, cite in enumerate(approach.cite):
            yield ("approaches", index, "cite", position), cite
        for item_index, item in enumerate(approach.checklist):
            for position, cite in enumerate(item.cite):
                yield ("approaches", index, "checklist", item_index, "cite", position), cite
    for index, tie in enumerate(document.ties):
        for position, cite in enumerate(tie.cite):
            yield ("ties", index, "cite", position), cite


def _check_citations(document: RubricDocument) -> None:
    known = {source.id for source in document.sources}
    for path, cite in _citations(document):
        if cite.source not in known:
            raise ConditionError(
                (*path, "source"),
                f"unknown source {echo(cite.source)}; "
                f"the rubric's sources are {', '.join(sorted(known))}",
            )


def _children(condition: Any) -> list[Any]:
    """The conditions a compiled condition is made of (all/any, not, group tests)."""
    children = list(getattr(condition, "children", ()))
    children += [
        getattr(condition, name) for name in ("child", "inner") if hasattr(condition, name)
    ]
    return children


def _references(condition: Any) -> Iterator[str]:
    """Criterion ids a compiled condition refers to, directly or nested."""
    pending = [condition]
    while pending:
        current = pending.pop()
        if isinstance(current, CriterionRef):
            yield current.criterion_id
        pending.extend(_children(current))


MAX_REFERENCE_DEPTH = 100
"""The longest chain of criteria referring to criteria that a rubric may build."""

MAX_WORK = 1_000_000
"""The most condition tests one assessment may run, counting a group test once per group
of the largest project allowed: this keeps any valid rubric to seconds per file."""


def _evaluation_order(document: RubricDocument, criteria: dict[str, Criterion]) -> tuple[str, ...]:
    """Criterion ids with every criterion after those it refers to; refuses cycles.

    A depth-first walk with its own stack, so a chain of thousands of references cannot
    exhaust Python's recursion limit here either.
    """
    graph = {
        name: list(dict.fromkeys(_references(criterion.condition)))
        for name, criterion in criteria.items()
    }
    index_of = {criterion.id: index for index, criterion in enumerate(document.criteria)}
    order: list[str] = []
    depth: dict[str, int] = {}
    for root in graph:
        if root in depth:
            continue
        trail: list[str] = [root]
        on_trail = {root}
        cursors = [0]
        while trail:
            name = trail[-1]
            targets = graph[name]
            if cursors[-1] < len(targets):
                target = targets[cursors[-1]]
                cursors[-1] += 1
                if target in on_trail:
                    cycle = " -> ".join([*trail[trail.index(target) :], target])
                    raise ConditionError(
                        ("criteria", index_of[name], "when"),
                        f"criteria refer to each other in a cycle: {cycle}",
                    )
                if target not in depth:
                    trail.append(target)
                    on_trail.add(target)
                    cursors.append(0)
                continue
            depth[name] = 1 + max((depth[target] for target in targets), default=0)
            if depth[name] > MAX_REFERENCE_DEPTH:
                raise ConditionError(
                    ("criteria", index_of[name], "when"),
                    f"criterion {echo(name)} rests on a chain of {depth[name] - 1} criterion "
                    f"references; the limit is {MAX_REFERENCE_DEPTH - 1}",
                )
            order.append(name)
            trail.pop()
            on_trail.discard(name)
            cursors.pop()
    return tuple(order)


def _cost(condition: Any) -> int:
    """How many tests evaluating `condition` once runs, a group test once per group.

    A criterion reference costs one: the criterion itself is evaluated once per project.
    """
    total = 0
    pending: list[tuple[Any, int]] = [(condition, 1)]
    while pending:
        current, times = pending.pop()
        total += times
        if isinstance(current, GroupQuantifier | CountGroups):
            times *= DEFAULT_MAX_GROUPS
        pending.extend((child, times) for child in _children(current))
    return total


def _check_work(
    document: RubricDocument,
    criteria: dict[str, Criterion],
    ties: dict[frozenset[str], TieRule],
    no_verdict: tuple[NoVerdictReason, ...],
) -> None:
    """Refuse a rubric whose evaluation would take more than `MAX_WORK` tests a file."""
    conditions: list[Any] = []
    for criterion in criteria.values():
        conditions.append(criterion.condition)
        conditions.append(criterion.near)
        # The change text tests its group condition once per group.
        if criterion.change_groups is not None:
            conditions.append(GroupQuantifier("any_group", criterion.change_groups))
    conditions.extend(choice.condition for rule in ties.values() for choice in rule.choices)
    conditions.extend(reason.condition for reason in no_verdict)
    work = sum(_cost(condition) for condition in conditions if condition is not None)
    if work > MAX_WORK:
        raise ConditionError(
            ("criteria",),
            f"the rubric's conditions run {work:,} tests per project of {DEFAULT_MAX_GROUPS} "
            f"groups; the limit is {MAX_WORK:,}: simplify the conditions or refer to shared "
            f"criteria instead of repeating them",
        )
