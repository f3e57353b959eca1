"""Messages a newcomer meets: engage's own words, "did you mean", every problem at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.config import load_config
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import read_project_bytes
from tests.conftest import EXAMPLES

ENGAGE = Path(sys.executable).parent / "engage"
LIBRARY_WORDS = ("Input should", "Value error", "validation error", "String should", "List should")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ENGAGE), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)
_group = st.fixed_dictionaries(
    {},
    optional={
        "name": _values,
        "role": _values,
        "relationship": _values,
        "stages": _values | st.dictionaries(st.sampled_from(["design", "x"]), _values),
        "shares_responsibility_for": _values,
        "recognition": _values,
        "told_what_happened": _values,
    },
)


@given(
    document=st.fixed_dictionaries(
        {"groups": st.lists(_group, max_size=2) | _values},
        optional={
            "name": _values,
            "id": _values,
            "purpose": _values,
            "readiness": _values,
            "suppress": _values,
        },
    )
)
@settings(max_examples=300, deadline=None)
def test_input_problems_never_speak_the_validation_librarys_language(
    document: dict[str, Any],
) -> None:
    try:
        read_project_bytes(yaml.safe_dump(document).encode())
    except InputError as error:
        for problem in error.problems:
            assert not any(words in problem.message for words in LIBRARY_WORDS), problem


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["checklist", "co-desing"], "(did you mean 'co-design'?)"),
        (["explain", "coproducton"], "(did you mean 'co-production'?)"),
        (["check", str(EXAMPLES), "--require", "co-desing"], "(did you mean 'co-design'?)"),
        (["check", str(EXAMPLES), "-f", "markdwn"], "(did you mean 'markdown'?)"),
        (["checklist", "co-design", "-f", "markdwn"], "(did you mean 'markdown'?)"),
        (["check", str(EXAMPLES), "--fail-on", "warn"], "(did you mean 'warning'?)"),
    ],
)
def test_a_mistyped_name_gets_did_you_mean(args: list[str], expected: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert not any(words in result.stderr for words in LIBRARY_WORDS)


def test_config_keys_are_suggested_in_their_documented_spelling(tmp_path: Path) -> None:
    (tmp_path / ".engage.yaml").write_text("failon: note\n")
    (tmp_path / "p.yaml").write_bytes((EXAMPLES / "lego-ideas.yaml").read_bytes())
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'fail-on'?" in result.stderr


def test_a_mistyped_suppression_id_gets_did_you_mean(tmp_path: Path) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        (EXAMPLES / "lego-ideas.yaml").read_text()
        + "suppress:\n  - finding: overclaim\n    reason: we know\n"
    )
    result = _run("check", str(project), "-f", "text")
    assert "did you mean 'over-claim'?" in result.stdout


def test_rubric_validate_on_a_project_file_says_so() -> None:
    result = _run("rubric", "validate", str(EXAMPLES / "lego-ideas.yaml"))
    assert result.returncode == 2
    assert "looks like a project file" in result.stderr


def test_every_problem_comes_at_once_rubric_names_included(tmp_path: Path) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        "name: x\nclaimed_approach: co-desgn\ngroups:\n  - name: g\n    role: userz\n"
        "readiness:\n  bogus-item: yes\n"
    )
    result = _run("assess", str(project))
    assert result.returncode == 2
    ids = [line.split("[")[1].split("]")[0] for line in result.stderr.splitlines() if "[" in line]
    assert ids == ["unknown-approach", "invalid-value", "unknown-readiness-item"]


def test_a_missing_file_is_not_found() -> None:
    result = _run("assess", "no-such-project.yaml")
    assert result.returncode == 2
    assert "file not found" in result.stderr
    assert "removed" not in result.stderr


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_that_is_not_utf8_is_located_where_it_is(tmp_path: Path, bom: bytes) -> None:
    # With a byte-order mark too: the place is counted in the text an editor shows.
    project = tmp_path / "p.yaml"
    body = b"name: x\ngroups:\n  - name: caf\xe9\n"
    project.write_bytes(bom + body)
    result = _run("assess", str(project))
    offset = len(bom) + body.index(b"\xe9")
    assert f"{project}:3:14: error [not-text]" in result.stderr
    assert f"(byte 0xe9 at offset {offset})" in result.stderr


def test_the_claim_against_no_verdict_reads_as_a_sentence(tmp_path: Path) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        "name: x\nclaimed_approach: co-production\ngroups:\n  - name: readers\n"
        "    role: community\n    stages: {deliver: informed}\n"
        "  - name: team\n    role: provider\n    stages: {deliver: decides}\n"
    )
    result = _run("assess", str(project))
    assert (
        "Over-claims: calls itself Co-production, but the evidence fits none of the approaches."
        in (" ".join(result.stdout.split()))
    )


@pytest.mark.parametrize("written", ["2026017", "1.5", "yes"])
def test_a_number_where_text_belongs_is_told_to_quote_it(written: str) -> None:
    document = f"name: x\nid: {written}\ngroups: [{{name: a, role: users}}]\n".encode()
    with pytest.raises(InputError) as raised:
        read_project_bytes(document)
    (problem,) = raised.value.problems
    assert (problem.field, problem.line) == ("id", 2)
    assert "expected text" in problem.message
    assert "put it in quotes" in problem.message


_toml_values = st.one_of(
    st.booleans().map(str).map(str.lower),
    st.integers(-5, 5).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=16).map(repr),
    st.text(max_size=6).map(json.dumps),
    st.lists(st.text(max_size=3).map(json.dumps), max_size=2).map(lambda v: f"[{', '.join(v)}]"),
)


@given(
    settings_given=st.dictionaries(
        st.sampled_from(
            ["rubric", "include", "exclude", "require", "fail-on", "respect-gitignore", "failon"]
        ),
        _toml_values,
        max_size=4,
    )
)
@settings(max_examples=200, deadline=None)
def test_config_problems_never_speak_the_validation_librarys_language(
    settings_given: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("config")
    lines = "".join(f"{key} = {value}\n" for key, value in settings_given.items())
    (folder / "pyproject.toml").write_text(f"[tool.engage]\n{lines}", encoding="utf-8")
    try:
        load_config(folder / "pyproject.toml")
    except InputError as error:
        for problem in error.problems:
            assert not any(words in problem.message for words in LIBRARY_WORDS), problem
            assert problem.line is not None, problem


def test_config_and_rubric_problems_are_in_engages_words(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.engage]\nfailon = "warning"\nrespect-gitignore = "maybe"\n', encoding="utf-8"
    )
    shutil.copy(EXAMPLES / "lego-ideas.yaml", tmp_path / "p.yaml")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "pyproject.toml:2:" in lines[0]
    assert "did you mean 'fail-on'?" in lines[0]
    assert "pyproject.toml:3:" in lines[1]
    assert "expected true or false" in lines[1]
    rubric = (EXAMPLES.parent / "rubrics" / "default.yaml").read_text(encoding="utf-8")
    for old, new, expected in [
        ("confidence: {high: 0.8,", "confidence: {high: 1.8,", "must be at most 1"),
        (
            "readiness: {high: 0.8, medium: 0.5}",
            "readiness: {high: 0.4, medium: 0.5}",
            "high (0.4) must not be below medium (0.5)",
        ),
    ]:
        assert old in rubric
        (tmp_path / "rubric.yaml").write_text(rubric.replace(old, new, 1), encoding="utf-8")
        validated = _run("rubric", "validate", "rubric.yaml", cwd=tmp_path)
        assert validated.returncode == 2, validated.stderr
        assert expected in validated.stdout + validated.stderr
        assert not any(words in validated.stdout + validated.stderr for words in LIBRARY_WORDS)


def test_an_empty_or_listed_answer_says_what_is_wrong() -> None:
    document = (
        b"name: x\ngroups: [{name: a, role: users}]\n"
        b"readiness: {co-design-share-decisions: null, co-design-close-loop: [yes]}\n"
    )
    with pytest.raises(InputError) as raised:
        read_project_bytes(document)
    empty, listed = raised.value.problems
    assert empty.message.startswith("no value given; expected one of")
    assert listed.message.endswith("not a list")
