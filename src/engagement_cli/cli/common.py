"""Helpers shared by the commands: loading the rubric, terminal detection, messages.

Imported on every start, so heavier modules are imported inside the functions that use
them: `engage --version` and `--help` should cost little more than Python and typer.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from engagement_cli.exit_codes import ExitCode
from engagement_cli.loading.problems import echo

if TYPE_CHECKING:
    from engagement_cli.loading.problems import InputError
    from engagement_cli.models.result import Finding
    from engagement_cli.rubric.compiled import Rubric

PLAIN_WIDTH = 100
"""Width of console views when stdout is not a terminal and COLUMNS is not set, so output
is reproducible."""


def color_wanted() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


MIN_WIDTH = 40
"""Narrower than this, console views are drawn at this width anyway."""


MAX_WIDTH = 1000
"""Wider than this, console views are drawn at this width: a line is built in memory."""


def output_width() -> int:
    """The width every console view is drawn at, by one rule for every command:
    `COLUMNS` when set (piped or not), else the terminal's width, else PLAIN_WIDTH."""
    columns = os.environ.get("COLUMNS", "").strip()
    # ASCII digits only ("²" is a digit to str.isdigit), and no wider than any screen;
    # a longer number is read as that widest screen, without converting all its digits.
    if columns.isascii() and columns.isdigit() and len(columns) <= 6:
        return min(MAX_WIDTH, max(MIN_WIDTH, int(columns)))
    if columns.isascii() and columns.isdigit():
        return MAX_WIDTH
    if sys.stdout.isatty():
        return max(MIN_WIDTH, shutil.get_terminal_size((PLAIN_WIDTH, 24)).columns)
    return PLAIN_WIDTH


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print `engage: message` on stderr and exit."""
    from engagement_cli.formats.safe_text import printable

    # Messages quote what the user gave; none of it may act on the terminal or the log.
    typer.echo(printable(f"engage: {message}"), err=True)
    raise typer.Exit(int(code))


def report_problems(error: InputError, file: str) -> None:
    """Print each problem of a file on stderr, one `file:line:col: ...` line each."""
    from engagement_cli.formats.safe_text import log_inert
    from engagement_cli.formats.text_format import finding_line
    from engagement_cli.models.result import Finding, Severity

    for problem in error.problems:
        finding = Finding.model_construct(
            id=problem.id,
            severity=Severity.ERROR,
            message=problem.message,
            file=file,
            field=problem.field,
            line=problem.line,
            column=problem.column,
            suppressed=None,
        )
        typer.echo(log_inert(finding_line(finding)), err=True)


def report_findings(findings: Iterable[Finding]) -> None:
    """Print findings on stderr, one `file:line:col: severity [id] ...` line each."""
    from engagement_cli.formats.safe_text import log_inert
    from engagement_cli.formats.text_format import finding_line

    for finding in findings:
        typer.echo(log_inert(finding_line(finding)), err=True)


def rubric_or_exit(path: Path | None) -> Rubric:
    """Load the rubric named by --rubric (or the default), exiting 2 with located errors."""
    from engagement_cli.loading.problems import InputError
    from engagement_cli.rubric.load import load_rubric

    try:
        return load_rubric(path)
    except InputError as error:
        label = str(path) if path else "default rubric"
        report_problems(error, label)
        fail(f"cannot load rubric {label}")
    except FileNotFoundError as error:
        fail(str(error))


def approach_or_exit(name: str, rubric: Rubric) -> str:
    """The approach id `name` means in `rubric`, or exit 2 listing the valid ones."""
    approach = rubric.resolve_approach(name)
    if approach is None:
        from engagement_cli.cli.usage_errors import suggestion

        valid = [spec.id for spec in rubric.approaches]
        fail(
            f"unknown approach {echo(name)}{suggestion(name, valid)}; "
            f"choose from {', '.join(valid)}"
        )
    return approach


OUTPUT_OPTION = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FILE",
    dir_okay=False,
    help="Write the (one) format to FILE atomically instead of standard output. With no "
    "--format, the extension decides: .sarif, .json, .xml (junit), .md, .html, .csv, "
    "else text.",
)

EVIDENCE_OPTION = typer.Option(
    None,
    "--evidence/--no-evidence",
    help="The full JSON report: every criterion with the evidence lines behind it, the "
    "participation map, changes, ties, practice and readiness answers. Lean without it: "
    "verdicts, scores, the claim, findings and the ids of the criteria met and unmet. "
    "Default: full for assess (one project, explained), lean for check.",
    show_default=False,
)

RUBRIC_OPTION = typer.Option(
    None,
    "--rubric",
    metavar="FILE",
    dir_okay=False,
    help="Use your own rubric instead of the default (see `engage rubric show`).",
)


def at_least(minimum: int) -> Callable[[int], int]:
    """An option callback refusing numbers below `minimum`, as a usage error.

    Used instead of typer's `min=`, which prints a range such as `[x>=1]` in the help,
    where the help text already says it in words.
    """

    def check(value: int) -> int:
        if value < minimum:
            raise typer.BadParameter(f"must be {minimum} or more (got {value})")
        return value

    return check


def first_sentence(function: Callable[..., Any]) -> str:
    """A command's summary for the command list: its docstring's first sentence, whole."""
    paragraph = (function.__doc__ or "").strip().split("\n\n")[0]
    text = " ".join(paragraph.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]
