"""The `check` configuration: `.engage.yaml`, or `[tool.engage]` in `pyproject.toml`.

The search starts in the working directory and goes up to the repository root (the
folder holding `.git`), or to the filesystem root outside a repository. In each folder
`.engage.yaml` wins over `pyproject.toml`; the first folder with either is used.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from engagement_cli.loading.problems import InputError, Problem, echo, format_path
from engagement_cli.loading.project_file import read_bytes
from engagement_cli.loading.text import decode_document
from engagement_cli.loading.validation import describe_problem, validate_document
from engagement_cli.loading.yaml_source import parse_yaml
from engagement_cli.models.result import Severity

CONFIG_NAME = ".engage.yaml"
PYPROJECT = "pyproject.toml"
_MAX_CONFIG_BYTES = 256 * 1024
_MAX_PYPROJECT_BYTES = 4 * 1024 * 1024


class CheckConfig(BaseModel):
    """Settings for `engage check`; command-line flags win over them."""

    # The docstrings document the keys; nothing reads them as descriptions at run time.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    rubric: str | None = None
    """A rubric file, relative to the config file."""
    include: list[str] = Field(default_factory=list)
    """Paths or globs to check when none are given on the command line."""
    exclude: list[str] = Field(default_factory=list)
    """gitignore-style patterns of files to skip."""
    require: str | None = None
    """An approach every project must reach."""
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    """The lowest severity that fails the run: error, warning or note."""
    respect_gitignore: bool | None = Field(default=None, alias="respect-gitignore")
    """Whether folder walks skip what `.gitignore` and `.git/info/exclude` ignore
    (default true)."""

    @field_validator("rubric", "include", "exclude", "require")
    @classmethod
    def _no_nul(cls, value: str | list[str] | None) -> str | list[str] | None:
        # No file name can hold a NUL, and the operating system refuses one in a path.
        for text in [value] if isinstance(value, str) else value or []:
            if "\x00" in text:
                raise ValueError("must not contain a NUL character")
        return value


@dataclass(frozen=True)
class FoundConfig:
    """A configuration and the file it came from (None when none was found)."""

    config: CheckConfig
    path: Path | None

    @property
    def base(self) -> Path:
        """The folder paths in the config are relative to."""
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path) -> Path | None:
    """The config file that applies to `start`, if any."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        # Whatever is there is the config: a FIFO, a folder or a broken link under its
        # name is refused when read, never passed over as if there were no config.
        if os.path.lexists(candidate):
            return candidate
        pyproject = folder / PYPROJECT
        if os.path.lexists(pyproject) and _has_tool_section(pyproject):
            return pyproject
        if os.path.exists(folder / ".git"):
            return None
    return None


_TOOL_HEADER = re.compile(r"^\s*\[+\s*[\"']?tool[\"']?\s*\.\s*[\"']?engage\b", re.MULTILINE)


def _has_tool_section(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures engage. One that looks like it does but is
    broken counts: load_config then says what is wrong with it. One that is not a
    regular file or cannot be read is not engage's to judge: passed over."""
    if not os.path.isfile(pyproject):
        return False
    try:
        text = read_bytes(pyproject, _MAX_PYPROJECT_BYTES).decode("utf-8", errors="replace")
    except InputError:
        # Unreadable: whether it configures engage cannot be told, and a pyproject in a
        # parent folder is often another project's, so it is passed over.
        return False
    if "engage" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return _TOOL_HEADER.search(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "engage" in tool


def load_config(path: Path | None) -> FoundConfig:
    """Read a config file (YAML or pyproject.toml); raises `InputError` naming the problem."""
    if path is None:
        return FoundConfig(CheckConfig(), None)
    if path.name == PYPROJECT:
        config, locate = _from_pyproject(path)
    else:
        text = decode_document(read_bytes(path, _MAX_CONFIG_BYTES), max_bytes=_MAX_CONFIG_BYTES)
        document = parse_yaml(text)
        config = validate_document(CheckConfig, document)

        def locate(location: tuple[str | int, ...]) -> int | None:
            position = document.position(location)
            return position[0] if position else None

    prefix: tuple[str, ...] = ("tool", "engage") if path.name == PYPROJECT else ()
    _check_inside(config, Path(os.path.abspath(path)).parent, locate, prefix)
    return FoundConfig(config, path)


def _check_inside(
    config: CheckConfig,
    base: Path,
    locate: Callable[[tuple[str | int, ...]], int | None],
    prefix: tuple[str, ...],
) -> None:
    """Refuse includes and a rubric that leave the config's folder.

    A config arrives with a pull request, so it must not make engage read the rest of the
    file system: no absolute paths, no `..`, no `~`, and no link at the start of a path
    that leads out. A path outside can still be named on the command line.
    """
    problems = []
    entries: list[tuple[tuple[str | int, ...], str]] = [
        (("include", index), pattern) for index, pattern in enumerate(config.include)
    ]
    if config.rubric is not None:
        entries.append((("rubric",), config.rubric))
    for location, value in entries:
        reason = _leaves(base, value)
        if reason is not None:
            problems.append(
                Problem(
                    "invalid-config",
                    f"{echo(value)} {reason}; paths in a config stay inside its folder "
                    "(name one outside on the command line instead)",
                    field=format_path((*prefix, *location)),
                    line=locate(location),
                )
            )
    if problems:
        raise InputError(problems)


_GLOB = re.compile(r"[*?\[]")


def _leaves(base: Path, value: str) -> str | None:
    """Why `value`, relative to `base`, reaches outside it; None if it stays inside."""
    posix = value.replace("\\", "/")
    if os.path.isabs(posix) or re.match(r"[A-Za-z]:", posix):
        return "is an absolute path"
    if posix.startswith("~"):
        return "starts at a home folder"
    parts = PurePosixPath(posix).parts
    if ".." in parts:
        return "goes up out of the folder with '..'"
    literal: list[str] = []
    for part in parts:
        if _GLOB.search(part):
            break
        literal.append(part)
    real_base = os.path.realpath(base)
    real = os.path.realpath(os.path.join(base, *literal))
    if os.path.commonpath([real_base, real]) != real_base:
        return "leads out of the folder through a symbolic link"
    return None


def _from_pyproject(
    path: Path,
) -> tuple[CheckConfig, Callable[[tuple[str | int, ...]], int | None]]:
    data = read_bytes(path, _MAX_PYPROJECT_BYTES)
    if len(data) > _MAX_PYPROJECT_BYTES:
        raise InputError(
            [Problem("too-large", f"larger than {_MAX_PYPROJECT_BYTES // (1024 * 1024)} MB")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise InputError(
            [
                Problem(
                    "invalid-config",
                    f"TOML must be UTF-8; byte 0x{byte:02x} is not",
                    line=line,
                    column=column,
                )
            ]
        ) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError([_toml_problem(str(error), text)]) from None
    except RecursionError:
        # tomllib reads nested arrays and tables by recursion; thousands deep exhaust it.
        raise InputError(
            [Problem("invalid-config", "invalid TOML: arrays or tables nested too deeply")]
        ) from None
    section = document.get("tool", {}).get("engage", {})
    if not isinstance(section, dict):
        raise InputError(
            [
                Problem(
                    "invalid-config",
                    "must be a table",
                    field="tool.engage",
                    line=_line_of(text, ()),
                )
            ]
        )
    try:
        config = CheckConfig.model_validate(section)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            # The same words, "did you mean" and all, as for a YAML config.
            found = describe_problem(CheckConfig, detail)
            problems.append(
                Problem(
                    "invalid-config",
                    found.message,
                    field=format_path(("tool", "engage", *found.path)),
                    line=_line_of(text, found.path),
                )
            )
        problems.sort(key=lambda problem: problem.line or 0)
        raise InputError(problems) from None

    def locate(location: tuple[str | int, ...]) -> int | None:
        return _line_of(text, tuple(location))

    return config, locate


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")


def _toml_problem(message: str, text: str) -> Problem:
    # tomllib puts the position in its message; give it the fields every problem has.
    found = _TOML_POSITION.search(message)
    if found is None:
        at_end = _TOML_AT_END.search(message)
        if at_end is not None:
            lines = text.splitlines() or [""]
            return Problem(
                "invalid-config",
                f"invalid TOML: {message[: at_end.start()]} (at the end of the file)",
                line=len(lines),
                column=len(lines[-1]) + 1,
            )
        return Problem("invalid-config", f"invalid TOML: {message}")
    return Problem(
        "invalid-config",
        f"invalid TOML: {message[: found.start()]}",
        line=int(found.group(1)),
        column=int(found.group(2)),
    )


def _line_of(text: str, location: tuple[object, ...]) -> int | None:
    """The line of `[tool.engage]`, or of the key a problem is about inside it.

    tomllib keeps no positions, so this reads the lines: enough for the flat table the
    configuration is, and None rather than a wrong line when the layout is unusual.
    """
    lines = text.splitlines()
    header = next(
        (
            number
            for number, line in enumerate(lines, 1)
            if re.fullmatch(r"\s*\[\s*tool\s*\.\s*engage\s*\]\s*(#.*)?", line)
        ),
        None,
    )
    if header is None or not location or not isinstance(location[0], str):
        return header
    key = re.escape(location[0])
    for number in range(header, len(lines)):
        line = lines[number]
        if re.match(r"\s*\[", line):
            break
        if re.match(rf"\s*(\"{key}\"|'{key}'|{key})\s*=", line):
            return number + 1
    return header
