"""`engage assess` through typer's runner: output, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_assess_explains_the_verdict() -> None:
    result = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml")])
    assert result.exit_code == 0, result.output
    for expected in (
        "Verdict: Co-creation",
        "Participation map",
        "fan designers",
        "What would change the verdict",
        "To reach Co-production:",
        "Claim check: The claim of Co-creation matches",
        "Readiness for Co-creation: GREEN",
        "--details",
    ):
        assert expected in result.output
    assert "\x1b[" not in result.output, "no colour when stdout is not a terminal"
    assert "Every criterion, with the evidence and the source behind each" not in result.output
    detailed = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml"), "--details"])
    assert "Every criterion, with the evidence and the source behind each" in detailed.output
    assert "[002]" in detailed.output


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("text", "verdict co-creation (claimed co-creation, confidence 100%)"),
        ("markdown", "| Co-creation | Co-creation | 100% |"),
        ("sarif", '"version": "2.1.0"'),
        ("junit", "<testsuite"),
        ("json", '"schema": "engage.report/v3"'),
    ],
)
def test_assess_speaks_every_format_of_check(
    output_format: str, expected: str, tmp_path: Path
) -> None:
    example = str(EXAMPLES / "lego-ideas.yaml")
    shown = runner.invoke(app, ["assess", example, "-f", output_format])
    assert shown.exit_code == 0, shown.output
    assert expected in shown.stdout
    target = tmp_path / f"out.{output_format}"
    written = runner.invoke(app, ["assess", example, "-f", f"{output_format}:{target}"])
    assert written.exit_code == 0
    assert expected in target.read_text()


def test_assess_output_file_takes_its_format_from_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml"), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["schema"] == "engage.report/v3"


def test_over_claim_exits_1() -> None:
    result = runner.invoke(
        app, ["assess", str(EXAMPLES / "youth-survey-called-co-production.yaml")]
    )
    assert result.exit_code == 1
    assert "Over-claims: calls itself Co-production" in result.output


def test_json_is_the_documented_report() -> None:
    result = runner.invoke(
        app, ["assess", "--format", "json", str(EXAMPLES / "outpatient-booking-co-design.yaml")]
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema"] == "engage.report/v3"
    (file_result,) = report["files"]
    assessment = file_result["assessment"]
    assert assessment["verdict"] == "co-design"
    assert [target["approach"] for target in assessment["changes"]] == ["co-production"]
    assert assessment["runner_up"] == "co-creation"
    close_call = next(tie for tie in assessment["ties"] if tie["other"] == "co-creation")
    assert close_call["chosen"] == "co-design"
    assert close_call["because"].startswith("Co-design rather than co-creation")
    assert report["order"]["co-production"] == [
        "consultation",
        "collaboration",
        "co-design",
        "co-creation",
    ]
    assert "\x1b[" not in result.stdout


def test_invalid_file_gives_one_located_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\npurpose: improve existing\nprocess: sideways\ngroups:\n"
        "  - name: g\n    rol: users\n    relationship: external\n"
    )
    result = runner.invoke(app, ["assess", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{bad}:3:10: error [invalid-value] process: 'sideways' is not allowed; expected one "
        "of iterative, structured",
        f"{bad}:6:5: error [unknown-field] groups[0].rol: unknown field 'rol'; did you mean "
        "'role'?",
    ]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content", [b"name: [unclosed\n", b"\x00\x01binary", b""])
def test_unreadable_yaml_exits_2_naming_the_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_bytes(content)
    result = runner.invoke(app, ["assess", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(str(bad))


def test_an_unknown_claimed_approach_is_a_warning_and_the_project_is_still_assessed(
    tmp_path: Path,
) -> None:
    text = (
        (EXAMPLES / "lego-ideas.yaml")
        .read_text()
        .replace("claimed_approach: co-creation", "claimed_approach: co-creaton")
    )
    project = tmp_path / "p.yaml"
    project.write_text(text)
    result = runner.invoke(app, ["assess", str(project)])
    assert result.exit_code == 0
    assert "did you mean 'co-creation'?" in result.stderr
    assert ":9:19: warning [unknown-approach] claimed_approach:" in result.stderr
    assert "Verdict: Co-creation" in result.stdout
    assert "read as making no claim" in result.stdout


def test_missing_file_and_bad_format_are_usage_errors() -> None:
    assert runner.invoke(app, ["assess", "no/such/file.yaml"]).exit_code == 2
    result = runner.invoke(app, ["assess", "--format", "xml", str(EXAMPLES / "lego-ideas.yaml")])
    assert result.exit_code == 2


def test_schema_is_json_schema_for_projects() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"name", "groups"}
    assert "additionalProperties" in schema
    assert schema["additionalProperties"] is False


def test_an_organisation_word_as_a_role_is_never_suggested_a_role_of_another_meaning(
    tmp_path: Path,
) -> None:
    for word, suggestion in (("council", None), ("NHS trust", None), ("provder", "provider")):
        project = tmp_path / "p.yaml"
        project.write_text(f"name: x\ngroups:\n  - name: a\n    role: {word}\n", encoding="utf-8")
        result = runner.invoke(app, ["assess", str(project)])
        assert result.exit_code == 2
        if suggestion is None:
            assert "did you mean" not in result.stderr
            assert "provider if it owns the offering" in result.stderr
        else:
            assert f"did you mean '{suggestion}'?" in result.stderr


def test_the_details_hint_names_the_file_as_a_shell_reads_it(tmp_path: Path) -> None:
    project = tmp_path / "my plan.yaml"
    project.write_text((EXAMPLES / "lego-ideas.yaml").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["assess", str(project)], env={"COLUMNS": "300"})
    assert f"engage assess '{project}' --details" in result.stdout
    assert "engage assess FILE --details" not in result.stdout
