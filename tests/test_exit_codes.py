"""Exit codes are decided in one place; 1 and 2 never mix."""

from __future__ import annotations

import pytest

from engagement_cli.exit_codes import ExitCode, assess_exit_code, check_exit_code
from engagement_cli.models.result import FileResult, Finding, Severity, Summary


def _result(*findings: Finding, valid: bool = True) -> FileResult:
    # Only the presence of an assessment matters to the exit code, so any stands in.
    return FileResult.model_construct(
        file="f.yaml", assessment=object() if valid else None, findings=list(findings)
    )


def _finding(
    severity: Severity, finding_id: str = "over-claim", suppressed: str | None = None
) -> Finding:
    return Finding(
        id=finding_id, severity=severity, message="m", file="f.yaml", suppressed=suppressed
    )


def test_assess_exit_codes() -> None:
    assert assess_exit_code(_result()) is ExitCode.OK
    assert assess_exit_code(_result(_finding(Severity.ERROR))) is ExitCode.FINDINGS
    assert assess_exit_code(_result(_finding(Severity.ERROR, suppressed="why"))) is ExitCode.OK
    assert assess_exit_code(_result(_finding(Severity.NOTE, "under-claim"))) is ExitCode.OK
    assert (
        assess_exit_code(_result(_finding(Severity.ERROR, "yaml-syntax"), valid=False))
        is ExitCode.USAGE
    )


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        (Severity.ERROR, Severity.ERROR, ExitCode.FINDINGS),
        (Severity.WARNING, Severity.ERROR, ExitCode.OK),
        (Severity.WARNING, Severity.WARNING, ExitCode.FINDINGS),
        (Severity.NOTE, Severity.WARNING, ExitCode.OK),
        (Severity.NOTE, Severity.NOTE, ExitCode.FINDINGS),
    ],
)
def test_check_threshold(severity: Severity, fail_on: Severity, expected: ExitCode) -> None:
    summary = Summary.start(["a"])
    summary.add(FileResult(file="f", assessment=None, findings=[_finding(severity)]), fail_on)
    assert check_exit_code(summary) is expected
    assert check_exit_code(summary, no_fail=True) is ExitCode.OK


def test_suppressed_findings_never_fail() -> None:
    summary = Summary.start(["a"])
    suppressed = _finding(Severity.ERROR, suppressed="on purpose")
    summary.add(FileResult(file="f", assessment=None, findings=[suppressed]), Severity.NOTE)
    assert check_exit_code(summary) is ExitCode.OK
