"""Validation problems name the field and the line, with suggestions."""

from __future__ import annotations

import pytest

from engagement_cli.loading.limits import Limits
from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.loading.project_file import read_project_bytes
from engagement_cli.models.project import Relationship, Role, Say, Stage

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
    text = VALID.replace("name: Test project\n", "").replace("role: users", "role: gods")
    problems = _problems(text)
    assert [problem.id for problem in problems] == ["missing-field", "invalid-value"]
    assert problems[0].field == "name"


def test_purpose_and_process_are_optional() -> None:
    text = VALID.replace("purpose: improve existing\n", "").replace("process: iterative\n", "")
    project = read_project_bytes(text.encode()).project
    assert (project.purpose, project.process) == (None, None)


def test_format_1_files_keep_their_meaning() -> None:
    text = VALID.replace("role: users", "role: users").replace(
        "      design: shares decisions\n",
        "      design: shares decisions\n  - name: team\n    role: staff\n"
        "    relationship: internal\n    stages: {deliver: decides}\n",
    )
    project = read_project_bytes(text.encode()).project
    members, team = project.groups
    design = members.stages[Stage.DESIGN]
    assert (design.say, design.does_work) == (Say.SHARES_DECISIONS, False)
    assert team.role is Role.PROVIDER


def test_say_and_work_are_separate_facts() -> None:
    text = VALID.replace(
        "design: shares decisions", "design: {does_work: true}\n      build: {say: decides}"
    )
    members = read_project_bytes(text.encode()).project.groups[0]
    assert (members.say_at(Stage.DESIGN), members.works_at(Stage.DESIGN)) == (None, True)
    assert (members.say_at(Stage.BUILD), members.works_at(Stage.BUILD)) == (Say.DECIDES, False)


def test_a_stage_with_neither_say_nor_work_reads_as_no_part() -> None:
    text = VALID.replace("design: shares decisions", "design: {say: none}")
    members = read_project_bytes(text.encode()).project.groups[0]
    assert members.stages[Stage.DESIGN].is_empty
    assert not members.takes_part_at(Stage.DESIGN)


def test_a_wrong_level_inside_the_long_form_points_at_say() -> None:
    (problem,) = _problems(
        VALID.replace("design: shares decisions", "design: {say: sharez decisions}")
    )
    assert problem.field == "groups[0].stages.design.say"
    assert "did you mean 'shares decisions'" in problem.message


def test_relationship_defaults_by_role() -> None:
    text = VALID.replace("    relationship: external\n", "")
    members = read_project_bytes(text.encode()).project.groups[0]
    assert members.relationship is None
    assert members.effective_relationship is Relationship.EXTERNAL


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
