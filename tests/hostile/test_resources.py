"""The worst single inputs found so far stay under 500 MB of memory.

Each case is the largest of its kind the limits let through: a project file of 99,000
unknown keys or one 900 KB value, a rubric of criteria that each refer twice to the one
before, a rubric at the work budget assessing a project at the group limit, a rubric of
20,000 criteria rendered as HTML, and a rubric that is one long list. They run as the
installed command so that the peak resident memory of the whole process is measured.
Time is guarded only against hangs here; the 10-second target for these cases is
measured by `python -m benchmarks.run`, where timing cannot make the suite flaky.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from engagement_cli.loading.limits import DEFAULT_MAX_GROUPS
from engagement_cli.rubric.compiled import MAX_REFERENCE_DEPTH, MAX_WORK
from tests.conftest import EXAMPLES
from tests.hostile import rubric_bombs

MEMORY_LIMIT_KIB = 500 * 1024
HANG_GUARD_SECONDS = 120
PROJECT = str(EXAMPLES / "exercise-programme-co-produced.yaml")


def _run(arguments: list[str], cwd: Path) -> tuple[int, int]:
    """Exit code and peak resident memory (KiB) of one engage process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "engagement_cli", *arguments],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage.ru_maxrss
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"engage {' '.join(arguments)} ran for over {HANG_GUARD_SECONDS} s")
        time.sleep(0.05)


def _unknown_keys(folder: Path) -> list[str]:
    lines = ["name: many keys", "groups:", "  - {name: s, role: provider, stages: {run: decides}}"]
    lines += [f"k{index}: 1" for index in range(99_000)]
    path = rubric_bombs.write(folder, "keys.yaml", "\n".join(lines) + "\n")
    return ["check", str(path), "-f", "sarif", "-f", "json:out.json", "-f", "html:out.html"]


def _long_value(folder: Path) -> list[str]:
    path = rubric_bombs.write(
        folder, "value.yaml", f"name: n\nclaimed_approach: {'x' * 900_000}\ngroups: []\n"
    )
    return ["check", str(path), "-f", "json", "-f", "text:out.txt"]


def _doubling(folder: Path) -> list[str]:
    rubric = rubric_bombs.write(folder, "r.yaml", rubric_bombs.doubling(MAX_REFERENCE_DEPTH - 1))
    return ["assess", "--rubric", str(rubric), PROJECT, "-f", "json"]


def _at_the_work_budget(folder: Path) -> list[str]:
    # The default rubric's own conditions use part of the budget; leave them room.
    count = MAX_WORK // (DEFAULT_MAX_GROUPS + 1) - 400
    rubric = rubric_bombs.write(folder, "r.yaml", rubric_bombs.wide(count))
    project = rubric_bombs.write(folder, "p.yaml", rubric_bombs.many_groups(DEFAULT_MAX_GROUPS))
    return ["assess", "--rubric", str(rubric), str(project), "-f", "json"]


def _many_criteria_html(folder: Path) -> list[str]:
    rubric = rubric_bombs.write(
        folder, "r.yaml", rubric_bombs.wide(20_000, rubric_bombs.PROJECT_TEST)
    )
    return [
        "check",
        "--rubric",
        str(rubric),
        PROJECT,
        str(EXAMPLES / "threadless.yaml"),
        "-f",
        "html",
    ]


def _long_list_rubric(folder: Path) -> list[str]:
    rubric = rubric_bombs.write(
        folder, "r.yaml", "rubric: {id: x, version: 1}\njunk: [" + ",".join(["1"] * 999_000) + "]\n"
    )
    return ["rubric", "validate", str(rubric)]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "99k unknown keys": _unknown_keys,
    "900 KB value": _long_value,
    "doubling references": _doubling,
    "work budget, 200 groups": _at_the_work_budget,
    "20k criteria as HTML": _many_criteria_html,
    "a million-item rubric": _long_list_rubric,
}


@pytest.mark.parametrize("name", list(CASES))
def test_worst_cases_stay_under_500_mb(tmp_path: Path, name: str) -> None:
    arguments = CASES[name](tmp_path)
    code, peak_kib = _run(arguments, tmp_path)
    assert code in (0, 1, 2), f"{name}: exit {code}"
    assert peak_kib < MEMORY_LIMIT_KIB, f"{name}: {peak_kib / 1024:.0f} MiB"
