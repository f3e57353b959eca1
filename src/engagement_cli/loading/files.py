"""Reading a named file safely: regular files only, never more than a limit, never a hang.

Every file engage opens by name (a project, a rubric, a config, a .gitignore) comes
through here. Opening does not block (a FIFO with no writer would wait forever), and the
file is refused unless it is a regular file: FIFOs, devices, sockets and folders say what
they are. Reading is in chunks up to one byte past the limit, so any limit, however large,
costs only the memory the file really needs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from engagement_cli.loading.problems import InputError, Problem

_CHUNK = 1 << 16
# A read of n bytes allocates n bytes first: asking for the file's own size (plus one, to
# see it grow) rather than a fixed megabyte keeps each read to one small allocation.

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
)


def _not_regular(mode: int) -> str | None:
    for test, message in _KINDS:
        if test(mode):
            return message
    return None if stat.S_ISREG(mode) else "is not a regular file"


def _unreadable(message: str, problem_id: str = "unreadable") -> InputError:
    return InputError([Problem(problem_id, message)])


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """Up to `max_bytes + 1` bytes of the regular file at `path` (one more than the limit,
    so the caller can tell an oversized file without reading it whole).

    Raises `InputError` with id `not-a-file` for anything but a regular file and
    `unreadable` for file-system trouble, each with the reason in plain words.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise _unreadable("file not found") from None
    except PermissionError:
        raise _reason_denied(path) from None
    except OSError as error:
        kind = _kind_of(path)
        if kind is not None:
            raise _unreadable(kind, "not-a-file") from None
        raise _unreadable(f"cannot read file: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        kind = _not_regular(info.st_mode)
        if kind is not None:
            raise _unreadable(kind, "not-a-file")
        return _read_up_to(descriptor, max_bytes + 1, info.st_size)
    except OSError as error:
        if error.errno == errno.EISDIR:
            raise _unreadable("is a folder, not a file", "not-a-file") from None
        raise _unreadable(f"cannot read file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def _read_up_to(descriptor: int, limit: int, size_hint: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    # The size the file says it has, plus one byte to see it grow; then small chunks, for
    # a file that grows or reports no size.
    ask = size_hint + 1 if size_hint > 0 else _CHUNK
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, ask))
        ask = _CHUNK
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _kind_of(path: Path) -> str | None:
    try:
        return _not_regular(os.stat(path).st_mode)
    except OSError:
        return None


def _reason_denied(path: Path) -> InputError:
    # Say which: the file itself, or a folder on the way that cannot be entered.
    for folder in Path(os.path.abspath(path)).parents:
        if os.path.isdir(folder) and not os.access(folder, os.X_OK):
            return _unreadable(f"permission denied: cannot enter the folder {folder}")
    return _unreadable("permission denied")
