"""`engage init`: write a new project file, by questionnaire or as a commented template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from engagement_cli.cli.common import RUBRIC_OPTION, fail, rubric_or_exit
from engagement_cli.cli.output import write_atomically
from engagement_cli.formats.safe_text import printable

if TYPE_CHECKING:
    from engagement_cli.authoring import Question

_HEADER = """engage project description: one project per file.
Check it with: engage assess {file}
Every field is described in the README ("The project file") and by: engage schema"""


def _ask(text: str, default: str) -> str:
    """One line from standard input after the question; the default for an empty line.

    Read directly rather than through typer's prompt, which reports the end of input as
    an interruption: scripted answers that run out are a usage error, not Ctrl-C.
    """
    shown = f"{text} [{default}]: " if default else f"{text}: "
    # The question may come from a rubric, which is untrusted: shown like every message.
    typer.echo(printable(shown), nl=False)
    line = sys.stdin.readline()
    if not line:
        typer.echo()  # end the unanswered question's line
        fail(
            "no more answers on standard input: every question needs one "
            "(or run engage init on a terminal)"
        )
    return line.rstrip("\r\n") or default


def _prompt(question: Question) -> str:
    listed = question.hint or "/".join(question.choices)
    hint = f" [{listed}]" if question.choices else ""
    while True:
        answer = _ask(f"{question.text}{hint}", question.default or "")
        accepted = question.accepts(str(answer))
        if accepted is not None and (accepted or question.default is not None):
            return accepted
        problem = question.text_problem(str(answer))
        if problem is not None:
            typer.echo(f"  {printable(problem)}", err=True)
        elif question.choices:
            choices = question.hint or ", ".join(question.choices)
            typer.echo(f"  Please answer with one of: {choices}", err=True)
        else:
            typer.echo("  An answer is needed.", err=True)


def _keep_undecodable_input() -> None:
    # Bytes that are not UTF-8 become lone surrogates instead of an exception, so the
    # answer holding them is refused and asked again rather than ending the run.
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="surrogateescape")


def _check_before_writing(text: str, file: Path) -> None:
    """Read the file back as `engage assess` would; never write one that fails."""
    from engagement_cli.loading.problems import InputError
    from engagement_cli.loading.project_file import read_project_bytes

    try:
        read_project_bytes(text.encode("utf-8", "surrogateescape"))
    except InputError as error:
        details = "; ".join(
            f"line {problem.line}: {problem.message}" if problem.line else problem.message
            for problem in error.problems
        )
        fail(f"not writing {file}: the answers do not make a valid project file ({details})")


def init(
    file: Path = typer.Argument(
        Path("project.yaml"), metavar="FILE", help="Where to write the project file."
    ),
    defaults: bool = typer.Option(
        False, "--defaults", help="Write the commented template without asking."
    ),
    ask: bool = typer.Option(
        False,
        "--ask",
        help="Ask the questions even when standard input is not a terminal, to script the answers.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    rubric_path: Path | None = RUBRIC_OPTION,
) -> None:
    """Create a project file by answering plain-language questions, one group at a time.

    When standard input is not a terminal, or with --defaults, writes a commented
    template to edit instead. Never overwrites an existing file without --force.
    """
    from engagement_cli.authoring import interview, template, to_yaml
    from engagement_cli.models.project import normalise_word

    if file.exists() and not force:
        fail(f"{file} already exists; choose another name or use --force to overwrite it")
    interactive = not defaults and (ask or sys.stdin.isatty())
    if rubric_path is not None and not interactive:
        rubric_or_exit(rubric_path)  # a rubric named is a rubric checked, template or not
    if interactive:
        rubric = rubric_or_exit(rubric_path)
        _keep_undecodable_input()

        def checklist(approach: str) -> list[tuple[str, str]]:
            resolved = rubric.resolve_approach(approach)
            spec = rubric.approach(resolved) if resolved else None
            return [(item.id, item.text) for item in spec.checklist] if spec else []

        spellings = {
            normalise_word(spelling): spec.id
            for spec in rubric.approaches
            for spelling in (spec.name, *spec.aliases)
        }
        project = interview(_prompt, [spec.id for spec in rubric.approaches], checklist, spellings)
    else:
        project = template()
    text = to_yaml(project, _HEADER.format(file=file))
    _check_before_writing(text, file)
    try:
        write_atomically(file, text)
    except OSError as error:
        fail(f"cannot write {file}: {error.strerror or error}")
    typer.echo(printable(f"Wrote {file}. Next: engage assess {file}"), err=True)
