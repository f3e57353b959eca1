"""The JSON report's two shapes: lean by default, full with `--evidence`."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()
LEAN_LIMIT = 4 * 1024
"""Bytes per file of the default report: what a CI artefact of 10,000 files can afford."""


def _check(*arguments: str) -> tuple[str, dict[str, Any]]:
    result = runner.invoke(app, ["check", str(EXAMPLES), "-f", "json", *arguments])
    assert result.exit_code in (0, 1), result.output
    return result.stdout, json.loads(result.stdout)


def _entry_sizes(text: str, report: dict[str, Any]) -> list[int]:
    # Each file's entry as the report writes it: measured from its own bytes.
    files = text.partition('"files": [')[2].partition('\n  ],\n  "rules"')[0]
    entries = files.split('\n    {\n      "file": ')[1:]
    assert len(entries) == len(report["files"])
    return [len(entry.encode("utf-8")) for entry in entries]


def test_the_default_report_stays_under_4_kb_a_file_on_the_examples() -> None:
    text, report = _check()
    assert report["evidence"] is False
    sizes = _entry_sizes(text, report)
    assert max(sizes) <= LEAN_LIMIT, sizes
    full_text, full = _check("--evidence")
    assert max(_entry_sizes(full_text, full)) > LEAN_LIMIT, "the full report is the big one"


def _contains(full: Any, lean: Any, where: str = "") -> None:
    if isinstance(lean, dict):
        assert isinstance(full, dict), where
        for key, value in lean.items():
            assert key in full, f"{where}.{key} missing from the full report"
            _contains(full[key], value, f"{where}.{key}")
    elif isinstance(lean, list):
        assert isinstance(full, list), where
        assert len(full) == len(lean), where
        for index, (whole, part) in enumerate(zip(full, lean, strict=True)):
            _contains(whole, part, f"{where}[{index}]")
    else:
        assert full == lean, where


def test_the_full_report_is_the_lean_one_with_more_keys() -> None:
    _, lean = _check()
    _, full = _check("--evidence")
    assert full["evidence"] is True
    lean["evidence"] = True
    _contains(full, lean)


def test_the_lean_report_keeps_verdicts_scores_claims_findings_and_criterion_ids() -> None:
    _, lean = _check()
    _, full = _check("--evidence")
    for short, whole in zip(lean["files"], full["files"], strict=True):
        assessment = short["assessment"]
        assert {"verdict", "confidence", "scores", "claim", "criteria_met"} <= set(assessment)
        assert "criteria" not in assessment
        assert "participation" not in assessment
        met = [item["id"] for item in whole["assessment"]["criteria"] if item["met"]]
        unmet = [item["id"] for item in whole["assessment"]["criteria"] if not item["met"]]
        assert (assessment["criteria_met"], assessment["criteria_unmet"]) == (met, unmet)
        assert short["findings"] == whole["findings"]


def test_the_full_report_lists_evidence_with_lines() -> None:
    _, full = _check("--evidence")
    evidence = [
        item
        for file in full["files"]
        for criterion in file["assessment"]["criteria"]
        for item in criterion["evidence"]
    ]
    assert evidence
    roles = [item for item in evidence if item["field"].endswith(".role")]
    assert roles
    assert all(item["line"] for item in roles)


def test_assess_explains_in_full_unless_asked_to_be_lean() -> None:
    path = str(EXAMPLES / "lego-ideas.yaml")
    full = json.loads(runner.invoke(app, ["assess", path, "-f", "json"]).stdout)
    lean = json.loads(runner.invoke(app, ["assess", path, "-f", "json", "--no-evidence"]).stdout)
    assert full["evidence"] is True
    assert full["files"][0]["assessment"]["criteria"][0]["evidence"]
    assert lean["evidence"] is False
    assert "criteria" not in lean["files"][0]["assessment"]


def test_html_shows_evidence_even_when_the_json_beside_it_is_lean(tmp_path: Any) -> None:
    page, data = tmp_path / "r.html", tmp_path / "r.json"
    result = runner.invoke(
        app,
        ["check", str(EXAMPLES / "lego-ideas.yaml"), "-f", f"html:{page}", "-f", f"json:{data}"],
    )
    assert result.exit_code in (0, 1), result.output
    assert "line " in page.read_text(encoding="utf-8")
    assert "criteria" not in json.loads(data.read_text())["files"][0]["assessment"]
