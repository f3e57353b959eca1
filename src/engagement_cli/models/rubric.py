"""The rubric document: criteria, approaches, how they relate, and checklists, as data.

This module only describes the shape of a rubric file. Conditions stay as plain data
here; `engagement_cli.rubric` compiles and checks them against the project model.

Approaches are not one ladder: each names the approaches it is `above` (shares more
power than), which makes a partial order. Where two approaches the order does not rank
both fit a project, a `ties` rule of the rubric says which one the verdict is.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Built on first validation, once, for the whole document (not once per class at import).
_RUBRIC = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    near: Any = None
    """Optional condition: when the criterion does not hold but this does, the project is
    one step short of it (e.g. users involved where the criterion asks them to share
    decisions). Near misses lower the confidence of a verdict; far ones do not."""
    change: ChangeSpec | None = None
    """How to phrase the change that would meet it (or, for a criterion an approach is
    ruled out by, what it means), for 'what would change the verdict'."""


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
    above: list[str] = Field(default_factory=list)
    """Approach ids this one shares more power than. Together they make a partial order:
    two approaches neither of which is above the other (directly or through others) are
    different kinds, and a claim of one for the other is a mislabel."""
    requires: list[str] = Field(min_length=1)
    """Criterion ids that must all hold for this verdict."""
    unless: list[str] = Field(default_factory=list)
    """Criterion ids any one of which rules this approach out, because the facts
    contradict its definition (e.g. co-design users who deliver what they designed)."""
    practice: list[str] = Field(default_factory=list)
    """Criterion ids of good practice for this approach (feedback, recognition). Shown
    beside the verdict; they never change it or its confidence."""
    checklist: list[ChecklistItemSpec] = Field(default_factory=list)
    """Readiness items to check before starting."""


class TieChoiceSpec(BaseModel):
    """One outcome of a tie rule."""

    model_config = _RUBRIC

    approach: str
    """The approach chosen."""
    when: Any = None
    """The condition under which it is chosen; the last choice has none (it is the rest)."""
    because: str
    """Why, in words a report can show: "… rather than …, because …"."""
    close_call: bool | None = None
    """Whether, when this choice is made, the other approach is a close alternative
    (it lowers the confidence and is the runner-up). Left out: yes when the rule has
    conditions, no when it always makes the same choice."""


class TieSpec(BaseModel):
    """How to choose between two approaches the order does not rank, when both fit."""

    model_config = _RUBRIC

    between: list[str] = Field(min_length=2, max_length=2)
    """The two approach ids."""
    choose: list[TieChoiceSpec] = Field(min_length=1)
    """Tried in order: the first whose `when` holds is the verdict."""
    cite: list[CitationSpec] = Field(default_factory=list)
    """The sentences in the sources the rule comes from."""


class NoVerdictSpec(BaseModel):
    """A reason to give when no approach fits."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id, e.g. "user-led"."""
    when: Any = None
    """The condition under which this is the reason; the last reason has none."""
    text: str
    """The reason, in plain words."""


class Thresholds(BaseModel):
    """Cut-offs for labels, as fractions from 0 to 1."""

    model_config = _RUBRIC

    high: float = Field(default=0.8, ge=0, le=1)
    """At or above this, the label is the best one (high confidence, green readiness)."""
    medium: float = Field(default=0.5, ge=0, le=1)
    """At or above this, the middle label (medium, amber); below it, the worst (low, red)."""

    @model_validator(mode="after")
    def _high_is_not_below_medium(self) -> Thresholds:
        # A high cut-off below the medium one would make the middle label unreachable
        # and the labels contradict the numbers.
        if self.high < self.medium:
            raise ValueError(f"high ({self.high}) must not be below medium ({self.medium})")
        return self


class ConfidenceSpec(Thresholds):
    """How certain a classification is: 1, less a penalty per close alternative."""

    tie: float = Field(default=0.35, ge=0, le=1)
    """Penalty when another approach fits too and a conditional tie rule chose."""
    near_miss: list[float] = Field(default_factory=lambda: [0.3, 0.15])
    """Penalty when an approach above the verdict is short only by near misses: the first
    number for one near miss, the second for two; more than that costs nothing."""


class RubricInfo(BaseModel):
    """The rubric's identity and settings."""

    model_config = _RUBRIC

    id: str = Field(pattern=IDENTIFIER)
    """Stable id, e.g. "default"."""
    version: int = Field(ge=1)
    """Bumped whenever a verdict could change."""
    title: str
    """Display title."""
    # Constructed, not validated: validating here would build schemas at import.
    confidence: ConfidenceSpec = ConfidenceSpec.model_construct(high=0.8, medium=0.6)
    """Where confidence turns high, medium or low, and what lowers it."""
    readiness: Thresholds = Thresholds.model_construct(high=0.8, medium=0.5)
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
    approaches: list[ApproachSpec] = Field(min_length=1, max_length=50)
    """The approaches, in display order (least shared power first reads best); at most
    50, since every pair of them is compared for every project."""
    ties: list[TieSpec] = Field(default_factory=list)
    """How to choose between approaches that are not ordered, when both fit; every such
    pair needs one."""
    no_verdict: list[NoVerdictSpec] = Field(default_factory=list)
    """Reasons to give when no approach fits, tried in order."""

    def below(self) -> dict[str, frozenset[str]]:
        """For each approach id, every approach it is above, directly or through others.

        Ids that name no approach are ignored here; compiling the rubric refuses them.
        """
        direct = {spec.id: spec.above for spec in self.approaches}
        closure: dict[str, frozenset[str]] = {}
        for key in direct:
            # Iterative: a rubric is untrusted input, and may be deep or cyclic.
            seen: set[str] = set()
            pending = list(direct[key])
            while pending:
                lower = pending.pop()
                if lower in direct and lower not in seen:
                    seen.add(lower)
                    pending.extend(direct[lower])
            closure[key] = frozenset(seen)
        return closure
