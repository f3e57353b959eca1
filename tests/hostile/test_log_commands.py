"""No text from a file, a file name or a rubric becomes a CI workflow command in any output.

GitHub's runner obeys `##[command]` anywhere in a line and `::command::` once the line's
leading whitespace is gone. Every line engage prints, on stdout or stderr, in every format,
is checked against both forms, including their fullwidth spellings; the only lines allowed
to start with `::` are engage's own annotations in the `github` format.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.html_format import asset
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.safe_text import json_escape, log_inert, markup_escape
from tests.conftest import REPO

runner = CliRunner()
# Each example runs the CLI many times; a failure is reported as found, not shrunk.
CLI_PHASES = (Phase.explicit, Phase.reuse, Phase.generate)

_COMMANDS = st.sampled_from(
    [
        "##[warning]x",
        "##[set-output name=a;]b",
        "##[group]g",
        "::stop-commands::tok",
        "::error::injected",
        "::set-env name=A::b",
        "::add-mask::secret",
        "\uff03\uff03\uff3bwarning\uff3dfull",
        "\uff1a\uff1astop-commands\uff1a\uff1afull",
    ]
)
_SPACE = st.text(alphabet=" \t\u00a0\u2003\u3000", max_size=3)
_WORDS = st.text(alphabet="abc xyz-", max_size=8)


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """Ordinary words with a workflow command somewhere: at the start, after spaces or a
    line break, or in the middle."""
    before = draw(st.sampled_from(["", "\n", "\r\n", "words "]) | _WORDS)
    return before + draw(_SPACE) + draw(_COMMANDS) + draw(_WORDS)


_ANNOTATION = re.compile(r"::(error|warning|notice) [^:]*::")


def assert_no_commands(output: str, *, annotations: bool = False) -> None:
    """Every line of `output` is inert for the runner (engage's own annotations aside)."""
    for line in re.split(r"\r\n|\r|\n", output):
        normalised = unicodedata.normalize("NFKC", line)
        assert "##[" not in normalised, line
        if annotations and _ANNOTATION.match(line):
            continue
        assert not normalised.lstrip().startswith("::"), line


def _project(name: str, group: str, reason: str) -> dict[str, Any]:
    return {
        "format": 2,
        "name": name,
        "summary": name,
        "claimed_approach": "co-production",
        "groups": [
            {"name": group, "role": "users", "stages": {"define": "consulted"}},
            {"name": "staff", "role": "provider", "stages": {"define": "decides"}},
        ],
        "suppress": [{"finding": "over-claim", "reason": reason}],
    }


def _write(folder: Path, file_name: str, project: dict[str, Any]) -> Path:
    path = folder / f"{file_name.replace('/', '_')}.yaml"
    path.write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")
    return path


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=CLI_PHASES,
)
@given(name=hostile(), group=hostile(), reason=hostile(), file_name=hostile())
def test_no_output_of_check_or_assess_holds_a_command(
    tmp_path_factory: pytest.TempPathFactory, name: str, group: str, reason: str, file_name: str
) -> None:
    folder = tmp_path_factory.mktemp("log")
    good = _write(folder, file_name, _project(name, group, reason))
    broken = folder / f"{file_name.replace('/', '_')}-broken.yaml"
    broken.write_text(f"name: [\n{name}: {reason}\n", encoding="utf-8")
    for output_format in OutputFormat:
        result = runner.invoke(app, ["check", str(folder), "-f", output_format.value])
        annotations = output_format is OutputFormat.GITHUB
        assert_no_commands(result.stdout, annotations=annotations)
        assert_no_commands(result.stderr)
    for arguments in (
        ["assess", str(good)],
        ["assess", str(good), "-d"],
        ["check", str(folder), "--list-files"],
        ["assess", str(broken)],
    ):
        result = runner.invoke(app, arguments)
        assert_no_commands(result.stdout)
        assert_no_commands(result.stderr)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=CLI_PHASES,
)
@given(approach=hostile(), item=hostile())
def test_rubric_text_never_becomes_a_command(
    tmp_path_factory: pytest.TempPathFactory, approach: str, item: str
) -> None:
    document = yaml.safe_load((REPO / "rubrics" / "default.yaml").read_text(encoding="utf-8"))
    for spec in document["approaches"]:
        spec["name"] = f"{approach} {spec['id']}"
        for entry in spec.get("checklist", []):
            entry["text"] = item
    folder = tmp_path_factory.mktemp("rubric")
    rubric = folder / "rubric.yaml"
    rubric.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    project = _write(folder, "p", _project("p", "users", "r"))
    commands: list[list[str]] = [
        ["approaches", "--rubric", str(rubric)],
        ["approaches", "--rubric", str(rubric), "--format", "markdown"],
        ["explain", "co-design", "--rubric", str(rubric)],
        ["checklist", "co-design", "--rubric", str(rubric)],
        ["checklist", "co-design", "--rubric", str(rubric), "--format", "markdown"],
        ["checklist", "co-design", "--rubric", str(rubric), "--format", "json"],
        ["rubric", "show", str(rubric)],
        ["rubric", "validate", str(rubric)],
        ["schema", "--rubric", str(rubric)],
        ["assess", str(project), "--rubric", str(rubric)],
        *(
            ["check", str(project), "--rubric", str(rubric), "-f", output_format.value]
            for output_format in OutputFormat
        ),
    ]
    for arguments in commands:
        result = runner.invoke(app, arguments)
        assert result.exit_code in (0, 1, 2), (arguments, result.output)
        annotations = arguments[-1] == OutputFormat.GITHUB.value
        assert_no_commands(result.stdout, annotations=annotations)
        assert_no_commands(result.stderr)


@given(text=hostile())
def test_neutralising_keeps_the_text_readable_in_each_syntax(text: str) -> None:
    # The escape is one each syntax reads back: JSON's \\u0023, an XML character reference.
    import json
    from html import unescape

    assert json.loads(log_inert(json.dumps(text, ensure_ascii=False), json_escape)) == text
    assert unescape(log_inert(text, markup_escape)) == text


def test_the_html_report_style_and_script_hold_no_command() -> None:
    # The HTML report neutralises its whole page; this holds only if its assets need none.
    for name in ("report.css", "report.js"):
        assert log_inert(asset(name), markup_escape) == asset(name)
