"""`engage check` through typer's runner: discovery, policy, config and outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES, REPO

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "batch"
EXAMPLE_COUNT = len(list(EXAMPLES.glob("*.yaml")))
runner = CliRunner()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder holding a copy of the examples, as the working directory."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(EXAMPLES, tmp_path / "proposals")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_list_files_is_sorted_and_skips_git(workspace: Path) -> None:
    (workspace / ".git" / "config.yaml").write_text("not: checked\n")
    (workspace / "proposals" / "extra.yml").write_text("name: x\n")
    code, out, _ = _check("--list-files", ".")
    assert code == 0
    files = out.splitlines()
    assert files == sorted(files)
    assert "proposals/extra.yml" in files
    assert not any(".git" in name for name in files)


def test_excludes_from_flag_and_config_combine(workspace: Path) -> None:
    (workspace / ".engage.yaml").write_text("exclude: ['*co-produc*']\n")
    code, out, _ = _check("--list-files", "proposals", "--exclude", "lego-*")
    assert code == 0
    assert not any("co-produc" in name or "lego" in name for name in out.splitlines())
    # every example, less the two co-produc* files and lego
    assert len(out.splitlines()) == EXAMPLE_COUNT - 3


def test_globs_and_duplicates(workspace: Path) -> None:
    code, out, _ = _check("--list-files", "proposals/*threadless*", "proposals/threadless.yaml")
    assert (code, out) == (0, "proposals/threadless.yaml\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["proposals/lego-ideas.yaml"], 0),
        (["proposals"], 1),  # an over-claim
        (["proposals", "--no-fail"], 0),
        (["proposals/bespoke-interior-design.yaml"], 0),  # a mislabel is a warning
        (["proposals/bespoke-interior-design.yaml", "--fail-on", "warning"], 1),
        (["proposals/lego-ideas.yaml", "--require", "co-production"], 1),
        (["proposals/lego-ideas.yaml", "--require", "consultation"], 0),
        # Not a ladder: co-creation is a different kind from co-design, not above it.
        (["proposals/lego-ideas.yaml", "--require", "co-design"], 1),
        (["proposals/exercise-programme-co-produced.yaml", "--require", "co-design"], 0),
        (["proposals/lego-ideas.yaml", "--require", "co-desing"], 2),
        (["no-such-folder"], 2),
        (["proposals/*.json"], 2),
        (["proposals", "--format", "xml"], 2),
    ],
)
def test_exit_codes(workspace: Path, args: list[str], expected: int) -> None:
    assert _check(*args)[0] == expected


def test_folder_without_yaml_is_a_usage_error(workspace: Path) -> None:
    (workspace / "empty").mkdir()
    code, _, err = _check("empty")
    assert code == 2
    assert "no *.yaml or *.yml files found" in err


def test_bad_file_does_not_stop_the_batch(workspace: Path) -> None:
    (workspace / "proposals" / "zz-broken.yaml").write_bytes(b"\xff\xfe\x00garbage")
    code, out, _ = _check("proposals", "-f", "json")
    report = json.loads(out)
    assert code == 1
    assert len(report["files"]) == EXAMPLE_COUNT + 1
    broken = report["files"][-1]
    assert broken["assessment"] is None
    assert broken["findings"][0]["severity"] == "error"
    assert sum(1 for file in report["files"] if file["assessment"]) == EXAMPLE_COUNT


def test_config_from_pyproject_and_flags_win(workspace: Path) -> None:
    (workspace / "pyproject.toml").write_text(
        '[tool.engage]\ninclude = ["proposals"]\nrequire = "co-production"\nfail-on = "note"\n'
    )
    code, out, err = _check("-f", "text", "--verbose")
    assert code == 1
    assert "below-required" in out
    assert f"config: {workspace / 'pyproject.toml'}" in err
    code, out, _ = _check("-f", "text", "--require", "consultation", "proposals/lego-ideas.yaml")
    assert code == 0
    assert "below-required" not in out


def test_config_is_found_from_a_subfolder(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / ".engage.yaml").write_text("fail-on: note\n")
    monkeypatch.chdir(workspace / "proposals")
    assert _check("bespoke-interior-design.yaml")[0] == 1


def test_invalid_config_exits_2_naming_file_and_line(workspace: Path) -> None:
    (workspace / ".engage.yaml").write_text("exclude: []\nfail_onn: warning\n")
    code, _, err = _check("proposals")
    assert code == 2
    assert ".engage.yaml:2:1: error [unknown-field] fail_onn:" in err


def test_several_outputs_in_one_run(workspace: Path) -> None:
    (workspace / "out").mkdir()
    code, out, _ = _check("proposals", "-f", "sarif:out/report.sarif", "-f", "text")
    assert code == 1
    assert out.splitlines()[-1].startswith(f"{EXAMPLE_COUNT} files:")
    sarif = json.loads((workspace / "out" / "report.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert _check("proposals", "-o", "report.json")[0] == 1
    assert json.loads((workspace / "report.json").read_text())["schema"] == "engage.report/v3"
    assert not list(workspace.glob(".report.json.*")), "no temporary file left behind"


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "text", "-f", "json"],
        ["-f", "text", "-f", "json", "-o", "x.txt"],
        ["-f", "json:same.json", "-f", "sarif:same.json"],
    ],
)
def test_ambiguous_outputs_are_usage_errors(workspace: Path, args: list[str]) -> None:
    code, _, err = _check("proposals", *args)
    assert code == 2
    assert err.startswith("engage: ")


def test_auto_format_is_github_under_actions(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = _check("proposals")
    assert "::error file=proposals/youth-survey-called-co-production.yaml,line=10,col=19" in out
    assert "::warning file=proposals/finance-it-migration.yaml,line=10,col=19" in out


def test_suppression_shows_in_machine_reports(workspace: Path) -> None:
    shutil.copy(FIXTURES / "suppressed.yaml", workspace / "suppressed.yaml")
    code, out, _ = _check("suppressed.yaml", "-f", "json", "--fail-on", "note")
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert code == 0
    assert finding["suppressed"] == "The funder's form only offers consultation."


def test_jobs_give_identical_output(workspace: Path) -> None:
    single = _check("proposals", "-f", "json", "-j", "1")
    double = _check("proposals", "-f", "json", "-j", "2")
    assert single == double


def test_an_empty_stage_is_a_note_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        "name: Jury\ngroups:\n  - name: facilitator\n    role: suppliers\n"
        "    stages: {design: {}}\n  - name: council\n    role: provider\n"
        "    stages: {define: {say: decides, does_work: true}}\n"
        "  - name: residents\n    role: community\n"
        "    stages: {define: involved}\n"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = _check("p.yaml", "-f", "json", "--fail-on", "warning")
    (result,) = json.loads(out)["files"]
    assert code == 0
    assert result["assessment"]["verdict"] == "consultation"
    assert [(item["id"], item["field"], item["line"]) for item in result["findings"]] == [
        ("empty-stage", "groups[0].stages.design", 5)
    ]


def test_below_required_says_when_the_verdict_is_a_different_kind_not_a_lower_one() -> None:
    _, other_kind, _ = _check(str(EXAMPLES / "lego-ideas.yaml"), "--require", "co-design")
    assert "the evidence shows Co-creation, a different kind of approach" in other_kind
    assert "neither above nor below Co-design" in other_kind
    _, lower, _ = _check(
        str(EXAMPLES / "library-opening-hours-survey.yaml"), "--require", "co-design"
    )
    assert "the evidence shows Consultation." in lower
    assert "different kind" not in lower


def test_the_pre_commit_hook_runs_once_for_all_its_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # Without it, pre-commit splits a long file list into batches, each its own run and
    # summary.
    assert all(hook.get("require_serial") is True for hook in hooks)


def test_a_project_cannot_suppress_the_runners_requirement(tmp_path: Path) -> None:
    text = (EXAMPLES / "library-opening-hours-survey.yaml").read_text(encoding="utf-8")
    project = tmp_path / "p.yaml"
    project.write_text(
        text + "\nsuppress:\n  - {finding: below-required, reason: ok}\n", encoding="utf-8"
    )
    code, out, _ = _check(str(project), "--require", "co-production", "-f", "text")
    assert code == 1
    assert "error [below-required]" in out
    assert "suppressed error [below-required]" not in out
    assert "a project file cannot suppress" in out
