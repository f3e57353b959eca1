"""The real-case sets: published projects, each traceable to its sources and labelled.

Every case folder in `real/cases/` (and in each later set, `real-2/cases/`, ...) holds
`account.md` (the project as its own public pages describe it), `sources.yaml` (where
each fact comes from) and `expected.yaml` (the verdict an independent expert gives from
the domain specification, with defensible alternatives and a reason quoting the source
documents). Blind translations are in `translations/<translator>/` beside the cases;
each set's `RESULTS.md` records how they fare.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path

HERE = Path(__file__).parent
SETS = sorted(path for path in HERE.glob("real*") if path.is_dir())
CASE_DIRS = sorted(
    case for folder in SETS for case in (folder / "cases").iterdir() if case.is_dir()
)
TRANSLATIONS = sorted(
    translator
    for folder in SETS
    for translator in (folder / "translations").iterdir()
    if translator.is_dir()
)
_SPACE = re.compile(r"\s+")


def _yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_the_first_set_holds_at_least_thirty_real_cases_across_sectors() -> None:
    first = [case for case in CASE_DIRS if case.parent.parent.name == "real"]
    assert len(first) >= 30
    sectors = {_yaml(case / "sources.yaml")["sector"] for case in first}
    assert len(sectors) >= 6, sectors


@pytest.mark.parametrize(
    "case", CASE_DIRS, ids=[f"{path.parent.parent.name}/{path.name}" for path in CASE_DIRS]
)
def test_each_case_has_its_sources_an_account_and_a_justified_label(
    case: Path, rubric: Rubric, seeds_dir: Path
) -> None:
    account = (case / "account.md").read_text(encoding="utf-8")
    assert account.startswith("# ")
    assert len(account.split()) >= 120
    sources = _yaml(case / "sources.yaml")
    assert sources["sources"], "every case keeps the addresses it was written from"
    assert all(str(source["url"]).startswith("http") for source in sources["sources"])
    expected = _yaml(case / "expected.yaml")
    known = {approach.id for approach in rubric.approaches} | {"none"}
    assert {expected["verdict"], *(expected.get("defensible") or [])} <= known
    assert expected["why"].strip()
    for cite in expected["cite"]:
        source = rubric.sources[cite["source"]]
        assert source.file is not None
        text = _SPACE.sub(" ", (seeds_dir / source.file).read_text(encoding="utf-8"))
        assert _SPACE.sub(" ", cite["quote"]) in text, f"{case.name}: not verbatim: {cite}"


@pytest.mark.parametrize(
    "translator",
    TRANSLATIONS,
    ids=[f"{path.parent.parent.name}/{path.name}" for path in TRANSLATIONS],
)
def test_every_case_has_a_valid_translation_by_each_translator(
    translator: Path, rubric: Rubric
) -> None:
    cases = (translator.parent.parent / "cases").iterdir()
    for case in sorted(path for path in cases if path.is_dir()):
        result = assess_path(translator / f"{case.name}.yaml", case.name, Settings(rubric=rubric))
        assert result.assessment is not None, (translator.name, case.name, result.findings)
