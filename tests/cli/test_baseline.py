"""`check --write-baseline` and `--baseline`: fail only on findings that are new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

OVER_CLAIM = EXAMPLES / "youth-survey-called-co-production.yaml"
CLEAN = EXAMPLES / "council-newsletter.yaml"


def _check(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *arguments])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "projects"
    folder.mkdir()
    shutil.copy(OVER_CLAIM, folder / "survey.yaml")
    shutil.copy(EXAMPLES / "bespoke-interior-design.yaml", folder / "interior.yaml")
    shutil.copy(CLEAN, folder / "newsletter.yaml")
    return folder


def test_existing_over_claims_pass_against_their_baseline(batch: Path) -> None:
    assert _check("projects", "-f", "text")[0] == 1
    code, stdout, stderr = _check("projects", "-f", "text", "--write-baseline", "baseline.json")
    # Recording today's findings accepts them, as baseline tools do: a CI step goes on.
    assert code == 0
    assert "wrote" in stderr
    assert "(reason: in the baseline)" in stdout
    code, stdout, _ = _check("projects", "-f", "json", "--baseline", "baseline.json")
    assert code == 0
    findings = [f for file in json.loads(stdout)["files"] for f in file["findings"]]
    over = [f for f in findings if f["id"] == "over-claim"]
    assert over
    assert all(f["suppressed"] == "in the baseline" for f in over)


def test_a_new_over_claim_fails(batch: Path) -> None:
    _check("projects", "--write-baseline", "baseline.json")
    shutil.copy(OVER_CLAIM, batch / "new-survey.yaml")
    code, stdout, _ = _check("projects", "-f", "text", "--baseline", "baseline.json")
    assert code == 1
    assert "new-survey.yaml" in stdout


def test_a_fixed_finding_is_reported(batch: Path) -> None:
    _check("projects", "--write-baseline", "baseline.json")
    text = (batch / "survey.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["claimed_approach"] = "consultation"
    (batch / "survey.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, _, stderr = _check("projects", "-f", "text", "--baseline", "baseline.json")
    assert code == 0
    assert "fixed" in stderr
    assert "survey.yaml: over-claim claimed_approach" in stderr


def test_reordering_groups_and_unrelated_edits_create_no_new_findings(batch: Path) -> None:
    # The interior project's findings include group-level ones; reorder its groups and
    # add lines above everything: lines move, indices change, nothing is new.
    _check("projects", "--write-baseline", "baseline.json", "--fail-on", "note")
    for name in ("interior.yaml", "survey.yaml"):
        path = batch / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["groups"].reverse()
        data["summary"] = "Edited, with\nmore lines."
        path.write_text("# a new comment\n\n" + yaml.safe_dump(data, sort_keys=False))
    code, stdout, _ = _check(
        "projects", "-f", "json", "--baseline", "baseline.json", "--fail-on", "note"
    )
    active = [
        f for file in json.loads(stdout)["files"] for f in file["findings"] if not f["suppressed"]
    ]
    assert active == []
    assert code == 0


def test_a_bad_baseline_is_a_located_usage_error(batch: Path) -> None:
    Path("baseline.json").write_text('{"schema": "engage.baseline/v1", "findings": [1]}')
    code, _, stderr = _check("projects", "--baseline", "baseline.json")
    assert code == 2
    assert "baseline.json" in stderr
    assert "Traceback" not in stderr
