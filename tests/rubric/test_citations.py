"""Every citation in the default rubric is a verbatim quote from its source document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from engagement_cli.models.rubric import CitationSpec
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric

_SPACE = re.compile(r"\s+")


def _all_citations(rubric: Rubric) -> Iterator[tuple[str, CitationSpec]]:
    for criterion in rubric.document.criteria:
        for cite in criterion.cite:
            yield f"criterion {criterion.id}", cite
    for approach in rubric.approaches:
        for cite in approach.cite:
            yield f"approach {approach.id}", cite
        for item in approach.checklist:
            for cite in item.cite:
                yield f"checklist item {item.id}", cite


CITATIONS = list(_all_citations(load_rubric()))


@pytest.mark.parametrize(
    ("where", "cite"), CITATIONS, ids=[f"{where}:{cite.quote[:30]}" for where, cite in CITATIONS]
)
def test_quote_is_verbatim_in_its_source(
    where: str, cite: CitationSpec, rubric: Rubric, seeds_dir: Path
) -> None:
    source = rubric.sources[cite.source]
    assert source.file, f"source {cite.source} names no file to check {where} against"
    text = (seeds_dir / source.file).read_text(encoding="utf-8")
    # Only runs of white space may differ (the sources wrap lines; YAML folds them).
    assert _SPACE.sub(" ", cite.quote) in _SPACE.sub(" ", text), (
        f"{where} quotes text not found in {source.file}: {cite.quote!r}"
    )


def test_every_rule_and_item_is_cited(rubric: Rubric) -> None:
    assert all(criterion.cite for criterion in rubric.document.criteria)
    assert all(item.cite for _, item in rubric.checklist_items())
    assert len(CITATIONS) >= len(rubric.document.criteria) + len(rubric.approaches)


def test_every_source_has_a_document(rubric: Rubric, seeds_dir: Path) -> None:
    for source in rubric.document.sources:
        assert source.file is not None
        assert (seeds_dir / source.file).is_file()
