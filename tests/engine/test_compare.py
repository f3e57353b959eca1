"""Pairing a plan folder's files with a report folder's: by id, then by path."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.engine.compare import Side, pair_folders
from engagement_cli.models.project import Project
from engagement_cli.models.result import FileResult

PATHS = st.sampled_from(["a.yaml", "b.yaml", "c.yaml", "d/e.yaml"])
IDS = st.one_of(st.none(), st.sampled_from(["P1", "P2", "P3"]))


def _side(relative: str, project_id: str | None, where: str) -> Side:
    result = FileResult.model_construct(file=f"{where}/{relative}", assessment=None, findings=[])
    return Side(relative, result, Project.model_construct(id=project_id))


def _folder(where: str) -> st.SearchStrategy[list[Side]]:
    entries = st.dictionaries(PATHS, IDS, max_size=4)
    return entries.map(lambda files: [_side(path, key, where) for path, key in files.items()])


@settings(max_examples=400, deadline=None)
@given(plans=_folder("plans"), reports=_folder("reports"))
def test_every_file_is_in_exactly_one_pair_and_pairs_agree_on_id_or_path(
    plans: list[Side], reports: list[Side]
) -> None:
    pairs = pair_folders(plans, reports)
    seen = Counter(id(side) for pair in pairs for side in (pair.plan, pair.report) if side)
    assert sorted(seen) == sorted(id(side) for side in [*plans, *reports])
    assert set(seen.values()) == {1} or not seen
    plan_ids = Counter(side.project_id for side in plans if side.project_id)
    report_ids = Counter(side.project_id for side in reports if side.project_id)
    for pair in pairs:
        if pair.plan is None or pair.report is None:
            assert pair.matched_by is None
            continue
        plan_id, report_id = pair.plan.project_id, pair.report.project_id
        if pair.matched_by == "id":
            assert plan_id == report_id == pair.key
            assert plan_ids[plan_id] == report_ids[report_id] == 1
        else:
            assert pair.matched_by == "path"
            assert pair.plan.relative == pair.report.relative == pair.key
            # Two ids that differ are two projects, whatever else shares them.
            assert not (plan_id and report_id and plan_id != report_id)
            # An id unique on both sides always pairs by id, never by path.
            unique = plan_ids.get(plan_id) == 1 and report_ids.get(report_id) == 1
            assert not (unique and plan_id == report_id)
    # A file stays alone only when nothing on the other side could be its partner.
    for pair in pairs:
        alone = pair.plan or pair.report
        if (pair.plan is not None and pair.report is not None) or alone is None:
            continue
        if alone.project_id and plan_ids[alone.project_id] == report_ids[alone.project_id] == 1:
            raise AssertionError(f"{alone.relative} has a partner by id")


@settings(max_examples=200, deadline=None)
@given(plans=_folder("plans"), reports=_folder("reports"))
def test_a_duplicate_id_warns_on_each_file_that_shares_it(
    plans: list[Side], reports: list[Side]
) -> None:
    pairs = pair_folders(plans, reports)
    warned = Counter(
        finding.file for pair in pairs for finding in pair.findings if finding.id == "duplicate-id"
    )
    for where, sides in (("plans", plans), ("reports", reports)):
        counts = Counter(side.project_id for side in sides if side.project_id)
        for side in sides:
            expected = 1 if side.project_id and counts[side.project_id] > 1 else 0
            assert warned[f"{where}/{side.relative}"] == expected


def test_without_ids_folders_pair_by_path() -> None:
    plans = [_side("a.yaml", None, "plans"), _side("b.yaml", None, "plans")]
    reports = [_side("b.yaml", None, "reports"), _side("c.yaml", None, "reports")]
    pairs = pair_folders(plans, reports)
    assert [(pair.key, pair.matched_by) for pair in pairs] == [
        ("a.yaml", None),
        ("b.yaml", "path"),
        ("c.yaml", None),
    ]
