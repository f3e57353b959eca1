"""`engage checklist`: the readiness checklist for an approach, optionally answered."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from engagement_cli.cli.common import (
    RUBRIC_OPTION,
    approach_or_exit,
    color_wanted,
    output_width,
    report_problems,
    rubric_or_exit,
)


class ChecklistFormat(StrEnum):
    """Output formats of `engage checklist`."""

    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"


def checklist(
    approach: str = typer.Argument(
        ..., metavar="APPROACH", help="The approach, e.g. co-production."
    ),
    project_file: Path | None = typer.Option(
        None,
        "--project",
        "-p",
        metavar="FILE",
        dir_okay=False,
        help="Fill the checklist in from this project's readiness answers and summarise it "
        "as red, amber or green.",
    ),
    output_format: ChecklistFormat = typer.Option(
        ChecklistFormat.RICH,
        "--format",
        "-f",
        help="rich (for people), markdown (a GitHub task list to paste into an issue), json.",
    ),
    rubric_path: Path | None = RUBRIC_OPTION,
) -> None:
    """Print the readiness checklist for an approach, with the reason and source of each item.

    With --project, each item takes the project's answer (yes / partly / no / unknown,
    under `readiness:` by item id) and the list is scored over the items answered:
    yes = 1, partly = 0.5, no = 0, averaged. Green at 80 % or more, amber at 50 %, red
    below (thresholds come from the rubric). An item with no answer, or unknown, is not
    assessed; a list with no answers is NOT ASSESSED, with no colour.

    Example: engage checklist co-creation --project examples/lego-ideas.yaml -f markdown
    """
    from engagement_cli.engine.readiness import checklist_catalogue, readiness_for
    from engagement_cli.formats.readiness_view import (
        render_checklist_json,
        render_checklist_markdown,
        render_checklist_rich,
    )
    from engagement_cli.loading.problems import InputError
    from engagement_cli.loading.project_file import read_project_file
    from engagement_cli.models.project import Project
    from engagement_cli.rubric.project_check import check_against_rubric

    rubric = rubric_or_exit(rubric_path)
    spec = rubric.approach(approach_or_exit(approach, rubric))
    project: Project | None = None
    if project_file is not None:
        try:
            loaded = read_project_file(project_file)
        except InputError as error:
            report_problems(error, str(project_file))
            raise typer.Exit(2) from None
        problems = check_against_rubric(loaded, rubric)
        if problems:
            report_problems(InputError(problems), str(project_file))
            raise typer.Exit(2)
        project = loaded.project
    readiness = readiness_for(spec, rubric, project)
    items = {info.id: info for info in checklist_catalogue(rubric)}
    answered = project is not None
    if output_format is ChecklistFormat.MARKDOWN:
        typer.echo(render_checklist_markdown(readiness, items, answered=answered), nl=False)
    elif output_format is ChecklistFormat.JSON:
        typer.echo(render_checklist_json(readiness, items), nl=False)
    else:
        view = render_checklist_rich(
            readiness, items, answered=answered, color=color_wanted(), width=output_width()
        )
        typer.echo(view, nl=False)
