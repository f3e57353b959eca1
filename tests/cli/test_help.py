"""`--help` that teaches: every help text shown as written, whole words, plain labels."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from engagement_cli.cli import app, first_sentence

runner = CliRunner()
COMMANDS = [
    ["assess"],
    ["check"],
    ["compare"],
    ["checklist"],
    ["init"],
    ["approaches"],
    ["explain"],
    ["schema"],
    ["rubric", "validate"],
    ["rubric", "show"],
]


def _help(args: list[str]) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _parameters(args: list[str]) -> list[typer.core.TyperOption | typer.core.TyperArgument]:
    command = typer.main.get_command(app)
    for name in args:
        command = command.commands[name]  # type: ignore[attr-defined]
    return list(command.params)


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_every_help_text_is_shown_as_written(args: list[str]) -> None:
    shown = " ".join(_help(args).split())
    for parameter in _parameters(args):
        text = getattr(parameter, "help", None)
        if text:
            # Markup such as "[tool.engage]" must not be eaten, nor words split.
            assert " ".join(text.split()) in shown, (parameter.name, text)


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_labels_are_plain_words_not_type_names(args: list[str]) -> None:
    shown = _help(args)
    assert not re.search(r"<(bool|str|path|int|list\[str\]|int range)>", shown), shown
    assert not re.search(r"x[<>]=?\d", shown), "a range the help text already says in words"
    usage = shown.splitlines()[0]
    assert "[[" not in usage, usage
    assert "...]..." not in usage, usage


def test_hyphenated_words_are_never_split_across_lines() -> None:
    shown = _help(["check"])
    assert not re.search(r"\w-\n\s+\w", shown), "a word broken at its hyphen"
    assert "[tool.engage]" in " ".join(shown.split())


@pytest.mark.parametrize("group", [[], ["rubric"]], ids=["engage", "engage rubric"])
def test_the_command_list_shows_each_summary_as_a_whole_sentence(group: list[str]) -> None:
    shown = runner.invoke(app, [*group, "--help"], env={"COLUMNS": "80"}).stdout
    command = typer.main.get_command(app)
    for name in group:
        command = command.commands[name]  # type: ignore[attr-defined]
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        summary = first_sentence(sub.callback) if sub.callback else None
        if summary:
            assert summary.endswith("."), name
            assert " ".join(summary.split()) in " ".join(shown.split()), name
    listing = shown.split("Commands:")[1]
    assert "..." not in listing, "a summary cut short"


def test_an_example_block_in_help_keeps_its_lines() -> None:
    lines = [line.strip() for line in _help(["check"]).splitlines()]
    at = lines.index("suppress:")
    assert lines[at + 1 : at + 3] == [
        "- finding: under-claim",
        "reason: We describe this work modestly on purpose.",
    ]


def test_numbers_out_of_range_are_usage_errors_in_words() -> None:
    result = runner.invoke(app, ["check", ".", "--jobs", "-1"])
    assert result.exit_code == 2
    assert "must be 0 or more (got -1)" in result.output


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args) for args in COMMANDS])
def test_the_installed_command_shows_help(args: list[str]) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "engage"), *args, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: engage {' '.join(args)} ")
    assert not re.search(r"x[<>]=?\d|<bool>|\[\[", result.stdout)
