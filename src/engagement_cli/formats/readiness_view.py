"""Readiness checklists as people read them: a console table, a Markdown task list, JSON."""

from __future__ import annotations

import json

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.markdown_format import cell
from engagement_cli.formats.safe_text import (
    json_inert,
    literal,
    log_inert,
    markup_escape,
    one_line,
)
from engagement_cli.formats.wording import readiness_summary
from engagement_cli.models.result import ChecklistItemInfo, Readiness

_RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}

ItemInfo = dict[str, ChecklistItemInfo]


def render_checklist_rich(
    readiness: Readiness, items: ItemInfo, *, answered: bool, color: bool, width: int
) -> str:
    """The checklist with each item's reason and source; status and score when answered."""
    title = literal(f"Readiness checklist: {readiness.approach_name}")
    if answered:
        title.append("  ")
        title.append(
            readiness_summary(readiness), style=_RAG_STYLE.get(readiness.status.value, "bold")
        )
    table = Table(
        title=title, box=box.ROUNDED if color else box.ASCII, title_justify="left", show_lines=True
    )
    if answered:
        table.add_column("Answer")
    for column in ("Item", "Why it matters", "Source"):
        table.add_column(column)
    for item in readiness.items:
        info = items[item.id]
        statement = literal(info.text)
        statement.append(f"\n{item.id}", style="dim")
        source = Text()
        for index, cite in enumerate(info.citations):
            if index:
                source.append("\n")
            source.append(f"[{cite.source}] ", style="bold")
            source.append(f"“{one_line(cite.quote)}”", style="italic")
        answer = [literal(item.answer)] if answered else []
        table.add_row(*answer, statement, literal(info.why), source)
    parts: list[RenderableType] = [table]
    if answered:
        parts.append(
            Text(
                "Score: yes = 1, partly = ½, no = 0, averaged over the items answered; an "
                "unanswered (or unknown) item is not assessed.",
                style="dim",
            )
        )
    return render_to_text(parts, color=color, width=width)


def render_checklist_markdown(readiness: Readiness, items: ItemInfo, *, answered: bool) -> str:
    """A GitHub task list: `- [x]` for items answered yes, `- [ ]` for the rest."""
    lines = [f"### Readiness checklist: {cell(readiness.approach_name)}", ""]
    if answered:
        lines += [f"Status: **{readiness_summary(readiness)}**", ""]
    for item in readiness.items:
        info = items[item.id]
        done = "x" if answered and item.answer == "yes" else " "
        answer = f" _(answered: {item.answer})_" if answered and item.answer != "yes" else ""
        sources = "; ".join(f"[{cite.source}] “{cell(cite.quote)}”" for cite in info.citations)
        lines.append(
            f"- [{done}] {cell(info.text)}{answer} — {cell(info.why)} Source: {sources} `{item.id}`"
        )
    return log_inert("\n".join(lines) + "\n", markup_escape)


def render_checklist_json(readiness: Readiness, items: ItemInfo) -> str:
    """The checklist as JSON: the summary, and each item with its answer and description."""
    data = readiness.model_dump(mode="json")
    data["items"] = [
        {
            **items[item["id"]].model_dump(mode="json", exclude={"approach"}),
            "answer": item["answer"],
        }
        for item in data["items"]
    ]
    return json_inert(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
