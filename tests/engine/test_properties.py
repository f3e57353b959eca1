"""Properties the verdicts must keep, whatever the project."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.engine.assess import assess
from engagement_cli.formats.json_format import render_json
from engagement_cli.loading.project_file import read_project_file
from engagement_cli.models.project import Project
from engagement_cli.models.result import FileResult
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric
from engagement_cli.runner import build_report
from tests.conftest import EXAMPLES
from tests.strategies import project_strategy

RUBRIC = load_rubric()
USER_ROLES = {"users", "community"}
LOWER_INFLUENCE = ["informed", "consulted", "involved"]


def _example_data(name: str) -> dict[str, Any]:
    loaded = read_project_file(EXAMPLES / name)
    return loaded.project.model_dump(mode="json")


def _verdict_rank(data: dict[str, Any], rubric: Rubric = RUBRIC) -> int:
    return rubric.rank(assess(Project.model_validate(data), rubric).verdict)


CO_DESIGN = _example_data("outpatient-booking-co-design.yaml")
CO_PRODUCTION = _example_data("exercise-programme-co-produced.yaml")


@given(
    extra=st.lists(st.sampled_from(["outcomes", "delivery"]), unique=True),
    deliver_influence=st.none() | st.sampled_from(["involved", "shares decisions", "decides"]),
    which=st.sets(st.integers(min_value=0, max_value=10)),
)
def test_sharing_delivery_with_co_design_users_never_lowers_the_verdict(
    extra: list[str], deliver_influence: str | None, which: set[int]
) -> None:
    before = _verdict_rank(CO_DESIGN)
    data = copy.deepcopy(CO_DESIGN)
    users = [group for group in data["groups"] if group["role"] in USER_ROLES]
    for index, group in enumerate(users):
        if which and index not in which:
            continue
        group["shares_responsibility_for"] = sorted({"delivery", *extra})
        if deliver_influence is not None:
            group["stages"]["deliver"] = deliver_influence
    assert _verdict_rank(data) >= before


@given(project=project_strategy, which=st.data())
@settings(max_examples=150)
def test_sharing_responsibility_never_lowers_any_verdict(
    project: dict[str, Any], which: st.DataObject
) -> None:
    data = Project.model_validate(project).model_dump(mode="json")
    before = _verdict_rank(data)
    index = which.draw(st.integers(min_value=0, max_value=len(data["groups"]) - 1))
    data["groups"][index]["shares_responsibility_for"] = ["outcomes", "delivery"]
    assert _verdict_rank(data) >= before


@given(lowered=st.lists(st.sampled_from(LOWER_INFLUENCE), min_size=20, max_size=20))
def test_removing_shared_decisions_ends_co_production(lowered: list[str]) -> None:
    assert assess(Project.model_validate(CO_PRODUCTION), RUBRIC).verdict == "co-production"
    data = copy.deepcopy(CO_PRODUCTION)
    replacements = iter(lowered)
    for group in data["groups"]:
        for stage, influence in group["stages"].items():
            if influence in ("shares decisions", "decides"):
                group["stages"][stage] = next(replacements)
    assert assess(Project.model_validate(data), RUBRIC).verdict != "co-production"


@given(project=project_strategy)
@settings(max_examples=100)
def test_same_input_gives_byte_identical_json(project: dict[str, Any]) -> None:
    def render() -> str:
        model = Project.model_validate(project)
        result = FileResult(file="p.yaml", assessment=assess(model, RUBRIC))
        return render_json(build_report([result], RUBRIC))

    assert render() == render()


@given(project=project_strategy)
@settings(max_examples=150)
def test_verdict_is_the_highest_qualifying_approach(project: dict[str, Any]) -> None:
    assessment = assess(Project.model_validate(project), RUBRIC)
    qualifying = [score.id for score in assessment.scores if score.qualifies]
    assert assessment.verdict == (qualifying[-1] if qualifying else "none")
    assert 0 <= assessment.confidence <= 1
    if assessment.next_approach is not None:
        assert assessment.changes, "a verdict below the top must say what would lift it"
