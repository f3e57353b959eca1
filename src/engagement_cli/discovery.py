"""Finding the project files a `check` run should assess.

Arguments may be files, folders (walked for *.yaml and *.yml) and glob patterns. The walk
skips `.git`, honours gitignore-style excludes, never follows a symbolic link in a circle,
and reports broken links and special files as problems for that path instead of failing.
The result is sorted, so every run over the same tree lists files in the same order.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pathspec

from engagement_cli.loading.problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn"})
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Candidate:
    """A path to assess, or a path that could not be used, with the reason."""

    path: Path
    label: str
    """The path as shown in reports: relative to the working directory where possible."""
    problem: Problem | None = None


@dataclass(frozen=True)
class Discovery:
    """What a set of path arguments expands to."""

    candidates: list[Candidate]
    unmatched: list[str]
    """Arguments that matched nothing at all (a usage error)."""


def label_for(path: Path, cwd: Path) -> str:
    """A stable, forward-slashed label: relative to `cwd` when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return absolute.as_posix()


def discover(
    arguments: Iterable[str], excludes: Iterable[str] = (), cwd: Path | None = None
) -> Discovery:
    """Expand `arguments` into candidates, sorted by label and without duplicates."""
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    spec = pathspec.GitIgnoreSpec.from_lines(list(excludes))
    found: dict[str, Candidate] = {}
    unmatched: list[str] = []
    for argument in arguments:
        paths = _expand(argument, cwd)
        if not paths:
            unmatched.append(argument)
        for path in paths:
            for candidate in _walk(path, cwd):
                if not _excluded(spec, candidate.label):
                    found.setdefault(candidate.label, candidate)
    return Discovery(sorted(found.values(), key=lambda candidate: candidate.label), unmatched)


def _is_glob(argument: str) -> bool:
    return any(character in argument for character in _GLOB_CHARACTERS)


def _expand(argument: str, cwd: Path) -> list[Path]:
    if _is_glob(argument) and not Path(argument).exists():
        pattern = argument if os.path.isabs(argument) else str(cwd / argument)
        return [Path(match) for match in sorted(glob.glob(pattern, recursive=True))]
    path = Path(argument)
    path = path if path.is_absolute() else cwd / path
    # A broken link given by name still "matches": it becomes a problem, not a usage error.
    return [path] if os.path.lexists(path) else []


def _excluded(spec: pathspec.GitIgnoreSpec, label: str) -> bool:
    return bool(spec.match_file(label))


def _walk(root: Path, cwd: Path) -> list[Candidate]:
    """The YAML files at or below `root`; a file given directly is taken whatever its name."""
    try:
        info = root.stat()
    except FileNotFoundError:
        return [_problem(root, cwd, "unreadable", "broken symbolic link: its target is missing")]
    except OSError as error:
        return [_problem(root, cwd, "unreadable", _describe(error))]
    if not stat.S_ISDIR(info.st_mode):
        return [_file_candidate(root, cwd, info)]
    results: list[Candidate] = []
    # The (device, inode) of each directory on the current path: a link back to one of
    # them is a loop. Directories reached twice by different links are walked each time.
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = [(root, ((info.st_dev, info.st_ino),))]
    while stack:
        directory, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            results.append(_problem(directory, cwd, "unreadable", _describe(error)))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name in SKIPPED_DIRECTORIES:
                continue
            try:
                info = path.stat()
            except FileNotFoundError:
                if entry.is_symlink() and entry.name.endswith(YAML_SUFFIXES):
                    results.append(
                        _problem(
                            path, cwd, "unreadable", "broken symbolic link: its target is missing"
                        )
                    )
                continue
            except OSError as error:
                if error.errno == errno.ELOOP:
                    results.append(
                        _problem(
                            path,
                            cwd,
                            "unreadable",
                            "symbolic link loop: the link points back to itself",
                        )
                    )
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    results.append(
                        _problem(
                            path,
                            cwd,
                            "unreadable",
                            "symbolic link loop: this folder links back to a "
                            "folder that contains it; skipped",
                        )
                    )
                    continue
                stack.append((path, (*ancestors, key)))
            elif entry.name.endswith(YAML_SUFFIXES):
                results.append(_file_candidate(path, cwd, info))
    return results


def _file_candidate(path: Path, cwd: Path, info: os.stat_result) -> Candidate:
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or device could block forever or never end.
        return _problem(path, cwd, "not-a-file", "not a regular file (a pipe, socket or device)")
    return Candidate(path, label_for(path, cwd))


def _problem(path: Path, cwd: Path, problem_id: str, message: str) -> Candidate:
    return Candidate(path, label_for(path, cwd), Problem(problem_id, message))


def _describe(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"
