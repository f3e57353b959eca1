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
    Influence,
    OrderedEnum,
    Process,
    Purpose,
    Recognition,
    Relationship,
    Responsibility,
    Role,
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

    @property
    def ordered(self) -> bool:
        return self.values is not None and issubclass(self.values, OrderedEnum)


def _stage_field(stage: Stage) -> FieldSpec:
    return FieldSpec(
        f"stages.{stage.value}",
        Kind.ONE,
        Influence,
        lambda group: group.stages.get(stage),
        ("stages", stage.value),
    )


GROUP_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in [
        FieldSpec("role", Kind.ONE, Role, lambda group: group.role, ("role",)),
        FieldSpec(
            "relationship",
            Kind.ONE,
            Relationship,
            lambda group: group.relationship,
            ("relationship",),
        ),
        FieldSpec("stages", Kind.SET, Stage, lambda group: frozenset(group.stages), ("stages",)),
        *(_stage_field(stage) for stage in Stage),
        FieldSpec(
            "highest_influence",
            Kind.ONE,
            Influence,
            lambda group: group.highest_influence,
            ("stages",),
        ),
        FieldSpec(
            "lowest_influence",
            Kind.ONE,
            Influence,
            lambda group: group.lowest_influence,
            ("stages",),
        ),
        FieldSpec(
            "shares_responsibility_for",
            Kind.SET,
            Responsibility,
            lambda group: frozenset(group.shares_responsibility_for),
            ("shares_responsibility_for",),
        ),
        FieldSpec(
            "recognition", Kind.ONE, Recognition, lambda group: group.recognition, ("recognition",)
        ),
        FieldSpec(
            "told_what_happened",
            Kind.FLAG,
            None,
            lambda group: group.told_what_happened,
            ("told_what_happened",),
        ),
    ]
}
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
        return "(not taking part)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, frozenset):
        # Declaration order, so the same set always reads the same way.
        members = sorted(value, key=_declared_order)
        return ", ".join(str(member.value) for member in members) or "(none)"
    return str(value)
