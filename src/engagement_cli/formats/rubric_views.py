"""Views of the rubric itself: the approaches side by side, one approach explained, an outline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from engagement_cli.formats.console_text import render_to_text
from engagement_cli.formats.markdown_format import cell
from engagement_cli.formats.safe_text import literal, log_inert, markup_escape, one_line
from engagement_cli.models.rubric import ApproachSpec, CitationSpec, RubricDocument

_ROWS = (
    ("Definition", "definition"),
    ("Who takes part", "participants"),
    ("Stages", "stages"),
    ("Power", "power"),
    ("Responsibility", "responsibility"),
    ("Outcome", "outcome"),
)


def _titles(document: RubricDocument) -> dict[str, str]:
    return {criterion.id: criterion.title for criterion in document.criteria}


def relation_text(document: RubricDocument, approach: ApproachSpec) -> str:
    """Where an approach stands among the others, in words: above, below, a different kind."""
    names = {spec.id: spec.name for spec in document.approaches}
    below = document.below()
    lower = [names[key] for key in names if key in below[approach.id]]
    higher = [names[key] for key in names if approach.id in below[key]]
    other = [
        names[key]
        for key in names
        if key != approach.id and key not in below[approach.id] and approach.id not in below[key]
    ]
    parts = []
    if lower:
        parts.append(f"shares more power than {_words(lower)}")
    if higher:
        parts.append(f"{'less' if lower else 'shares less power'} than {_words(higher)}")
    if other:
        parts.append(f"a different kind from {_words(other)}")
    return "; ".join(parts) or "unrelated to the others"


def _words(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def render_approaches(document: RubricDocument, *, color: bool, width: int) -> str:
    """The approaches side by side, generated from the rubric."""
    table = Table(
        title=one_line(document.rubric.title),
        box=box.ROUNDED if color else box.ASCII,
        show_lines=True,
        title_justify="left",
    )
    table.add_column("")
    for approach in document.approaches:
        table.add_column(literal(approach.name, style="bold"))
    for label, attribute in _ROWS:
        table.add_row(
            Text(label, style="bold"),
            *(literal(getattr(approach, attribute) or "—") for approach in document.approaches),
        )
    table.add_row(
        Text("Relation", style="bold"),
        *(literal(relation_text(document, approach)) for approach in document.approaches),
    )
    titles = _titles(document)
    table.add_row(
        Text("Must show", style="bold"),
        *(
            literal("; ".join(titles[key] for key in approach.requires))
            for approach in document.approaches
        ),
    )
    table.add_row(
        Text("Ruled out when", style="bold"),
        *(
            literal("; ".join(titles[key] for key in approach.unless) or "—")
            for approach in document.approaches
        ),
    )
    hint = Text("engage explain APPROACH tells more about one of them.", style="dim")
    return render_to_text([table, hint], color=color, width=width)


def render_approaches_markdown(document: RubricDocument) -> str:
    """The comparison as a Markdown table."""
    header = "| | " + " | ".join(cell(approach.name) for approach in document.approaches) + " |"
    lines = [header, "|---" * (len(document.approaches) + 1) + "|"]
    for label, attribute in _ROWS:
        lines.append(
            f"| **{label}** | "
            + " | ".join(
                cell(getattr(approach, attribute) or "—") for approach in document.approaches
            )
            + " |"
        )
    lines.append(
        "| **Relation** | "
        + " | ".join(cell(relation_text(document, approach)) for approach in document.approaches)
        + " |"
    )
    return log_inert("\n".join(lines) + "\n", markup_escape)


def _cite_text(cites: Sequence[CitationSpec], document: RubricDocument) -> Text:
    titles = {source.id: source.title for source in document.sources}
    text = Text()
    for index, cite in enumerate(cites):
        if index:
            text.append("\n")
        text.append(f"[{cite.source}] ", style="bold")
        text.append(f"“{one_line(cite.quote)}”", style="italic")
        text.append(f" — {one_line(titles.get(cite.source, cite.source))}", style="dim")
    return text


def render_explanation(
    document: RubricDocument,
    approach: ApproachSpec,
    examples: list[str],
    *,
    color: bool,
    width: int,
) -> str:
    """One approach: definition, the tests it must pass, examples, readiness and sources."""
    criteria = {criterion.id: criterion for criterion in document.criteria}
    frame = box.ROUNDED if color else box.ASCII
    heading = literal(approach.name, "bold")
    heading.append("  ")
    heading.append_text(literal(f"({relation_text(document, approach)})", "dim"))
    definition = literal(approach.definition)
    # A claimed_approach is read as this approach under any of these names as well.
    also = literal(
        "A claim reads as this approach when it says: "
        + ", ".join([approach.id, *approach.aliases])
        + " (or a form of one, in any case and spacing)",
        "dim",
    )
    tests = Table(title="The tests it must pass", box=frame, title_justify="left", show_lines=True)
    tests.add_column("Kind")
    tests.add_column("Criterion")
    tests.add_column("Source")
    for kind, keys in (
        ("required", approach.requires),
        ("rules it out", approach.unless),
        ("good practice", approach.practice),
    ):
        for key in keys:
            criterion = criteria[key]
            statement = literal(criterion.title)
            statement.append(f"\n{criterion.id}", style="dim")
            tests.add_row(kind, statement, _cite_text(criterion.cite[:1], document))
    shown = Text("Examples that show it: ", style="bold")
    shown.append(", ".join(examples) if examples else "none among the shipped examples")
    checklist = Table(
        title="Readiness checklist (engage checklist " + approach.id + ")",
        box=frame,
        title_justify="left",
    )
    checklist.add_column("Item")
    checklist.add_column("Id")
    for item in approach.checklist:
        checklist.add_row(literal(item.text), literal(item.id))
    sources = Text("Sources of the definition:\n", style="bold")
    sources.append_text(_cite_text(approach.cite, document))
    return render_to_text(
        [heading, definition, also, tests, shown, checklist, sources], color=color, width=width
    )


_FIELD_TESTS = {
    "equals": "is",
    "in": "is one of",
    "at_least": "is at least",
    "at_most": "is at most",
    "includes": "includes",
    "includes_all": "includes all of",
    "includes_any": "includes any of",
}
_QUANTIFIERS = {"any_group": "some group:", "every_group": "every group:", "no_group": "no group:"}


def condition_text(condition: Any) -> str:
    """A rubric condition in words, e.g. "some group: role is one of users, community"."""
    if not isinstance(condition, dict) or not condition:
        return json.dumps(condition, ensure_ascii=False)
    if "field" in condition:
        tests = [key for key in condition if key != "field"]
        if len(tests) == 1 and tests[0] in _FIELD_TESTS:
            value = condition[tests[0]]
            shown = ", ".join(map(_scalar, value)) if isinstance(value, list) else _scalar(value)
            return f"{condition['field']} {_FIELD_TESTS[tests[0]]} {shown}"
        return json.dumps(condition, ensure_ascii=False)
    ((key, value),) = list(condition.items())[:1]
    if key in ("all", "any") and isinstance(value, list):
        joiner = " and " if key == "all" else " or "
        return joiner.join(_nested(item, key) for item in value)
    if key == "not":
        if isinstance(value, dict) and set(value) == {"field", "equals"}:
            return f"{value['field']} is not {_scalar(value['equals'])}"
        if isinstance(value, dict) and set(value) == {"field", "in"}:
            return f"{value['field']} is none of {', '.join(map(_scalar, value['in']))}"
        return f"not ({condition_text(value)})"
    if key in _QUANTIFIERS:
        return f"{_QUANTIFIERS[key]} {condition_text(value)}"
    if key == "count_groups" and isinstance(value, dict):
        distinct = f" with different {value['distinct']}" if "distinct" in value else ""
        return (
            f"at least {value.get('at_least')} groups{distinct}: "
            f"{condition_text(value.get('where'))}"
        )
    if key == "criterion":
        return f"criterion {value} holds"
    return json.dumps(condition, ensure_ascii=False)


def _nested(condition: Any, parent: str) -> str:
    text = condition_text(condition)
    inner = next(iter(condition), None) if isinstance(condition, dict) else None
    mixed = inner in ("all", "any") and inner != parent
    quantified = inner in _QUANTIFIERS or inner == "count_groups"
    return f"({text})" if mixed or quantified else text


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_rubric_outline(document: RubricDocument, origin: str, *, color: bool, width: int) -> str:
    """Everything a rubric says, in order: approaches, criteria with conditions, sources."""
    frame = box.ROUNDED if color else box.ASCII
    info = document.rubric
    heading = literal(f"{info.title} — {info.id}@{info.version} ({origin})", style="bold")
    approaches = Table(
        title="Approaches, and the order of shared power between them",
        box=frame,
        title_justify="left",
        show_lines=True,
    )
    for column in ("Approach", "Above", "Requires", "Ruled out by", "Practice", "Checklist"):
        approaches.add_column(column)
    for approach in document.approaches:
        approaches.add_row(
            literal(f"{approach.name} ({approach.id})"),
            literal(", ".join(approach.above) or "—"),
            literal(", ".join(approach.requires)),
            literal(", ".join(approach.unless) or "—"),
            literal(", ".join(approach.practice) or "—"),
            str(len(approach.checklist)),
        )
    ties = Table(
        title="When two approaches of different kinds both fit", box=frame, title_justify="left"
    )
    for column in ("Between", "Chosen", "When"):
        ties.add_column(column)
    for tie in document.ties:
        for choice in tie.choose:
            ties.add_row(
                literal(" / ".join(tie.between)),
                literal(choice.approach),
                literal(condition_text(choice.when) if choice.when is not None else "otherwise"),
            )
    criteria = Table(title="Criteria", box=frame, title_justify="left", show_lines=True)
    for column in ("Criterion", "Holds when", "Cites"):
        criteria.add_column(column)
    for criterion in document.criteria:
        name = literal(criterion.title)
        name.append(f"\n{criterion.id}", style="dim")
        criteria.add_row(
            name,
            literal(condition_text(criterion.when)),
            literal(", ".join(sorted({cite.source for cite in criterion.cite}))),
        )
    sources = Table(title="Sources", box=frame, title_justify="left")
    for column in ("Id", "Title", "File"):
        sources.add_column(column)
    for source in document.sources:
        sources.add_row(literal(source.id), literal(source.title), literal(source.file or "—"))
    return render_to_text([heading, approaches, ties, criteria, sources], color=color, width=width)
