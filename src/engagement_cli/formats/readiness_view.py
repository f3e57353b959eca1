"""Readiness checklists as people read them: a console table, a Markdown task list, JSON."""

from __future__ import annotations

import io
import json

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.markdown_format import cell
from engagement_cli.formats.safe_text import literal, one_line
from engagement_cli.models.result import Readiness

_RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}


def render_checklist_rich(readiness: Readiness, *, answered: bool, color: bool, width: int) -> str:
    """The checklist with each item's reason and source; status and score when answered."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    title = Text(f"Readiness checklist: {readiness.approach_name}")
    if answered:
        title.append("  ")
        title.append(
            f"{readiness.status.value.upper()} ({readiness.score:.0%})",
            style=_RAG_STYLE[readiness.status.value],
        )
    table = Table(
        title=title, box=box.ROUNDED if color else box.ASCII, title_justify="left", show_lines=True
    )
    if answered:
        table.add_column("Answer")
    table.add_column("Item")
    table.add_column("Why it matters")
    table.add_column("Source")
    for item in readiness.items:
        statement = literal(item.text)
        statement.append(f"\n{item.id}", style="dim")
        source = Text()
        for index, cite in enumerate(item.citations):
            if index:
                source.append("\n")
            source.append(f"[{cite.source}] ", style="bold")
            source.append(f"“{one_line(cite.quote)}”", style="italic")
        row = [statement, literal(item.why), source]
        table.add_row(*([literal(item.answer)] if answered else []), *row)
    console.print(table)
    if answered:
        console.print(
            Text(
                "Score: yes = 1, partly = ½, no or unknown = 0, averaged over the items.",
                style="dim",
            )
        )
    return str(console.file.getvalue())  # type: ignore[attr-defined]


def render_checklist_markdown(readiness: Readiness, *, answered: bool) -> str:
    """A GitHub task list: `- [x]` for items answered yes, `- [ ]` for the rest."""
    lines = [f"### Readiness checklist: {cell(readiness.approach_name)}", ""]
    if answered:
        lines += [f"Status: **{readiness.status.value.upper()}** (score {readiness.score:.0%})", ""]
    for item in readiness.items:
        done = "x" if answered and item.answer == "yes" else " "
        answer = f" _(answered: {item.answer})_" if answered and item.answer != "yes" else ""
        sources = "; ".join(f"[{cite.source}] “{cell(cite.quote)}”" for cite in item.citations)
        lines.append(
            f"- [{done}] {cell(item.text)}{answer} — {cell(item.why)} Source: {sources} `{item.id}`"
        )
    return "\n".join(lines) + "\n"


def render_checklist_json(readiness: Readiness) -> str:
    """The checklist as JSON."""
    return json.dumps(readiness.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


__all__ = ["render_checklist_json", "render_checklist_markdown", "render_checklist_rich"]
