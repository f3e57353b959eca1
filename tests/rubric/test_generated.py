"""The generated decider: nothing from the rubric file becomes source, and rubrics past
its size limits keep the closures. (Its answers are held to the condition nodes' in
`test_closures`.)"""

from __future__ import annotations

from typing import Any

import pytest

from engagement_cli.models.project import Project
from engagement_cli.rubric import generated
from engagement_cli.rubric.closures import ClosureCompiler
from engagement_cli.rubric.conditions import Compiler
from engagement_cli.rubric.fields import project_fields

HOSTILE_ID = "x') or __import__('os').system('echo owned') or ('"
PROJECT = Project.model_validate(
    {
        "name": "p",
        "groups": [
            {"name": "staff", "role": "provider", "stages": {"design": "decides"}},
            {"name": "users", "role": "users", "stages": {"design": "shares decisions"}},
        ],
    }
)


def _decider(conditions: dict[str, Any], *, generate: bool = True) -> Any:
    compiler = Compiler(project_fields([]), frozenset(conditions))
    nodes = {key: compiler.compile(raw, (key,), "project") for key, raw in conditions.items()}
    tests = ClosureCompiler(dict(compiler.project_fields))
    return tests.decider(list(nodes.items()), generate=generate)


def test_no_rubric_text_becomes_source(monkeypatch: pytest.MonkeyPatch) -> None:
    sources: list[str] = []

    def spy(text: str, *arguments: Any) -> Any:
        sources.append(text)
        return compile(text, *arguments)

    monkeypatch.setattr(generated, "compile", spy, raising=False)
    decider = _decider(
        {
            HOSTILE_ID: {"any_group": {"field": "say.design", "equals": "shares decisions"}},
            "refers": {"not": {"criterion": HOSTILE_ID}},
        }
    )
    assert decider.generated is not None
    assert len(sources) == 2  # the rows and the results
    assert all("os" not in text and "shares" not in text for text in sources)
    assert decider.decide(PROJECT).results == {HOSTILE_ID: True, "refers": False}


def test_a_rubric_too_large_to_generate_keeps_the_closures() -> None:
    leaf = {"field": "role", "equals": "users"}
    wide = {"any_group": {"any": [leaf] * generated.MAX_GENERATED_NODES}}
    decider = _decider({"wide": wide})
    assert decider.generated is None
    assert decider.decide(PROJECT).results == {"wide": True}


def test_a_condition_too_deep_to_generate_keeps_the_closures() -> None:
    deep: dict[str, Any] = {"field": "role", "equals": "users"}
    for _ in range(generated.MAX_GENERATED_DEPTH):
        deep = {"not": {"not": deep}}
    decider = _decider({"deep": {"any_group": deep}})
    assert decider.generated is None
    assert decider.decide(PROJECT).results == {"deep": True}


def test_a_count_is_a_constant_however_large() -> None:
    # YAML reads a 4,000-digit hexadecimal number as an int that Python will not write
    # out in decimal: it must never need to be.
    count = {"count_groups": {"where": {"field": "role", "equals": "users"}, "at_least": 16**4000}}
    decider = _decider({"many": count})
    assert decider.generated is not None
    assert decider.decide(PROJECT).results == {"many": False}
