"""A corpus of hostile and broken inputs, each with the answer it must get."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from benchmarks.generate import generate

from engagement_cli.discovery import Candidate
from engagement_cli.models.result import FileResult
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_candidate, assess_path
from tests.conftest import EXAMPLES

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load(
    (HERE / "expected.yaml").read_text(encoding="utf-8")
)
VALID = (EXAMPLES / "lego-ideas.yaml").read_text(encoding="utf-8")


def _assess(path: Path, rubric: Rubric) -> FileResult:
    return assess_path(path, path.name, Settings(rubric=rubric))


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gets_its_expected_answer(name: str, rubric: Rubric) -> None:
    expected = EXPECTED[name]
    started = time.perf_counter()
    result = _assess(CORPUS / name, rubric)
    assert time.perf_counter() - started < 1.0
    if "verdict" in expected:
        assert result.assessment is not None, result.findings
        assert result.assessment.verdict == expected["verdict"]
        return
    assert result.assessment is None
    first = result.findings[0]
    assert first.id == expected["problem"]
    assert first.line == expected.get("line", first.line)
    assert all(finding.line is not None for finding in result.findings)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (os.urandom(4096) + b"\x00", "not-text"),
        (b"name: caf\xe9\n", "not-text"),
        (VALID.encode() + b"\x00", "not-text"),
        (b"x: " + b"a" * (1024 * 1024), "file-too-large"),
        (b"", "empty-file"),
    ],
)
def test_generated_binary_and_oversized_inputs(
    content: bytes, problem: str, tmp_path: Path, rubric: Rubric
) -> None:
    path = tmp_path / "input.yaml"
    path.write_bytes(content)
    result = _assess(path, rubric)
    assert [finding.id for finding in result.findings] == [problem]
    assert result.findings[0].line is not None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(encoding: str, tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "wide.yaml"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path.write_bytes(bom + VALID.encode(encoding))
    result = _assess(path, rubric)
    assert result.assessment is not None
    assert result.assessment.verdict == "co-creation"


def test_too_many_groups(tmp_path: Path, rubric: Rubric) -> None:
    group = "  - {name: g, role: users, relationship: external}\n"
    path = tmp_path / "many.yaml"
    path.write_text("name: x\npurpose: new offering\nprocess: iterative\ngroups:\n" + group * 201)
    (finding,) = _assess(path, rubric).findings
    assert (finding.id, finding.line) == ("too-many-groups", 4)


def test_unreadable_and_vanished_files(
    tmp_path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = _assess(tmp_path / "gone.yaml", rubric)
    assert (missing.findings[0].id, missing.findings[0].message) == (
        "unreadable",
        "file not found",
    )
    # A file a folder walk found, gone by the time it is read.
    vanished = assess_candidate(
        Candidate(tmp_path / "gone.yaml", "gone.yaml"), Settings(rubric=rubric)
    )
    assert "removed during the run" in vanished.findings[0].message
    locked = tmp_path / "locked.yaml"
    locked.write_text(VALID)
    real_open = os.open

    def refuse(path: object, *args: int) -> int:
        # Tests run as root, which no permission bit stops: refuse as the kernel would.
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert _assess(locked, rubric).findings[0].message == "permission denied"
    (tmp_path / "dir.yaml").mkdir()
    assert _assess(tmp_path / "dir.yaml", rubric).findings[0].id == "not-a-file"


def test_ctrl_c_during_a_batch_exits_130_without_traceback(tmp_path: Path) -> None:
    generate(tmp_path / "many", 5000, seed=3)
    engage = Path(sys.executable).parent / "engage"
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        [str(engage), "check", str(tmp_path / "many"), "-o", str(report)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if process.returncode in (0, 1):
        pytest.skip("the batch finished before the interrupt arrived")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    assert not report.exists(), "no half-written report"
    assert not list(tmp_path.glob(".report.json.*"))
