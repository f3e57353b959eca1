"""Text from project files is shown literally in every output, and never acts as a command."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.assessment_view import render_assessment
from engagement_cli.formats.names import OutputFormat
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path, build_report

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()
# ESC, other C0/C1 controls, DEL and the Unicode characters that reorder text.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _output(output_format: OutputFormat) -> str:
    return runner.invoke(app, ["check", ".", "-f", output_format.value]).stdout


@pytest.mark.parametrize("output_format", [fmt for fmt in OutputFormat if fmt != "json"])
def test_no_control_characters_reach_any_output(output_format: OutputFormat) -> None:
    output = _output(output_format)
    assert not UNSAFE.search(output.replace("\n", "")), UNSAFE.findall(output)


def test_json_escapes_control_characters() -> None:
    output = _output(OutputFormat.JSON)
    assert "\x1b" not in output
    names = {
        file["assessment"]["project"] for file in json.loads(output)["files"] if file["assessment"]
    }
    assert any(name.startswith("\x1b[31mRED") for name in names), "data kept exactly in JSON"


def test_rich_markup_is_shown_literally_even_in_colour(rubric: Rubric) -> None:
    for name in ("rich-markup-name.yaml", "ansi-name.yaml"):
        result = assess_path(CORPUS / name, name, Settings(rubric=rubric))
        view = render_assessment(result, build_report([result], rubric), color=True, width=120)
        assert "\x1b[31mRED" not in view
        assert "\x1b]8;;" not in view
        assert "\x1b[2J" not in view
        assert "\u202e" not in view
    markup = assess_path(CORPUS / "rich-markup-name.yaml", "m", Settings(rubric=rubric))
    plain = render_assessment(markup, build_report([markup], rubric), color=False, width=200)
    assert "[bold red]Alarm[/bold red] [link=https://evil.example]click me[/link]" in plain
    assert "[reverse]users[/reverse]" in plain


def test_github_commands_cannot_be_injected() -> None:
    lines = _output(OutputFormat.GITHUB).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert all(re.match(r"::(error|warning|notice) [^:]*::", line) for line in commands)
    assert not any(
        line.startswith(("::set-env", "::error file=a.yaml::injected")) for line in lines
    )


def test_markdown_rows_keep_their_columns() -> None:
    # Every row of every table has as many cells as the table's header: no value from a
    # file can add a column.
    tables: list[list[str]] = []
    previous_was_row = False
    for line in _output(OutputFormat.MARKDOWN).splitlines():
        is_row = line.startswith("|")
        if is_row and not previous_was_row:
            tables.append([])
        if is_row:
            tables[-1].append(line)
        previous_was_row = is_row
    assert tables
    for table in tables:
        width = len(re.split(r"(?<!\\)\|", table[0]))
        for row in table:
            assert len(re.split(r"(?<!\\)\|", row)) == width, row
    assert "<b>" not in _output(OutputFormat.MARKDOWN)


@pytest.mark.parametrize("output_format", [OutputFormat.JUNIT])
def test_xml_is_well_formed(output_format: OutputFormat) -> None:
    ElementTree.fromstring(_output(output_format).encode())


def test_sarif_is_valid_json() -> None:
    json.loads(_output(OutputFormat.SARIF))
