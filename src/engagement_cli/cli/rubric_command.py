"""`engage rubric validate` and `engage rubric show`: for people writing their own rubric."""

from __future__ import annotations

from pathlib import Path

import typer

from engagement_cli.cli.common import color_wanted, first_sentence, output_width, rubric_or_exit
from engagement_cli.formats.safe_text import printable

rubric_app = typer.Typer(
    help="Check and read rubrics. The default rubric is rubrics/default.yaml.",
    no_args_is_help=True,
)


def validate(file: Path = typer.Argument(..., metavar="FILE", help="The rubric to check.")) -> None:
    """Check a rubric: every field, condition, reference and citation source.

    Prints a one-line summary when it is valid (exit 0); otherwise one
    `file:line:col: error [invalid-rubric] field: message` line per problem (exit 2).
    """
    rubric = rubric_or_exit(file)
    document = rubric.document
    items = sum(len(approach.checklist) for approach in document.approaches)
    typer.echo(
        printable(
            f"{file}: valid rubric {rubric.label}: {len(document.criteria)} criteria, "
            f"{len(document.approaches)} approaches "
            f"({', '.join(approach.id for approach in document.approaches)}), "
            f"{items} checklist items"
        )
    )


def show(
    file: Path | None = typer.Argument(
        None, metavar="FILE", help="The rubric to show; the default if omitted."
    ),
) -> None:
    """Show a rubric as an outline: approaches in order with what they require, every
    criterion with its condition and sources."""
    from engagement_cli.formats.rubric_views import render_rubric_outline

    rubric = rubric_or_exit(file)
    typer.echo(
        render_rubric_outline(
            rubric.document, rubric.origin, color=color_wanted(), width=output_width()
        ),
        nl=False,
    )


# Registered after both are defined, so the command list shows each first sentence whole.
for _name, _function in (("validate", validate), ("show", show)):
    rubric_app.command(_name, short_help=first_sentence(_function))(_function)
