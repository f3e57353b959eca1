"""`engage assess`: the verdict on one project, explained."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from engagement_cli.cli.common import (
    EVIDENCE_OPTION,
    OUTPUT_OPTION,
    RUBRIC_OPTION,
    at_least,
    color_wanted,
    fail,
    output_width,
    report_findings,
    report_problems,
    rubric_or_exit,
)
from engagement_cli.discovery import name_label
from engagement_cli.loading.limits import DEFAULT_MAX_BYTES, Limits

if TYPE_CHECKING:
    from engagement_cli.formats.names import OutputFormat
    from engagement_cli.formats.options import RenderOptions
    from engagement_cli.models.result import Report


def assess(
    file: Path = typer.Argument(..., metavar="FILE", help="The project's YAML file."),
    formats: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        metavar="FORMAT[:FILE]",
        help="rich (default): the explained verdict for people, plain when piped; or any "
        "format of engage check: text, json, junit, sarif, github, markdown, html, csv. Repeat to "
        "write several, e.g. -f json:report.json -f rich.",
    ),
    output: Path | None = OUTPUT_OPTION,
    details: bool = typer.Option(
        False,
        "--details",
        "-d",
        help="Also show every criterion of the rubric, met or not, with its evidence and "
        "source (the rich view).",
    ),
    evidence: bool | None = EVIDENCE_OPTION,
    rubric_path: Path | None = RUBRIC_OPTION,
    max_file_size: int = typer.Option(
        DEFAULT_MAX_BYTES,
        "--max-file-size",
        callback=at_least(1),
        metavar="BYTES",
        help="Refuse files larger than this many bytes (1 or more).",
    ),
) -> None:
    """Classify one project and explain the verdict.

    Shows the verdict with its confidence, runner-up and why; whether the project's own
    label matches, over-claims, under-claims or is a different kind (mislabel); what
    would change the verdict; a participation map (who takes part at each stage, with
    how much say and whether they do the work); how each approach stands; good practice;
    readiness. --details adds every criterion with the evidence and the source sentence
    behind it.

    Exit codes: 0 assessed; 1 the project over-claims; 2 invalid input or usage.

    Example: engage assess examples/lego-ideas.yaml
    """
    import socket
    from functools import partial

    from engagement_cli.cli.output import TargetError, emit, parse_targets, timestamp
    from engagement_cli.exit_codes import assess_exit_code
    from engagement_cli.formats.names import OutputFormat, explains
    from engagement_cli.formats.options import RenderOptions
    from engagement_cli.loading.problems import InputError, Problem
    from engagement_cli.rubric.project_check import UNKNOWN_CLAIM
    from engagement_cli.runner import Settings, assess_path, build_report

    try:
        targets = parse_targets(formats, output)
    except TargetError as error:
        fail(str(error))
    rubric = rubric_or_exit(rubric_path)
    label = name_label(file)
    # One project, explained: its JSON is the full report unless asked otherwise.
    full_json = evidence is not False
    wanted = [target.output_format or OutputFormat.RICH for target in targets]
    if details and OutputFormat.RICH not in wanted:
        # Said rather than silently ignored: the criteria table is the rich view's.
        typer.echo(
            "engage: note: --details shows in the rich view only; for every criterion in a "
            "file, use -f json (its criteria[] holds the evidence)",
            err=True,
        )
    explain = explains(wanted, full_json=full_json, rich=True)
    settings = Settings(rubric=rubric, limits=Limits(max_bytes=max_file_size), explain=explain)
    result = assess_path(file, label, settings)
    report = build_report([result], rubric, evidence=full_json)
    options = RenderOptions(
        color=color_wanted(),
        width=output_width(),
        timestamp=timestamp(),
        hostname=socket.gethostname(),
        details=details,
    )
    for target in targets:
        chosen = target.output_format or OutputFormat.RICH
        if chosen is OutputFormat.RICH and result.assessment is None:
            continue  # the problems go to stderr below, as lines a terminal can jump to
        emit(target, partial(render_one, chosen, report), options)
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
    else:
        # A claimed approach the rubric does not know is assessed as no claim: say so where
        # a terminal can jump to it, whatever the format.
        report_findings(finding for finding in result.findings if finding.id == UNKNOWN_CLAIM)
    raise typer.Exit(int(assess_exit_code(result)))


def render_one(output_format: OutputFormat, report: Report, options: RenderOptions) -> str:
    """One file's report in a format: rich is the explained verdict, the rest as check's."""
    from engagement_cli.formats.names import OutputFormat

    if output_format is OutputFormat.RICH:
        from engagement_cli.formats.assessment_view import render_assessment

        return render_assessment(
            report.files[0],
            report,
            color=options.color,
            width=options.width,
            details=options.details,
        )
    from engagement_cli.formats.registry import render  # every format: only when asked

    return render(output_format, report, options)
