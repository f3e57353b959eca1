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
        (
            "requires: [provider-takes-part, input-sought]",
            "requires: [provider-takes-part, input-sougt]",
            "unknown criterion 'input-sougt'",
        ),
        (
            "- {field: role, in: [users, community]}",
            "- {field: rol, in: [users, community]}",
            "unknown group field 'rol' (did you mean 'role'?)",
        ),
        (
            "- {field: highest_say, at_least: consulted}",
            "- {field: highest_say, at_least: consultd}",
            "'consultd' is not a value of 'highest_say' (did you mean 'consulted'?)",
        ),
        (
            "- {field: takes_part, equals: true}",
            "- {field: takes_part, at_least: true}",
            "'at_least' cannot test 'takes_part'",
        ),
        (
            "      any_group:\n        all:\n          - {field: role, equals: provider}\n"
            "          - any:\n              - {field: does_work, equals: true}\n"
            "              - {field: highest_say, at_least: shares decisions}",
            "      {field: role, equals: provider}",
            "'role' is a group field",
        ),
        (
            '      - source: "000"\n        quote: Improvement',
            '      - source: "009"\n        quote: Improvement',
            "unknown source '009'",
        ),
        ("    above: [consultation]\n", "    above: [consultaton]\n", "unknown approach"),
        (
            "  - between: [collaboration, co-design]",
            "  - between: [collaboration, co-production]",
            "ordered already",
        ),
        (
            "      - approach: co-design\n        because: >-\n          Co-design rather than "
            "collaboration",
            "      - approach: co-creation\n        because: >-\n          Co-design rather than "
            "collaboration",
            "'co-creation' is not one of collaboration and co-design",
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
    # input-sought's condition becomes a reference to works-with-provider...
    start = DEFAULT_TEXT.index("  - id: input-sought")
    when = DEFAULT_TEXT.index("    when:\n", start)
    change = DEFAULT_TEXT.index("    change:\n", when)
    text = (
        DEFAULT_TEXT[:when] + "    when: {criterion: works-with-provider}\n" + DEFAULT_TEXT[change:]
    )
    # ...and works-with-provider's to input-sought.
    text = text.replace(
        "    when:\n      any:\n        - any_group:",
        "    when:\n      any:\n        - criterion: input-sought\n        - any_group:",
        1,
    )
    problem = _problem(text)
    assert "cycle" in problem.message
    assert problem.line is not None


def test_cycle_in_the_order_of_approaches_is_refused() -> None:
    text = DEFAULT_TEXT.replace("    above: []\n", "    above: [co-production]\n", 1)
    problem = _problem(text)
    assert "cycle" in problem.message
    assert problem.field == "approaches[0].above"


def test_unordered_approaches_need_a_tie_rule() -> None:
    start = DEFAULT_TEXT.index("  - between: [co-design, co-creation]")
    end = DEFAULT_TEXT.index("# Why no approach fits")
    problem = _problem(DEFAULT_TEXT[:start] + DEFAULT_TEXT[end:])
    assert "'co-design' and 'co-creation' are not ordered" in problem.message
    assert problem.line is not None


def test_the_last_tie_choice_takes_no_condition() -> None:
    text = DEFAULT_TEXT.replace(
        "      - approach: co-design\n        because: >-\n          Co-design rather than "
        "collaboration",
        "      - approach: co-design\n        when: {criterion: input-sought}\n        because: "
        ">-\n          Co-design rather than collaboration",
        1,
    )
    problem = _problem(text)
    assert "the last choice is what happens otherwise" in problem.message


def test_missing_citation_is_refused() -> None:
    text = DEFAULT_TEXT.replace(
        '    cite:\n      - source: "000"\n        quote: Improvement programmes benefit from the '
        "user perspective\n",
        "",
        1,
    )
    problem = _problem(text)
    assert problem.id == "missing-field"
    assert problem.field == "criteria[1].cite"


def test_default_rubric_file_is_found(tmp_path: Path) -> None:
    assert default_rubric_path().name == "default.yaml"


def test_format_1_field_names_still_compile() -> None:
    text = DEFAULT_TEXT.replace(
        "- {field: highest_say, at_least: consulted}",
        "- {field: highest_influence, at_least: consulted}",
        1,
    ).replace(
        "{field: say.design, at_least: shares decisions}",
        "{field: stages.design, at_least: shares decisions}",
    )
    assert parse_rubric(text, "old-names.yaml").label == "default@3"
