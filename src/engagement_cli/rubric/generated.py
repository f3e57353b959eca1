"""A rubric's criteria compiled into the source of one Python function, then compiled.

The closures in `closures` answer one condition node per call: a criterion such as "any
group that is not the provider has at least a say" costs a call for the quantifier, one
for the conjunction and one per field test, for every group of every file. Written out
as an expression instead (`any(r[1] not in k0 and r[2] in k1 for r in rows)`), Python
evaluates the same logic with no call per node: deciding a file takes about two thirds
of the time. Groups are read into rows the same way, each stage's part looked up once.

Nothing a rubric file says ever becomes source text. The source holds only generated
names and slot numbers; every value the rubric supplies (the allowed values, a field's
test, a criterion's id, a count) is passed in as a constant beside it. Rubrics too big or
too deeply nested to be worth compiling this way keep the closures, which mean the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
from engagement_cli.rubric.fields import FieldSpec, Kind

MAX_GENERATED_NODES = 5_000
"""The most condition nodes a rubric may have for its criteria to be generated: the
default rubric has a few hundred; a huge one would take longer to compile than to run."""
MAX_GENERATED_DEPTH = 24
"""The deepest condition generated (Python's parser allows a couple of hundred nested
brackets; a rubric file's nesting limit keeps real rubrics far below this)."""

Slot = Callable[[FieldSpec], int]
"""The row (or project) slot that holds a field's value."""


class _Constants:
    """The values generated source names: every one the rubric supplies."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def constant(self, value: Any) -> str:
        """A name for `value`, to write in the source in its place."""
        name = f"k{len(self.values)}"
        self.values[name] = value
        return name


class _Source(_Constants):
    """Expression text for conditions, with the constants it names."""

    def __init__(self, group_slot: Slot, project_slot: Slot, criteria: Sequence[str]) -> None:
        super().__init__()
        self.group_slot = group_slot
        self.project_slot = project_slot
        self.local = {key: f"c{index}" for index, key in enumerate(criteria)}

    def expression(self, condition: Condition, row: str | None) -> str:
        """`condition` as an expression over `row` (a group's row) or the project."""
        if isinstance(condition, FieldTest):
            if row is None:
                value = f"v[{self.project_slot(condition.spec)}]"
            else:
                value = f"{row}[{self.group_slot(condition.spec)}]"
            if condition.allowed is not None:
                return f"({value} in {self.constant(condition.allowed)})"
            return f"{self.constant(condition.test)}({value})"
        if isinstance(condition, CriterionRef):
            return self.local[condition.criterion_id]
        if isinstance(condition, Not):
            return f"(not {self.expression(condition.child, row)})"
        if isinstance(condition, AllOf | AnyOf):
            if not condition.children:
                return "True" if isinstance(condition, AllOf) else "False"
            joiner = " and " if isinstance(condition, AllOf) else " or "
            return f"({joiner.join(self.expression(c, row) for c in condition.children)})"
        if row is None and isinstance(condition, GroupQuantifier):
            inner = self.expression(condition.inner, "r")
            if condition.mode == "any_group":
                return f"any({inner} for r in rows)"
            if condition.mode == "every_group":
                return f"all({inner} for r in rows)"
            return f"(not any({inner} for r in rows))"
        if row is None and isinstance(condition, CountGroups):
            inner = self.expression(condition.inner, "r")
            least = self.constant(condition.at_least)  # a count is the rubric's too
            if condition.distinct is None:
                return f"(sum(1 for r in rows if {inner}) >= {least})"
            slot = self.group_slot(condition.distinct)
            return f"(len({{r[{slot}] for r in rows if {inner}}}) >= {least})"
        raise TypeError(f"cannot generate {condition!r}")


def _assignment(source: _Source, name: str, condition: Condition) -> list[str]:
    """Lines that set `name` to whether `condition` holds for the project.

    A condition that is one quantifier over the groups, as most are, becomes a loop: a
    generator inside `any()` costs more than the test it runs on each group. Anything
    else is one expression, whose `and` and `or` stop as soon as the answer is known.
    """
    if isinstance(condition, GroupQuantifier):
        inner = source.expression(condition.inner, "r")
        if condition.mode == "every_group":
            test, found = f"not {inner}", "False"
        else:
            test, found = inner, "True" if condition.mode == "any_group" else "False"
        otherwise = "False" if found == "True" else "True"
        return [
            f"    {name} = {otherwise}",
            "    for r in rows:",
            f"        if {test}:",
            f"            {name} = {found}",
            "            break",
        ]
    return [f"    {name} = {source.expression(condition, None)}"]


def _size(condition: Condition, depth: int = 1) -> tuple[int, int]:
    """How many nodes `condition` has, and how deep it goes."""
    children: tuple[Condition, ...] = ()
    if isinstance(condition, AllOf | AnyOf):
        children = condition.children
    elif isinstance(condition, Not):
        children = (condition.child,)
    elif isinstance(condition, GroupQuantifier | CountGroups):
        children = (condition.inner,)
    nodes, deepest = 1, depth
    for child in children:
        count, reached = _size(child, depth + 1)
        nodes, deepest = nodes + count, max(deepest, reached)
    return nodes, deepest


ResultsFunction = Callable[[Any], None]
"""Fills in a `Decision`'s results and outcome (see `closures.Decision`)."""
RowsFunction = Callable[[Sequence[Any]], list[tuple[Any, ...]]]
"""Reads each group into its row: the value of every field the rubric tests, by slot."""


def generate_rows(specs: Sequence[FieldSpec]) -> RowsFunction:
    """One function reading groups into rows of `specs`' values, in that order.

    A field that is an attribute of the group, or of its part at a stage, is read in
    place (each stage's part looked up once per group); any other is its own `read`.
    """
    source = _Constants()
    stages: dict[Any, str] = {}
    values = []
    for spec in specs:
        if spec.attribute is not None and spec.attribute.isidentifier():
            values.append(f"g.{spec.attribute}")
        elif spec.part is not None and spec.part[1].isidentifier():
            stage, attribute = spec.part
            part = stages.setdefault(stage, f"p{len(stages)}")
            if spec.kind is Kind.FLAG:
                values.append(f"({part} is not None and {part}.{attribute})")
            else:
                values.append(f"(None if {part} is None else {part}.{attribute})")
        else:
            values.append(f"{source.constant(spec.read)}(g)")
    lines = ["def read_rows(groups):", "    rows = []", "    for g in groups:"]
    if stages:
        lines.append("        parts = g.stages")
        lines += [
            f"        {part} = parts.get({source.constant(stage)})"
            for stage, part in stages.items()
        ]
    lines.append(f"        rows.append(({''.join(value + ', ' for value in values)}))")
    lines.append("    return rows")
    read_rows: RowsFunction = _function("\n".join(lines), "read_rows", source.values)
    return read_rows


def generate_results(
    criteria: Sequence[tuple[str, Condition]],
    extra: Sequence[Condition],
    group_slot: Slot,
    project_slot: Slot,
) -> ResultsFunction | None:
    """One function deciding every criterion of `criteria` (in evaluation order, each
    after the ones it refers to), then the `extra` conditions, into the decision's results
    and outcome; None when the rubric is too large to be worth it."""
    sizes = [_size(condition) for condition in (*(c for _, c in criteria), *extra)]
    if (
        sum(nodes for nodes, _ in sizes) > MAX_GENERATED_NODES
        or max((depth for _, depth in sizes), default=0) > MAX_GENERATED_DEPTH
    ):
        return None
    source = _Source(group_slot, project_slot, [key for key, _ in criteria])
    lines = [
        "def decide_results(decision):",
        "    rows = decision.rows",
        "    v = decision.values",
        "    results = decision.results",
    ]
    for key, condition in criteria:
        name = source.local[key]
        lines += _assignment(source, name, condition)
        lines.append(f"    results[{source.constant(key)}] = {name}")
    outcome = [source.local[key] for key, _ in criteria]
    for index, condition in enumerate(extra):
        lines += _assignment(source, f"e{index}", condition)
        outcome.append(f"e{index}")
    lines.append(f"    decision.outcome = ({''.join(name + ', ' for name in outcome)})")
    decide_results: ResultsFunction = _function("\n".join(lines), "decide_results", source.values)
    return decide_results


def _function(text: str, name: str, constants: dict[str, Any]) -> Any:
    # Generated names and slots only (see the module's docstring), run with no
    # builtins but the four the expressions use.
    namespace: dict[str, Any] = {"__builtins__": {"any": any, "all": all, "sum": sum, "len": len}}
    namespace.update(constants)
    exec(compile(text, "<engage rubric>", "exec"), namespace)
    return namespace[name]
