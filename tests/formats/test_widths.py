"""Console views at any width: one rule for the width, readable narrow, nothing cut off."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()
CO_PRODUCED = str(EXAMPLES / "exercise-programme-co-produced.yaml")
VIEWS = [
    ["assess", CO_PRODUCED],
    ["assess", str(EXAMPLES / "lego-ideas.yaml")],
    ["assess", CO_PRODUCED, "--details"],
    ["check", str(EXAMPLES), "-f", "rich"],
    ["checklist", "co-production", "-p", CO_PRODUCED],
    ["approaches"],
    ["explain", "co-design"],
    ["rubric", "show"],
]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(args[:2]) for args in VIEWS])
def test_every_console_view_follows_columns_when_piped(args: list[str], columns: int) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1), result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert not [line for line in lines if line != line.rstrip()], "no trailing spaces"
    # No id, name or word is ever cut: tables are laid out to fit, or stacked.
    assert "…" not in result.stdout


def test_without_columns_a_pipe_gets_the_reproducible_width() -> None:
    lines = runner.invoke(app, ["approaches"]).stdout.splitlines()
    assert max(len(line) for line in lines) == 100


def test_the_participation_map_stays_readable_at_60_columns() -> None:
    shown = runner.invoke(app, ["assess", CO_PRODUCED], env={"COLUMNS": "60"}).stdout
    participation = shown.split("Participation map")[1].split("Approaches")[0]
    assert "…" not in participation
    assert re.search(r"^  deliver +shares decisions \+ work$", participation, re.MULTILINE)
    assert "instructors" in participation


def test_long_file_names_are_folded_not_cut_in_the_check_table(tmp_path: Path) -> None:
    name = "some-rather-long-folder/deeper-subfolder/finance-and-it-migration-2026.yaml"
    (tmp_path / name).parent.mkdir(parents=True)
    shutil.copy(EXAMPLES / "finance-it-migration.yaml", tmp_path / name)
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "rich"], env={"COLUMNS": "120"})
    table = result.stdout.split("|-")[1].split("\n+")[0]  # the first table's body
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    first_column = "".join(row.split("|")[1].strip() for row in rows)
    assert first_column.endswith(name)
    assert "…" not in result.stdout


def test_wrapped_changes_hang_under_their_first_word() -> None:
    shown = runner.invoke(
        app,
        ["assess", str(EXAMPLES / "youth-survey-called-co-production.yaml")],
        env={"COLUMNS": "70"},
    ).stdout
    block = shown.split("What would change the verdict")[1].split("Participation map")[0]
    lines = block.splitlines()
    bullets = [index for index, line in enumerate(lines) if line.lstrip().startswith("•")]
    assert bullets
    for index in bullets:
        text_column = lines[index].index("•") + 2
        follower = lines[index + 1] if index + 1 < len(lines) else ""
        if follower.strip() and not follower.lstrip().startswith(("•", "To ")):
            assert len(follower) - len(follower.lstrip()) == text_column, follower
