"""Conditions compiled once per rubric into plain closures that only say true or false.

The condition nodes in `conditions` explain themselves: each evaluation returns the facts
it rests on, which a report needs only when it shows evidence. Deciding a verdict needs
none of that, so every condition is also compiled into a closure over pre-resolved field
slots. Per project, each group's values are read once into a row (one read per field the
rubric tests, however many conditions test it); per criterion, one closure call answers.
Nothing is looked up by name or dispatched on node type while a file is assessed.

The closures must agree with the nodes' own `evaluate` on every project; a property test
holds them to it. For most rubrics the decider does not even call them: `generated`
writes the same logic out as one function, and the closures stay for the rest (and for
the tests a verdict's explanation asks on its own).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from engagement_cli.models.project import Project
from engagement_cli.rubric.conditions import (
    AllOf,
    AnyOf,
    Condition,
    CountGroups,
    CriterionRef,
    FieldTest,
    GroupQuantifier,
    Not,
)
from engagement_cli.rubric.fields import GROUP_FIELDS, FieldSpec
from engagement_cli.rubric.generated import (
    ResultsFunction,
    RowsFunction,
    generate_results,
    generate_rows,
)

Row = tuple[Any, ...]
"""One group's values, in the slots the rubric's conditions read."""


@dataclass(slots=True)
class Decision:
    """What the closures read for one project, and the criteria decided so far."""

    project: Project
    rows: list[Row]
    """One row per group, in the project's order."""
    values: Row
    """The project-wide fields the rubric tests."""
    results: dict[str, bool] = field(default_factory=dict)
    """Each criterion's result, filled in evaluation order."""
    outcome: tuple[bool, ...] = ()
    """Every boolean the verdict follows from: each criterion in evaluation order, then
    each of the decider's extra conditions (near misses, tie rules, reasons for none)."""


ProjectTest = Callable[[Decision], bool]
GroupTest = Callable[[Row, Decision], bool]
_Test = Callable[[Row | None, Decision], bool]
"""Every closure inside has one shape, given a group's row or None for the project."""


class ClosureCompiler:
    """Compiles conditions into closures, giving each field it meets a slot."""

    def __init__(self, project_fields: dict[str, FieldSpec]) -> None:
        self._project_fields = project_fields
        self._group_slots: dict[str, int] = {}
        self._project_slots: dict[str, int] = {}

    def project(self, condition: Condition) -> ProjectTest:
        """A closure for a condition on the whole project."""
        return partial(self._compile(condition, in_group=False), None)

    def group(self, condition: Condition) -> GroupTest:
        """A closure for a condition on one group (its row)."""
        return self._compile(condition, in_group=True)

    def _compile(self, condition: Condition, *, in_group: bool) -> _Test:
        if isinstance(condition, FieldTest):
            return self._field(condition, in_group=in_group)
        if isinstance(condition, CriterionRef):
            key = condition.criterion_id
            return lambda _row, decision: decision.results[key]
        if isinstance(condition, Not):
            child = self._compile(condition.child, in_group=in_group)
            return lambda row, decision: not child(row, decision)
        if isinstance(condition, AllOf | AnyOf):
            tests = tuple(self._compile(item, in_group=in_group) for item in condition.children)
            return _combined(isinstance(condition, AllOf), tests)
        if not in_group and isinstance(condition, GroupQuantifier):
            return _quantified(condition.mode, self.group(condition.inner))
        if not in_group and isinstance(condition, CountGroups):
            return self._count(condition)
        raise TypeError(f"not a {'group ' if in_group else ''}condition: {condition!r}")

    def _field(self, condition: FieldTest, *, in_group: bool) -> _Test:
        test, allowed = condition.test, condition.allowed
        if in_group:
            slot = self._slot(condition.spec, self._group_slots)
            if allowed is not None:
                return lambda row, _decision: row[slot] in allowed  # type: ignore[index]
            return lambda row, _decision: test(row[slot])  # type: ignore[index]
        slot = self._slot(condition.spec, self._project_slots)
        if allowed is not None:
            return lambda _row, decision: decision.values[slot] in allowed
        return lambda _row, decision: test(decision.values[slot])

    def _count(self, condition: CountGroups) -> _Test:
        inner, at_least = self.group(condition.inner), condition.at_least
        if condition.distinct is None:
            return lambda _row, decision: (
                sum(1 for row in decision.rows if inner(row, decision)) >= at_least
            )
        slot = self._slot(condition.distinct, self._group_slots)
        return lambda _row, decision: (
            len({row[slot] for row in decision.rows if inner(row, decision)}) >= at_least
        )

    @staticmethod
    def _slot(spec: FieldSpec, slots: dict[str, int]) -> int:
        return slots.setdefault(spec.name, len(slots))

    def decider(
        self,
        criteria: Sequence[tuple[str, Condition]],
        extra: Sequence[Condition] = (),
        *,
        generate: bool = True,
    ) -> Decider:
        """The finished decider: `criteria` in evaluation order, each after its references,
        then `extra` conditions, whose answers complete each decision's outcome.

        Unless `generate` is false, or the rubric is too large for it, the criteria are
        decided by one generated function (see `generated`) instead of their closures.
        """
        results = None
        if generate:
            results = generate_results(
                criteria,
                extra,
                lambda spec: self._slot(spec, self._group_slots),
                lambda spec: self._slot(spec, self._project_slots),
            )
        # The closures are the way to decide only when nothing was generated.
        tests: tuple[tuple[str, ProjectTest], ...] = ()
        extra_tests: tuple[ProjectTest, ...] = ()
        if results is None:
            tests = tuple((key, self.project(condition)) for key, condition in criteria)
            extra_tests = tuple(self.project(condition) for condition in extra)
        group_reads = tuple(GROUP_FIELDS[name].read for name in self._group_slots)
        project_reads = tuple(self._project_fields[name].read for name in self._project_slots)
        rows = (
            generate_rows([GROUP_FIELDS[name] for name in self._group_slots]) if generate else None
        )
        return Decider(group_reads, project_reads, tests, extra_tests, results, rows)


@dataclass(frozen=True)
class Decider:
    """Decides every criterion of a rubric for one project, true or false."""

    group_reads: tuple[Callable[[Any], Any], ...]
    project_reads: tuple[Callable[[Any], Any], ...]
    criteria: tuple[tuple[str, ProjectTest], ...]
    """Each criterion's closure, in evaluation order (none when `generated` decides)."""
    extra: tuple[ProjectTest, ...] = ()
    """The extra conditions' closures (none when `generated` decides)."""
    generated: ResultsFunction | None = None
    """Every criterion decided by one generated function, when the rubric has one."""
    read_rows: RowsFunction | None = None
    """Every group's row read by one generated function (`group_reads` otherwise)."""

    def decide(self, project: Project) -> Decision:
        if self.read_rows is not None:
            rows = self.read_rows(project.groups)
        else:
            reads = self.group_reads
            rows = [tuple([read(group) for read in reads]) for group in project.groups]
        decision = Decision(project, rows, tuple([read(project) for read in self.project_reads]))
        if self.generated is not None:
            self.generated(decision)
            return decision
        results = decision.results
        for key, test in self.criteria:
            results[key] = test(decision)
        decision.outcome = (
            *[results[key] for key, _ in self.criteria],
            *[test(decision) for test in self.extra],
        )
        return decision


def _combined(every: bool, tests: tuple[_Test, ...]) -> _Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        if every:
            return lambda row, decision: first(row, decision) and second(row, decision)
        return lambda row, decision: first(row, decision) or second(row, decision)

    def all_hold(row: Row | None, decision: Decision) -> bool:
        for test in tests:
            if not test(row, decision):
                return False
        return True

    def any_holds(row: Row | None, decision: Decision) -> bool:
        for test in tests:
            if test(row, decision):
                return True
        return False

    return all_hold if every else any_holds


def _quantified(mode: str, inner: GroupTest) -> _Test:
    def any_group(_row: Row | None, decision: Decision) -> bool:
        for row in decision.rows:
            if inner(row, decision):
                return True
        return False

    def every_group(_row: Row | None, decision: Decision) -> bool:
        for row in decision.rows:
            if not inner(row, decision):
                return False
        return True

    if mode == "any_group":
        return any_group
    if mode == "every_group":
        return every_group
    return lambda row, decision: not any_group(row, decision)
