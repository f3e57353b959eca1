"""Filling in a readiness checklist from a project's answers, and scoring it."""

from __future__ import annotations

from engagement_cli.models.project import Answer, Project
from engagement_cli.models.result import (
    ChecklistItemInfo,
    Citation,
    CriterionInfo,
    RagStatus,
    Readiness,
    ReadinessItem,
)
from engagement_cli.models.rubric import ApproachSpec, CitationSpec
from engagement_cli.rubric.compiled import Rubric

_CREDIT = {Answer.YES: 1.0, Answer.PARTLY: 0.5, Answer.NO: 0.0}
"""Credit per answer; unknown earns none and counts for nothing: it is not assessed."""


def citations(rubric: Rubric, cites: list[CitationSpec]) -> list[Citation]:
    """Rubric citations with their sources' titles filled in."""
    sources = rubric.sources
    return [
        Citation.model_construct(
            source=cite.source, title=sources[cite.source].title, quote=cite.quote
        )
        for cite in cites
    ]


def rag_status(score: float, rubric: Rubric) -> RagStatus:
    """Green at or above the rubric's high threshold, amber at or above medium, else red."""
    thresholds = rubric.document.rubric.readiness
    if score >= thresholds.high:
        return RagStatus.GREEN
    if score >= thresholds.medium:
        return RagStatus.AMBER
    return RagStatus.RED


def readiness_for(
    approach: ApproachSpec, rubric: Rubric, project: Project | None = None
) -> Readiness:
    """The approach's checklist, answered from `project` (all unknown without one)."""
    answers = project.readiness if project is not None else {}
    items = [
        ReadinessItem(id=item.id, answer=answers.get(item.id, Answer.UNKNOWN).value)
        for item in approach.checklist
    ]
    credits = [_CREDIT[answer] for item in items if (answer := Answer(item.answer)) in _CREDIT]
    score = round(sum(credits) / len(credits), 4) if credits else None
    return Readiness.model_construct(
        approach=approach.id,
        approach_name=approach.name,
        items=items,
        score=score,
        status=RagStatus.NOT_ASSESSED if score is None else rag_status(score, rubric),
        unanswered=len(items) - len(credits),
    )


def criteria_catalogue(rubric: Rubric) -> list[CriterionInfo]:
    """Every criterion's title and sources, for a report."""
    return [
        CriterionInfo.model_construct(
            id=spec.id,
            title=spec.title,
            description=spec.description,
            citations=citations(rubric, spec.cite),
        )
        for spec in rubric.document.criteria
    ]


def checklist_catalogue(rubric: Rubric) -> list[ChecklistItemInfo]:
    """Every checklist item's text, reason and sources, for a report."""
    return [
        ChecklistItemInfo.model_construct(
            id=item.id,
            approach=approach.id,
            text=item.text,
            why=item.why,
            citations=citations(rubric, item.cite),
        )
        for approach, item in rubric.checklist_items()
    ]
