"""The assessment results: the one model every output format is a view of.

The small records a report holds thousands of (evidence, scores, cells) are frozen
dataclasses in `records`, re-exported here; pydantic validates and serializes them as
fields of the models that contain them.

A run produces a `Report` holding one `FileResult` per input file. A file that could
not be read or validated still gets a `FileResult`, carrying error findings and no
assessment, so a bad file never loses the results of the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, computed_field

from engagement_cli.models.records import (
    MAX_EVIDENCE,
    ApproachScore,
    Change,
    ChangeTarget,
    ConfidenceFactor,
    CriterionResult,
    Evidence,
    Participation,
    PracticeResult,
    ReadinessItem,
    StageCell,
    TieOutcome,
)
from engagement_cli.models.severity import Severity as Severity  # re-exported

# The records are part of the result: importers name them from here.
__all__ = [
    "MAX_EVIDENCE",
    "NO_VERDICT",
    "REPORT_SCHEMA",
    "ApproachScore",
    "Assessment",
    "Change",
    "ChangeTarget",
    "ChecklistItemInfo",
    "Citation",
    "ClaimCheck",
    "ClaimStatus",
    "ConfidenceFactor",
    "CriterionInfo",
    "CriterionResult",
    "Evidence",
    "FileResult",
    "Finding",
    "Participation",
    "PracticeResult",
    "RagStatus",
    "Readiness",
    "ReadinessItem",
    "Report",
    "RuleInfo",
    "Severity",
    "StageCell",
    "Summary",
    "TieOutcome",
]

# Schemas are built on first use, not at import: a run that only shows a verdict on a
# terminal builds its records with `model_construct` and never needs one, and building
# them all cost more than the rest of `engage assess` together.
# Field docstrings stay documentation only (`use_attribute_docstrings` would read this
# file's source at import to turn them into schema descriptions no output uses).
_RESULT = ConfigDict(
    frozen=True,
    extra="forbid",
    populate_by_name=True,
    defer_build=True,
)

NO_VERDICT = "none"
"""The verdict when no group gets more than information pushed to it."""


class Citation(BaseModel):
    """A sentence in a source document that backs a rule."""

    model_config = _RESULT

    source: str
    """The source document's id in the rubric."""
    title: str
    """The source document's title."""
    quote: str
    """A short verbatim quote from the source."""


class CriterionInfo(BaseModel):
    """What a criterion tests and where it comes from: listed once per report."""

    model_config = _RESULT

    id: str
    """The criterion's id in the rubric."""
    title: str
    """A short statement of what holds when it is met."""
    description: str
    """A longer explanation (may be empty)."""
    citations: list[Citation]
    """The sentences in the sources it comes from."""


class ChecklistItemInfo(BaseModel):
    """One readiness checklist item: listed once per report."""

    model_config = _RESULT

    id: str
    """The item's id; projects answer it under `readiness:` by this id."""
    approach: str
    """The approach whose checklist it belongs to."""
    text: str
    """The statement to agree with."""
    why: str
    """Why it matters."""
    citations: list[Citation]
    """Where in the sources the item comes from."""


class ClaimStatus(StrEnum):
    """How the project's own label compares with the verdict."""

    MATCHES = "matches"
    OVER_CLAIMS = "over-claims"
    UNDER_CLAIMS = "under-claims"
    MISLABELS = "mislabels"
    NOT_CLAIMED = "not-claimed"


class ClaimCheck(BaseModel):
    """The project's claimed approach against the verdict."""

    model_config = _RESULT

    claimed: str | None
    """The approach id the project claims, or null if it makes no claim."""
    verdict: str
    """The approach id the evidence supports, or "none"."""
    status: ClaimStatus
    """matches; over-claims (the claim is above the verdict in the order of shared
    power); under-claims (below it); mislabels (a different kind the order does not
    rank against the verdict); or not-claimed."""
    message: str
    """The comparison in plain words."""


class RagStatus(StrEnum):
    """Red / amber / green summary of a readiness checklist, or not assessed at all."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_ASSESSED = "not-assessed"


class Readiness(BaseModel):
    """A readiness checklist for one approach, filled in from a project's answers."""

    model_config = _RESULT

    approach: str
    """The approach id the checklist is for."""
    approach_name: str
    """The approach's display name."""
    items: list[ReadinessItem]
    """The items, in the rubric's order."""
    score: float | None
    """yes = 1, partly = 0.5, no = 0, averaged over the items answered; 0 to 1. Null when
    no item is answered: an item nobody answered (or answered unknown) is not assessed,
    not a failure."""
    status: RagStatus
    """red, amber or green by the rubric's thresholds, or not-assessed when no item is
    answered."""
    unanswered: int
    """How many items have no answer (or unknown)."""


class Assessment(BaseModel):
    """The verdict on one project, with everything that explains it."""

    model_config = _RESULT

    project: str
    """The project's name."""
    verdict: str
    """The approach id the evidence supports, or "none"."""
    verdict_name: str
    """The verdict's display name."""
    verdict_reason: str
    """Why this is the verdict, in plain words (for none, why nothing fits)."""
    confidence: float
    """How clearly the project fits its verdict rather than its neighbours, 0 to 1."""
    confidence_label: str
    """high, medium, or low."""
    confidence_factors: list[ConfidenceFactor]
    """The close alternatives that lowered the confidence (none: it is 1)."""
    runner_up: str | None
    """The approach that fits too and lost a tie, else the nearest by unmet
    requirements among those not below the verdict; null when none meets any."""
    scores: list[ApproachScore]
    """One per approach, in the rubric's order."""
    ties: list[TieOutcome]
    """The tie rules used to choose the verdict among approaches that fit."""
    criteria: list[CriterionResult]
    """Every criterion, in the rubric's order."""
    changes: list[ChangeTarget]
    """What would make the verdict the claimed approach (when the claim is not shown),
    then each approach directly above the verdict."""
    claim: ClaimCheck
    """The project's own label against the verdict."""
    participation: list[Participation]
    """The participation map: a row per group."""
    practice: list[PracticeResult]
    """Good practice for the verdict's approach, met or not; it never moves the verdict."""
    readiness: list[Readiness]
    """Readiness for the verdict's approach, and for the claimed one when it differs."""

    # Listed as ids so that the lean JSON report can carry them without `criteria`.
    @computed_field  # type: ignore[prop-decorator]
    @property
    def criteria_met(self) -> list[str]:
        """Ids of the criteria that hold, in the rubric's order."""
        return [criterion.id for criterion in self.criteria if criterion.met]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def criteria_unmet(self) -> list[str]:
        """Ids of the criteria that do not hold, in the rubric's order."""
        return [criterion.id for criterion in self.criteria if not criterion.met]


class Finding(BaseModel):
    """Something a report flags about a file: a policy breach or an input problem."""

    model_config = _RESULT

    id: str
    """A stable identifier, e.g. `over-claim` or `unknown-field`."""
    severity: Severity
    """error, warning, or note."""
    message: str
    """What is wrong, in plain words."""
    file: str
    """The file the finding is about, as given on the command line."""
    field: str | None = None
    """The field path inside the file, e.g. `groups[0].role`."""
    line: int | None = None
    """1-based line, where known."""
    column: int | None = None
    """1-based column, where known."""
    suppressed: str | None = None
    """The project's reason for silencing this finding, or null if it is active."""


class FileResult(BaseModel):
    """Everything found for one input file."""

    model_config = _RESULT

    file: str
    """The file as given or found, relative to where engage ran."""
    assessment: Assessment | None
    """The assessment, or null when the file could not be read or validated."""
    claimed: str | None = None
    """The approach the project claims, as normalised against the rubric."""
    findings: list[Finding] = Field(default_factory=list)
    """Policy findings and input problems, in file order."""

    @property
    def active_findings(self) -> list[Finding]:
        """Findings that are not suppressed."""
        return [finding for finding in self.findings if finding.suppressed is None]

    @property
    def is_valid(self) -> bool:
        """Whether the file was read and assessed."""
        return self.assessment is not None


class RuleInfo(BaseModel):
    """Describes a finding id, for formats (SARIF, JUnit) that list their rules."""

    model_config = _RESULT

    id: str
    """The finding id."""
    summary: str
    """One line on what it flags."""
    help: str
    """How to resolve it."""
    default_severity: Severity
    """Its severity unless policy changes it."""


REPORT_SCHEMA = "engage.report/v3"
"""Names the JSON report's shape; bumped only on an incompatible change."""


class Report(BaseModel):
    """The result of one run over one or more files."""

    model_config = _RESULT

    schema_id: str = Field(default=REPORT_SCHEMA, alias="schema")
    """The report format's name and version: `engage.report/v3`."""
    tool_version: str
    """The engage version that produced the report."""
    rubric: str
    """The rubric's id and version, e.g. `default@1`."""
    approaches: list[str]
    """The rubric's approach ids, in its display order."""
    order: dict[str, list[str]] = Field(default_factory=dict)
    """For each approach id, the ids of every approach it is above (shares more power
    than); two approaches neither of which is above the other are different kinds."""
    approach_names: dict[str, str]
    """Display name per approach id."""
    files: list[FileResult]
    """One result per file, in a deterministic order."""
    rules: list[RuleInfo]
    """Every finding id that can appear, for formats that list their rules."""
    criteria: list[CriterionInfo] = Field(default_factory=list)
    """Every criterion's title and sources, in the rubric's order."""
    checklist: list[ChecklistItemInfo] = Field(default_factory=list)
    """Every readiness checklist item's text, reason and sources."""
    fail_on: Severity = Severity.ERROR
    """The lowest severity that fails the run."""
    require: str | None = None
    """The approach every project had to reach, if the run required one."""
    evidence: bool = False
    """Whether the JSON report is the full one (`--evidence`): every criterion with its
    evidence, the participation map, changes, ties, practice and readiness answers."""

    def failing(self, result: FileResult) -> list[Finding]:
        """A file's active findings at or above the failure threshold."""
        return [
            finding
            for finding in result.active_findings
            if finding.severity.weight >= self.fail_on.weight
        ]

    # Indexed once: views look a criterion up per file and per criterion, and a rubric
    # may have 20,000 of them, so a linear search made rendering quadratic.
    @cached_property
    def _criteria_by_id(self) -> dict[str, CriterionInfo]:
        return {info.id: info for info in reversed(self.criteria)}

    @cached_property
    def _checklist_by_id(self) -> dict[str, ChecklistItemInfo]:
        return {info.id: info for info in reversed(self.checklist)}

    def criterion(self, criterion_id: str) -> CriterionInfo | None:
        """A criterion's description, by id."""
        return self._criteria_by_id.get(criterion_id)

    def checklist_item(self, item_id: str) -> ChecklistItemInfo | None:
        """A checklist item's description, by id."""
        return self._checklist_by_id.get(item_id)

    def summary(self) -> Summary:
        """Totals over the report's files."""
        summary = Summary.start(self.approaches)
        for result in self.files:
            summary.add(result, self.fail_on)
        return summary

    def counts_by_verdict(self) -> dict[str, int]:
        """Files per verdict, in the rubric's order, with 'none' and 'invalid' last."""
        return self.summary().verdicts


@dataclass
class Summary:
    """Running totals over a batch: all that a streamed report keeps in memory."""

    verdicts: dict[str, int]
    """Files per verdict, in the rubric's order, with "none" and "invalid" last."""
    severities: dict[Severity, int]
    """Active (unsuppressed) findings per severity."""
    failing_files: int = 0
    """Files with an active finding at or above the failure threshold."""
    files: int = 0
    """Files seen."""

    @classmethod
    def start(cls, approaches: list[str]) -> Summary:
        return cls(
            dict.fromkeys([*approaches, NO_VERDICT, "invalid"], 0), dict.fromkeys(Severity, 0)
        )

    def add(self, result: FileResult, fail_on: Severity) -> None:
        """Count one more file."""
        verdict = result.assessment.verdict if result.assessment else "invalid"
        self.add_counts(verdict, [finding.severity for finding in result.active_findings], fail_on)

    def add_counts(self, verdict: str, active: list[Severity], fail_on: Severity) -> None:
        """Count one more file from its verdict and its active findings' severities."""
        self.files += 1
        self.verdicts[verdict] += 1
        for severity in active:
            self.severities[severity] += 1
        self.failing_files += any(severity.weight >= fail_on.weight for severity in active)
