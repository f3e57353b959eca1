"""Every output format, compared whole against a golden file, on one fixture folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.names import OutputFormat
from engagement_cli.formats.registry import RENDERER_LOCATIONS, renderer
from tests.golden import assert_golden

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr("socket.gethostname", lambda: "ci-host")


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERER_LOCATIONS) == set(OutputFormat)
    for output_format in OutputFormat:
        assert callable(renderer(output_format))


@pytest.mark.parametrize("output_format", list(OutputFormat))
def test_check_format_matches_golden(output_format: OutputFormat) -> None:
    result = runner.invoke(app, ["check", "batch", "--format", output_format.value])
    assert result.exit_code == 1, result.output
    assert_golden(f"check.{output_format.value}", result.stdout)


def test_assess_views_match_golden() -> None:
    path = "batch/over-claim.yaml"
    rich = runner.invoke(app, ["assess", path])
    as_json = runner.invoke(app, ["assess", path, "--format", "json"])
    assert (rich.exit_code, as_json.exit_code) == (1, 1)
    assert_golden("assess.rich", rich.stdout)
    assert_golden("assess.json", as_json.stdout)


def test_golden_fixture_covers_every_kind_of_file() -> None:
    report = json.loads(runner.invoke(app, ["check", "batch", "-f", "json"]).stdout)
    findings = {finding["id"] for file in report["files"] for finding in file["findings"]}
    assert {"over-claim", "mislabel", "under-claim", "yaml-syntax", "unknown-field"} <= findings
    assert any(finding["suppressed"] for file in report["files"] for finding in file["findings"])
    assert [file["file"] for file in report["files"]] == sorted(
        file["file"] for file in report["files"]
    )


def test_streamed_json_is_exactly_pydantic_s_whole_report(rubric: object) -> None:
    from engagement_cli.formats.json_format import LEAN_EXCLUDE, render_json
    from engagement_cli.rubric.load import load_rubric
    from engagement_cli.runner import Settings, assess_path, build_report

    loaded_rubric = load_rubric()
    results = [
        assess_path(path, path.name, Settings(rubric=loaded_rubric))
        for path in sorted((FIXTURES / "batch").glob("*.yaml"))
    ]
    for files in (results, results[:1], []):
        full = build_report(files, loaded_rubric, evidence=True)
        assert render_json(full) == full.model_dump_json(indent=2, by_alias=True) + "\n"
        lean = build_report(files, loaded_rubric)
        whole = lean.model_dump_json(
            indent=2, by_alias=True, exclude={"files": {"__all__": LEAN_EXCLUDE}}
        )
        assert render_json(lean) == whole + "\n"
