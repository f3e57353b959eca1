"""Exit codes, decided in one place.

0  assessed, nothing at or above the failure threshold
1  findings at or above the threshold (for `assess`: the project over-claims)
2  invalid input or usage: a bad argument, rubric or config, a file that cannot be
   assessed by `assess`, or no files matched by `check`
70 an internal error in engage itself (a bug: please report it)
74 a report cannot be written (standard output closed, a full device)
128+N a worker of `check --jobs` was killed by signal N
129, 143 stopped by SIGHUP or SIGTERM (128 + the signal), after cleaning up
130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import signal
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module on every start; keep it light
    from engagement_cli.models.result import FileResult, Summary


class ExitCode(IntEnum):
    """The process exit codes engage uses."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 70
    IO_ERROR = 74
    INTERRUPTED = 130


def assess_exit_code(result: FileResult) -> ExitCode:
    """`engage assess`: 2 if the file could not be assessed, 1 if it over-claims, else 0."""
    if result.assessment is None:
        return ExitCode.USAGE
    if any(finding.id == "over-claim" for finding in result.active_findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def check_exit_code(summary: Summary, *, no_fail: bool = False) -> ExitCode:
    """`engage check`: 1 if any file has an active finding at or above the threshold."""
    if no_fail or summary.failing_files == 0:
        return ExitCode.OK
    return ExitCode.FINDINGS


class WorkerStopped(Exception):
    """A worker process of `check --jobs` ended before its work was done; the CLI exits
    128 + the signal that stopped it, as a shell reports a killed process."""

    def __init__(self, signal_number: int | None) -> None:
        self.signal_number = signal_number
        name = _signal_name(signal_number)
        super().__init__(
            f"a worker process was stopped{f' by {name}' if name else ''} before the run "
            "was done (killed, or out of memory), so the report is incomplete. Rerun, or use "
            "--jobs 1 to find the file"
        )


def _signal_name(number: int | None) -> str | None:
    if number is None:
        return None
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
