"""Keys that mean the same once normalised: two spellings of one stage in one group.

YAML only rejects keys spelled identically, and engage reads stage names leniently
(any case, `_`/`-`/space, aliases such as `run`). Two spellings of the same stage are a
`duplicate-key` error naming both lines, never a silent "last one wins". A stage written
in another spelling keeps its line in the evidence.
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
from engagement_cli.models.project import Stage, accepted_spellings, normalise_word


def _spellings(stage: Stage) -> list[str]:
    words = [stage.value] + [
        alias for alias in accepted_spellings(Stage) if normalise_word(alias, Stage) == stage.value
    ]
    return words


def _variants(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [word, word.upper(), word.title(), word.replace(" ", "_"), word.replace(" ", "-")]
    )


@st.composite
def two_spellings(draw: st.DrawFn) -> tuple[Stage, str, str]:
    stage = draw(st.sampled_from(list(Stage)))
    first = draw(st.sampled_from(_spellings(stage)).flatmap(_variants))
    second = draw(
        st.sampled_from(_spellings(stage)).flatmap(_variants).filter(lambda word: word != first)
    )
    return stage, first, second


def _project(first: str, second: str, in_group: int) -> str:
    stages = [
        "    stages:\n      define: consulted\n",
        f"    stages:\n      {first}: {{say: decides, does_work: true}}\n"
        f"      {second}: informed\n",
    ]
    return (
        "name: spelled twice\n"
        "groups:\n"
        "  - name: staff\n"
        "    role: provider\n"
        f"{stages[1] if in_group == 0 else stages[0]}"
        "  - name: users\n"
        "    role: users\n"
        f"{stages[1] if in_group == 1 else stages[0]}"
    )


@settings(max_examples=25, deadline=None)
@given(spelling=two_spellings(), in_group=st.sampled_from([0, 1]))
def test_two_spellings_of_one_stage_are_a_duplicate_key(
    tmp_path_factory: pytest.TempPathFactory, spelling: tuple[Stage, str, str], in_group: int
) -> None:
    _, first, second = spelling
    text = _project(first, second, in_group)
    path = tmp_path_factory.mktemp("dup") / "p.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first_line = lines.index(f"      {first}: {{say: decides, does_work: true}}") + 1
    second_line = first_line + 1
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.output)["files"][0]["findings"]
    duplicates = [finding for finding in findings if finding["id"] == "duplicate-key"]
    assert len(duplicates) == 1, findings
    finding = duplicates[0]
    assert finding["line"] == second_line
    assert f"first on line {first_line}, again on line {second_line}" in finding["message"]
    assert finding["field"] == f"groups[{in_group}].stages.{second}"


@settings(max_examples=15, deadline=None)
@given(
    stage=st.sampled_from(list(Stage)).flatmap(
        lambda stage: st.sampled_from(_spellings(stage)).flatmap(_variants)
    )
)
def test_a_stage_in_another_spelling_keeps_its_line_in_the_evidence(
    tmp_path_factory: pytest.TempPathFactory, stage: str
) -> None:
    text = (
        "name: spelled otherwise\n"
        "groups:\n"
        "  - name: staff\n"
        "    role: provider\n"
        "    stages:\n"
        f"      {stage}: {{say: decides, does_work: true}}\n"
        "  - name: users\n"
        "    role: users\n"
        "    stages:\n"
        f"      {stage}: {{say: shares decisions, does_work: true}}\n"
    )
    path = tmp_path_factory.mktemp("alias") / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    criteria = json.loads(result.output)["files"][0]["assessment"]["criteria"]
    stage_evidence = [
        item
        for criterion in criteria
        for item in criterion["evidence"]
        if re.match(r"groups\[\d\]\.stages\.", item["field"])
    ]
    assert stage_evidence
    for item in stage_evidence:
        assert item["line"] == (6 if item["field"].startswith("groups[0]") else 10), item


def test_keys_that_only_look_alike_elsewhere_are_left_to_yaml(tmp_path: Path) -> None:
    # Readiness ids are compared exactly: a second spelling is an unknown item, not merged.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: n\ngroups:\n  - {name: s, role: provider, stages: {deliver: decides}}\n"
        "readiness: {Plan: yes, plan: yes}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    ids = [finding["id"] for finding in json.loads(result.output)["files"][0]["findings"]]
    assert "duplicate-key" not in ids
