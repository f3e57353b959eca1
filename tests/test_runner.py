"""Batches: any number of processes gives the same results in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import generate

from engagement_cli.discovery import discover
from engagement_cli.formats.json_format import render_json
from engagement_cli.formats.text_format import render_text
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, build_report, run_batch


@pytest.mark.slow
def test_two_processes_match_one_on_thousands_of_files(tmp_path: Path, rubric: Rubric) -> None:
    generate(tmp_path, 2000, seed=7)
    candidates = discover(["."], cwd=tmp_path).candidates
    assert len(candidates) == 2000
    settings = Settings(rubric=rubric)
    single = build_report(run_batch(candidates, settings, jobs=1), rubric)
    double = build_report(run_batch(candidates, settings, jobs=2), rubric)
    assert render_json(double) == render_json(single)
    assert render_text(double) == render_text(single)
    verdicts = single.counts_by_verdict()
    assert all(verdicts[approach] > 0 for approach in single.approaches)
    assert verdicts["invalid"] == 20
