"""`engage schema` accepts exactly what the loader accepts, friendly spellings included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import read_project_bytes
from engagement_cli.models.project import (
    Answer,
    Recognition,
    Relationship,
    Responsibility,
    Role,
    Say,
    Stage,
    accepted_spellings,
)
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric
from engagement_cli.rubric.project_check import check_against_rubric
from tests.conftest import EXAMPLES, REPO

RUBRIC = load_rubric()
SCHEMA = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
PROJECT_FILES = sorted(
    [
        *EXAMPLES.glob("*.yaml"),
        *(REPO / "tests" / "acceptance").rglob("*.yaml"),
    ]
)


def _loader_accepts(text: str, rubric: Rubric = RUBRIC) -> bool:
    try:
        loaded = read_project_bytes(text.encode("utf-8"))
    except InputError:
        return False
    return not check_against_rubric(loaded, rubric)


def _schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.safe_load(text))


def test_the_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_project_file_in_the_repository_is_valid_for_both() -> None:
    # Everything under tests/acceptance that is not a project: expert labels and sources.
    files = [
        path
        for path in PROJECT_FILES
        if path.name not in ("expected.yaml", "sources.yaml") and "second-expert" not in path.parts
    ]
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _loader_accepts(text), path
        errors = [error.message for error in VALIDATOR.iter_errors(yaml.safe_load(text))]
        assert not errors, f"{path}: {errors[:3]}"


def _every_spelling(enum: Any) -> list[str]:
    words = [member.value for member in enum] + accepted_spellings(enum)
    # The loader folds case and separators: so must the schema.
    return [*words, *(word.upper().replace(" ", "_") for word in words)]


def test_a_file_with_every_friendly_spelling_is_valid_for_both() -> None:
    groups = []
    roles = _every_spelling(Role)
    says = _every_spelling(Say)
    stages = _every_spelling(Stage)
    for index, role in enumerate(roles):
        stage = stages[index % len(stages)]
        say = says[index % len(says)]
        groups.append(
            {
                "name": f"group {index}",
                "role": role,
                "relationship": _every_spelling(Relationship)[index % 8],
                "stages": {stage: say if index % 2 else {"say": say, "does_work": "Yes"}},
                "shares_responsibility_for": [
                    _every_spelling(Responsibility)[index % len(_every_spelling(Responsibility))]
                ],
                "recognition": _every_spelling(Recognition)[index % 10],
                "told_what_happened": ["yes", "No", True, 0, "on"][index % 5],
            }
        )
    answers = _every_spelling(Answer)
    items = [item.id for _, item in RUBRIC.checklist_items()]
    document = {
        "name": "Every spelling",
        "claimed_approach": "Co_Produced",
        "purpose": "New_Offering",
        "process": "ITERATIVE",
        "groups": groups,
        "readiness": {item: answers[index % len(answers)] for index, item in enumerate(items)},
    }
    text = yaml.safe_dump(document, allow_unicode=True)
    assert _loader_accepts(text)
    assert _schema_accepts(text), [e.message for e in VALIDATOR.iter_errors(document)][:5]


_words = st.sampled_from(
    [
        *_every_spelling(Say),
        *_every_spelling(Role),
        "sharez decisions",
        "",
        "none",
        "co-production",
        "Co-Production",
        "staff",
        "boss",
        "decides!",
        " involved ",
        "shares-decisions",
        "shares  decisions",
    ]
)


@given(
    role=_words,
    say=_words,
    stage=_words,
    claim=_words,
    flag=st.sampled_from([True, False, "yes", "maybe", 1, 2, "ON", None]),
)
@settings(max_examples=400, deadline=None)
def test_schema_and_loader_agree_on_generated_files(
    role: str, say: str, stage: str, claim: str, flag: Any
) -> None:
    document = {
        "name": "Generated",
        "claimed_approach": claim,
        "groups": [
            {
                "name": "g",
                "role": role,
                "stages": {stage: {"say": say, "does_work": flag}},
            }
        ],
    }
    text = yaml.safe_dump(document, allow_unicode=True)
    assert _loader_accepts(text) == _schema_accepts(text), document


def test_claimed_approach_lists_the_rubrics_approaches_and_none_means_no_claim(
    tmp_path: Path,
) -> None:
    claim = SCHEMA["properties"]["claimed_approach"]
    assert claim["anyOf"][0]["enum"] == [spec.id for spec in RUBRIC.approaches]
    project = tmp_path / "p.yaml"
    project.write_text("name: x\nclaimed_approach: None\ngroups:\n  - {name: g, role: provider}\n")
    report = json.loads(CliRunner().invoke(app, ["assess", str(project), "-f", "json"]).stdout)
    assert report["files"][0]["claimed"] is None
    readiness = SCHEMA["properties"]["readiness"]
    assert readiness["additionalProperties"] is False
    assert set(readiness["properties"]) == {item.id for _, item in RUBRIC.checklist_items()}
