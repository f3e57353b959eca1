"""`engage approaches` and `engage explain`: what the rubric says about each approach."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from engagement_cli.cli.common import (
    RUBRIC_OPTION,
    approach_or_exit,
    color_wanted,
    output_width,
    rubric_or_exit,
)

if TYPE_CHECKING:
    from engagement_cli.rubric.compiled import Rubric


class ApproachesFormat(StrEnum):
    """Output formats of `engage approaches`."""

    RICH = "rich"
    MARKDOWN = "markdown"


def approaches(
    output_format: ApproachesFormat = typer.Option(
        ApproachesFormat.RICH, "--format", "-f", help="rich or markdown."
    ),
    rubric_path: Path | None = RUBRIC_OPTION,
) -> None:
    """Compare the approaches side by side: definition, who takes part, stages, power,
    responsibility, outcome, and what each must show. Generated from the rubric."""
    from engagement_cli.formats.rubric_views import render_approaches, render_approaches_markdown

    rubric = rubric_or_exit(rubric_path)
    if output_format is ApproachesFormat.MARKDOWN:
        typer.echo(render_approaches_markdown(rubric.document), nl=False)
        return
    typer.echo(
        render_approaches(rubric.document, color=color_wanted(), width=output_width()),
        nl=False,
    )


def examples_showing(approach: str, rubric: Rubric) -> list[str]:
    """The shipped example files whose verdict, under `rubric`, is `approach`."""
    from engagement_cli.loading.resources import bundled_folder
    from engagement_cli.runner import Settings, assess_path

    folder = bundled_folder("examples")
    if folder is None:
        return []
    settings = Settings(rubric=rubric, explain=False)  # only the verdicts are needed
    return [
        path.name
        for path in sorted(folder.glob("*.yaml"))
        if (result := assess_path(path, path.name, settings)).assessment is not None
        and result.assessment.verdict == approach
    ]


def explain(
    approach: str = typer.Argument(..., metavar="APPROACH", help="The approach, e.g. co-design."),
    rubric_path: Path | None = RUBRIC_OPTION,
) -> None:
    """Explain one approach: its definition, the tests it must pass, the example files
    that show it, its readiness checklist, and the sources."""
    from engagement_cli.formats.rubric_views import render_explanation

    rubric = rubric_or_exit(rubric_path)
    approach_id = approach_or_exit(approach, rubric)
    typer.echo(
        render_explanation(
            rubric.document,
            rubric.approach(approach_id),
            examples_showing(approach_id, rubric),
            color=color_wanted(),
            width=output_width(),
        ),
        nl=False,
    )
