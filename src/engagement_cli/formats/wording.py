"""Plain-text wording that several views share: participation cells, confidence reasons.

Pure functions over the result models, with no rendering library, so every format says
the same thing in the same words.
"""

from __future__ import annotations

from engagement_cli.models.result import Assessment, RagStatus, Readiness, Report

WORK_MARK = "+ work"
"""How a participation cell shows that the group's own work goes into the stage."""

NO_PART = "·"
"""How a participation cell shows that the group takes no part in the stage."""


def participation_cell(say: str | None, does_work: bool) -> str:
    """A participation cell's text: the say level, and the work mark when the group works."""
    if say is None and not does_work:
        return NO_PART
    if say is None:
        return WORK_MARK
    return f"{say}\n{WORK_MARK}" if does_work else say


def confidence_lines(assessment: Assessment, report: Report) -> list[str]:
    """Each close alternative that lowered the confidence, in plain words."""
    names = report.approach_names
    lines = []
    for factor in assessment.confidence_factors:
        name = names.get(factor.approach, factor.approach)
        if factor.kind == "tie":
            reason = f"{name} fits too, and the rubric's rule for the pair chose"
        else:
            reason = f"{name} is one step away: {', '.join(factor.criteria)}"
        lines.append(f"{reason} (costs {factor.penalty:.0%} of the confidence).")
    return lines


def readiness_summary(readiness: Readiness) -> str:
    """A checklist's status in words, e.g. "AMBER (63%; 3 of 8 items unanswered)"."""
    total = len(readiness.items)
    if readiness.status is RagStatus.NOT_ASSESSED or readiness.score is None:
        return f"NOT ASSESSED (none of its {total} items answered)"
    status = readiness.status.value.upper()
    if readiness.unanswered:
        return (
            f"{status} ({readiness.score:.0%} of the answered items; "
            f"{readiness.unanswered} of {total} unanswered)"
        )
    return f"{status} ({readiness.score:.0%})"
