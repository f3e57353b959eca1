"""`engage assess`: the verdict on one project, explained."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from engagement_cli.cli.common import (
    RUBRIC_OPTION,
    color_wanted,
    output_width,
    report_problems,
    rubric_or_exit,
)
from engagement_cli.loading.limits import DEFAULT_MAX_BYTES, Limits


class AssessFormat(StrEnum):
    """Output formats of `engage assess`."""

    RICH = "rich"
    JSON = "json"
    HTML = "html"


def assess(
    file: Path = typer.Argument(..., metavar="FILE", help="The project's YAML file."),
    output_format: AssessFormat = typer.Option(
        AssessFormat.RICH,
        "--format",
        "-f",
        help="rich: the explained verdict for people (plain text when piped); "
        "json: the report for machines (see README, 'JSON report').",
    ),
    rubric_path: Path | None = RUBRIC_OPTION,
    max_file_size: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-file-size", min=1, metavar="BYTES", help="Refuse larger files."
    ),
) -> None:
    """Classify one project and explain the verdict.

    Shows the verdict with its confidence and runner-up, a participation map (who takes
    part at each stage, with how much say), the score of each approach, every criterion
    with the evidence and the source sentence behind it, whether the project's own label
    over- or under-claims, what would lift the verdict to the next approach, and
    readiness.

    Exit codes: 0 assessed; 1 the project over-claims; 2 invalid input or usage.

    Example: engage assess examples/lego-ideas.yaml
    """
    from engagement_cli.exit_codes import assess_exit_code
    from engagement_cli.formats.assessment_view import render_assessment
    from engagement_cli.formats.json_format import render_json
    from engagement_cli.loading.problems import InputError, Problem
    from engagement_cli.runner import Settings, assess_path, build_report

    rubric = rubric_or_exit(rubric_path)
    label = str(file)
    result = assess_path(
        file, label, Settings(rubric=rubric, limits=Limits(max_bytes=max_file_size))
    )
    report = build_report([result], rubric)
    if output_format is AssessFormat.JSON:
        typer.echo(render_json(report), nl=False)
    elif output_format is AssessFormat.HTML:
        from engagement_cli.formats.html_format import render_html

        typer.echo(render_html(report), nl=False)
    elif result.assessment is not None:
        typer.echo(
            render_assessment(result, report, color=color_wanted(), width=output_width()), nl=False
        )
    if result.assessment is None:
        report_problems(
            InputError(
                [
                    Problem(
                        finding.id, finding.message, finding.field, finding.line, finding.column
                    )
                    for finding in result.findings
                ]
            ),
            label,
        )
    raise typer.Exit(int(assess_exit_code(result)))
