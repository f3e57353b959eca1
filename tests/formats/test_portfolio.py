"""The claims-against-verdicts matrix: counts add up, rows for every claim, and no claim."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.formats.markdown_format import render_markdown
from engagement_cli.formats.portfolio import NO_CLAIM, claim_matrix
from engagement_cli.models.result import Report
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path, build_report
from tests.conftest import EXAMPLES


def _report(rubric: Rubric) -> Report:
    settings = Settings(rubric=rubric)
    results = [assess_path(path, path.name, settings) for path in sorted(EXAMPLES.glob("*.yaml"))]
    return build_report(results, rubric)


def test_every_file_is_counted_once(rubric: Rubric) -> None:
    report = _report(rubric)
    matrix = claim_matrix(report)
    assert sum(matrix.counts.values()) == len(report.files)
    for claimed in matrix.rows:
        expected = sum(1 for result in report.files if (result.claimed or NO_CLAIM) == claimed)
        assert matrix.row_total(claimed) == expected
    assert NO_CLAIM in matrix.rows  # some examples make no claim


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(sorted(EXAMPLES.glob("*.yaml"))), min_size=2, max_size=12))
def test_the_matrix_matches_the_files_for_any_batch(rubric: Rubric, paths: list) -> None:  # type: ignore[type-arg]
    settings = Settings(rubric=rubric)
    report = build_report([assess_path(path, path.name, settings) for path in paths], rubric)
    matrix = claim_matrix(report)
    for result in report.files:
        assert matrix.count(result.claimed or NO_CLAIM, result.assessment.verdict) >= 1
    assert sum(matrix.counts.values()) == len(paths)
    assert "Claims against verdicts" in render_markdown(report)
