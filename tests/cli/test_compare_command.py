"""`engage compare PLAN REPORT`, through the installed command's exit codes and output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES

CO_PRODUCED = EXAMPLES / "exercise-programme-co-produced.yaml"
COLLABORATIVE = EXAMPLES / "exercise-programme-collaborative.yaml"
SURVEY = EXAMPLES / "library-opening-hours-survey.yaml"
CO_DESIGN = EXAMPLES / "outpatient-booking-co-design.yaml"


ENGAGE = Path(sys.executable).parent / "engage"
"""The installed command: exit codes are checked as CI sees them."""


def _compare(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ENGAGE), "compare", *arguments],
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


def test_a_file_on_one_side_only_is_listed_and_warns(tmp_path: Path) -> None:
    for side in ("plan", "report"):
        (tmp_path / side).mkdir()
        shutil.copy(SURVEY, tmp_path / side / "library.yaml")
    shutil.copy(CO_DESIGN, tmp_path / "plan" / "clinic.yaml")
    result = _compare("plan", "report", "-f", "text", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "clinic.yaml: no report" in result.stdout
    assert "warning [only-in-plan]" in result.stdout
    assert _compare("plan", "report", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_a_file_that_cannot_be_assessed_fails_even_on_one_side(tmp_path: Path) -> None:
    for side in ("plan", "report"):
        (tmp_path / side).mkdir()
    (tmp_path / "plan" / "broken.yaml").write_text("name: [broken\n", encoding="utf-8")
    result = _compare("plan", "report", "-f", "text", cwd=tmp_path)
    assert result.returncode == 1
    assert "error [not-compared] the plan could not be assessed: line 1:" in result.stdout
    assert "[yaml-syntax]" in result.stdout


def test_a_promised_co_production_that_delivered_co_design_fell_short(tmp_path: Path) -> None:
    # What happened: members shared the design decisions, but only instructors ran it.
    delivered = yaml.safe_load(CO_PRODUCED.read_text(encoding="utf-8"))
    members = delivered["groups"][0]
    members["stages"] = {"define": "shares decisions", "design": members["stages"]["design"]}
    members.pop("shares_responsibility_for")
    report = tmp_path / "report.yaml"
    report.write_text(yaml.safe_dump(delivered), encoding="utf-8")
    result = _compare(str(CO_PRODUCED), str(report), "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    project = _json(result)["projects"][0]
    assert project["report"]["assessment"]["verdict"] == "co-design"
    assert [finding["id"] for finding in project["findings"]] == ["fell-short"]
    moved = {(c["group"], c["aspect"], c["stage"], c["movement"]) for c in project["changes"]}
    assert ("class members", "say", "deliver", "removed") in moved
    assert ("class members", "doing", "deliver", "removed") in moved


def test_readiness_is_for_what_the_plan_claims(tmp_path: Path) -> None:
    # The plan claims co-production but is consultation: its co-production answers count.
    planned = yaml.safe_load(SURVEY.read_text(encoding="utf-8"))
    planned["claimed_approach"] = "co-production"
    planned["readiness"] = {"co-production-resources": "yes", "co-production-share-power": "no"}
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(planned), encoding="utf-8")
    result = _compare(str(plan), str(SURVEY), "-f", "json", "--no-fail", cwd=tmp_path)
    project = _json(result)["projects"][0]
    assert project["plan"]["assessment"]["verdict"] == "consultation"
    assert project["readiness_before"]["approach"] == "co-production"
    assert project["readiness_before"]["score"] == 0.5
    assert project["readiness_after"]["approach"] == "co-production"


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


def _with_id(source: Path, target: Path, project_id: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"id: {project_id}\n" + source.read_text(encoding="utf-8"), "utf-8")


def test_folders_match_by_id_before_path(tmp_path: Path) -> None:
    # The report was renamed, and another file took the plan's old name: the id decides.
    _with_id(CO_PRODUCED, tmp_path / "plans" / "exercise.yaml", "GR-2026-017")
    _with_id(COLLABORATIVE, tmp_path / "reports" / "final-report.yaml", "GR-2026-017")
    _with_id(SURVEY, tmp_path / "reports" / "exercise.yaml", "GR-2026-099")
    result = _compare("plans", "reports", "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    projects = {project["key"]: project for project in _json(result)["projects"]}
    assert projects["GR-2026-017"]["matched_by"] == "id"
    assert projects["GR-2026-017"]["report"]["file"] == "reports/final-report.yaml"
    assert [f["id"] for f in projects["GR-2026-017"]["findings"]] == ["fell-short"]
    # Same path, another id: a different project, listed on its own, never compared.
    assert projects["exercise.yaml"]["plan"] is None
    assert projects["exercise.yaml"]["matched_by"] is None
    assert [f["id"] for f in projects["exercise.yaml"]["findings"]] == ["only-in-report"]
    text = _compare("plans", "reports", "-f", "text", cwd=tmp_path).stdout
    assert "GR-2026-017 (plans/exercise.yaml -> reports/final-report.yaml): fell short" in text


def test_an_id_used_twice_on_one_side_is_reported_and_paths_decide(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        _with_id(CO_DESIGN, tmp_path / "plans" / name, "SAME")
        (tmp_path / "reports").mkdir(exist_ok=True)
        shutil.copy(CO_DESIGN, tmp_path / "reports" / name)  # no id: paths decide
    result = _compare("plans", "reports", "-f", "json", "--fail-on", "warning", cwd=tmp_path)
    assert result.returncode == 1
    projects = _json(result)["projects"]
    matched = [(project["key"], project["matched_by"]) for project in projects]
    assert matched == [("a.yaml", "path"), ("b.yaml", "path")]
    for project in projects:
        assert [f["id"] for f in project["findings"]] == ["duplicate-id"]


def test_two_files_with_different_ids_are_compared_with_a_warning(tmp_path: Path) -> None:
    _with_id(CO_DESIGN, tmp_path / "plan.yaml", "P-1")
    _with_id(CO_DESIGN, tmp_path / "report.yaml", "P-2")
    result = _compare("plan.yaml", "report.yaml", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0
    project = _json(result)["projects"][0]
    assert project["matched_by"] == "files"
    assert [f["id"] for f in project["findings"]] == ["different-id"]
    failing = _compare("plan.yaml", "report.yaml", "--fail-on", "warning", cwd=tmp_path)
    assert failing.returncode == 1
