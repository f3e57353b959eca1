"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(
            f"source documents not found at {seeds} (the shared/ folder sits beside "
            "the repository in CI and on developer machines)"
        )
    return seeds


@pytest.fixture(scope="session")
def schemas_dir() -> Path:
    schemas = SHARED / "schemas"
    if not schemas.is_dir():
        pytest.skip(f"output schemas not found at {schemas}")
    return schemas


@pytest.fixture(autouse=True)
def _no_terminal_size_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    # COLUMNS decides every console view's width; a developer's shell must not change
    # what the tests see.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
