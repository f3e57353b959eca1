"""What the engine remembers per rubric (outcomes decided from booleans, answered
checklists) never changes an assessment: a warm rubric says what a cold one says."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.engine.assess import assess
from engagement_cli.models.project import Answer, Project
from engagement_cli.rubric.load import load_rubric
from tests.strategies import any_project

RUBRIC = load_rubric()
ITEMS = sorted({item.id for approach in RUBRIC.approaches for item in approach.checklist})


@st.composite
def answered_project(draw: st.DrawFn) -> Project:
    data: dict[str, Any] = dict(draw(any_project))
    data["readiness"] = draw(
        st.dictionaries(st.sampled_from(ITEMS), st.sampled_from([a.value for a in Answer]))
    )
    return Project.model_validate(data)


def _forget() -> None:
    RUBRIC.memo.clear()
    RUBRIC.readiness_memo.clear()


@settings(max_examples=150, deadline=None)
@given(projects=st.lists(answered_project(), min_size=1, max_size=8), evidence=st.booleans())
def test_a_warm_rubric_assesses_every_project_as_a_cold_one(
    projects: list[Project], evidence: bool
) -> None:
    cold = []
    for project in projects:
        _forget()
        cold.append(assess(project, RUBRIC, explain=evidence).model_dump())
    # Now remembering everything, in the other order, so each project meets outcomes
    # that other projects left behind.
    warm = [assess(project, RUBRIC, explain=evidence).model_dump() for project in projects[::-1]]
    assert warm[::-1] == cold
