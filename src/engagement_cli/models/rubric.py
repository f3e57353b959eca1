"""The rubric document: criteria, approaches, their order and checklists, as data.

This module only describes the shape of a rubric file. Conditions stay as plain data
here; `engagement_cli.rubric` compiles and checks them against the project model.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_RUBRIC = ConfigDict(extra="forbid", frozen=True)

IDENTIFIER = r"^[a-z0-9][a-z0-9-]*$"


class SourceSpec(BaseModel):
    """A source document the rubric cites."""

    model_config = _RUBRIC

    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    """Short id used in citations, e.g. "000"."""
    title: str
    """The document's title."""
    file: str | None = None
    """The document's file name, where a copy is kept, so quotes can be checked."""


class CitationSpec(BaseModel):
    """A verbatim quote from a source that backs a rule."""

    model_config = _RUBRIC

    source: str
    """The source's id."""
    quote: str = Field(min_length=3)
    """A short verbatim quote."""


class ChangeSpec(BaseModel):
    """How to phrase the change that would meet a criterion."""

    model_config = _RUBRIC

    text: str
    """The change in plain words; `{groups}` is replaced by the names of the groups
    selected by `groups`."""
    groups: Any = None
    """A group condition selecting the groups to name in `text`."""
    otherwise: str | None = None
    """Text to use when `groups` selects no group."""


class CriterionSpec(BaseModel):
    """One test the rubric applies to a project."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id, lower-case with hyphens."""
    title: str
    """A short statement of what holds when the criterion is met."""
    description: str = ""
    """A longer explanation."""
    cite: list[CitationSpec] = Field(min_length=1)
    """The sentences in the sources this criterion comes from."""
    when: Any
    """The condition over the project that makes the criterion hold."""
    change: ChangeSpec | None = None
    """How to phrase the change that would meet it, for 'what would change the verdict'."""


class ChecklistItemSpec(BaseModel):
    """One readiness item for an approach."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id; projects answer it under `readiness:` by this id."""
    text: str
    """A statement the team should be able to agree with before starting."""
    why: str
    """Why it matters."""
    cite: list[CitationSpec] = Field(min_length=1)
    """The sentences in the sources this item comes from."""


class ApproachSpec(BaseModel):
    """One engagement approach, with the tests it must pass."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id, e.g. "co-design"."""
    name: str
    """Display name."""
    aliases: list[str] = Field(default_factory=list)
    """Other spellings a project may use when it claims this approach."""
    definition: str
    """What the approach is, in a sentence or two."""
    participants: str = ""
    """Who takes part."""
    stages: str = ""
    """Which lifecycle stages people outside the provider take part in."""
    power: str = ""
    """Who holds the power to decide."""
    responsibility: str = ""
    """Who is responsible for delivery and outcomes."""
    outcome: str = ""
    """What the approach produces."""
    cite: list[CitationSpec] = Field(min_length=1)
    """The sentences in the sources the definition comes from."""
    requires: list[str] = Field(min_length=1)
    """Criterion ids that must all hold for this verdict."""
    supports: list[str] = Field(default_factory=list)
    """Criterion ids that strengthen the fit (and the confidence) without being required."""
    checklist: list[ChecklistItemSpec] = Field(default_factory=list)
    """Readiness items to check before starting."""


class Thresholds(BaseModel):
    """Cut-offs for labels, as fractions from 0 to 1."""

    model_config = _RUBRIC

    high: float = Field(default=0.8, ge=0, le=1)
    """At or above this, the label is the best one (high confidence, green readiness)."""
    medium: float = Field(default=0.5, ge=0, le=1)
    """At or above this, the middle label (medium, amber); below it, the worst (low, red)."""


class RubricInfo(BaseModel):
    """The rubric's identity and settings."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id, e.g. "default"."""
    version: int = Field(ge=1)
    """Bumped whenever a verdict could change."""
    title: str
    """Display title."""
    confidence: Thresholds = Thresholds(high=0.8, medium=0.6)
    """Where confidence turns high, medium or low."""
    readiness: Thresholds = Thresholds(high=0.8, medium=0.5)
    """Where a readiness score turns green, amber or red."""


class RubricDocument(BaseModel):
    """A whole rubric file."""

    model_config = _RUBRIC

    rubric: RubricInfo
    """The rubric's identity and settings."""
    sources: list[SourceSpec] = Field(min_length=1)
    """The documents the rubric cites."""
    criteria: list[CriterionSpec] = Field(min_length=1)
    """The tests, in display order."""
    approaches: list[ApproachSpec] = Field(min_length=1)
    """The approaches, least shared power first; a verdict is the last one that qualifies."""
