"""Validation problems name the field and the line, with suggestions."""

from __future__ import annotations

import pytest

from engagement_cli.loading.limits import Limits
from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.loading.project_file import read_project_bytes

VALID = """\
name: Test project
purpose: improve existing
process: iterative
groups:
  - name: members
    role: users
    relationship: external
    stages:
      design: shares decisions
"""


def _problems(text: str, limits: Limits = Limits()) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_project_bytes(text.encode(), limits)
    return caught.value.problems


def test_valid_project_loads_with_friendly_spellings() -> None:
    text = VALID.replace("shares decisions", "Shares_Decisions").replace("users", "customers")
    project = read_project_bytes(text.encode()).project
    assert project.groups[0].role.value == "users"
    assert project.groups[0].stages


def test_unknown_field_suggests_the_right_one() -> None:
    (problem,) = _problems(VALID.replace("    role: users", "    rol: users"))
    assert problem.id == "unknown-field"
    assert "did you mean 'role'" in problem.message
    assert (problem.field, problem.line, problem.column) == ("groups[0].rol", 6, 5)


def test_wrong_value_names_field_line_and_choices() -> None:
    problems = _problems(VALID.replace("design: shares decisions", "design: shares desicions"))
    (problem,) = problems
    assert problem.id == "invalid-value"
    assert problem.field == "groups[0].stages.design"
    assert problem.line == 9
    assert "did you mean 'shares decisions'" in problem.message


def test_unknown_stage_key_points_at_the_key() -> None:
    (problem,) = _problems(VALID.replace("design: shares", "desgin: shares"))
    assert (problem.field, problem.line, problem.column) == ("groups[0].stages.desgin", 9, 7)


def test_missing_field_and_several_problems_come_in_file_order() -> None:
    text = VALID.replace("purpose: improve existing\n", "").replace("role: users", "role: gods")
    problems = _problems(text)
    assert [problem.id for problem in problems] == ["missing-field", "invalid-value"]
    assert problems[0].field == "purpose"


@pytest.mark.parametrize(
    ("text", "problem_id"),
    [
        ("- a\n- b\n", "not-a-mapping"),
        ("just a string\n", "not-a-mapping"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, problem_id: str) -> None:
    assert _problems(text)[0].id == problem_id


def test_group_limit() -> None:
    group = "  - {name: g, role: users, relationship: external}\n"
    text = VALID.split("groups:")[0] + "groups:\n" + group * 5
    (problem,) = _problems(text, Limits(max_groups=3))
    assert problem.id == "too-many-groups"
    assert problem.line == 4  # the `groups:` key
