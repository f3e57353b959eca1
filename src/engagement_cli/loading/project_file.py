"""Reading one project file into a validated `Project`, with its source positions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engagement_cli.loading.files import read_regular_file
from engagement_cli.loading.limits import Limits
from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.loading.text import decode_document
from engagement_cli.loading.validation import validate_document
from engagement_cli.loading.yaml_source import YamlDocument, parse_yaml
from engagement_cli.models.project import Project


@dataclass(frozen=True)
class LoadedProject:
    """A validated project and where each of its fields was written."""

    project: Project
    document: YamlDocument


def read_project_bytes(data: bytes, limits: Limits = Limits()) -> LoadedProject:
    """Decode, parse and validate one project file's bytes; raises `InputError`."""
    text = decode_document(data, max_bytes=limits.max_bytes)
    document = parse_yaml(text, max_nodes=limits.max_nodes, max_depth=limits.max_depth)
    groups = document.data.get("groups") if isinstance(document.data, dict) else None
    if isinstance(groups, list) and len(groups) > limits.max_groups:
        line, column = document.position(("groups",), prefer_key=True) or (None, None)
        raise InputError(
            [
                Problem(
                    "too-many-groups",
                    f"{len(groups)} groups is over the limit of {limits.max_groups}",
                    field="groups",
                    line=line,
                    column=column,
                )
            ]
        )
    try:
        return LoadedProject(validate_document(Project, document), document)
    except InputError as error:
        error.document = document
        raise


def read_project_file(path: Path, limits: Limits = Limits()) -> LoadedProject:
    """Read and validate one project file; every failure is an `InputError`."""
    return read_project_bytes(read_bytes(path, limits.max_bytes), limits)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a regular file's bytes (up to one past `max_bytes`); trouble is an `InputError`."""
    return read_regular_file(path, max_bytes)
