"""`engage check`: assess folders of project files in CI, with policy and many formats.

This module holds only the command's signature: the arguments become a `CheckRequest`,
which `check_run.execute` carries out, so `engage --help` never imports the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from engagement_cli.cli.common import EVIDENCE_OPTION, OUTPUT_OPTION, at_least
from engagement_cli.loading.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_GROUPS
from engagement_cli.models.severity import Severity


@dataclass(frozen=True)
class CheckRequest:
    """Everything `engage check` was asked to do, as given on the command line."""

    paths: list[str]
    formats: list[str]
    output: Path | None
    exclude: list[str]
    require: str | None
    fail_on: Severity | None
    no_fail: bool
    list_files: bool
    jobs: int
    rubric_path: Path | None
    config_path: Path | None
    max_file_size: int
    max_groups: int
    verbose: bool
    respect_gitignore: bool | None = None
    """None: the config's choice, else true."""
    baseline: Path | None = None
    """A baseline whose findings do not fail the run."""
    write_baseline: Path | None = None
    """Where to record this run's findings as a baseline."""
    evidence: bool = False
    """Whether the JSON report is the full one, with every criterion's evidence."""


def check(
    paths: list[str] = typer.Argument(
        None,
        metavar="PATH",
        help="Files, folders (searched for *.yaml and *.yml) or glob patterns. "
        "Defaults to the config's include list.",
    ),
    formats: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        metavar="FORMAT[:FILE]",
        help="auto (default), rich, text, json, junit, sarif, github, markdown, html or csv. "
        "Repeat to write several, e.g. -f sarif:engage.sarif -f text. auto is github under "
        "GitHub Actions, rich on a terminal, text otherwise.",
    ),
    output: Path | None = OUTPUT_OPTION,
    exclude: list[str] = typer.Option(
        [],
        "--exclude",
        "-e",
        metavar="PATTERN",
        help="Skip files matching a gitignore-style pattern (repeatable); added to the "
        "config's exclude list.",
    ),
    require: str | None = typer.Option(
        None,
        "--require",
        metavar="APPROACH",
        help="Every project must reach at least this approach in the rubric's order, "
        "e.g. co-design. Projects below it get a below-required error.",
    ),
    fail_on: Severity | None = typer.Option(
        None,
        "--fail-on",
        case_sensitive=False,
        help="Exit 1 when any finding is at or above this severity (default error).",
    ),
    no_fail: bool = typer.Option(
        False, "--no-fail", help="Always exit 0 once the files are checked."
    ),
    list_files: bool = typer.Option(
        False, "--list-files", help="List the files that would be checked, and exit."
    ),
    respect_gitignore: bool | None = typer.Option(
        None,
        "--respect-gitignore/--no-respect-gitignore",
        show_default=False,
        help="Skip, when walking folders, what .gitignore files and .git/info/exclude "
        "ignore (the default). Files named on the command line are always checked, and "
        "version-control, virtual-environment and cache folders are always skipped.",
    ),
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        callback=at_least(0),
        metavar="N",
        help="Processes to use (0 or more); 0 means one per CPU. Output is identical whatever "
        "the number.",
    ),
    rubric_path: Path | None = typer.Option(
        None,
        "--rubric",
        metavar="FILE",
        dir_okay=False,
        help="Use your own rubric instead of the default.",
    ),
    config_path: Path | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        dir_okay=False,
        help="Read this config file instead of searching for .engage.yaml or "
        "[tool.engage] in pyproject.toml.",
    ),
    max_file_size: int = typer.Option(
        DEFAULT_MAX_BYTES,
        "--max-file-size",
        callback=at_least(1),
        metavar="BYTES",
        help="Refuse files larger than this many bytes (1 or more).",
    ),
    max_groups: int = typer.Option(
        DEFAULT_MAX_GROUPS,
        "--max-groups",
        callback=at_least(1),
        metavar="N",
        help="Refuse projects with more groups (1 or more).",
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Say which config and rubric were used."
    ),
    baseline: Path | None = typer.Option(
        None,
        "--baseline",
        metavar="FILE",
        dir_okay=False,
        help="Fail only on findings that are not in this baseline (written by "
        "--write-baseline); findings in it are shown as suppressed, and those that "
        "disappeared are reported as fixed. Matched by file, finding id and field, not line.",
    ),
    write_baseline: Path | None = typer.Option(
        None,
        "--write-baseline",
        metavar="FILE",
        dir_okay=False,
        help="Record this run's active findings in FILE, to pass to --baseline later; "
        "the run then counts them as in the baseline, so it exits 0.",
    ),
    evidence: bool | None = EVIDENCE_OPTION,
) -> None:
    """Check many project files at once, for CI.

    Every file gets a verdict; a file that cannot be read or validated becomes an
    error result and the others are still checked. Findings: over-claim (error),
    mislabel (warning), under-claim (note), below-required (error, with --require),
    no-provider and unknown-approach (warnings), no-work-recorded, empty-stage and
    no-stages (notes), and input problems such as yaml-syntax or unknown-field (errors);
    the README lists them all.

    A project can silence a finding with a reason, which every report shows:

    \b
        suppress:
          - finding: under-claim
            reason: We describe this work modestly on purpose.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage
    error, an unreadable rubric or config, or no files matched.
    """
    from engagement_cli.cli.check_run import execute

    execute(
        CheckRequest(
            paths=paths or [],
            formats=formats,
            output=output,
            exclude=exclude,
            require=require,
            fail_on=fail_on,
            no_fail=no_fail,
            list_files=list_files,
            jobs=jobs,
            rubric_path=rubric_path,
            config_path=config_path,
            max_file_size=max_file_size,
            max_groups=max_groups,
            verbose=verbose,
            respect_gitignore=respect_gitignore,
            baseline=baseline,
            write_baseline=write_baseline,
            evidence=bool(evidence),
        )
    )
