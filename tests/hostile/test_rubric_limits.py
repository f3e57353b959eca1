"""Untrusted rubrics: reference chains, shared references, cycles and sheer size.

A rubric arrives through a pull request's `.engage.yaml`, so it is input like any other.
Evaluation never recurses through criteria and shares evidence instead of copying it;
what would still cost too much is refused at load time with the rubric's file and line,
and `rubric validate` and assessing always agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.rubric.compiled import MAX_REFERENCE_DEPTH, MAX_WORK
from tests.conftest import EXAMPLES
from tests.hostile import rubric_bombs

PROJECT = EXAMPLES / "exercise-programme-co-produced.yaml"
LOCATED = re.compile(r"^\S+\.yaml:\d+:\d+: error \[invalid-rubric\]", re.MULTILINE)


def _validate(rubric: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["rubric", "validate", str(rubric)])
    return result.exit_code, result.output


def _assess(rubric: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["assess", "--rubric", str(rubric), str(PROJECT), *options])
    assert not isinstance(result.exception, BaseException) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


@settings(max_examples=6, deadline=None)
@given(depth=st.integers(min_value=20, max_value=MAX_REFERENCE_DEPTH - 1))
def test_criteria_that_refer_twice_to_the_one_before_stay_small(
    tmp_path_factory: pytest.TempPathFactory, depth: int
) -> None:
    # Copied evidence would hold 2**depth facts; shared evidence holds each fact once.
    rubric = rubric_bombs.write(
        tmp_path_factory.mktemp("doubling"), "r.yaml", rubric_bombs.doubling(depth)
    )
    assert _validate(rubric)[0] == 0
    code, output = _assess(rubric, "-f", "json")
    assert code == 0, output
    criteria = json.loads(output)["files"][0]["assessment"]["criteria"]
    deepest = next(result for result in criteria if result["id"] == f"d{depth - 1}")
    assert deepest["met"] is True
    # Each provider group's role and the fact that it takes part, once each.
    assert len(deepest["evidence"]) + deepest["more_evidence"] <= 10


@settings(max_examples=6, deadline=None)
@given(length=st.integers(min_value=2, max_value=MAX_REFERENCE_DEPTH))
def test_a_chain_within_the_limit_is_valid_and_assesses(
    tmp_path_factory: pytest.TempPathFactory, length: int
) -> None:
    rubric = rubric_bombs.write(
        tmp_path_factory.mktemp("chain"), "r.yaml", rubric_bombs.chain(length)
    )
    assert _validate(rubric)[0] == 0
    code, output = _assess(rubric, "-f", "json")
    assert code == 0, output


@pytest.mark.parametrize("length", [MAX_REFERENCE_DEPTH + 1, 500, 1000, 5000])
def test_a_longer_chain_is_refused_alike_by_validate_and_assess(
    tmp_path: Path, length: int
) -> None:
    rubric = rubric_bombs.write(tmp_path, "r.yaml", rubric_bombs.chain(length))
    validate_code, validate_output = _validate(rubric)
    assess_code, assess_output = _assess(rubric)
    assert validate_code == assess_code == 2
    for output in (validate_output, assess_output):
        assert LOCATED.search(output), output
        assert f"the limit is {MAX_REFERENCE_DEPTH - 1}" in output
        assert "Traceback" not in output


@pytest.mark.parametrize("length", [1, 2, 50, 3000])
def test_a_cycle_of_any_length_is_refused_with_its_place(tmp_path: Path, length: int) -> None:
    rubric = rubric_bombs.write(tmp_path, "r.yaml", rubric_bombs.cycle(length))
    code, output = _validate(rubric)
    assert code == 2
    assert LOCATED.search(output), output
    assert "cycle" in output
    assert _assess(rubric)[0] == 2


def test_a_rubric_over_the_work_budget_is_refused_alike(tmp_path: Path) -> None:
    # Each group test runs once per group of the largest project allowed.
    count = MAX_WORK // 200 + 1
    rubric = rubric_bombs.write(tmp_path, "r.yaml", rubric_bombs.wide(count))
    validate_code, validate_output = _validate(rubric)
    assert validate_code == 2
    assert LOCATED.search(validate_output)
    assert f"the limit is {MAX_WORK:,}" in validate_output
    assert _assess(rubric)[0] == 2


def test_many_project_level_criteria_are_valid(tmp_path: Path) -> None:
    rubric = rubric_bombs.write(
        tmp_path, "r.yaml", rubric_bombs.wide(3000, rubric_bombs.PROJECT_TEST)
    )
    assert _validate(rubric)[0] == 0
    code, output = _assess(rubric, "-f", "json")
    assert code == 0
    assert len(json.loads(output)["criteria"]) == 3020
