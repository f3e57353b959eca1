"""Carrying out `engage check`: discovery, policy, parallel assessment and every output."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import typer

from engagement_cli.cli.check_command import CheckRequest
from engagement_cli.cli.common import (
    approach_or_exit,
    color_wanted,
    fail,
    output_width,
    report_problems,
)
from engagement_cli.cli.output import (
    OutputFile,
    Target,
    TargetError,
    emit,
    open_output,
    parse_targets,
    same_file_key,
    timestamp,
    write_failure,
)
from engagement_cli.config import FoundConfig, find_config, load_config
from engagement_cli.discovery import ExcludePatternError, discover
from engagement_cli.engine.baseline import Baseline
from engagement_cli.engine.policy import Policy
from engagement_cli.exit_codes import check_exit_code
from engagement_cli.formats.names import OutputFormat, explains
from engagement_cli.formats.options import RenderOptions
from engagement_cli.formats.registry import render
from engagement_cli.formats.safe_text import log_inert, printable, visible_name
from engagement_cli.formats.streams import (
    STREAMING,
    stream_begin,
    stream_end,
    stream_separator,
)
from engagement_cli.loading.limits import Limits
from engagement_cli.loading.problems import InputError
from engagement_cli.models.result import FileResult, Report, Severity, Summary
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


def execute(request: CheckRequest) -> None:
    """Carry out `engage check`; exits through `typer.Exit` with the run's exit code."""
    found = _config_or_exit(request.config_path)
    config = found.config
    if request.verbose:
        where = found.path or "none found (using defaults)"
        typer.echo(printable(f"engage: config: {where}"), err=True)
    rubric = _rubric_or_exit(request.rubric_path, found)
    if request.verbose:
        typer.echo(printable(f"engage: rubric: {rubric.origin} ({rubric.label})"), err=True)
    required = _required_or_exit(request.require or config.require, rubric)
    threshold = request.fail_on or config.fail_on or Severity.ERROR
    try:
        targets = parse_targets(request.formats, request.output)
    except TargetError as error:
        fail(str(error))
    if request.write_baseline is not None:
        baseline_file = same_file_key(request.write_baseline)
        if any(t.path is not None and same_file_key(t.path) == baseline_file for t in targets):
            fail("--write-baseline names the same file as a report; give it a file of its own")

    arguments = request.paths or [str(found.base / pattern) for pattern in config.include]
    if not arguments:
        fail("no paths given and the config has no include list; try: engage check .")
    respect_gitignore = next(
        choice
        for choice in (request.respect_gitignore, config.respect_gitignore, True)
        if choice is not None
    )
    try:
        discovery = discover(
            arguments,
            [*config.exclude, *request.exclude],
            respect_gitignore=respect_gitignore,
            # Paths from a config (it may come with a pull request) stay in its folder.
            confine=None if request.paths else found.base,
        )
    except ExcludePatternError as error:
        fail(str(error))
    if discovery.unmatched:
        fail(f"no such file, folder or match: {', '.join(discovery.unmatched)}")
    if not discovery.candidates:
        fail(f"no *.yaml or *.yml files found in {', '.join(arguments)}")
    if request.list_files:
        # Names are shown as every view shows them: one line each, nothing raw.
        names = (log_inert(visible_name(candidate.label)) for candidate in discovery.candidates)
        typer.echo("".join(f"{name}\n" for name in names), nl=False)
        raise typer.Exit(0)

    policy = Policy(require=required)
    resolved = [(target, _resolve_auto(target)) for target in targets]
    baseline = _baseline_or_exit(request.baseline)
    using_baseline = baseline is not None or request.write_baseline is not None
    settings = Settings(
        rubric,
        policy,
        Limits(max_bytes=request.max_file_size, max_groups=request.max_groups),
        # A baseline names findings by group, which the participation map holds.
        explain=using_baseline
        or explains((chosen for _, chosen in resolved), full_json=request.evidence),
    )
    workers = request.jobs or os.cpu_count() or 1
    head = build_report([], rubric, policy, threshold, evidence=request.evidence)
    total = len(discovery.candidates)
    if not using_baseline and all(output_format in STREAMING for _, output_format in resolved):
        stream_formats = tuple(output_format for _, output_format in resolved)
        rendered = iter_rendered(
            discovery.candidates, settings, stream_formats, workers, full_json=request.evidence
        )
        summary = _stream(resolved, head, _with_progress(rendered, total))
    else:
        results = list(_with_progress(iter_batch(discovery.candidates, settings, workers), total))
        if request.write_baseline is not None:
            written = _write_baseline(request.write_baseline, results)
            # Recording today's findings accepts them: the run passes against what it
            # wrote (so a CI step or `set -e` script goes on), unless --baseline names
            # an older baseline, which then decides.
            baseline = baseline or written
        if baseline is not None:
            results = _against_baseline(results, baseline)
        report = head.model_copy(update={"files": results})
        summary = report.summary()
        options = RenderOptions(
            color=color_wanted(),
            width=output_width(),
            timestamp=timestamp(),
            hostname=socket.gethostname(),
        )
        for target, output_format in resolved:
            emit(target, partial(render, output_format, report), options)
    raise typer.Exit(int(check_exit_code(summary, no_fail=request.no_fail)))


def _baseline_or_exit(path: Path | None) -> Baseline | None:
    if path is None:
        return None
    from engagement_cli.engine.baseline import parse_baseline
    from engagement_cli.loading.project_file import read_bytes
    from engagement_cli.loading.text import decode_document

    try:
        limit = 64 * 1024 * 1024
        return parse_baseline(decode_document(read_bytes(path, limit), max_bytes=limit))
    except InputError as error:
        report_problems(error, str(path))
        fail(f"cannot read baseline {path}")


def _write_baseline(path: Path, results: list[FileResult]) -> Baseline:
    """Write the baseline of these results to `path`, and give it back as read."""
    from engagement_cli.cli.output import write_atomically
    from engagement_cli.engine.baseline import baseline_json, parse_baseline

    text = baseline_json(results)
    try:
        write_atomically(path, text)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", write_failure(error))
    count = sum(len(result.active_findings) for result in results)
    typer.echo(printable(f"engage: wrote {count} findings to the baseline {path}"), err=True)
    return parse_baseline(text)


def _against_baseline(results: list[FileResult], baseline: Baseline) -> list[FileResult]:
    """Suppress what the baseline knows; report on stderr what it knew and is gone."""
    from engagement_cli.engine.baseline import apply_baseline

    applied = [apply_baseline(result, baseline) for result in results]
    fixed = [entry for _, entries in applied for entry in entries]
    seen = {result.file for result in results}
    unchecked = sorted(set(baseline.entries) - seen)
    if fixed:
        typer.echo(f"engage: {len(fixed)} baseline finding(s) fixed:", err=True)
        for entry in fixed:
            where = f" {entry.field}" if entry.field else ""
            typer.echo(printable(f"  {entry.file}: {entry.id}{where}"), err=True)
    if unchecked:
        typer.echo(
            printable(
                f"engage: {len(unchecked)} file(s) in the baseline were not checked in this "
                f"run: {', '.join(unchecked[:5])}{' …' if len(unchecked) > 5 else ''}"
            ),
            err=True,
        )
    return [result for result, _ in applied]


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
    # Imported only for a terminal: most runs are in CI, where it would be start-up cost.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        # COLUMNS is read by one rule for every command (output_width), not by rich,
        # which fails on a value such as "²".
        console=Console(
            stderr=True,
            width=output_width(),
            _environ={
                key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")
            },
        ),
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
    sinks: list[OutputFile | None] = []
    try:
        for target, _ in targets:
            try:
                sinks.append(open_output(target.path) if target.path is not None else None)
            except OSError as error:
                fail(f"cannot write {target.path}: {error.strerror or error}")

        paths = {id(sink): target.path for sink, (target, _) in zip(sinks, targets, strict=True)}

        def write(sink: OutputFile | None, text: str) -> None:
            if sink is None:
                typer.echo(text, nl=False)
                return
            try:
                sink.write(text)
            except OSError as error:  # a full disk: every partial file is removed
                fail(
                    f"cannot write {paths[id(sink)]}: {error.strerror or error}",
                    write_failure(error),
                )

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
        for sink in sinks:
            if sink is None:
                continue
            try:
                sink.commit()
            except OSError as error:
                fail(
                    f"cannot write {paths[id(sink)]}: {error.strerror or error}",
                    write_failure(error),
                )
        return summary
    except BaseException:
        for sink in sinks:
            if sink is not None:
                sink.discard()
        raise
