"""The problem type every loading step reports, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FieldPath = tuple[str | int, ...]

MAX_PROBLEMS = 100
"""The most problems or findings reported for one file; the rest are counted, not listed.

A 1 MB file of unknown keys would otherwise produce 100,000 findings: tens of megabytes
of report that nobody reads, and the memory to build it.
"""

MAX_ECHO = 80
"""The most characters of an input's value or name that a message repeats back."""


def clip(text: str) -> str:
    """Text to repeat in a message, shortened: a 900 KB value must not become the message."""
    return text if len(text) <= MAX_ECHO else f"{text[: MAX_ECHO - 1]}…"


def echo(value: object) -> str:
    """A name or value from an input, quoted and clipped, for a message to repeat."""
    return f"'{clip(str(value))}'"


def format_path(path: FieldPath) -> str:
    """Render a path as people read it: ``groups[1].stages.design``."""
    rendered = ""
    for part in path:
        if isinstance(part, int):
            rendered += f"[{part}]"
        else:
            rendered += f".{part}" if rendered else str(part)
    return rendered


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    id: str
    """A stable id, e.g. ``yaml-syntax`` or ``unknown-field``."""
    message: str
    """What is wrong, in plain words."""
    field: str | None = None
    """Dotted field path inside the document, where known."""
    line: int | None = None
    """1-based line, where known."""
    column: int | None = None
    """1-based column, where known."""


class InputError(Exception):
    """An input file could not be turned into a model; carries every problem found.

    `document` is the parsed document when the file was valid YAML, so that later checks
    can add their problems to these.
    """

    def __init__(self, problems: list[Problem], document: Any = None, omitted: int = 0) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems
        self.document = document
        self.omitted = omitted
        """How many more problems were found than `problems` holds (see `MAX_PROBLEMS`)."""
