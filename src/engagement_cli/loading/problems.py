"""The problem type every loading step reports, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FieldPath = tuple[str | int, ...]


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

    def __init__(self, problems: list[Problem], document: Any = None) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems
        self.document = document
