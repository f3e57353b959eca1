"""The process around a run: stop signals, standard streams, odd arguments and settings.

Each test runs the installed command in a subprocess with a time limit: a run that hangs,
leaves a worker behind holding the caller's pipes, or leaves a temporary file fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate import generate
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES

TIMEOUT = 60
CLEAN = EXAMPLES / "council-newsletter.yaml"  # no claim: a batch of these passes


def _command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "engagement_cli", *arguments]


def _run(*arguments: str, cwd: Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(*arguments),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    generate(folder, 3000, seed=5)
    return folder


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition: object, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.02)
    raise AssertionError("the run never reached the point to stop it at")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stop_signal_cleans_up_and_exits_128_plus_the_signal(
    signum: int, jobs: str, many: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        _command("check", str(many), "--jobs", jobs, "-o", str(report), "-f", "text"),
        cwd=tmp_path,
        stdout=subprocess.PIPE,  # a worker left behind would hold these open
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: any(tmp_path.glob(".report.json.*.tmp")))
        if jobs == "2":
            _wait_for(lambda: len(_children(process.pid)) >= 2)
        time.sleep(0.2)
        workers = _children(process.pid)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert ("interrupted" if signum == signal.SIGINT else signal.Signals(signum).name) in stderr
    assert not report.exists()
    assert not list(tmp_path.glob(".report.json.*"))
    assert not [pid for pid in workers if _alive(pid)], "no worker outlives the run"


def test_a_reader_that_leaves_keeps_the_true_exit_code(tmp_path: Path) -> None:
    for index in range(400):
        shutil.copy(CLEAN, tmp_path / f"p{index:03}.yaml")
    for output_format in ("json", "text", "sarif"):
        result = subprocess.run(
            [
                "bash",
                "-c",
                '"$@" | head -c 10 >/dev/null; exit "${PIPESTATUS[0]}"',
                "run",
                *_command("check", ".", "-f", output_format),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, (output_format, result.stderr)
        assert "Traceback" not in result.stderr
        assert "Exception ignored" not in result.stderr


def test_a_closed_stdout_is_an_io_error_and_a_closed_stderr_changes_nothing(
    tmp_path: Path,
) -> None:
    shutil.copy(CLEAN, tmp_path / "p.yaml")
    no_stdout = _run("check", "p.yaml", cwd=tmp_path, preexec_fn=lambda: os.close(1))
    assert no_stdout.returncode == 74
    assert "standard output" in no_stdout.stderr
    assert "Traceback" not in no_stdout.stderr
    # A report written to a file needs no standard output.
    to_file = _run(
        "check", "p.yaml", "-o", "out.json", cwd=tmp_path, preexec_fn=lambda: os.close(1)
    )
    assert to_file.returncode == 0, to_file.stderr
    assert (tmp_path / "out.json").is_file()
    no_stderr = _run("check", "p.yaml", "-f", "text", cwd=tmp_path, preexec_fn=lambda: os.close(2))
    assert no_stderr.returncode == 0
    assert "p.yaml: verdict" in no_stderr.stdout
    # Messages that have nowhere to go do not land in a file opened later.
    bad = _run(
        "check",
        "p.yaml",
        "--fail-on",
        "x",
        "-o",
        "r.txt",
        cwd=tmp_path,
        preexec_fn=lambda: os.close(2),
    )
    assert bad.returncode == 2
    assert not (tmp_path / "r.txt").exists()


@settings(max_examples=15, deadline=None)
@given(
    epoch=st.one_of(
        st.integers(min_value=10**12, max_value=10**30).map(str),
        st.integers(max_value=-(10**12)).map(str),
        st.text(alphabet="0123456789e.-+ x", min_size=1, max_size=25),
    )
)
def test_a_source_date_epoch_that_cannot_be_shown_is_ignored_with_a_warning(epoch: str) -> None:
    from typer.testing import CliRunner

    from engagement_cli.cli import app

    result = CliRunner().invoke(
        app, ["check", str(CLEAN), "-f", "junit"], env={"SOURCE_DATE_EPOCH": epoch}
    )
    assert result.exit_code == 0, result.output
    assert 'timestamp="' in result.stdout


@pytest.mark.parametrize("size", ["100000000000000", str(2**63), str(2**70)])
def test_any_max_file_size_is_honoured_without_exhausting_memory(size: str, tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "p.yaml")
    for command in ("check", "assess"):
        result = _run(command, "p.yaml", "--max-file-size", size, cwd=tmp_path)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("pattern", ["a\\", "x/\\", "[", "**\\"])
def test_a_bad_exclude_pattern_is_a_usage_error(pattern: str, tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "p.yaml")
    result = _run("check", ".", "--exclude", pattern, cwd=tmp_path)
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 2:
        assert "exclude pattern" in result.stderr
    (tmp_path / ".engage.yaml").write_text(f"exclude: ['{pattern}']\n")
    from_config = _run("check", ".", cwd=tmp_path)
    assert from_config.returncode in (0, 2)
    assert "Traceback" not in from_config.stderr


@pytest.mark.parametrize(
    ("pyproject", "line"),
    [
        (b"[tool.engage]\n# caf\xe9\nfail-on = 'error'\n", 2),
        (b"[project]\nname = 'x'\n\n[tool.engage]\nfail-on = 'sometimes'\n", 5),
        (b"[tool.engage]\nrequire = 'co-design'\nunknown = 1\n", 3),
        (b"[tool.engage]\nfail-on = \n", 2),
    ],
)
def test_pyproject_problems_are_located(pyproject: bytes, line: int, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    shutil.copy(CLEAN, tmp_path / "p.yaml")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert f"pyproject.toml:{line}:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_messages_quote_values_from_a_config_literally(tmp_path: Path) -> None:
    (tmp_path / ".engage.yaml").write_text('require: "\\e]52;c;aGk=\\a\\e[2J co-x"\n')
    shutil.copy(CLEAN, tmp_path / "p.yaml")
    result = _run("check", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert "\\x1b]52" in result.stderr
