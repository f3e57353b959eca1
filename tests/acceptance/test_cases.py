"""The acceptance set: prose accounts of projects, each with a project file and a verdict.

Every case folder holds `account.md` (the project as people describe it), `project.yaml`
(a translation of it into the project format, written from the README alone) and
`expected.yaml` (the verdict an expert gives, any defensible alternatives, and the reason,
citing the source documents verbatim). Blind translations of the same accounts, and how
they compare, are recorded in `tests/acceptance/blind/`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(path for path in CASES.iterdir() if path.is_dir())
_SPACE = re.compile(r"\s+")


def _expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("case", CASE_DIRS, ids=[path.name for path in CASE_DIRS])
def test_case_gets_the_expert_verdict(case: Path, rubric: Rubric) -> None:
    expected = _expected(case)
    result = assess_path(case / "project.yaml", case.name, Settings(rubric=rubric))
    assert result.assessment is not None, result.findings
    assert result.assessment.verdict == expected["verdict"], result.assessment.verdict_reason
    if "claim" in expected:
        assert result.assessment.claim.status.value == expected["claim"]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[path.name for path in CASE_DIRS])
def test_case_is_complete_and_its_reason_quotes_the_sources(
    case: Path, rubric: Rubric, seeds_dir: Path
) -> None:
    expected = _expected(case)
    assert (case / "account.md").read_text(encoding="utf-8").strip()
    assert expected["why"].strip()
    assert expected["cite"], "every verdict is justified from the sources"
    for cite in expected["cite"]:
        source = rubric.sources[cite["source"]]
        assert source.file is not None
        text = _SPACE.sub(" ", (seeds_dir / source.file).read_text(encoding="utf-8"))
        assert _SPACE.sub(" ", cite["quote"]) in text, f"{case.name}: not verbatim: {cite}"
    known = {approach.id for approach in rubric.approaches} | {"none"}
    assert {expected["verdict"], *expected.get("defensible", [])} <= known


def test_the_set_covers_every_approach_at_least_three_times() -> None:
    verdicts = Counter(_expected(case)["verdict"] for case in CASE_DIRS)
    assert len(CASE_DIRS) >= 30
    for verdict in ("consultation", "collaboration", "co-design", "co-creation", "co-production"):
        assert verdicts[verdict] >= 3, verdicts
    assert verdicts["none"] >= 3, verdicts
    claims = Counter(_expected(case).get("claim") for case in CASE_DIRS)
    for status in ("over-claims", "under-claims", "mislabels", "matches"):
        assert claims[status] >= 1, claims


def test_the_recorded_blind_results_are_what_the_translations_give(rubric: Rubric) -> None:
    from tests.acceptance.blind_agreement import every_set, render

    for measured in every_set(rubric):
        assert measured.results.read_text(encoding="utf-8") == render(measured), (
            f"{measured.results} is stale: run python -m tests.acceptance.blind_agreement --write"
        )
