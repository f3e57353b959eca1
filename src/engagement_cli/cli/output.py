"""Where output goes: parsing `--format` / `-o`, writing files atomically, and emitting."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from engagement_cli.exit_codes import ExitCode
from engagement_cli.formats.names import BY_EXTENSION, OutputFormat
from engagement_cli.formats.options import RenderOptions
from engagement_cli.loading.problems import echo


@dataclass(frozen=True)
class Target:
    """One output: a format, and a file (None for stdout)."""

    output_format: OutputFormat | None
    """None means `auto`: decided by the environment at render time."""
    path: Path | None


class TargetError(ValueError):
    """A `--format` / `-o` combination that cannot be honoured."""


def parse_targets(formats: list[str], output: Path | None) -> list[Target]:
    """Turn `--format` values (FORMAT or FORMAT:PATH) and `-o FILE` into targets.

    `-o FILE` takes the one format given without a path, or, with none given, the format
    its extension implies (.sarif, .json, .xml, .md, .txt) and otherwise text.
    """
    targets: list[Target] = []
    for value in formats:
        name, _, path = value.partition(":")
        targets.append(Target(_format(name), Path(path) if path else None))
    bare = [target for target in targets if target.path is None]
    if output is not None:
        if len(bare) > 1:
            raise TargetError(
                "-o/--output names one file, but several formats have no file; "
                "use --format FORMAT:FILE for each"
            )
        if bare:
            chosen = bare[0].output_format or _by_extension(output)
            targets[targets.index(bare[0])] = Target(chosen, output)
        else:
            targets.append(Target(_by_extension(output), output))
    elif len(bare) > 1:
        raise TargetError(
            "only one format can go to standard output; give the others a file "
            "with --format FORMAT:FILE"
        )
    if not targets:
        targets.append(Target(None, None))
    paths = [same_file_key(target.path) for target in targets if target.path is not None]
    if len(paths) != len(set(paths)):
        raise TargetError("two formats would be written to the same file")
    return targets


def same_file_key(path: Path) -> str:
    """What two output paths share when they name one file: `x`, `./x` and a link to
    `x` all write the same place."""
    return os.path.normcase(os.path.realpath(path))


def _format(name: str) -> OutputFormat | None:
    if name == "auto":
        return None
    try:
        return OutputFormat(name)
    except ValueError:
        choices = ", ".join(["auto", *(member.value for member in OutputFormat)])
        from engagement_cli.cli.usage_errors import suggestion

        hint = suggestion(name, [member.value for member in OutputFormat])
        raise TargetError(f"unknown format {echo(name)}{hint}; choose from {choices}") from None


def _by_extension(path: Path) -> OutputFormat:
    return BY_EXTENSION.get(path.suffix.lower(), OutputFormat.TEXT)


class OutputTargetError(OSError):
    """An output path engage will not write: a folder, a socket, a FIFO nobody reads."""


_unfinished: set[str] = set()
"""Temporary files of reports being written, removed if a stop signal ends the run."""


def remove_unfinished_files() -> None:
    """Remove every report file still being written (for the stop-signal handler)."""
    for temporary in list(_unfinished):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class AtomicFile:
    """A file written in pieces that appears at `path` whole on `commit`, or not at all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent if str(path.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=folder
        )
        _unfinished.add(self.temporary)
        # mkstemp makes the file private; a report should get the permissions any new
        # file would, or keep those of the file it replaces.
        os.chmod(self.temporary, _mode_for(path))
        _keep_owner(self.temporary, path)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.stream.write(text)

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temporary, self.path)
        _unfinished.discard(self.temporary)

    def discard(self) -> None:
        """Drop the unfinished file; harmless after `commit`."""
        # Closing flushes what is buffered, which fails again on a full disk: the file
        # is removed all the same.
        with contextlib.suppress(OSError):
            self.stream.close()
        Path(self.temporary).unlink(missing_ok=True)
        _unfinished.discard(self.temporary)


class InPlaceFile:
    """A character device or a FIFO with a reader (`/dev/null`, `/dev/stdout`, a pipe),
    written as it is: such a thing cannot be replaced, and must not be."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self.stream = os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self.stream.write(text)

    def commit(self) -> None:
        self.stream.close()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()


OutputFile = AtomicFile | InPlaceFile


def open_output(path: Path) -> OutputFile:
    """The sink for an output path, chosen by what is there.

    A regular file (or nothing yet) is written atomically; through a symbolic link, the
    file it points to is replaced and the link kept. A character device, or a FIFO that
    a process is reading, is written in place. A folder, a socket, a block device or a
    FIFO nobody reads is refused with `OutputTargetError`: replacing it would destroy
    it, and writing a FIFO with no reader would wait forever.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        # Nothing there, or a link to nothing: create what the link names.
        return AtomicFile(Path(os.path.realpath(path)))
    mode = info.st_mode
    if stat.S_ISREG(mode):
        # The mode bits, not only access(): root may write anything, but a file marked
        # read-only for everyone was marked so on purpose.
        writable = mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        if not writable or not os.access(path, os.W_OK):
            raise OutputTargetError(errno.EACCES, "permission denied (the file is read-only)")
        return AtomicFile(Path(os.path.realpath(path)))
    if stat.S_ISDIR(mode):
        raise OutputTargetError(errno.EISDIR, "it is a folder")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
        if stat.S_ISFIFO(mode):
            flags |= os.O_NONBLOCK
        try:
            descriptor = os.open(path, flags)
        except OSError as error:
            if error.errno == errno.ENXIO:
                raise OutputTargetError(
                    errno.ENXIO, "it is a FIFO (named pipe) that no process is reading"
                ) from None
            raise
        os.set_blocking(descriptor, True)
        return InPlaceFile(path, descriptor)
    kind = (
        "a socket"
        if stat.S_ISSOCK(mode)
        else "a block device"
        if stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise OutputTargetError(errno.EINVAL, f"it is {kind}; name a file instead")


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so readers see the old file or the whole new one, never half
    (a device or a pipe gets it in place)."""
    target = open_output(path)
    try:
        target.write(text)
        target.commit()
    except BaseException:
        target.discard()
        raise


def _keep_owner(temporary: str, path: Path) -> None:
    """Give the new file the owner of the one it replaces (possible only as root, where a
    replaced report would otherwise become root's)."""
    try:
        info = path.stat()
    except OSError:
        return
    if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.chown(temporary, info.st_uid, info.st_gid)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def timestamp() -> str:
    """Now, as reports record it; SOURCE_DATE_EPOCH makes it reproducible, as for builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(epoch.strip())))
        except (ValueError, OverflowError, OSError):
            import typer

            from engagement_cli.formats.safe_text import printable

            shown = epoch if len(epoch) <= 40 else f"{epoch[:40]}…"
            typer.echo(
                printable(
                    f"engage: warning: SOURCE_DATE_EPOCH={shown} is not a Unix time this "
                    "system can show; using the current time"
                ),
                err=True,
            )
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(time.time())))


def emit(target: Target, make: Callable[[RenderOptions], str], options: RenderOptions) -> None:
    """Render to the target: standard output with the terminal's options, or a file
    (atomically) without colour at the reproducible width."""
    import typer

    from engagement_cli.cli.common import PLAIN_WIDTH, fail

    if target.path is None:
        typer.echo(make(options), nl=False)
        return
    plain = replace(options, color=False, width=PLAIN_WIDTH)
    try:
        write_atomically(target.path, make(plain))
    except OSError as error:
        fail(f"cannot write {target.path}: {error.strerror or error}", write_failure(error))


_DEVICE_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG}


def write_failure(error: OSError) -> ExitCode:
    """The exit code for an output that could not be written: 74 when the device failed
    or is full (as for standard output), 2 when the target itself is wrong (a folder, a
    read-only file, a missing folder)."""
    return ExitCode.IO_ERROR if error.errno in _DEVICE_FULL else ExitCode.USAGE
