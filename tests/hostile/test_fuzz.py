"""Random YAML and random project-like documents never crash the loader or the engine."""

from __future__ import annotations

import time
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagement_cli.engine.assess import assess
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import LoadedProject, read_project_bytes
from engagement_cli.rubric.load import load_rubric
from engagement_cli.rubric.project_check import check_against_rubric
from tests.strategies import any_project, group_strategy

RUBRIC = load_rubric()

_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
_documents = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)
_project_keys = st.sampled_from(
    [
        "name",
        "summary",
        "purpose",
        "process",
        "groups",
        "claimed_approach",
        "readiness",
        "suppress",
        "role",
        "stages",
    ]
)
_projectish = st.dictionaries(
    _project_keys, _documents | st.lists(group_strategy(), max_size=3), max_size=8
)


def _load(data: bytes) -> LoadedProject | InputError:
    started = time.perf_counter()
    try:
        return read_project_bytes(data)
    except InputError as error:
        return error
    finally:
        assert time.perf_counter() - started < 1.0


def _run(data: bytes) -> None:
    loaded = _load(data)
    if isinstance(loaded, InputError):
        assert loaded.problems
        assert all(problem.line is not None and problem.line >= 1 for problem in loaded.problems)
        return
    problems = check_against_rubric(loaded, RUBRIC)
    assert all(problem.line is not None for problem in problems)
    if not problems:
        assessment = assess(loaded.project, RUBRIC, loaded.document.values)
        assert assessment.verdict in {"none", *(approach.id for approach in RUBRIC.approaches)}


@given(st.binary(max_size=400))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_random_bytes(data: bytes) -> None:
    _run(data)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@settings(max_examples=300)
def test_random_text(text: str) -> None:
    _run(text.encode("utf-8"))


@given(_documents)
@settings(max_examples=200)
def test_random_yaml_documents(document: Any) -> None:
    _run(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@given(st.one_of(_projectish, any_project))
@settings(max_examples=300)
def test_random_project_like_documents(document: dict[str, Any]) -> None:
    _run(yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8"))
