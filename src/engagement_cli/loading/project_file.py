"""Reading one project file into a validated `Project`, with its source positions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    """Read a file's bytes, turning file-system trouble into an `InputError`."""
    try:
        if path.is_dir():
            raise InputError([Problem("not-a-file", "is a directory, not a file")])
        with path.open("rb") as handle:
            # Read one byte past the limit so an oversized file is refused without
            # being read whole.
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem("unreadable", "file not found")]) from None
    except PermissionError:
        raise InputError([Problem("unreadable", "permission denied")]) from None
    except OSError as error:
        raise InputError(
            [Problem("unreadable", f"cannot read file: {error.strerror or error}")]
        ) from None
