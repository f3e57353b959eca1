"""`explains`: the formats it says need no explanation show a lean assessment exactly as a
full one, so the engine may skip building what they never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement_cli.formats.names import OutputFormat, explains
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.registry import render
from engagement_cli.models.result import FileResult, Report
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path, build_report
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "batch"
LEAN_FORMATS = [fmt for fmt in OutputFormat if not explains([fmt], full_json=False)]
EXPLAINING_FORMATS = [fmt for fmt in OutputFormat if fmt not in LEAN_FORMATS]
OPTIONS = RenderOptions(width=100)


def _report(rubric: Rubric, *, explain: bool) -> Report:
    paths = sorted([*EXAMPLES.glob("*.yaml"), *FIXTURES.glob("*.yaml")])
    settings = Settings(rubric=rubric, explain=explain)
    results: list[FileResult] = [assess_path(path, path.name, settings) for path in paths]
    return build_report(results, rubric)


@pytest.fixture(scope="module")
def lean(rubric: Rubric) -> Report:
    report = _report(rubric, explain=False)
    assessed = [file.assessment for file in report.files if file.assessment is not None]
    # The test means something only if the lean assessments really lack the explanation.
    assert assessed
    assert all(not assessment.participation for assessment in assessed)
    assert all(not criterion.evidence for a in assessed for criterion in a.criteria)
    return report


@pytest.fixture(scope="module")
def full(rubric: Rubric) -> Report:
    return _report(rubric, explain=True)


def test_the_lean_formats_are_the_ones_ci_reads() -> None:
    assert set(LEAN_FORMATS) == {
        OutputFormat.RICH,
        OutputFormat.TEXT,
        OutputFormat.JSON,
        OutputFormat.JUNIT,
        OutputFormat.SARIF,
        OutputFormat.GITHUB,
        OutputFormat.MARKDOWN,
    }


@pytest.mark.parametrize("output_format", LEAN_FORMATS)
def test_a_lean_format_shows_a_lean_assessment_as_it_shows_a_full_one(
    output_format: OutputFormat, lean: Report, full: Report
) -> None:
    assert render(output_format, lean, OPTIONS) == render(output_format, full, OPTIONS)


@pytest.mark.parametrize("output_format", EXPLAINING_FORMATS)
def test_a_format_that_explains_would_lose_something_without_it(
    output_format: OutputFormat, lean: Report, full: Report
) -> None:
    assert render(output_format, lean, OPTIONS) != render(output_format, full, OPTIONS)


def test_full_json_and_one_project_s_rich_view_explain() -> None:
    assert explains([OutputFormat.TEXT, OutputFormat.JSON], full_json=True)
    assert explains([OutputFormat.RICH], full_json=False, rich=True)
    assert not explains([OutputFormat.RICH, OutputFormat.SARIF], full_json=False)
