"""`engage check`: assess folders of project files in CI, with policy and many formats."""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from engagement_cli.cli.common import (
    approach_or_exit,
    color_wanted,
    fail,
    output_width,
    report_problems,
)
from engagement_cli.cli.output import (
    AtomicFile,
    Target,
    TargetError,
    parse_targets,
    write_atomically,
)
from engagement_cli.config import FoundConfig, find_config, load_config
from engagement_cli.discovery import discover
from engagement_cli.engine.policy import Policy
from engagement_cli.exit_codes import check_exit_code
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.registry import OutputFormat, render
from engagement_cli.formats.streams import (
    STREAMING,
    stream_begin,
    stream_end,
    stream_separator,
)
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import DEFAULT_MAX_GROUPS, Limits
from engagement_cli.loading.text import DEFAULT_MAX_BYTES
from engagement_cli.models.result import Report, Severity, Summary
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.load import load_rubric
from engagement_cli.runner import (
    Item,
    RenderedFile,
    Settings,
    build_report,
    iter_batch,
    iter_rendered,
)


def check(
    paths: list[str] = typer.Argument(
        None,
        metavar="PATH...",
        help="Files, folders (searched for *.yaml and *.yml) or glob patterns. "
        "Defaults to the config's include list.",
    ),
    formats: list[str] = typer.Option(
        [],
        "--format",
        "-f",
        metavar="FORMAT[:FILE]",
        help="auto (default), rich, text, json, junit, sarif, github or markdown. Repeat to "
        "write several, e.g. -f sarif:engage.sarif -f text. auto is github under GitHub "
        "Actions, rich on a terminal, text otherwise.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write the (one) format to FILE atomically instead of standard output. With no "
        "--format, the extension decides: .sarif, .json, .xml (junit), .md, else text.",
    ),
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
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        min=0,
        help="Processes to use; 0 means one per CPU. Output is identical whatever the number.",
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
        DEFAULT_MAX_BYTES, "--max-file-size", min=1, metavar="BYTES", help="Refuse larger files."
    ),
    max_groups: int = typer.Option(
        DEFAULT_MAX_GROUPS, "--max-groups", min=1, help="Refuse projects with more groups."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Say which config and rubric were used."
    ),
) -> None:
    """Check many project files at once, for CI.

    Every file gets a verdict; a file that cannot be read or validated becomes an error
    result and the others are still checked. Findings: over-claim (error), under-claim
    (note), below-required (error, with --require), and input problems (error).

    A project can silence a finding with a reason, which every report shows:

        suppress:
          - finding: under-claim
            reason: We describe this work modestly on purpose.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage
    error, an unreadable rubric or config, or no files matched.
    """
    found = _config_or_exit(config_path)
    config = found.config
    if verbose:
        where = found.path or "none found (using defaults)"
        typer.echo(f"engage: config: {where}", err=True)
    rubric = _rubric_or_exit(rubric_path, found)
    if verbose:
        typer.echo(f"engage: rubric: {rubric.origin} ({rubric.label})", err=True)
    required = _required_or_exit(require or config.require, rubric)
    threshold = fail_on or config.fail_on or Severity.ERROR
    try:
        targets = parse_targets(formats, output)
    except TargetError as error:
        fail(str(error))

    arguments = paths or [str(found.base / pattern) for pattern in config.include]
    if not arguments:
        fail("no paths given and the config has no include list; try: engage check .")
    discovery = discover(arguments, [*config.exclude, *exclude])
    if discovery.unmatched:
        fail(f"no such file, folder or match: {', '.join(discovery.unmatched)}")
    if not discovery.candidates:
        fail(f"no *.yaml or *.yml files found in {', '.join(arguments)}")
    if list_files:
        typer.echo("\n".join(candidate.label for candidate in discovery.candidates))
        raise typer.Exit(0)

    policy = Policy(require=required)
    settings = Settings(rubric, policy, Limits(max_bytes=max_file_size, max_groups=max_groups))
    workers = jobs or os.cpu_count() or 1
    head = build_report([], rubric, policy, threshold)
    resolved = [(target, _resolve_auto(target)) for target in targets]
    total = len(discovery.candidates)
    if all(output_format in STREAMING for _, output_format in resolved):
        stream_formats = tuple(output_format for _, output_format in resolved)
        rendered = iter_rendered(discovery.candidates, settings, stream_formats, workers)
        summary = _stream(resolved, head, _with_progress(rendered, total))
    else:
        results = _with_progress(iter_batch(discovery.candidates, settings, workers), total)
        report = head.model_copy(update={"files": list(results)})
        summary = report.summary()
        options = RenderOptions(
            color=color_wanted(),
            width=output_width(),
            timestamp=_timestamp(),
            hostname=socket.gethostname(),
        )
        for target, output_format in resolved:
            _emit(target, output_format, report, options)
    raise typer.Exit(int(check_exit_code(summary, no_fail=no_fail)))


def _config_or_exit(explicit: Path | None) -> FoundConfig:
    path = explicit or find_config(Path.cwd())
    try:
        return load_config(path)
    except InputError as error:
        report_problems(error, str(path))
        fail(f"cannot read config {path}")


def _rubric_or_exit(flag: Path | None, found: FoundConfig) -> Rubric:
    path = flag or (found.base / found.config.rubric if found.config.rubric else None)
    try:
        return load_rubric(path)
    except InputError as error:
        report_problems(error, str(path or "default rubric"))
        fail(f"cannot load rubric {path or 'default rubric'}")


def _required_or_exit(name: str | None, rubric: Rubric) -> str | None:
    return None if name is None else approach_or_exit(name, rubric)


def _with_progress(items: Iterator[Item], total: int) -> Iterator[Item]:
    """Pass items through, drawing a progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty() or total < 2:
        yield from items
        return
    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("check", total=total)
        for item in items:
            progress.advance(task)
            yield item


def _resolve_auto(target: Target) -> OutputFormat:
    if target.output_format is not None:
        return target.output_format
    if target.path is None and os.environ.get("GITHUB_ACTIONS") == "true":
        return OutputFormat.GITHUB
    if target.path is None and sys.stdout.isatty():
        return OutputFormat.RICH
    return OutputFormat.TEXT


def _stream(
    targets: list[tuple[Target, OutputFormat]], head: Report, rendered: Iterator[RenderedFile]
) -> Summary:
    """Write every target file by file, keeping only the running summary."""
    sinks: list[AtomicFile | None] = []
    try:
        for target, _ in targets:
            try:
                sinks.append(AtomicFile(target.path) if target.path is not None else None)
            except OSError as error:
                fail(f"cannot write {target.path}: {error.strerror or error}")

        def write(sink: AtomicFile | None, text: str) -> None:
            if sink is None:
                typer.echo(text, nl=False)
            else:
                sink.write(text)

        formats = [output_format for _, output_format in targets]
        for sink, output_format in zip(sinks, formats, strict=True):
            write(sink, stream_begin(output_format, head))
        summary = Summary.start(head.approaches)
        for item in rendered:
            for sink, output_format, part in zip(sinks, formats, item.parts, strict=True):
                write(sink, stream_separator(output_format, first=summary.files == 0) + part)
            summary.add_counts(item.verdict, list(item.active), head.fail_on)
        for sink, output_format in zip(sinks, formats, strict=True):
            write(sink, stream_end(output_format, head, summary))
            if sink is not None:
                sink.commit()
        return summary
    except BaseException:
        for sink in sinks:
            if sink is not None and not sink.stream.closed:
                sink.discard()
        raise


def _emit(
    target: Target, output_format: OutputFormat, report: Report, options: RenderOptions
) -> None:
    if target.path is None:
        typer.echo(render(output_format, report, options), nl=False)
        return
    file_options = RenderOptions(
        color=False, width=100, timestamp=options.timestamp, hostname=options.hostname
    )
    try:
        write_atomically(target.path, render(output_format, report, file_options))
    except OSError as error:
        fail(f"cannot write {target.path}: {error.strerror or error}")


def _timestamp() -> str:
    # SOURCE_DATE_EPOCH makes reports reproducible, as build tools do.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment))
