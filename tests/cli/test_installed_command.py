"""The installed `engage` command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ENGAGE = Path(sys.executable).parent / "engage"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    assert ENGAGE.exists(), f"install the project first (pip install '.[test]'): no {ENGAGE}"
    return subprocess.run(
        [str(ENGAGE), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        check=False,
    )


def test_version_and_help() -> None:
    assert _run("--version").stdout.startswith("engage ")
    help_text = _run("--help").stdout
    assert "assess" in help_text
    assert "schema" in help_text


@pytest.mark.parametrize(
    ("example", "code"),
    [
        ("lego-ideas.yaml", 0),
        ("youth-survey-called-co-production.yaml", 1),
    ],
)
def test_exit_codes(example: str, code: int) -> None:
    assert _run("assess", str(EXAMPLES / example)).returncode == code


CASES = Path(__file__).resolve().parents[1] / "acceptance" / "cases"
CLAIMS = {
    "over-claim": CASES / "youth-survey-called-co-production" / "project.yaml",
    "mislabel": CASES / "bespoke-interior-choices" / "project.yaml",
    "under-claim": CASES / "co-produced-but-called-consultation" / "project.yaml",
}


@pytest.mark.parametrize(
    ("finding", "assess_code", "fails_from"),
    [("over-claim", 1, "error"), ("mislabel", 0, "warning"), ("under-claim", 0, "note")],
)
def test_each_kind_of_claim_sets_the_exit_code_by_its_severity(
    finding: str, assess_code: int, fails_from: str
) -> None:
    path = str(CLAIMS[finding])
    assessed = _run("assess", path)
    assert assessed.returncode == assess_code, assessed.stderr
    report = json.loads(_run("assess", "--format", "json", path).stdout)
    assert [item["id"] for item in report["files"][0]["findings"]] == [finding]
    thresholds = ["error", "warning", "note"]
    for threshold in thresholds:
        code = _run("check", path, "--fail-on", threshold).returncode
        expected = 1 if thresholds.index(threshold) >= thresholds.index(fails_from) else 0
        assert code == expected, f"{finding} with --fail-on {threshold}"


def test_invalid_input_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nname: y\n")
    result = _run("assess", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:2:1: error [duplicate-key]" in result.stderr


def test_json_is_byte_identical_across_processes() -> None:
    example = str(EXAMPLES / "linux-open-source.yaml")
    first = _run("assess", "--format", "json", example, PYTHONHASHSEED="1").stdout
    second = _run("assess", "--format", "json", example, PYTHONHASHSEED="2").stdout
    assert first == second
    assert json.loads(first)["files"][0]["assessment"]["verdict"] == "co-creation"


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "engagement_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("engage ")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", "lego-ideas.yaml", "threadless.yaml"], 0),
        (["check", "."], 1),
        (["check", "no-such-thing"], 2),
    ],
)
def test_check_exit_codes(args: list[str], code: int) -> None:
    assert ENGAGE.exists()
    result = subprocess.run(
        [str(ENGAGE), *args], capture_output=True, text=True, timeout=120, cwd=EXAMPLES, check=False
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


def test_default_rubric_is_found_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ENGAGE), "assess", str(EXAMPLES / "lego-ideas.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_internal_error_is_one_line_without_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from engagement_cli import cli

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("engagement_cli.runner.assess_path", explode)
    monkeypatch.setattr(sys, "argv", ["engage", "assess", str(EXAMPLES / "lego-ideas.yaml")])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err
    monkeypatch.setattr(
        sys, "argv", ["engage", "--debug", "assess", str(EXAMPLES / "lego-ideas.yaml")]
    )
    with pytest.raises(RuntimeError, match="boom"):
        cli.main()


def test_check_in_a_fresh_clone_lists_only_the_repositorys_own_files(tmp_path: Path) -> None:
    # The Quick start makes a .venv that .gitignore lists; its packages ship YAML files,
    # and lib64 links to lib. None of that is the project's.
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text(".venv/\n*.egg-info/\n")
    (tmp_path / "examples").mkdir()
    for name in ("lego-ideas.yaml", "threadless.yaml"):
        (tmp_path / "examples" / name).write_bytes((EXAMPLES / name).read_bytes())
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(tmp_path / ".venv")], check=True
    )
    site = tmp_path / ".venv" / "lib" / "python3" / "site-packages" / "pkg"
    site.mkdir(parents=True)
    (site / "config.yaml").write_text("not: a project\n")
    if not (tmp_path / ".venv" / "lib64").exists():
        os.symlink("lib", tmp_path / ".venv" / "lib64")
    (tmp_path / "examples" / "loop").symlink_to(tmp_path / "examples")
    result = subprocess.run(
        [str(ENGAGE), "check", ".", "--list-files"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["examples/lego-ideas.yaml", "examples/threadless.yaml"]
    checked = subprocess.run(
        [str(ENGAGE), "check", ".", "-f", "text"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout  # a link loop is not a failing file
    assert checked.stdout.splitlines()[-1].startswith("2 files:")


@pytest.mark.parametrize(
    "formats",
    [("-f", "json"), ("-f", "json", "--evidence"), ("-f", "text"), ("-f", "github")],
    ids=["json", "json-evidence", "text", "github"],
)
def test_two_processes_write_the_same_bytes_as_one(
    tmp_path: Path, formats: tuple[str, ...]
) -> None:
    # Enough files for a real pool of workers (a handful is assessed in-process).
    folder = tmp_path / "portfolio"
    for copy in range(6):
        for example in sorted(EXAMPLES.glob("*.yaml")):
            (folder / f"batch-{copy}").mkdir(parents=True, exist_ok=True)
            (folder / f"batch-{copy}" / example.name).write_bytes(example.read_bytes())
    (folder / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"jobs-{jobs}.out"
        result = _run("check", str(folder), *formats, "-o", str(target), "--jobs", jobs)
        assert result.returncode == 1, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10_000
