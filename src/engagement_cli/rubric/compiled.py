"""A compiled rubric: the rubric document with its conditions checked and compiled."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from engagement_cli.loading.problems import FieldPath
from engagement_cli.models.project import normalise_word
from engagement_cli.models.result import NO_VERDICT
from engagement_cli.models.rubric import (
    ApproachSpec,
    ChecklistItemSpec,
    CitationSpec,
    CriterionSpec,
    RubricDocument,
    SourceSpec,
)
from engagement_cli.rubric.conditions import Compiler, Condition, ConditionError, CriterionRef
from engagement_cli.rubric.fields import project_fields


@dataclass(frozen=True)
class Criterion:
    """A criterion with its condition compiled."""

    spec: CriterionSpec
    condition: Condition
    change_groups: Condition | None
    """Selects the groups to name in the criterion's change text."""


@dataclass(frozen=True)
class Rubric:  # not slotted: cached_property needs a __dict__
    """A rubric ready to assess projects with."""

    document: RubricDocument
    origin: str
    """Where the rubric came from, for messages."""
    criteria: dict[str, Criterion]
    """Criteria by id, in the rubric's order."""

    @cached_property
    def conditions(self) -> dict[str, Condition]:
        """Each criterion's compiled condition, by id."""
        return {key: criterion.condition for key, criterion in self.criteria.items()}

    @property
    def label(self) -> str:
        return f"{self.document.rubric.id}@{self.document.rubric.version}"

    @property
    def approaches(self) -> list[ApproachSpec]:
        """Approaches, least shared power first."""
        return self.document.approaches

    @property
    def sources(self) -> dict[str, SourceSpec]:
        return {source.id: source for source in self.document.sources}

    def approach(self, approach_id: str) -> ApproachSpec:
        return next(spec for spec in self.approaches if spec.id == approach_id)

    def rank(self, approach_id: str) -> int:
        """Position in the rubric's order; "none" ranks below every approach."""
        if approach_id == NO_VERDICT:
            return -1
        return [spec.id for spec in self.approaches].index(approach_id)

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
    criteria: dict[str, Criterion] = {}
    for index, spec in enumerate(document.criteria):
        path: FieldPath = ("criteria", index)
        condition = compiler.compile(spec.when, (*path, "when"), "project")
        change_groups = None
        if spec.change is not None and spec.change.groups is not None:
            change_groups = compiler.compile(
                spec.change.groups, (*path, "change", "groups"), "group"
            )
        criteria[spec.id] = Criterion(spec, condition, change_groups)
    _check_cycles(document, criteria)
    for index, approach in enumerate(document.approaches):
        for key in ("requires", "supports"):
            for position, criterion_id in enumerate(getattr(approach, key)):
                if criterion_id not in criterion_ids:
                    raise ConditionError(
                        ("approaches", index, key, position), f"unknown criterion '{criterion_id}'"
                    )
    return Rubric(document, origin, criteria)


def _check_unique(document: RubricDocument) -> None:
    seen: dict[str, FieldPath] = {}

    def claim(name: str, path: FieldPath, what: str) -> None:
        folded = normalise_word(name)
        if folded in seen:
            raise ConditionError(path, f"{what} '{name}' is already used")
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


def _check_citations(document: RubricDocument) -> None:
    known = {source.id for source in document.sources}
    for path, cite in _citations(document):
        if cite.source not in known:
            raise ConditionError(
                (*path, "source"),
                f"unknown source '{cite.source}'; "
                f"the rubric's sources are {', '.join(sorted(known))}",
            )


def _references(condition: Any) -> Iterator[str]:
    """Criterion ids a compiled condition refers to, directly or nested."""
    if isinstance(condition, CriterionRef):
        yield condition.criterion_id
    for child in getattr(condition, "children", ()):
        yield from _references(child)
    for attribute in ("child", "inner"):
        if hasattr(condition, attribute):
            yield from _references(getattr(condition, attribute))


def _check_cycles(document: RubricDocument, criteria: dict[str, Criterion]) -> None:
    graph = {name: list(_references(criterion.condition)) for name, criterion in criteria.items()}
    index_of = {criterion.id: index for index, criterion in enumerate(document.criteria)}
    finished: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycle = " -> ".join([*trail[trail.index(name) :], name])
            raise ConditionError(
                ("criteria", index_of[trail[-1]], "when"),
                f"criteria refer to each other in a cycle: {cycle}",
            )
        if name in finished:
            return
        for target in graph[name]:
            visit(target, [*trail, name])
        finished.add(name)

    for name in graph:
        visit(name, [])
