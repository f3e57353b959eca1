"""Safe YAML parsing: positions, and every unsafe or ambiguous construct refused."""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.loading import yaml_source
from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.loading.yaml_source import parse_yaml


@pytest.fixture(autouse=True, params=["composed", "streamed"])
def parsing_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs both ways: composed by libyaml (files up to `COMPOSE_LIMIT`) and
    built from the event stream (larger files). The same text must mean the same."""
    if request.param == "streamed":
        monkeypatch.setattr(yaml_source, "COMPOSE_LIMIT", 0)
    return str(request.param)


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


def test_a_redefined_anchor_is_refused_with_both_lines() -> None:
    problem = _problem("a: &x 1\nb: &x 2\nc: *x\n")
    assert problem.id == "duplicate-anchor"
    assert "'&x'" in problem.message
    assert "first on line 1, again on line 2" in problem.message
    assert problem.line == 2


def test_an_undefined_alias_names_itself() -> None:
    problem = _problem("a: 1\nb: *nowhere\n")
    assert (problem.id, problem.line) == ("bad-alias", 2)
    assert "*nowhere" in problem.message


def test_aliases_share_their_value_and_count_at_full_size() -> None:
    document = parse_yaml("a: &x [1, 2, 3]\nb: *x\nc: *x\n")
    assert document.data == {"a": [1, 2, 3], "b": [1, 2, 3], "c": [1, 2, 3]}
    assert document.data["b"] is document.data["c"]
    # a: 4 values (the list and its items), b and c: 4 each, the mapping itself: 1.
    parse_yaml("a: &x [1, 2, 3]\nb: *x\nc: *x\n", max_nodes=13)
    assert _problem("a: &x [1, 2, 3]\nb: *x\nc: *x\n", max_nodes=12).id == "too-many-nodes"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("yes: 1\n", "yes"),
        ("1: a\n", "1"),
        ("~: a\n", "~"),
        ("'q': a\n", "q"),
        ("2024-01-01: a\n", "2024-01-01"),
    ],
)
def test_plain_keys_are_their_text(text: str, key: str) -> None:
    assert parse_yaml(text).data == {key: parse_yaml(text).data[key]}


@pytest.mark.parametrize("text", ["!!int 1: a\n", "!!python/name:os.system x: 1\n"])
def test_a_key_with_an_explicit_tag_other_than_str_is_refused(text: str) -> None:
    assert _problem(text).id == "unsafe-tag"


@pytest.mark.parametrize(
    ("text", "value"),
    [("a: ! 123\n", "123"), ("a: ! true\n", "true"), ("a: !!str 5\n", "5"), ("a: 5\n", 5)],
)
def test_a_non_specific_tag_makes_text(text: str, value: object) -> None:
    assert parse_yaml(text).data == {"a": value}


def test_an_alias_is_located_where_it_is_written() -> None:
    document = parse_yaml("base: &b {role: users}\nx: 1\nuse: *b\n")
    assert document.values[("use",)] == (3, 6)


def test_aliases_cannot_nest_past_the_depth_limit() -> None:
    # Each level aliases the one before twice: 10 anchors nest 10 lists, which 32 allows,
    # but a chain of lists of aliases to lists nests one more level per link.
    lines = ["a0: &a0 [1]"]
    for level in range(1, 40):
        lines.append(f"a{level}: &a{level} [*a{level - 1}]")
    problem = _problem("\n".join(lines) + "\n")
    assert problem.id == "too-deep"
    assert "through aliases" in problem.message


@pytest.mark.parametrize(
    "text", ["a: !!int foo\n", "a: !!float abc\n", "a: !!bool maybe\n", "a: !!int\n"]
)
def test_a_value_that_is_not_what_its_tag_says_is_a_problem(text: str) -> None:
    problem = _problem(text)
    assert (problem.id, problem.line) == ("invalid-value", 1)


@pytest.mark.parametrize("text", ["~\n", "null\n", "---\n", "--- ~\n"])
def test_a_null_document_is_an_empty_file(text: str) -> None:
    assert _problem(text).id == "empty-file"


def test_a_problem_in_the_first_document_comes_before_a_second_document() -> None:
    problem = _problem("a: 1\na: 2\n---\nb: 3\n")
    assert (problem.id, problem.line) == ("duplicate-key", 2)


def test_an_anchor_on_a_key_used_as_a_value_is_refused() -> None:
    assert _problem("&k a: 1\nb: *k\n").id == "bad-alias"


_plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _outcome(text: str) -> object:
    try:
        document = parse_yaml(text)
    except InputError as error:
        return [(problem.id, problem.line, problem.column) for problem in error.problems]
    return document.data, document.values, document.keys


@given(_plain, st.sampled_from(["block", "flow"]))
@settings(max_examples=300, deadline=None)
def test_both_ways_read_any_document_the_same(data: object, style: str) -> None:
    text = yaml.safe_dump(data, default_flow_style=style == "flow", allow_unicode=True)
    composed = _outcome(text)
    original = yaml_source.COMPOSE_LIMIT
    try:
        yaml_source.COMPOSE_LIMIT = 0
        streamed = _outcome(text)
    finally:
        yaml_source.COMPOSE_LIMIT = original
    assert composed == streamed


def test_every_spelling_of_true_false_and_null_reads_as_pyyaml_reads_it() -> None:
    text = "a: yes\nb: No\nc: ON\nd: off\ne: True\nf: FALSE\ng: ~\nh: null\ni: Null\nj: NULL\nk:\n"
    assert parse_yaml(text).data == yaml.safe_load(text)
