"""Finding and loading rubric files, turning every problem into a located error."""

from __future__ import annotations

import os
from pathlib import Path

from engagement_cli.loading.problems import InputError, Problem, format_path
from engagement_cli.loading.project_file import read_bytes
from engagement_cli.loading.resources import bundled_folder
from engagement_cli.loading.text import decode_document
from engagement_cli.loading.validation import validate_document
from engagement_cli.loading.yaml_source import parse_yaml
from engagement_cli.models.rubric import RubricDocument
from engagement_cli.rubric.compiled import Rubric, compile_rubric
from engagement_cli.rubric.conditions import ConditionError

DEFAULT_RUBRIC_NAME = "default.yaml"
_RUBRIC_MAX_BYTES = 4 * 1024 * 1024

RUBRIC_MAX_NODES = 500_000
"""The most values a rubric may hold: room for 20,000 criteria, and a bound on the time
and memory that parsing an untrusted rubric can take."""


def default_rubric_path() -> Path:
    """The default rubric: inside the installed package, or at the top of a source checkout."""
    folder = bundled_folder("rubrics")
    if folder is None or not os.path.isfile(folder / DEFAULT_RUBRIC_NAME):
        raise FileNotFoundError("the default rubric is missing from this installation")
    return folder / DEFAULT_RUBRIC_NAME


def load_rubric(path: Path | None = None) -> Rubric:
    """Load and compile a rubric; raises `InputError` whose problems carry rubric lines."""
    path = path or default_rubric_path()
    text = decode_document(read_bytes(path, _RUBRIC_MAX_BYTES), max_bytes=_RUBRIC_MAX_BYTES)
    return parse_rubric(text, str(path))


def parse_rubric(text: str, origin: str) -> Rubric:
    """Compile a rubric from its YAML text; `origin` names it in messages."""
    document = parse_yaml(text, max_nodes=RUBRIC_MAX_NODES)
    data = document.data
    if isinstance(data, dict) and "rubric" not in data and "groups" in data:
        raise InputError(
            [
                Problem(
                    "invalid-rubric",
                    "this looks like a project file (it has 'groups' and no 'rubric' section), "
                    "not a rubric; to assess it, run: engage assess FILE",
                    line=1,
                    column=1,
                )
            ]
        )
    model = validate_document(RubricDocument, document)
    try:
        return compile_rubric(model, origin)
    except ConditionError as error:
        line, column = document.position(error.path) or (None, None)
        raise InputError(
            [
                Problem(
                    "invalid-rubric",
                    error.message,
                    field=format_path(error.path),
                    line=line,
                    column=column,
                )
            ]
        ) from None
