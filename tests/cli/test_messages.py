"""Messages a newcomer meets: engage's own words, "did you mean", every problem at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_byte_that_is_not_utf8_is_located_where_it_is(tmp_path: Path) -> None:
    project = tmp_path / "p.yaml"
    project.write_bytes(b"name: x\ngroups:\n  - name: caf\xe9\n")
    result = _run("assess", str(project))
    assert f"{project}:3:14: error [not-text]" in result.stderr


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
