"""The process around a command: stop signals and the standard streams.

Ctrl-C (SIGINT), SIGTERM (how a CI runner stops a step), SIGHUP (its terminal gone) and
the other catchable signals that end a process (SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM) all
end engage the same way, at once and cleanly: worker processes are killed, every
unfinished report file is removed, one line says what happened, and the exit code is
128 + the signal (130, 143, 129). The handler does this itself rather than raising into
the interrupted code, which may be holding a lock a clean-up would need.

Standard output that is closed, or whose reader has gone (`engage check | head`), must
neither crash engage nor change its exit code: a reader that left stops the output, not
the run; a stream closed before engage started is an I/O error said in words. A closed
descriptor is also filled with /dev/null at once, so that no file engage opens later can
land on descriptor 1 or 2 and receive what was meant for the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import io
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

STOPPING = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM")
    if hasattr(signal, name)
)
"""Every signal whose default is to end the process and that a handler may catch: a CI
runner sends SIGTERM or SIGHUP, but any of them must clean up the same way."""

_clean_ups: list[Callable[[], None]] = []


def on_stop(clean_up: Callable[[], None]) -> None:
    """Run `clean_up` if a stop signal ends the run (it must be quick and never raise)."""
    _clean_ups.append(clean_up)


def _stop(signum: int, _frame: FrameType | None) -> None:
    for other in STOPPING:
        signal.signal(other, signal.SIG_IGN)
    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=2)  # reaped here, not left to a container's init
    for clean_up in _clean_ups:
        # Stopping: one clean-up failing must not keep the next from running.
        with contextlib.suppress(Exception):
            clean_up()
    # After ^C the terminal's cursor sits on the same line; a CI log needs no blank line.
    if signum == signal.SIGINT:
        message = "\nengage: interrupted\n"
    else:
        message = f"engage: stopped by {signal.Signals(signum).name}\n"
    os.write(2, message.encode())
    os._exit(128 + signum)


def handle_stop_signals() -> None:
    """Install the stop handler for every signal in STOPPING for the rest of the run."""
    for signum in STOPPING:
        signal.signal(signum, _stop)


class StandardOutputError(OSError):
    """Standard output cannot be written: closed before engage started, or failing
    (a full disk, an I/O error). A reader that has gone is not this."""


class _Stdout(io.RawIOBase):
    """Descriptor 1, where a reader that has gone means "stop writing", not an error."""

    def __init__(self, *, closed_at_start: bool) -> None:
        super().__init__()
        self.closed_at_start = closed_at_start
        self.reader_gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return not self.closed_at_start and os.isatty(1)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.closed_at_start:
            raise StandardOutputError(errno.EBADF, "standard output is closed")
        if self.reader_gone:
            return size
        try:
            return os.write(1, data)
        except BrokenPipeError:
            # `| head` has read its fill: the rest of the output has no reader, but the
            # run still finishes and exits with its true code.
            self.reader_gone = True
            return size
        except OSError as error:
            raise StandardOutputError(error.errno, error.strerror or str(error)) from None


def _is_open(descriptor: int) -> bool:
    try:
        os.fstat(descriptor)
    except OSError:
        return False
    return True


def _fill_with_devnull(descriptor: int, mode: int) -> None:
    null = os.open(os.devnull, mode)
    if null != descriptor:
        os.dup2(null, descriptor)
        os.close(null)


def guard_standard_streams() -> None:
    """Make descriptors 0-2 safe to use, and standard output robust, for this process."""
    closed = {descriptor: not _is_open(descriptor) for descriptor in (0, 1, 2)}
    for descriptor, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        if closed[descriptor]:
            _fill_with_devnull(descriptor, mode)
    if closed[2]:
        # Messages have nowhere to go; the run itself, and its exit code, are unchanged.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    if closed[0]:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the process
    previous = sys.stdout
    encoding = getattr(previous, "encoding", None) or "utf-8"
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Stdout(closed_at_start=closed[1])),
        encoding=encoding,
        # A terminal that cannot show a character gets an escape rather than a crash.
        errors="strict" if encoding.lower().replace("-", "") == "utf8" else "backslashreplace",
        newline=None,
        line_buffering=bool(getattr(previous, "line_buffering", False)),
    )


def flush_standard_output() -> None:
    """Flush what is left before exit; raises `StandardOutputError` if it cannot be written."""
    sys.stdout.flush()


def abandon_standard_output() -> None:
    """After a `StandardOutputError`: drop what is buffered, so exit does not retry it."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
