"""Imports flow one way: models <- loading <- rubric <- engine; formats see only models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import engagement_cli

PACKAGE = Path(engagement_cli.__file__).parent

# What each layer may import from inside the package (besides itself).
ALLOWED = {
    "models": {"models"},
    "loading": {"models", "loading"},
    "rubric": {"models", "loading", "rubric"},
    "engine": {"models", "loading", "rubric", "engine"},
    "formats": {"models", "formats"},
    "exit_codes": {"models"},
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_layers_import_one_way(path: Path) -> None:
    layer = _layer(path)
    if layer not in ALLOWED:
        return
    for name in _imports(path):
        if name.startswith("engagement_cli."):
            target = name.split(".")[1]
            assert target in ALLOWED[layer], f"{layer} must not import {name}"


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_only_the_cli_imports_typer(path: Path) -> None:
    if _layer(path) == "cli" or path.name == "__main__.py":
        return
    assert not any(name == "typer" or name.startswith("typer.") for name in _imports(path))


def test_engine_names_no_approach() -> None:
    for path in [*(PACKAGE / "engine").rglob("*.py"), *(PACKAGE / "rubric").rglob("*.py")]:
        source = path.read_text(encoding="utf-8").lower()
        for approach in (
            "consultation",
            "collaboration",
            "co-design",
            "co-creation",
            "co-production",
        ):
            assert approach not in source, f"{path.name} names the approach {approach!r}"
