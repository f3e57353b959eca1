"""The command line: wires commands together and owns process exit. Only the CLI imports typer."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from typing import Any

import typer

from engagement_cli import __version__
from engagement_cli.cli import (
    approaches_command,
    assess_command,
    check_command,
    checklist_command,
    compare_command,
    init_command,
    schema_command,
)
from engagement_cli.cli.common import fail, first_sentence
from engagement_cli.cli.output import remove_unfinished_files
from engagement_cli.cli.process import (
    StandardOutputError,
    abandon_standard_output,
    flush_standard_output,
    guard_standard_streams,
    handle_stop_signals,
    on_stop,
)
from engagement_cli.cli.rubric_command import rubric_app
from engagement_cli.cli.usage_errors import reword
from engagement_cli.exit_codes import ExitCode, WorkerStopped

# Help is plain text: Rich markup in help would eat text such as "[tool.engage]", and Rich's
# panels label every flag "<bool>". Wrapping never splits a word at its hyphen, so option
# values such as co-design stay whole.
try:
    from typer._click import _textwrap

    class _WholeWords(_textwrap.TextWrapper):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "break_on_hyphens": False})

    _textwrap.TextWrapper = _WholeWords  # type: ignore[misc]

    # An argument with a metavar ("FILE") is not also labelled with its type ("<path>").
    _argument_type = typer.core.TyperArgument.display_type_rich

    def _argument_label(self: typer.core.TyperArgument, ctx: Any) -> str | None:
        return None if self.metavar else _argument_type(self, ctx)

    typer.core.TyperArgument.display_type_rich = _argument_label  # type: ignore[method-assign,assignment]
except (ImportError, AttributeError):  # pragma: no cover - another typer: cosmetic only
    pass

app = typer.Typer(
    name="engage",
    help=(
        "Tell what kind of engagement a project really is: consultation, collaboration, "
        "co-design, co-creation or co-production.\n\n"
        "Describe a project in YAML (see `engage schema` and the examples/ folder), then "
        "run `engage assess project.yaml` for the verdict, the evidence behind it, what "
        "would change it, and whether the project's own label over- or under-claims."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"engage {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show Python tracebacks for internal errors."
    ),
) -> None:
    """Global options."""
    import os

    try:
        os.getcwd()
    except OSError:
        # Every command names files relative to the working folder; one that was removed
        # under the shell cannot be resolved against.
        fail("the current folder no longer exists (was it deleted?); cd to one that does")


def _command(name: str, function: Callable[..., Any]) -> None:
    app.command(name, short_help=first_sentence(function))(function)


_command("assess", assess_command.assess)
_command("check", check_command.check)
_command("compare", compare_command.compare)
_command("checklist", checklist_command.checklist)
_command("init", init_command.init)
_command("approaches", approaches_command.approaches)
_command("explain", approaches_command.explain)
app.add_typer(rubric_app, name="rubric")
_command("schema", schema_command.schema)


def main() -> None:
    """Entry point: run the app and turn every way out into an exit code."""
    guard_standard_streams()
    handle_stop_signals()
    on_stop(remove_unfinished_files)
    debug = "--debug" in sys.argv[1:]
    command = typer.main.get_command(app)
    try:
        try:
            code = command.main(args=sys.argv[1:], prog_name="engage", standalone_mode=False)
        finally:
            flush_standard_output()
    except StandardOutputError as error:
        abandon_standard_output()
        sys.stderr.write(f"engage: cannot write to standard output: {error.strerror}\n")
        code = ExitCode.IO_ERROR
    except typer.Exit as done:
        code = done.exit_code
    except typer.TyperException as error:
        # Usage errors (unknown option, bad value, missing file) explain themselves, in
        # engage's words rather than the validation library's.
        if isinstance(getattr(error, "message", None), str):
            error.message = reword(error.message)
        # Shown through the same filter as every message: a typed value (a file name from
        # a pull request) may hold controls or a CI workflow command.
        from engagement_cli.formats.safe_text import printable

        show = getattr(error, "show", None)
        if callable(show):
            shown = io.StringIO()
            show(file=shown)
            sys.stderr.write(printable(shown.getvalue()))
        else:
            sys.stderr.write(printable(f"engage: {error.format_message()}\n"))
        code = ExitCode.USAGE
    except (KeyboardInterrupt, typer.Abort):
        code = ExitCode.INTERRUPTED
    except WorkerStopped as stopped:
        sys.stderr.write(f"engage: {stopped}\n")
        # As a shell reports a process killed by a signal: 128 + its number.
        code = 128 + stopped.signal_number if stopped.signal_number else ExitCode.IO_ERROR
        # The broken pool has nothing left to do, but its exit hook may still trip over
        # the pipes closed to end it and print a traceback: leave at once, flushed.
        remove_unfinished_files()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(int(code))
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); there is no one left to tell.
        sys.stderr.close()
        code = ExitCode.OK
    except Exception as error:
        if debug:
            raise
        sys.stderr.write(
            f"engage: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in engage; rerun with --debug to see the traceback.\n"
        )
        code = ExitCode.INTERNAL
    code = int(code) if isinstance(code, int) else 0
    if code == ExitCode.INTERRUPTED:
        # typer turns Ctrl-C into a silent exit 130; say what happened.
        sys.stderr.write("engage: interrupted\n")
    sys.exit(code)
