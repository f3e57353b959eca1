"""A rubric with a mistake fails to load, naming the place in the rubric file."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.rubric.load import default_rubric_path, parse_rubric

DEFAULT_TEXT = default_rubric_path().read_text(encoding="utf-8")


def _problem(text: str) -> Problem:
    with pytest.raises(InputError) as caught:
        parse_rubric(text, "custom.yaml")
    return caught.value.problems[0]


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("requires: [input-sought]", "requires: [input-sougt]", "unknown criterion 'input-sougt'"),
        (
            "{field: role, in: [users, community]}",
            "{field: rol, in: [users, community]}",
            "unknown group field 'rol' (did you mean 'role'?)",
        ),
        (
            "{field: highest_influence, at_least: consulted}",
            "{field: highest_influence, at_least: consultd}",
            "'consultd' is not a value of 'highest_influence' (did you mean 'consulted'?)",
        ),
        (
            "{field: purpose, equals: new offering}",
            "{field: purpose, at_least: new offering}",
            "'purpose' has no order; use equals or in",
        ),
        (
            "{field: purpose, equals: fixed goal}",
            "{field: role, equals: users}",
            "'role' is a group field",
        ),
        (
            '      - source: "000"\n        quote: Improvement',
            '      - source: "009"\n        quote: Improvement',
            "unknown source '009'",
        ),
    ],
)
def test_mistakes_are_located(old: str, new: str, message: str) -> None:
    assert old in DEFAULT_TEXT
    text = DEFAULT_TEXT.replace(old, new, 1)
    problem = _problem(text)
    assert message in problem.message
    assert problem.line == _line_of(text, new)


def test_duplicate_id_points_at_the_second_use() -> None:
    text = DEFAULT_TEXT.replace("  - id: co-design\n", "  - id: co-creation\n", 1)
    problem = _problem(text)
    assert "approach id 'co-creation' is already used" in problem.message
    assert problem.line == text[: text.rindex("  - id: co-creation\n")].count("\n") + 1


def test_cycle_between_criteria_is_refused() -> None:
    text = DEFAULT_TEXT.replace(
        "        - criterion: input-sought\n", "        - criterion: feedback-loop\n", 1
    )
    text = text.replace(
        "        - any_group: {field: highest_influence, at_least: consulted}\n",
        "        - criterion: input-only\n",
        1,
    )
    problem = _problem(text)
    assert "cycle" in problem.message
    assert problem.line is not None


def test_missing_citation_is_refused() -> None:
    text = DEFAULT_TEXT.replace(
        '    cite:\n      - source: "001"\n        quote: Focuses on achieving a specific goal '
        "or outcome\n",
        "",
        1,
    )
    problem = _problem(text)
    assert problem.id == "missing-field"
    assert problem.field == "criteria[6].cite"


def test_default_rubric_file_is_found(tmp_path: Path) -> None:
    assert default_rubric_path().name == "default.yaml"
