"""Declarative conditions: compiling them from rubric data, and evaluating them.

A condition is a mapping with one key:

- ``all: [...]``, ``any: [...]``, ``not: {...}`` combine conditions;
- ``any_group``, ``every_group``, ``no_group`` test each participating group;
- ``count_groups: {where: ..., at_least: N, distinct: FIELD}`` counts matching groups;
- ``criterion: ID`` reuses another criterion's result;
- ``field: NAME`` with one operator tests a value: ``equals``, ``in``, ``at_least`` and
  ``at_most`` (for ordered values such as influence), ``includes``, ``includes_all`` and
  ``includes_any`` (for lists such as stages).

Evaluation returns whether the condition holds and the facts that explain it, so every
verdict can point at the fields of the project file it rests on. The facts form a trail:
a tuple of facts and of other conditions' trails, shared by reference and never copied.
A criterion referred to a thousand times costs one evaluation and one trail; `flatten`
lists each fact once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, NamedTuple, Protocol

from engagement_cli.loading.problems import FieldPath, echo
from engagement_cli.models.project import Group, Project, normalise_word
from engagement_cli.rubric.fields import GROUP_FIELDS, FieldSpec, Kind

Scope = Literal["project", "group"]


class Fact(NamedTuple):
    """One value of the project that a condition looked at.

    A plain tuple, holding the raw value: conditions run many times per project, and
    only the facts that end up as evidence need describing.
    """

    group: str | None
    """The group's name, or None for a project-wide field."""
    name: str
    """The field as the rubric names it, e.g. ``highest_influence``."""
    path: FieldPath
    """Where the value sits in the project file."""
    value: Any
    """The value read (an enum member, a set of them, a flag, or None)."""


Trail = tuple["Fact | Trail", ...]
"""Facts, and the trails of the conditions a result rests on (shared, not copied)."""

Outcome = tuple[bool, Trail]


def flatten(trail: Trail) -> list[Fact]:
    """The facts of a trail in order, each once, without recursion.

    A trail shared by many conditions is walked once: its facts are listed the first
    time it is reached, so later visits add nothing.
    """
    facts: dict[Fact, None] = {}
    seen: set[int] = set()
    pending: list[Fact | Trail] = [trail]
    while pending:
        item = pending.pop()
        if isinstance(item, Fact):
            facts.setdefault(item, None)
        elif id(item) not in seen:
            seen.add(id(item))
            pending.extend(reversed(item))
    return list(facts)


@dataclass
class Context:
    """What a condition is evaluated against: one project, and the rubric's criteria.

    Every criterion is evaluated once, in `order` (each after the criteria it refers
    to), so a reference reads a finished result and evaluation never recurses through
    criteria, however long a chain of references a rubric builds.
    """

    project: Project
    criteria: Mapping[str, Condition]
    order: Sequence[str]
    results: dict[str, Outcome] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for criterion_id in self.order:
            self.results[criterion_id] = self.criteria[criterion_id].evaluate(self, None)


class Condition(Protocol):
    """A compiled condition."""

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        """Whether the condition holds, for the project or for one (index, group)."""
        ...


class ConditionError(Exception):
    """A rubric condition that cannot be compiled; `path` points into the rubric file."""

    def __init__(self, path: FieldPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# --- the compiled node types -------------------------------------------------------


@dataclass(frozen=True)
class AllOf:
    children: tuple[Condition, ...]

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        trails: list[Trail] = []
        for child in self.children:
            holds, trail = child.evaluate(context, group)
            if not holds:
                return False, trail
            trails.append(trail)
        return True, tuple(trails)


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Condition, ...]

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        outcomes = [child.evaluate(context, group) for child in self.children]
        held = tuple(trail for holds, trail in outcomes if holds)
        return bool(held), held if held else tuple(trail for _, trail in outcomes)


@dataclass(frozen=True)
class Not:
    child: Condition

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        holds, facts = self.child.evaluate(context, group)
        return not holds, facts


@dataclass(frozen=True)
class GroupQuantifier:
    mode: Literal["any_group", "every_group", "no_group"]
    inner: Condition

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        held: list[Trail] = []
        broken: list[Trail] = []
        any_held, all_held = False, True
        for index, member in enumerate(context.project.groups):
            holds, trail = self.inner.evaluate(context, (index, member))
            if holds:
                any_held = True
                held.append(trail)
            else:
                all_held = False
                broken.append(trail)
        if self.mode == "any_group":
            return any_held, tuple(held)
        if self.mode == "no_group":
            # When it fails, the groups that matched are the evidence against it.
            return not any_held, tuple(held)
        return all_held, tuple(held if all_held else broken)


@dataclass(frozen=True)
class CountGroups:
    inner: Condition
    at_least: int
    distinct: FieldSpec | None

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        facts: list[Fact | Trail] = []
        seen: set[Any] = set()
        count = 0
        for index, member in enumerate(context.project.groups):
            holds, inner_facts = self.inner.evaluate(context, (index, member))
            if not holds:
                continue
            if self.distinct is not None:
                key = self.distinct.read(member)
                if key in seen:
                    continue
                seen.add(key)
                facts.append(_fact(self.distinct, key, (index, member)))
            count += 1
            facts.append(inner_facts)
        return count >= self.at_least, tuple(facts)


@dataclass(frozen=True)
class CriterionRef:
    criterion_id: str

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        # Evaluated already: `Context` runs criteria in dependency order.
        return context.results[self.criterion_id]


@dataclass(frozen=True)
class FieldTest:
    spec: FieldSpec
    test: Callable[[Any], bool]
    allowed: frozenset[Any] | None = None
    """For a test of one value (an enum member, a flag, or None): every value that passes,
    worked out once per rubric so that a compiled test is a single set lookup."""

    def evaluate(self, context: Context, group: tuple[int, Group] | None) -> Outcome:
        value = self.spec.read(group[1] if group is not None else context.project)
        return self.test(value), (_fact(self.spec, value, group),)


def _fact(spec: FieldSpec, value: Any, group: tuple[int, Group] | None) -> Fact:
    if group is None:
        return Fact(None, spec.name, spec.path, value)
    index, member = group
    return Fact(member.name, spec.name, ("groups", index, *spec.path), value)


# --- compiling ---------------------------------------------------------------------

_COMBINATORS = (
    "all",
    "any",
    "not",
    "any_group",
    "every_group",
    "no_group",
    "count_groups",
    "criterion",
    "field",
)
_OPERATORS: dict[Kind, tuple[str, ...]] = {
    Kind.ONE: ("equals", "in", "at_least", "at_most"),
    Kind.SET: ("includes", "includes_all", "includes_any"),
    Kind.FLAG: ("equals",),
}


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {echo(close[0])}?)" if close else ""


@dataclass(frozen=True)
class Compiler:
    """Compiles raw conditions, checking every name against what exists."""

    project_fields: Mapping[str, FieldSpec]
    criterion_ids: frozenset[str]

    def compile(self, raw: Any, path: FieldPath, scope: Scope) -> Condition:
        if not isinstance(raw, Mapping):
            raise ConditionError(
                path, "a condition must be a mapping, e.g. {field: role, equals: users}"
            )
        if "field" in raw:
            return self._field_test(raw, path, scope)
        if len(raw) != 1:
            raise ConditionError(
                path,
                f"a condition has exactly one of {', '.join(_COMBINATORS)}"
                f"; found {', '.join(map(str, raw)) or 'nothing'}",
            )
        ((key, value),) = raw.items()
        inner_path = (*path, key)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(inner_path, f"'{key}' takes a non-empty list of conditions")
            children = tuple(
                self.compile(child, (*inner_path, index), scope)
                for index, child in enumerate(value)
            )
            return AllOf(children) if key == "all" else AnyOf(children)
        if key == "not":
            return Not(self.compile(value, inner_path, scope))
        if key in ("any_group", "every_group", "no_group"):
            self._require_project_scope(key, inner_path, scope)
            return GroupQuantifier(key, self.compile(value, inner_path, "group"))
        if key == "count_groups":
            self._require_project_scope(key, inner_path, scope)
            return self._count_groups(value, inner_path)
        if key == "criterion":
            if value not in self.criterion_ids:
                raise ConditionError(
                    inner_path,
                    f"unknown criterion {echo(value)}"
                    f"{_suggest(str(value), sorted(self.criterion_ids))}",
                )
            return CriterionRef(value)
        raise ConditionError(
            inner_path,
            f"unknown condition {echo(key)}"
            f"{_suggest(str(key), _COMBINATORS)}; expected one of "
            f"{', '.join(_COMBINATORS)}",
        )

    def _require_project_scope(self, key: str, path: FieldPath, scope: Scope) -> None:
        if scope == "group":
            raise ConditionError(path, f"{echo(key)} cannot be nested inside a group condition")

    def _count_groups(self, value: Any, path: FieldPath) -> Condition:
        if not isinstance(value, Mapping) or set(value) - {"where", "at_least", "distinct"}:
            raise ConditionError(
                path, "count_groups takes 'where', 'at_least' and optionally 'distinct'"
            )
        at_least = value.get("at_least")
        if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
            raise ConditionError((*path, "at_least"), "at_least must be a whole number, 1 or more")
        distinct = None
        if "distinct" in value:
            distinct = self._field_spec(value["distinct"], (*path, "distinct"), "group")
        where = self.compile(value.get("where"), (*path, "where"), "group")
        return CountGroups(where, at_least, distinct)

    def _field_spec(self, name: Any, path: FieldPath, scope: Scope) -> FieldSpec:
        fields = GROUP_FIELDS if scope == "group" else self.project_fields
        if isinstance(name, str) and name in fields:
            return fields[name]
        other = self.project_fields if scope == "group" else GROUP_FIELDS
        if isinstance(name, str) and name in other:
            where = (
                "a group field: test it inside any_group, every_group or no_group"
                if scope == "project"
                else "a project field: it cannot be tested per group"
            )
            raise ConditionError(path, f"{echo(name)} is {where}")
        raise ConditionError(
            path,
            f"unknown {scope} field {echo(name)}{_suggest(str(name), list(fields))}"
            f"; known: {', '.join(fields)}",
        )

    def _field_test(self, raw: Mapping[str, Any], path: FieldPath, scope: Scope) -> Condition:
        spec = self._field_spec(raw["field"], (*path, "field"), scope)
        operators = [key for key in raw if key != "field"]
        allowed = _OPERATORS[spec.kind]
        if len(operators) != 1:
            raise ConditionError(
                path, f"a test of {echo(spec.name)} takes exactly one of {', '.join(allowed)}"
            )
        operator = operators[0]
        operand_path = (*path, operator)
        if operator not in allowed:
            hint = _suggest(operator, allowed)
            raise ConditionError(
                operand_path,
                f"{echo(operator)} cannot test '{spec.name}'{hint}; "
                f"use one of {', '.join(allowed)}",
            )
        if operator in ("at_least", "at_most") and not spec.ordered:
            raise ConditionError(operand_path, f"{echo(spec.name)} has no order; use equals or in")
        test = self._test(spec, operator, raw[operator], operand_path)
        return FieldTest(spec, test, _passing(spec, test))

    def _test(
        self, spec: FieldSpec, operator: str, operand: Any, path: FieldPath
    ) -> Callable[[Any], bool]:
        if spec.kind is Kind.FLAG:
            if not isinstance(operand, bool):
                raise ConditionError(path, f"{echo(spec.name)} is true or false")
            return lambda value: bool(value is operand)
        if operator in ("in", "includes_all", "includes_any"):
            if not isinstance(operand, list) or not operand:
                raise ConditionError(path, f"{echo(operator)} takes a non-empty list of values")
            members = frozenset(
                self._member(spec, item, (*path, index)) for index, item in enumerate(operand)
            )
            if operator == "in":
                return lambda value: value in members
            if operator == "includes_all":
                return lambda value: members <= value
            return lambda value: bool(members & value)
        member = self._member(spec, operand, path)
        if operator == "equals":
            return lambda value: bool(value == member)
        if operator == "includes":
            return lambda value: member in value
        rank = member.rank  # type: ignore[attr-defined]
        if operator == "at_least":
            # A group that takes no part in a stage has no influence there at all.
            return lambda value: value is not None and value.rank >= rank
        return lambda value: value is None or value.rank <= rank

    def _member(self, spec: FieldSpec, raw: Any, path: FieldPath) -> Enum:
        assert spec.values is not None
        try:
            return spec.values(normalise_word(raw, spec.values))
        except ValueError:
            choices = [str(member.value) for member in spec.values]
            raise ConditionError(
                path,
                f"{echo(raw)} is not a value of {echo(spec.name)}{_suggest(str(raw), choices)}; "
                f"expected one of {', '.join(choices)}",
            ) from None


def _passing(spec: FieldSpec, test: Callable[[Any], bool]) -> frozenset[Any] | None:
    """The values of a one-value field that pass `test`, or None for a set-valued field."""
    if spec.kind is Kind.SET:
        return None
    values: list[Any] = [True, False] if spec.kind is Kind.FLAG else [*(spec.values or ()), None]
    return frozenset(value for value in values if test(value))
