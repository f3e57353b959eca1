"""The project fields a rubric condition may test, and how to read each one.

This is the only place that ties rubric field names to the project model, so the
model can evolve without touching rubric files, and a rubric that names a field
not listed here fails to load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from engagement_cli.loading.problems import FieldPath
from engagement_cli.models.project import (
    Answer,
    OrderedEnum,
    Process,
    Purpose,
    Recognition,
    Relationship,
    Responsibility,
    Role,
    Say,
    Stage,
)


class Kind(StrEnum):
    """How a field's value can be tested."""

    ONE = "one"
    """A single enumerated value (possibly absent)."""
    SET = "set"
    """A set of enumerated values."""
    FLAG = "flag"
    """true or false."""


@dataclass(frozen=True)
class FieldSpec:
    """A testable field: its values, and where it sits in a project file."""

    name: str
    kind: Kind
    values: type[Enum] | None
    read: Callable[[Any], Any]
    """Reads the value from a `Group` (group fields) or a `Project` (project fields)."""
    path: FieldPath
    """The field's path relative to its group or project, for evidence and line numbers."""
    attribute: str | None = None
    """When `read` returns an attribute of the group or project as it is: its name."""
    part: tuple[Stage, str] | None = None
    """When `read` returns an attribute of the group's part at one stage (None, or false
    for a flag, when the group has no part there): the stage and the attribute."""

    @property
    def ordered(self) -> bool:
        return self.values is not None and issubclass(self.values, OrderedEnum)


# The per-stage readers go straight to the group's stage entry (what `Group.say_at`,
# `works_at` and `takes_part_at` do): they run for every group of every file.
def _say_field(name: str, stage: Stage) -> FieldSpec:
    def read(group: Any) -> Any:
        part = group.stages.get(stage)
        return None if part is None else part.say

    return FieldSpec(name, Kind.ONE, Say, read, ("stages", stage.value), part=(stage, "say"))


def _stage_flag(name: str, stage: Stage, attribute: str) -> FieldSpec:
    def read(group: Any) -> bool:
        part = group.stages.get(stage)
        return part is not None and bool(getattr(part, attribute))

    return FieldSpec(
        f"{name}.{stage.value}",
        Kind.FLAG,
        None,
        read,
        ("stages", stage.value),
        part=(stage, attribute),
    )


def _group_specs() -> Iterable[FieldSpec]:
    yield FieldSpec("role", Kind.ONE, Role, lambda group: group.role, ("role",), attribute="role")
    yield FieldSpec(
        "relationship",
        Kind.ONE,
        Relationship,
        lambda group: group.effective_relationship,
        ("relationship",),
    )
    yield FieldSpec("stages", Kind.SET, Stage, lambda group: frozenset(group.stages), ("stages",))
    for stage in Stage:
        yield _say_field(f"say.{stage.value}", stage)
        # Format 1's name for the same value, so older rubrics keep loading.
        yield _say_field(f"stages.{stage.value}", stage)
        yield _stage_flag("does_work", stage, "does_work")
        yield _stage_flag("takes_part", stage, "takes_part")
    yield FieldSpec(
        "works_in",
        Kind.SET,
        Stage,
        lambda group: frozenset(stage for stage, part in group.stages.items() if part.does_work),
        ("stages",),
    )
    yield FieldSpec(
        "does_work",
        Kind.FLAG,
        None,
        lambda group: any(part.does_work for part in group.stages.values()),
        ("stages",),
    )
    yield FieldSpec(
        "takes_part",
        Kind.FLAG,
        None,
        lambda group: any(part.takes_part for part in group.stages.values()),
        ("stages",),
    )
    for name in ("highest_say", "highest_influence"):
        yield FieldSpec(name, Kind.ONE, Say, lambda group: group.highest_say, ("stages",))
    for name in ("lowest_say", "lowest_influence"):
        yield FieldSpec(name, Kind.ONE, Say, lambda group: group.lowest_say, ("stages",))
    yield FieldSpec(
        "shares_responsibility_for",
        Kind.SET,
        Responsibility,
        lambda group: frozenset(group.shares_responsibility_for),
        ("shares_responsibility_for",),
    )
    yield FieldSpec(
        "recognition",
        Kind.ONE,
        Recognition,
        lambda group: group.recognition,
        ("recognition",),
        attribute="recognition",
    )
    yield FieldSpec(
        "told_what_happened",
        Kind.FLAG,
        None,
        lambda group: group.told_what_happened,
        ("told_what_happened",),
        attribute="told_what_happened",
    )


GROUP_FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in _group_specs()}
"""Fields of one participating group."""


def _readiness_field(item_id: str) -> FieldSpec:
    return FieldSpec(
        f"readiness.{item_id}",
        Kind.ONE,
        Answer,
        lambda project: project.readiness.get(item_id, Answer.UNKNOWN),
        ("readiness", item_id),
    )


def project_fields(readiness_items: Iterable[str]) -> dict[str, FieldSpec]:
    """Fields of the project as a whole; readiness answers depend on the rubric's checklists."""
    specs = [
        FieldSpec("purpose", Kind.ONE, Purpose, lambda project: project.purpose, ("purpose",)),
        FieldSpec("process", Kind.ONE, Process, lambda project: project.process, ("process",)),
        *(_readiness_field(item) for item in readiness_items),
    ]
    return {spec.name: spec for spec in specs}


def _declared_order(member: Enum) -> int:
    return list(type(member).__members__).index(member.name)


def describe_value(value: Any) -> str:
    """A field value as the project file would spell it."""
    if value is None:
        return "(none)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, frozenset):
        # Declaration order, so the same set always reads the same way.
        members = sorted(value, key=_declared_order)
        return ", ".join(str(member.value) for member in members) or "(none)"
    return str(value)
