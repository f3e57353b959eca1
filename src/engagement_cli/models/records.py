"""The small records an assessment holds by the thousand: frozen, slotted dataclasses.

They cost a tenth of a pydantic model to create; pydantic still validates and serializes
them as fields of the models in `result` that contain them, and `result` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact from the project file that a criterion relied on."""

    group: str | None
    """The group the fact is about, or null for a project-wide field."""
    field: str
    """Where the fact is in the project file, e.g. `groups[1].stages.design`."""
    test: str
    """What the rubric tested there, e.g. `highest_influence` or `stages.design`."""
    value: str
    """The value found."""
    line: int | None = None
    """1-based line of the field in the project file, where known."""


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """Whether one rubric criterion holds for the project, and why."""

    id: str
    """The criterion's id; its title and sources are in the report's `criteria`."""
    met: bool
    """Whether the project meets it."""
    evidence: list[Evidence]
    """The facts that made it hold; for an unmet 'every group' test, the groups that broke it.
    At most `MAX_EVIDENCE` are listed."""
    more_evidence: int = 0
    """How many more facts it rests on than `evidence` lists (0 unless over the limit)."""


MAX_EVIDENCE = 50
"""The most evidence facts listed for one criterion: a test over 200 groups would
otherwise repeat 200 facts in every criterion of every report."""


@dataclass(frozen=True, slots=True)
class ApproachScore:
    """How the project stands against one approach."""

    id: str
    """The approach's id in the rubric."""
    name: str
    """The approach's display name."""
    relation: str
    """How the approach stands to the verdict: verdict, above (shares more power),
    below, or unordered (a different kind)."""
    qualifies: bool
    """Whether every requirement holds and nothing rules the approach out."""
    score: float
    """Share of the approach's requirements that hold, 0 to 1."""
    requirements_met: list[str]
    """Ids of the requirements that hold."""
    requirements_unmet: list[str]
    """Ids of the requirements that do not hold."""
    near_misses: list[str]
    """Ids of the unmet requirements the project is one step short of."""
    ruled_out_by: list[str]
    """Ids of criteria that hold and contradict the approach's definition."""


@dataclass(frozen=True, slots=True)
class Change:
    """A concrete change to the project that would meet an unmet requirement."""

    criterion: str
    """The criterion's id: an unmet requirement, a criterion that rules the approach
    out, or a tie rule's condition."""
    text: str
    """What to change, in plain words."""


@dataclass(frozen=True, slots=True)
class ChangeTarget:
    """What it would take for the verdict to be one approach."""

    approach: str
    """The approach id."""
    reason: str
    """claimed (the project's own label, which the evidence does not show) or next (an
    approach directly above the verdict)."""
    changes: list[Change]
    """The changes, in the rubric's order of criteria."""


@dataclass(frozen=True, slots=True)
class TieOutcome:
    """A choice between two approaches that both fit and that the order does not rank."""

    chosen: str
    """The approach chosen."""
    other: str
    """The approach that fitted too."""
    because: str
    """The rubric's reason for this choice."""
    close_call: bool
    """Whether the other approach remains a close alternative (the rubric says)."""


@dataclass(frozen=True, slots=True)
class ConfidenceFactor:
    """An alternative close enough to lower the confidence in the verdict."""

    approach: str
    """The alternative approach's id."""
    kind: str
    """tie (it fits too, and a conditional rule chose) or near-miss (it is above the
    verdict and short only of criteria the project is one step from)."""
    penalty: float
    """How much it takes off the confidence."""
    criteria: list[str]
    """For a near miss, the criteria one step away."""


@dataclass(frozen=True, slots=True)
class PracticeResult:
    """One point of good practice for the verdict's approach (it never moves the verdict)."""

    criterion: str
    """The criterion's id; its title and sources are in the report's `criteria`."""
    approach: str
    """The approach whose practice it is."""
    met: bool
    """Whether the project does it."""
    change: str | None
    """What to do, when it is not met."""


@dataclass(frozen=True, slots=True)
class StageCell:
    """One cell of the participation map."""

    stage: str
    """The lifecycle stage."""
    say: str | None
    """The group's say at the stage, or null if it has none there."""
    does_work: bool
    """Whether the group's own work goes into the stage."""


@dataclass(frozen=True, slots=True)
class Participation:
    """One row of the participation map: who does what, when."""

    group: str
    """The group's name."""
    role: str
    """Who the group is relative to the offering."""
    relationship: str
    """internal or external (the role's default when the file does not say)."""
    stages: list[StageCell]
    """One cell per lifecycle stage, in lifecycle order."""
    shares_responsibility_for: list[str]
    """What the group shares responsibility for."""
    recognition: str
    """How the group's contribution is recognised."""
    told_what_happened: bool
    """Whether the group is told what happened to its input."""


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """One answered readiness checklist item."""

    id: str
    """The item's id; its text, reason and sources are in the report's `checklist`."""
    answer: str
    """yes, partly, no, or unknown."""
