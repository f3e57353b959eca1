"""Console tables never cut a word: laid out to fit, or stacked when they cannot."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.table import Table

from engagement_cli.formats.console_text import render_to_text

WORDS = st.from_regex(r"[a-z]{1,8}(-[a-z]{1,8}){0,2}", fullmatch=True)
CELLS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    columns = draw(st.integers(1, 6))
    headings = [f"H{index}" for index in range(columns)]
    rows = draw(st.lists(st.lists(CELLS, min_size=columns, max_size=columns), max_size=4))
    return headings, rows


@settings(max_examples=300, deadline=None)
@given(table=tables(), width=st.integers(40, 140))
def test_every_word_is_shown_whole_at_any_width(
    table: tuple[list[str], list[list[str]]], width: int
) -> None:
    headings, rows = table
    shown = Table(box=box.ASCII, title="T")
    for heading in headings:
        shown.add_column(heading)
    for row in rows:
        shown.add_row(*row)
    text = render_to_text([shown], color=False, width=width)
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    tokens = set(re.findall(r"[a-z]+(?:-[a-z]+)*", text))
    for row in rows:
        for cell in row:
            for word in cell.split():
                assert word in tokens, (word, text)
