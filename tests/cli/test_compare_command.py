"""`engage compare PLAN REPORT`, through the installed command's exit codes and output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

CO_PRODUCED = EXAMPLES / "exercise-programme-co-produced.yaml"
COLLABORATIVE = EXAMPLES / "exercise-programme-collaborative.yaml"
SURVEY = EXAMPLES / "library-opening-hours-survey.yaml"
CO_DESIGN = EXAMPLES / "outpatient-booking-co-design.yaml"


def _compare(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engagement_cli", "compare", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _json(result: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout)


def test_a_promised_co_production_that_delivered_less_fell_short(tmp_path: Path) -> None:
    result = _compare(str(CO_PRODUCED), str(COLLABORATIVE), "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    project = _json(result)["projects"][0]
    assert [finding["id"] for finding in project["findings"]] == ["fell-short"]
    moved = {
        (change["group"], change["aspect"], change["stage"], change["movement"])
        for change in project["changes"]
    }
    assert ("class members", "say", "design", "lowered") in moved
    assert ("class members", "doing", "design", "removed") in moved
    assert ("class members", "responsibility", None, "removed") in moved
    assert project["readiness_before"]["approach"] == "co-production"


def test_an_improvement_passes(tmp_path: Path) -> None:
    result = _compare(str(SURVEY), str(CO_DESIGN), "-f", "text", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "improved" in result.stdout


def test_an_unchanged_project_passes_with_no_changes(tmp_path: Path) -> None:
    result = _compare(str(CO_PRODUCED), str(CO_PRODUCED), "-f", "json", cwd=tmp_path)
    assert result.returncode == 0
    project = _json(result)["projects"][0]
    assert project["changes"] == []
    assert project["findings"] == []


def test_falling_below_the_plans_claim_fails_too(tmp_path: Path) -> None:
    # The plan over-claims co-production; a report at the plan's own verdict is no
    # shortfall against the verdict, but is against the claim.
    plan = tmp_path / "plan.yaml"
    text = COLLABORATIVE.read_text(encoding="utf-8")
    plan.write_text(text.replace("claimed_approach:", "claimed_approach: co-production\n#", 1))
    result = _compare(str(plan), str(COLLABORATIVE), "-f", "json", cwd=tmp_path)
    findings = [f["id"] for f in _json(result)["projects"][0]["findings"]]
    assert findings == ["fell-short"], result.stdout
    assert result.returncode == 1


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    plan, report = tmp_path / "plan", tmp_path / "report"
    (plan / "sub").mkdir(parents=True)
    (report / "sub").mkdir(parents=True)
    shutil.copy(CO_PRODUCED, plan / "sub" / "exercise.yaml")
    shutil.copy(COLLABORATIVE, report / "sub" / "exercise.yaml")
    shutil.copy(SURVEY, plan / "library.yaml")
    shutil.copy(CO_DESIGN, report / "library.yaml")
    shutil.copy(SURVEY, plan / "only-planned.yaml")
    shutil.copy(SURVEY, report / "only-reported.yaml")
    return plan, report


def test_folders_match_by_relative_path_and_list_every_file(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    plan, report = folders
    result = _compare(str(plan), str(report), "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    projects = {project["key"]: project for project in _json(result)["projects"]}
    assert set(projects) == {
        "library.yaml",
        "only-planned.yaml",
        "only-reported.yaml",
        "sub/exercise.yaml",
    }
    assert projects["only-planned.yaml"]["report"] is None
    assert projects["only-planned.yaml"]["findings"][0]["id"] == "only-in-plan"
    assert projects["only-reported.yaml"]["plan"] is None
    assert projects["sub/exercise.yaml"]["findings"][0]["id"] == "fell-short"
    # A missing report is a warning: it fails only at --fail-on warning.
    only_missing = _compare(
        str(plan / "only-planned.yaml"), str(plan / "only-planned.yaml"), cwd=tmp_path
    )
    assert only_missing.returncode == 0


@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "rich", "json"])
def test_every_format_names_every_project(
    folders: tuple[Path, Path], tmp_path: Path, output_format: str
) -> None:
    plan, report = folders
    result = _compare(str(plan), str(report), "-f", output_format, "--no-fail", cwd=tmp_path)
    assert result.returncode == 0
    for key in ("library.yaml", "only-planned.yaml", "only-reported.yaml", "exercise.yaml"):
        assert key in result.stdout


def test_usage_errors_exit_2(folders: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = folders
    assert _compare(str(plan), str(CO_PRODUCED), cwd=tmp_path).returncode == 2
    assert _compare(str(tmp_path / "missing.yaml"), str(CO_PRODUCED), cwd=tmp_path).returncode == 2
    assert _compare(str(CO_PRODUCED), str(CO_PRODUCED), "-f", "sarif", cwd=tmp_path).returncode == 2
