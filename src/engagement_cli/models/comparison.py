"""The result of `engage compare`: a plan against what happened, project by project.

Every compare format is a view of `Comparison`, as every check format is a view of
`Report`; each side of a pair is the same `FileResult` that `engage check` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from engagement_cli.models.result import FileResult, Finding, Readiness
from engagement_cli.models.severity import Severity

COMPARE_SCHEMA = "engage.compare/v1"
"""Names the JSON shape of a comparison; bumped only on an incompatible change."""

_MODEL = ConfigDict(
    frozen=True, use_attribute_docstrings=True, extra="forbid", populate_by_name=True
)


class Movement(StrEnum):
    """How one fact moved between the plan and the report."""

    ADDED = "added"
    REMOVED = "removed"
    RAISED = "raised"
    LOWERED = "lowered"


@dataclass(frozen=True, slots=True)
class ParticipationChange:
    """One group's say, doing or responsibility that differs between the two files."""

    group: str
    """The group's name (groups are matched by name, ignoring case and spacing)."""
    aspect: str
    """group (the group itself), say, doing, or responsibility."""
    stage: str | None
    """The stage, for say and doing."""
    before: str | None
    """The plan's value (a say level, "work", a responsibility), or null if absent."""
    after: str | None
    """The report's value, or null if absent."""
    movement: Movement
    """added, removed, raised or lowered."""


class ProjectComparison(BaseModel):
    """One project's plan and report, side by side."""

    model_config = _MODEL

    key: str
    """What matched the two files: their shared `id`, or their path relative to the
    folders compared (the report's name, for two files named)."""
    matched_by: str | None = None
    """id, path, or files (two files named on the command line); null for a file on one
    side only."""
    plan: FileResult | None
    """The plan's result, or null if the project has no plan."""
    report: FileResult | None
    """The report's result, or null if the project has no report."""
    changes: list[ParticipationChange] = Field(default_factory=list)
    """What changed for each group and stage, in the plan's group order."""
    readiness_before: Readiness | None = None
    """The plan's readiness for what it promised: its claimed approach, else its verdict."""
    readiness_after: Readiness | None = None
    """The report's readiness for the same approach as `readiness_before`, so the two
    are comparable."""
    findings: list[Finding] = Field(default_factory=list)
    """fell-short, changed-kind, only-in-plan, only-in-report, not-compared,
    duplicate-id and different-id."""

    @property
    def title(self) -> str:
        """The key as shown to people: an id match also names both files."""
        if self.matched_by == "id" and self.plan is not None and self.report is not None:
            return f"{self.key} ({self.plan.file} -> {self.report.file})"
        return self.key


class Comparison(BaseModel):
    """Every pair compared in one run."""

    model_config = _MODEL

    schema_id: str = Field(default=COMPARE_SCHEMA, alias="schema")
    """The comparison format's name and version: `engage.compare/v1`."""
    tool_version: str
    """The engage version that produced it."""
    rubric: str
    """The rubric's id and version."""
    approach_names: dict[str, str]
    """Display name per approach id."""
    projects: list[ProjectComparison]
    """One entry per project, by key; a file on only one side has the other null."""
    fail_on: Severity = Severity.ERROR
    """The lowest severity that fails the run."""

    def name(self, approach_id: str | None) -> str:
        """An approach's display name; "None" for no approach, "—" for nothing."""
        if approach_id is None:
            return "—"
        return self.approach_names.get(approach_id, "None")

    def failing(self) -> list[Finding]:
        """Active findings at or above the threshold, over every project."""
        return [
            finding
            for project in self.projects
            for finding in project.findings
            if finding.suppressed is None and finding.severity.weight >= self.fail_on.weight
        ]
