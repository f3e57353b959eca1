"""The `check` configuration: `.engage.yaml`, or `[tool.engage]` in `pyproject.toml`.

The search starts in the working directory and goes up to the repository root (the
folder holding `.git`), or to the filesystem root outside a repository. In each folder
`.engage.yaml` wins over `pyproject.toml`; the first folder with either is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engagement_cli.loading.problems import InputError, Problem, format_path
from engagement_cli.loading.project_file import read_bytes
from engagement_cli.loading.text import decode_document
from engagement_cli.loading.validation import validate_document
from engagement_cli.loading.yaml_source import parse_yaml
from engagement_cli.models.result import Severity

CONFIG_NAME = ".engage.yaml"
PYPROJECT = "pyproject.toml"
_MAX_CONFIG_BYTES = 256 * 1024


class CheckConfig(BaseModel):
    """Settings for `engage check`; command-line flags win over them."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, populate_by_name=True
    )

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
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "engage" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # Broken TOML is only ours to report if it has our section; load_config says why.
        return "[tool.engage]" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and "engage" in tool


def load_config(path: Path | None) -> FoundConfig:
    """Read a config file (YAML or pyproject.toml); raises `InputError` naming the problem."""
    if path is None:
        return FoundConfig(CheckConfig(), None)
    if path.name == PYPROJECT:
        return FoundConfig(_from_pyproject(path), path)
    text = decode_document(read_bytes(path, _MAX_CONFIG_BYTES), max_bytes=_MAX_CONFIG_BYTES)
    return FoundConfig(validate_document(CheckConfig, parse_yaml(text)), path)


def _from_pyproject(path: Path) -> CheckConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError([Problem("invalid-config", f"invalid TOML: {error}")]) from None
    section = data.get("tool", {}).get("engage", {})
    try:
        return CheckConfig.model_validate(section)
    except ValidationError as error:
        raise InputError(
            [
                Problem(
                    "invalid-config",
                    detail["msg"],
                    field=format_path(("tool", "engage", *detail["loc"])),
                )
                for detail in error.errors()
            ]
        ) from None
