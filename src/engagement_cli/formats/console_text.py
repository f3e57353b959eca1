"""Turning rich renderables into text: the one way the console views produce a string."""

from __future__ import annotations

import copy
import dataclasses
import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.safe_text import log_inert


def render_to_text(parts: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Print `parts` to a string, with colour only when asked and never any markup
    highlighting, so the same input gives the same text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        # Nothing from the environment: the caller has chosen width and colour, and a
        # stray COLUMNS (even "²") must not change or break the text.
        _environ={},
    )
    for part in parts:
        console.print(_fit_tables(part, console))
    # Rich pads every line to the full width; trailing spaces are noise in a terminal,
    # a log or a diff.
    text = "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))
    # A view pasted into, or printed by, a CI log must not act as a workflow command,
    # wherever the wrapping has put a project's words.
    return log_inert(text)


def _fit_tables(part: RenderableType, console: Console) -> RenderableType:
    """`part` with every table in it, at the top or inside groups, laid out by `fitted`."""
    if isinstance(part, Table):
        return fitted(part, console)
    if isinstance(part, Group):
        return Group(*(_fit_tables(inner, console) for inner in part.renderables), fit=part.fit)
    return part


def fitted(table: Table, console: Console) -> RenderableType:
    """The table laid out so that no id or name is ever cut to "…".

    Rich shrinks the widest columns first, so it can cut a word although every column's
    longest word would fit. Here each column gets at least its longest word, and the
    room left over is shared in proportion to how much more each column could use. When
    not even the longest words fit side by side, the rows are stacked instead: each row
    is a line of its first cell, then one indented line per other column, "heading:
    cell", wrapped at the width.
    """
    unbounded = console.options.update_width(1 << 20)
    # Rich's own measurements, per column and padding included (private, but stable).
    measured = [table._measure_column(console, unbounded, column) for column in table.columns]
    # A column that folds its words (a long file name) may be as narrow as it allows.
    measured = [
        Measurement(min(measure.minimum, (column.min_width or 1) + padding), measure.maximum)
        if column.overflow == "fold"
        else measure
        for column, measure, padding in zip(
            table.columns,
            measured,
            (table._get_padding_width(index) for index in range(len(table.columns))),
            strict=True,
        )
    ]
    room = console.width - table._extra_width
    widths = table._calculate_column_widths(console, console.options.update_width(room))
    if all(width >= measure.minimum for width, measure in zip(widths, measured, strict=True)):
        return table  # rich's own layout cuts nothing
    least = sum(measure.minimum for measure in measured)
    if least > room:
        return _stacked(table)
    wants = [measure.maximum - measure.minimum for measure in measured]
    spare, wanted = room - least, sum(wants) or 1
    shares = [spare * want // wanted for want in wants]
    # What rounding down left over goes to the column that wants the most.
    shares[wants.index(max(wants))] += spare - sum(shares)
    laid_out = copy.copy(table)
    laid_out.columns = [
        dataclasses.replace(
            column,
            width=max(1, measure.minimum + share - table._get_padding_width(index)),
        )
        for index, (column, measure, share) in enumerate(
            zip(table.columns, measured, shares, strict=True)
        )
    ]
    return laid_out


def _stacked(table: Table) -> RenderableType:
    cells = [list(column.cells) for column in table.columns]
    headings = [_plain(column.header) for column in table.columns]
    blocks: list[RenderableType] = []
    if table.title:
        blocks.append(Text(_plain(table.title), style="bold"))
    for row in range(table.row_count):
        first = cells[0][row] if cells else ""
        blocks.append(_as_text(first, "bold") if _plain(first) else Text(""))
        for heading, column in zip(headings[1:], cells[1:], strict=True):
            value = column[row]
            if not _plain(value):
                continue
            line = Text(f"{heading}: " if heading else "", style="italic")
            line.append_text(_as_text(value))
            blocks.append(Padding(line, (0, 0, 0, 2)))
    if table.caption:
        blocks.append(Text(_plain(table.caption)))
    return Group(*blocks)


def _as_text(cell: object, style: str = "") -> Text:
    """A cell as text, keeping its styles; anything else rendered as its plain words."""
    if isinstance(cell, Text):
        text = cell.copy()
        if style:
            text.stylize(style)
        return text
    return Text(_plain(cell), style=style)


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return "" if cell is None else str(cell)
