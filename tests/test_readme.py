"""The README's samples are the tool's real output, and its project examples load.

A sample is a fenced ``text`` or ``markdown`` block whose first line is ``$ engage ...``.
Each ``$`` line is run (from a folder holding copies of examples/, rubrics/ and the test
fixtures, at COLUMNS=100 with no colour) and its output, standard output then standard
error, must match the lines under it: a line ``...`` stands for any number of lines, and a
line ending in `` ...`` for any line starting with what comes before it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from engagement_cli.loading.project_file import read_project_bytes
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
ENGAGE = Path(sys.executable).parent / "engage"
_SAMPLE = re.compile(r"^```(?:text|markdown)\n(\$ engage .*?)^```", re.MULTILINE | re.DOTALL)
_YAML = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _commands() -> list[tuple[str, list[str]]]:
    found = []
    for block in _SAMPLE.findall(README):
        command, expected = "", []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    found.append((command, expected))
                command, expected = line[2:], []
            else:
                expected.append(line)
        found.append((command, expected))
    return found


SAMPLES = _commands()


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` lines fit the `expected` pattern (see the module docstring)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[start:]) for start in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith(" ..."):
        fits = actual[0].startswith(head[: -len(" ...")])
    else:
        fits = actual[0].rstrip() == head.rstrip()
    return fits and matches(rest, actual[1:])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    for name in ("examples", "rubrics"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copytree(REPO / "tests" / "fixtures", folder / "tests" / "fixtures")
    return folder


def test_the_readme_has_samples() -> None:
    assert len(SAMPLES) >= 8


@pytest.mark.parametrize(("command", "expected"), SAMPLES, ids=[command for command, _ in SAMPLES])
def test_each_sample_is_the_commands_real_output(
    command: str, expected: list[str], workdir: Path
) -> None:
    arguments = shlex.split(command)
    assert arguments[0] == "engage"
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [str(ENGAGE), *arguments[1:]],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=workdir,
        env={**env, "COLUMNS": "100", "NO_COLOR": "1"},
        check=False,
    )
    actual = (result.stdout + result.stderr).splitlines()
    assert matches(expected, actual), "\n".join(["the command printed:", *actual])


@pytest.mark.parametrize(
    "block", [block for block in _YAML.findall(README) if "\ngroups:" in block]
)
def test_each_project_example_in_the_readme_loads(block: str) -> None:
    assert yaml.safe_load(block)["name"]
    assert read_project_bytes(block.encode()).project.groups


def test_the_matcher_rejects_what_does_not_fit() -> None:
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert matches(["pre ..."], ["prefix"])
    assert not matches(["a", "z"], ["a", "b", "z"])
    assert not matches(["a ..."], ["b"])
