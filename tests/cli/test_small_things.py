"""Small rough edges a newcomer met in the first hour, each one kept fixed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.models.result import Report
from tests.conftest import EXAMPLES, REPO

runner = CliRunner()


def test_init_accepts_any_name_the_file_format_accepts_for_the_claim(tmp_path: Path) -> None:
    answers = ["Garden", "", "coproduction", "", "", "1", "gardeners", "users", ""]
    answers += ["", "no"] * 5 + ["", "", ""] + [""] * 4  # then the readiness items
    target = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(target), "--ask"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert 'claimed_approach: "co-production"' in target.read_text()
    assert "[1-12]" in result.output
    assert "1/2/3" not in result.output


def test_approaches_names_its_title_once() -> None:
    shown = runner.invoke(app, ["approaches"]).stdout
    assert shown.count("Engagement approaches") == 1


def test_rubric_show_writes_conditions_in_words() -> None:
    shown = runner.invoke(app, ["rubric", "show"], env={"COLUMNS": "250"}).stdout
    assert (
        "some group: role is provider and (does_work is true or highest_say is at least shares "
        "decisions)" in shown
    )
    assert '{"' not in shown, "no raw JSON"


def test_the_text_format_says_no_claim_when_there_is_none(tmp_path: Path) -> None:
    shown = runner.invoke(
        app, ["check", str(EXAMPLES / "department-software.yaml"), "-f", "text"]
    ).stdout
    assert "(no claim, confidence" in shown
    assert "claimed none" not in shown


def test_the_readme_json_table_names_every_key_of_the_report() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### JSON report")[1].split("**What changed")[0]
    documented = set(re.findall(r"`([a-z_]+)(?:\[\])?`", table))
    for shape in ("--evidence", "--no-evidence"):
        shown = runner.invoke(
            app, ["check", str(EXAMPLES / "lego-ideas.yaml"), "-f", "json", shape]
        )
        report = json.loads(shown.stdout)
        assessment = report["files"][0]["assessment"]
        keys = set(report) | set(report["files"][0]) | set(assessment)
        for listed in ("readiness", "scores", "criteria", "practice", "participation", "ties"):
            keys |= set(assessment.get(listed, [{}])[0])
        assert keys - documented == set(), f"undocumented keys ({shape})"
    assert set(Report.model_fields) - {"schema_id"} <= documented


def test_the_screenshot_script_runs_chromium_as_root_without_the_sandbox() -> None:
    script = (REPO / "docs" / "make-screenshot.sh").read_text(encoding="utf-8")
    assert "--no-sandbox" in script


def test_explain_names_every_spelling_a_claim_may_use() -> None:
    from engagement_cli.rubric.load import load_rubric

    rubric = load_rubric()
    for spec in rubric.document.approaches:
        shown = " ".join(runner.invoke(app, ["explain", spec.id]).stdout.split())
        for alias in [spec.id, *spec.aliases]:
            assert alias in shown, (spec.id, alias)


def test_details_outside_the_rich_view_is_said_not_ignored() -> None:
    result = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml"), "-d", "-f", "text"])
    assert "--details shows in the rich view only" in result.stderr
    quiet = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml"), "-d"])
    assert "rich view only" not in quiet.stderr
