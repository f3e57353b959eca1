"""Safe YAML parsing: positions, and every unsafe or ambiguous construct refused."""

from __future__ import annotations

import time

import pytest

from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.loading.yaml_source import parse_yaml


def _problem(text: str, **limits: int) -> Problem:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, **limits)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


def test_values_and_keys_keep_one_based_positions() -> None:
    document = parse_yaml("name: x\ngroups:\n  - role: users\n")
    assert document.data == {"name": "x", "groups": [{"role": "users"}]}
    assert document.keys[("groups", 0, "role")] == (3, 5)
    assert document.values[("groups", 0, "role")] == (3, 11)


def test_dates_stay_text_and_yes_is_a_boolean() -> None:
    assert parse_yaml("a: 2024-01-01\nb: yes\nc: null\nd: 3\n").data == {
        "a": "2024-01-01",
        "b": True,
        "c": None,
        "d": 3,
    }


def test_duplicate_key_names_both_lines() -> None:
    problem = _problem("name: a\nsummary: s\nname: b\n")
    assert problem.id == "duplicate-key"
    assert "first on line 1, again on line 3" in problem.message
    assert (problem.line, problem.field) == (3, "name")


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_unsafe_tags_are_refused(text: str) -> None:
    problem = _problem(text)
    assert problem.id == "unsafe-tag"
    assert problem.line == 1


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    problem = _problem("\n".join(lines) + "\n")
    assert problem.id == "too-many-nodes"
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_is_refused_without_recursion() -> None:
    assert _problem("[" * 100_000).id == "too-deep"
    assert (
        _problem("a:\n" + "".join("  " * depth + "b:\n" for depth in range(1, 40))).id == "too-deep"
    )


@pytest.mark.parametrize(
    ("text", "problem_id", "line"),
    [
        ("a: 1\n---\nb: 2\n", "multiple-documents", 2),
        ("a: [1\n", "yaml-syntax", 1),  # where the unclosed list opened
        ("a: &x [*x]\n", "bad-alias", 1),
        ("a:\n  <<: {b: 1}\n", "merge-key", 2),
        ("? [a]\n: 1\n", "complex-key", 1),
        ("a: b\x07c\n", "yaml-syntax", 1),
    ],
)
def test_structural_problems_are_located(text: str, problem_id: str, line: int) -> None:
    problem = _problem(text)
    assert (problem.id, problem.line) == (problem_id, line)


def test_comment_only_file_is_empty() -> None:
    assert _problem("# nothing here\n").id == "empty-file"
