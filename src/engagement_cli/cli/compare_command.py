"""`engage compare PLAN REPORT`: did the project do the engagement it promised?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from engagement_cli.cli.common import (
    RUBRIC_OPTION,
    color_wanted,
    fail,
    output_width,
    rubric_or_exit,
)
from engagement_cli.models.severity import Severity

if TYPE_CHECKING:
    from engagement_cli.engine.compare import Pair, Side
    from engagement_cli.formats.names import OutputFormat
    from engagement_cli.formats.options import RenderOptions
    from engagement_cli.models.comparison import Comparison
    from engagement_cli.rubric.compiled import Rubric
    from engagement_cli.runner import Settings

FORMATS = ("rich", "text", "json", "markdown", "html")


def compare(
    plan: Path = typer.Argument(
        ..., metavar="PLAN", help="The plan: a project file, or a folder of them."
    ),
    report: Path = typer.Argument(
        ...,
        metavar="REPORT",
        help="What happened: a project file, or a folder whose files match the plan's by "
        "id, then by relative path.",
    ),
    formats: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        metavar="FORMAT[:FILE]",
        help="rich (default on a terminal), text, json, markdown or html. Repeat to write "
        "several, e.g. -f html:compare.html -f text.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write the (one) format to FILE atomically instead of standard output.",
    ),
    fail_on: Severity = typer.Option(
        Severity.ERROR,
        "--fail-on",
        case_sensitive=False,
        help="Exit 1 when any finding is at or above this severity (default error: a "
        "project that fell short).",
    ),
    no_fail: bool = typer.Option(False, "--no-fail", help="Always exit 0 once compared."),
    rubric_path: Path | None = RUBRIC_OPTION,
) -> None:
    """Compare a plan with a report of what happened, project by project.

    For each project: the verdict and claim before and after; what changed for each
    group and stage in say, doing and shared responsibility (added, removed, raised,
    lowered); and readiness for what the plan promised (its claim, else its
    verdict), before and after.

    Folders are matched file by file: first by the projects' id field (so a plan and
    its report may be named differently), then by path relative to each folder.

    Findings: fell-short (error) when the report's verdict is below the plan's verdict
    or below the plan's claim in the rubric's order; changed-kind (warning) when it is a
    different kind that the order does not rank; only-in-plan (warning) and
    only-in-report (note) for files on one side only; not-compared (error) when either
    file cannot be assessed; duplicate-id (warning) when two files on one side share an
    id; different-id (warning) when two files named have different ids.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage.

    Example: engage compare plans/ reports/ -f html:compare.html
    """
    import socket
    from functools import partial

    from engagement_cli.cli.output import TargetError, emit, parse_targets, timestamp
    from engagement_cli.formats.options import RenderOptions

    try:
        targets = parse_targets(formats, output)
    except TargetError as error:
        fail(str(error))
    for target in targets:
        if target.output_format is not None and target.output_format.value not in FORMATS:
            fail(
                f"compare writes {', '.join(FORMATS)}; "
                f"'{target.output_format.value}' is a format of engage check"
            )
    rubric = rubric_or_exit(rubric_path)
    comparison = _compare(plan, report, rubric, fail_on)
    options = RenderOptions(
        color=color_wanted(),
        width=output_width(),
        timestamp=timestamp(),
        hostname=socket.gethostname(),
    )
    for target in targets:
        emit(
            target,
            partial(_render, _chosen(target.output_format, target.path), comparison),
            options,
        )
    failing = comparison.failing()
    raise typer.Exit(1 if failing and not no_fail else 0)


def _chosen(output_format: OutputFormat | None, path: Path | None) -> OutputFormat:
    import sys

    from engagement_cli.formats.names import OutputFormat

    if output_format is not None:
        return output_format
    return OutputFormat.RICH if path is None and sys.stdout.isatty() else OutputFormat.TEXT


def _render(output_format: OutputFormat, comparison: Comparison, options: RenderOptions) -> str:
    from engagement_cli.formats import compare_views
    from engagement_cli.formats.names import OutputFormat

    if output_format is OutputFormat.RICH:
        return compare_views.render_compare_rich(comparison, options)
    views = {
        OutputFormat.TEXT: compare_views.render_compare_text,
        OutputFormat.JSON: compare_views.render_compare_json,
        OutputFormat.MARKDOWN: compare_views.render_compare_markdown,
        OutputFormat.HTML: compare_views.render_compare_html,
    }
    return views[output_format](comparison)


def _pairs(plan: Path, report: Path, settings: Settings) -> list[Pair]:
    """Every project on either side, assessed and paired: by id, then by relative path."""
    import os

    from engagement_cli.discovery import discover, name_label
    from engagement_cli.engine.compare import pair_files, pair_folders

    for side in (plan, report):
        if not side.exists():
            fail(f"file not found: {name_label(side)}")
    if plan.is_dir() != report.is_dir():
        fail("compare two files, or two folders; not a file with a folder")
    if not plan.is_dir():
        return [
            pair_files(
                _assessed(plan, name_label(plan), name_label(report), settings),
                _assessed(report, name_label(report), name_label(report), settings),
            )
        ]

    def files(folder: Path) -> list[Side]:
        found = discover([str(folder)], [], respect_gitignore=True)
        base = os.path.abspath(folder)
        return [
            _assessed(
                Path(candidate.path),
                candidate.label,
                name_label(Path(os.path.relpath(os.path.abspath(candidate.path), base)).as_posix()),
                settings,
            )
            for candidate in found.candidates
        ]

    planned, reported = files(plan), files(report)
    if not planned and not reported:
        fail(f"no *.yaml or *.yml files found in {name_label(plan)} or {name_label(report)}")
    return pair_folders(planned, reported)


def _assessed(path: Path, label: str, relative: str, settings: Settings) -> Side:
    from engagement_cli.engine.compare import Side
    from engagement_cli.runner import assess_path_and_project

    result, project = assess_path_and_project(path, label, settings)
    return Side(relative, result, project)


def _compare(plan: Path, report: Path, rubric: Rubric, fail_on: Severity) -> Comparison:
    from engagement_cli import __version__
    from engagement_cli.engine.compare import compare_pair
    from engagement_cli.models.comparison import Comparison
    from engagement_cli.runner import Settings

    pairs = _pairs(plan, report, Settings(rubric=rubric))
    return Comparison(
        tool_version=__version__,
        rubric=rubric.label,
        approach_names={spec.id: spec.name for spec in rubric.approaches},
        projects=[compare_pair(pair, rubric) for pair in pairs],
        fail_on=fail_on,
    )
