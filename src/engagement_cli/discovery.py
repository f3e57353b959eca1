"""Finding the project files a `check` run should assess.

Arguments may be files, folders (walked for *.yaml and *.yml) and glob patterns. A walk
skips version-control and tool folders (virtual environments, `node_modules`, caches),
honours `.gitignore` files and `.git/info/exclude` as git does (unless asked not to) and
gitignore-style excludes, reaches no file twice through links, never follows a symbolic
link in a circle, and reports broken links and special files as problems for that path
instead of failing. A file named on the command line is always taken. The result is
sorted, so every run over the same tree lists files in the same order.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

from engagement_cli.loading.files import read_regular_file
from engagement_cli.loading.problems import InputError, Problem, echo

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
    }
)
"""Folders never walked into: version control, virtual environments, tool caches."""
SKIPPED_FILES = frozenset({".engage.yaml"})
"""Files never taken by a walk: engage's own configuration is not a project."""
VIRTUALENV_MARKER = "pyvenv.cfg"
"""A folder holding this file is a virtual environment, whatever its name."""
_GLOB_CHARACTERS = frozenset("*?[")
_MAX_IGNORE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Candidate:
    """A path to assess, or a path that could not be used, with the reason."""

    location: str | Path
    """Where the file is. The walk gives it as text: a path object per file holds several
    times the memory, across every file of a large batch."""
    label: str
    """The path as shown in reports: relative to the working directory where possible."""
    problem: Problem | None = None

    @property
    def path(self) -> Path:
        """`location` as a path."""
        return Path(self.location)


Found = tuple[Candidate, tuple[int, int] | None]
"""A candidate and, for a file the walk could look at, its (device, inode): one file
reached by two names is assessed once."""


@dataclass(frozen=True)
class Discovery:
    """What a set of path arguments expands to."""

    candidates: list[Candidate]
    unmatched: list[str]
    """Arguments that matched nothing at all (a usage error)."""


def name_label(path: Path | str) -> str:
    """A path as text every format can hold: bytes that are not UTF-8 (Python keeps them
    as lone surrogates) are written `\\xNN`, so one odd name cannot break a report."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def label_for(path: Path, cwd: Path) -> str:
    """A stable, forward-slashed label: relative to `cwd` when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return name_label(absolute.relative_to(cwd).as_posix())
    except ValueError:
        return name_label(absolute.as_posix())


def discover(
    arguments: Iterable[str],
    excludes: Iterable[str] = (),
    cwd: Path | None = None,
    *,
    respect_gitignore: bool = True,
    confine: Path | None = None,
) -> Discovery:
    """Expand `arguments` into candidates, sorted by label and without duplicates.

    With `confine` (a config's folder, for the paths its `include` lists), nothing
    outside that folder is read: a glob does not descend through symbolic links, and a
    path whose real place is outside is left out.
    """
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    spec = exclude_spec(excludes)
    ignores = GitIgnores.for_tree(cwd) if respect_gitignore else None
    inside = os.path.realpath(confine) if confine is not None else None
    found: dict[str, Found] = {}
    unmatched: list[str] = []
    for argument in arguments:
        paths = _expand(argument, cwd, confined=inside is not None)
        if _is_glob(argument) and not os.path.exists(argument):
            # glob passes over folders it cannot list; say so, as a walk does.
            for candidate, identity in _unlistable_for(argument, cwd):
                found.setdefault(os.path.abspath(candidate.location), (candidate, identity))
        if not paths:
            unmatched.append(argument)
        named = not _is_glob(argument) or os.path.exists(argument)
        for path in paths:
            for candidate, identity in _walk(path, cwd, ignores, named=named, confine=inside):
                if inside is not None and not _inside(os.path.realpath(candidate.location), inside):
                    continue  # reached through a link that leads out of the config's folder
                if not _excluded(spec, candidate.label):
                    # Keyed by the path itself: two names may share a label (a byte
                    # shown as `\\xff` and a name written that way), never a path.
                    found.setdefault(os.path.abspath(candidate.location), (candidate, identity))
    ordered = sorted(found.items(), key=lambda item: (item[1][0].label, item[0]))
    return Discovery(_once_each([pair for _, pair in ordered]), unmatched)


def _once_each(found: list[Found]) -> list[Candidate]:
    """Drop files reached again through a link. The path without a link in it stays;
    among several such (or none), the first label in sorted order."""
    chosen: dict[tuple[int, int], int] = {}
    for index, (candidate, identity) in enumerate(found):
        if identity is None:
            continue
        first = chosen.setdefault(identity, index)
        if first != index and _through_link(found[first][0]) and not _through_link(candidate):
            chosen[identity] = index
    return [
        candidate
        for index, (candidate, identity) in enumerate(found)
        if identity is None or chosen[identity] == index
    ]


def _inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies under it (both real, absolute paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _through_link(candidate: Candidate) -> bool:
    """Whether the candidate's path goes through a symbolic link (asked only of files
    that are reached twice)."""
    location = os.path.abspath(candidate.location)
    return os.path.realpath(location) != location


@dataclass
class GitIgnores:
    """The `.gitignore` rules of a tree, read as git reads them.

    Rules come from `.git/info/exclude` and every `.gitignore` between the top of the
    repository (or, outside a repository, the working directory) and a path; a deeper
    file's rules win over a shallower one's, and later lines over earlier ones.
    """

    top: Path
    base: pathspec.GitIgnoreSpec | None
    """`.git/info/exclude`, if there is one."""
    specs: dict[str, pathspec.GitIgnoreSpec | None] = field(default_factory=dict)
    """Each folder's `.gitignore`, read once, by the folder's path."""

    @classmethod
    def for_tree(cls, cwd: Path) -> GitIgnores:
        top = next(
            (folder for folder in (cwd, *cwd.parents) if os.path.exists(folder / ".git")), None
        )
        if top is None:
            return cls(cwd, None)
        return cls(top, _read_spec(top / ".git" / "info" / "exclude"))

    def _spec(self, folder: str) -> pathspec.GitIgnoreSpec | None:
        if folder not in self.specs:
            self.specs[folder] = _read_spec(Path(folder) / ".gitignore")
        return self.specs[folder]

    def ignored(self, path: str, *, is_dir: bool) -> bool:
        """Whether git would ignore `path`, absolute (a file, or a folder when `is_dir`)."""
        top = os.fspath(self.top)
        stem = top.rstrip(os.sep)  # "" for the root of the file system
        # As the file system compares names (without case on Windows).
        if not os.path.normcase(path).startswith(os.path.normcase(stem + os.sep)):
            return False  # outside the tree these rules cover
        parts = path[len(stem) + 1 :].split(os.sep)
        suffix = "/" if is_dir else ""
        decision = None
        if self.base is not None:
            decision = self.base.check_file("/".join(parts) + suffix).include
        # Each folder's rules see the path relative to that folder.
        folder = top
        for depth, part in enumerate(parts):
            spec = self._spec(folder)
            if spec is not None:
                result = spec.check_file("/".join(parts[depth:]) + suffix).include
                decision = result if result is not None else decision
            stem = folder = stem + os.sep + part
        return bool(decision)


class ExcludePatternError(ValueError):
    """An exclude pattern that is not a valid gitignore pattern."""


_STAR_RUN = re.compile(r"(?<!\\)\*{2,}")


def _tamed(line: str) -> str:
    """A gitignore line with each run of stars inside a name cut to one star.

    Git reads them alike, but the matcher turns each star into its own sub-pattern, so
    `********a/` would take exponential time on a long name (a pattern arrives with a
    pull request). A name of stars only stays `**`, which matches any folders.
    """
    if "**" not in line:
        return line
    negation = "!" if line.startswith("!") else ""
    parts = []
    for part in line.removeprefix(negation).split("/"):
        only_stars = len(part) > 1 and not part.strip("*")
        parts.append("**" if only_stars else _STAR_RUN.sub("*", part))
    return negation + "/".join(parts)


def _spec_from(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    # Imported on first use: `assess` names its file with this module and walks nothing.
    import pathspec

    with warnings.catch_warnings():
        # pathspec warns about some character classes; a pattern problem is ours to word.
        warnings.simplefilter("ignore")
        try:
            return pathspec.GitIgnoreSpec.from_lines([_tamed(line) for line in lines])
        except re.error as error:  # `[z-a]`: a range the regular expression refuses
            raise ValueError(str(error)) from None


def exclude_spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """The excludes as one gitignore spec; raises `ExcludePatternError` naming a bad one."""
    patterns = list(patterns)
    for pattern in patterns:
        try:
            _spec_from([pattern])
        except ValueError:
            raise ExcludePatternError(
                f"invalid exclude pattern {echo(pattern)}: not a gitignore pattern "
                "(a trailing backslash escapes nothing)"
                if pattern.endswith("\\")
                else f"invalid exclude pattern {echo(pattern)}: not a gitignore pattern"
            ) from None
    return _spec_from(patterns)


def _valid_lines(lines: list[str]) -> list[str]:
    # As git does, a line that is not a valid pattern is ignored, not an error.
    valid = []
    for line in lines:
        try:
            _spec_from([line])
        except ValueError:
            continue
        valid.append(line)
    return valid


def _read_spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    if not os.path.isfile(path):
        return None
    try:
        # Through the same guard as every named file: a FIFO called .gitignore must not
        # hang the walk.
        text = read_regular_file(path, _MAX_IGNORE_BYTES).decode("utf-8", errors="replace")
    except InputError:
        return None
    lines = text.splitlines()
    try:
        return _spec_from(lines)
    except ValueError:
        return _spec_from(_valid_lines(lines))


def _is_glob(argument: str) -> bool:
    return any(character in argument for character in _GLOB_CHARACTERS)


def _expand(argument: str, cwd: Path, *, confined: bool = False) -> list[Path]:
    # os.path predicates, not pathlib's: they answer False for a path in a folder that
    # cannot be entered, where pathlib's raise.
    if confined and _is_glob(argument) and not os.path.exists(argument):
        return _confined_glob(argument)
    if _is_glob(argument) and not os.path.exists(argument):
        pattern = argument if os.path.isabs(argument) else str(cwd / argument)
        return [Path(match) for match in sorted(glob.glob(pattern, recursive=True))]
    path = Path(argument)
    path = path if path.is_absolute() else cwd / path
    # A broken link given by name still "matches": it becomes a problem, not a usage error;
    # so does a file in a folder that cannot be entered, which is there but unreadable.
    return [path] if os.path.lexists(path) or _locked_away(path) else []


def _unlistable_for(argument: str, cwd: Path) -> list[Found]:
    """An `unreadable` result for each folder a glob would have looked in but could not
    list: under the glob's fixed part, as deep as its pattern reaches (`**`: any depth)."""
    pattern = Path(argument if os.path.isabs(argument) else cwd / argument)
    parts = pattern.parts
    anchor = next(index for index, part in enumerate(parts) if _is_glob(part))
    base = Path(*parts[:anchor])
    rest = parts[anchor:]
    depth = None if any(part == "**" for part in rest) else len(rest) - 1
    problems: list[Found] = []

    def refused(error: OSError) -> None:
        if isinstance(error, PermissionError) and error.filename is not None:
            folder = Path(error.filename)
            problems.append(
                _problem(
                    folder, cwd, "unreadable", "permission denied: the folder cannot be listed"
                )
            )

    if not os.path.isdir(base):
        return []
    for folder, subfolders, _ in os.walk(base, onerror=refused):
        level = len(Path(folder).relative_to(base).parts)
        if depth is not None and level >= depth:
            subfolders.clear()
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_DIRECTORIES]
    return problems


def _confined_glob(pattern: str) -> list[Path]:
    """A config's glob, expanded without descending through symbolic links.

    `glob` follows links, so `**` under a link to `/` would walk the whole file system;
    pathlib's `**` does not. Hidden names match only where the pattern names them, as
    with `glob`. The caller drops whatever still leads out of the config's folder.
    """
    parts = Path(pattern).parts
    anchor = next(index for index, part in enumerate(parts) if _is_glob(part))
    # `**` inside a name means what `*` does, as glob reads it; pathlib refuses it there.
    base = Path(*parts[:anchor])
    rest = tuple(part if part == "**" else _STAR_RUN.sub("*", part) for part in parts[anchor:])
    if not os.path.isdir(base):
        return []
    hidden_named = any(part.startswith(".") for part in rest)
    matches = []
    try:
        for match in base.glob(str(Path(*rest))):
            relative = match.relative_to(base).parts
            if hidden_named or not any(part.startswith(".") for part in relative):
                matches.append(match)
    except (OSError, ValueError):  # a folder that vanished, or a pattern pathlib refuses
        return []
    return sorted(matches)


def _locked_away(path: Path) -> bool:
    try:
        os.lstat(path)
    except PermissionError:
        return True
    except OSError:
        return False
    return False


def _excluded(spec: pathspec.GitIgnoreSpec, label: str) -> bool:
    return bool(spec.match_file(label))


def _skipped_folder(path: str, name: str) -> bool:
    return name in SKIPPED_DIRECTORIES or os.path.isfile(os.path.join(path, VIRTUALENV_MARKER))


def _walk(
    root: Path,
    cwd: Path,
    ignores: GitIgnores | None,
    *,
    named: bool = True,
    confine: str | None = None,
) -> list[Found]:
    """The YAML files at or below `root`; a file given by name is taken whatever its name.

    `named` is false for a path a glob matched: it is then subject to the same ignore
    rules as anything a walk finds. With `confine` (a real folder path), nothing whose
    real place is outside it is walked.
    """
    if confine is not None and not _inside(os.path.realpath(root), confine):
        return []
    try:
        info = root.stat()
    except FileNotFoundError:
        return [_problem(root, cwd, "unreadable", "broken symbolic link: its target is missing")]
    except OSError as error:
        return [_problem(root, cwd, "unreadable", _describe(error))]
    is_dir = stat.S_ISDIR(info.st_mode)
    if not named and ignores is not None and ignores.ignored(os.path.abspath(root), is_dir=is_dir):
        return []
    if not is_dir:
        return [_file_candidate(os.fspath(root), label_for(root, cwd), info)]
    return _walk_folder(root, cwd, ignores, (info.st_dev, info.st_ino))


def _walk_folder(
    root: Path, cwd: Path, ignores: GitIgnores | None, identity: tuple[int, int]
) -> list[Found]:
    # Paths are strings until a candidate is made: a folder of thousands of files would
    # otherwise spend longer building path objects than assessing the files. A file's
    # label is its folder's label (worked out once per folder) and its name, which is
    # what `label_for` says of the file.
    results: list[Found] = []
    visited: set[tuple[int, int]] = {identity}
    # The (device, inode) of each directory on the current path: a link back to one of
    # them is a loop. A directory reached again by another link is not walked twice.
    stack: list[tuple[str, str, tuple[tuple[int, int], ...]]] = [
        (os.fspath(root), os.path.abspath(root), (identity,))
    ]
    while stack:
        directory, absolute, ancestors = stack.pop()
        prefix = _label_prefix(label_for(Path(directory), cwd))
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except PermissionError:
            results.append(
                _problem(
                    Path(directory),
                    cwd,
                    "unreadable",
                    "permission denied: the folder cannot be listed",
                )
            )
            continue
        except OSError as error:
            results.append(_problem(Path(directory), cwd, "unreadable", _describe(error)))
            continue
        folders: list[tuple[str, str, tuple[tuple[int, int], ...]]] = []
        for entry in entries:
            name = entry.name
            if name in SKIPPED_DIRECTORIES:
                continue
            path, label = entry.path, prefix + name
            absolute_path = os.path.join(absolute, name)
            try:
                info = os.stat(path)
            except OSError as error:
                problem = _unlookable(entry, error, Path(directory), cwd)
                # Reported only where a readable file would have been checked: a path
                # that the ignore rules skip is skipped whatever state it is in.
                is_dir = entry.is_dir(follow_symlinks=False)
                if problem is not None and not (
                    ignores is not None and ignores.ignored(absolute_path, is_dir=is_dir)
                ):
                    results.append(problem)
                continue
            is_folder = stat.S_ISDIR(info.st_mode)
            is_yaml = name.endswith(YAML_SUFFIXES) and name not in SKIPPED_FILES
            if not (is_folder or is_yaml):
                continue
            if ignores is not None and ignores.ignored(absolute_path, is_dir=is_folder):
                continue
            if is_folder:
                key = (info.st_dev, info.st_ino)
                # A walk never follows a link to a folder, as git, ripgrep and ruff
                # do not: one inside holds files checked under their own path, and one
                # out of the tree (to `/`, say) could lead anywhere. A folder named on
                # the command line is followed, link or not.
                if (
                    entry.is_symlink()
                    or key in ancestors
                    or key in visited
                    or _skipped_folder(path, name)
                ):
                    continue
                visited.add(key)
                folders.append((path, absolute_path, (*ancestors, key)))
            else:
                results.append(_file_candidate(path, label, info))
        # Reversed, so that folders are walked in name order.
        stack.extend(reversed(folders))
    return results


def _unlookable(entry: os.DirEntry[str], error: OSError, folder: Path, cwd: Path) -> Found | None:
    """The problem to report for a folder entry that cannot be looked at, or None when
    it is nothing engage would have checked."""
    is_yaml = entry.name.endswith(YAML_SUFFIXES)
    if isinstance(error, FileNotFoundError):
        if entry.is_symlink() and is_yaml:
            return _problem(
                Path(entry.path), cwd, "unreadable", "broken symbolic link: its target is missing"
            )
        return None
    if isinstance(error, PermissionError):
        # The folder can be listed but not entered: its files are there, unread.
        if is_yaml or entry.is_dir(follow_symlinks=False):
            return _problem(
                Path(entry.path),
                cwd,
                "unreadable",
                f"permission denied: the folder {_folder_label(folder, cwd)} "
                "can be listed but not entered",
            )
        return None
    if error.errno == errno.ELOOP and is_yaml:
        return _problem(
            Path(entry.path),
            cwd,
            "unreadable",
            "symbolic link loop: the link points back to itself",
        )
    return None


def _label_prefix(folder_label: str) -> str:
    """What goes before a name in the folder labelled `folder_label`: nothing in the
    working directory, the label and one slash elsewhere (the root's label has it)."""
    if folder_label == ".":
        return ""
    return folder_label if folder_label.endswith("/") else folder_label + "/"


def _file_candidate(path: str, label: str, info: os.stat_result) -> Found:
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or device could block forever or never end.
        problem = Problem("not-a-file", "not a regular file (a pipe, socket or device)")
        return Candidate(path, name_label(label), problem), None
    return Candidate(path, name_label(label)), (info.st_dev, info.st_ino)


def _problem(path: Path, cwd: Path, problem_id: str, message: str) -> Found:
    return Candidate(path, label_for(path, cwd), Problem(problem_id, message)), None


def _describe(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: a folder on the way cannot be entered"
    return f"cannot read: {error.strerror or error}"


def _folder_label(folder: Path, cwd: Path) -> str:
    return label_for(folder, cwd) or "."
