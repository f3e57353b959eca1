"""`-f csv`: RFC 4180 rows that round-trip, and no cell a spreadsheet would evaluate."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.csv_format import COLUMNS, safe_cell
from tests.conftest import EXAMPLES

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "@SUM(A1:A9)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\tTAB",
    "\rCR",
    "=1+1",
]


def _rows(folder: Path) -> list[list[str]]:
    target = folder.parent / f"{folder.name}-report.csv"
    result = CliRunner().invoke(app, ["check", str(folder), "-o", str(target), "--no-fail"])
    assert result.exit_code == 0
    data = target.read_bytes()
    target.unlink()
    assert data.count(b"\r\n") >= 2  # RFC 4180 line ends, chosen by the .csv extension
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_every_example_round_trips_with_the_documented_columns(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    rows = _rows(tmp_path / "examples")
    assert tuple(rows[0]) == COLUMNS
    files = sorted(path.name for path in EXAMPLES.glob("*.yaml"))
    assert sorted(Path(row[0]).name for row in rows[1:]) == files
    assert all(len(row) == len(COLUMNS) for row in rows)


def test_hostile_names_are_neutralised_and_read_back(tmp_path: Path) -> None:
    text = (EXAMPLES / "lego-ideas.yaml").read_text(encoding="utf-8")
    for index, name in enumerate(HOSTILE):
        quoted = (
            name.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
        )
        body = "\n".join(
            f'name: "{quoted}"' if line.startswith("name:") else line for line in text.splitlines()
        )
        (tmp_path / f"p{index}.yaml").write_text(body + "\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "threadless.yaml", tmp_path / "=cmd.yaml")
    rows = _rows(tmp_path)
    names = {row[1] for row in rows[1:]}
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert '\'=HYPERLINK("http://x","y")' in names
    assert "'@SUM(A1:A9)" in names
    assert any(
        row[0].endswith("'=cmd.yaml") or row[0] == "'=cmd.yaml" or "=cmd" in row[0]
        for row in rows[1:]
    )


@settings(max_examples=200)
@given(st.text())
def test_no_cell_starts_like_a_formula(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.endswith(value)
