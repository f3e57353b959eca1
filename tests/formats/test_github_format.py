"""GitHub workflow commands: escaping by the Actions toolkit's rules, and the limit warning."""

from __future__ import annotations

from engagement_cli.formats.github_format import (
    ANNOTATIONS_PER_STEP,
    annotation,
    escape_data,
    escape_property,
    render_github,
)
from engagement_cli.models.result import FileResult, Finding, Report, Severity


def _finding(
    file: str = "a.yaml",
    message: str = "m",
    severity: Severity = Severity.ERROR,
    line: int | None = 3,
) -> Finding:
    return Finding(
        id="over-claim",
        severity=severity,
        message=message,
        file=file,
        field="claimed_approach",
        line=line,
        column=2,
    )


def _report(*findings: Finding) -> Report:
    return Report(
        tool_version="0",
        rubric="r@1",
        approaches=[],
        approach_names={},
        rules=[],
        files=[
            FileResult(file=finding.file, assessment=None, findings=[finding])
            for finding in findings
        ],
    )


def test_escaping_follows_the_toolkit() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_hostile_names_cannot_inject_commands() -> None:
    hostile = "x.yaml,line=1::evil\n::error::injected %0A"
    line = annotation(_finding(file=hostile, message="bad\n::warning::also injected"))
    assert line.count("\n") == 0
    # Names and messages are one line in a command, as in every other view.
    assert line.startswith(
        "::error file=x.yaml%2Cline=1%3A%3Aevil %3A%3Aerror%3A%3Ainjected "
        "%250A,line=3,col=2,title=engage over-claim::"
    )
    assert line.endswith("claimed_approach: bad ::warning::also injected")


def test_plain_lines_never_start_a_command() -> None:
    output = render_github(_report(_finding(file="::error::x.yaml")))
    for line in output.splitlines():
        assert not line.startswith("::error::x")


def test_warns_when_annotations_would_be_dropped() -> None:
    findings = [_finding(file=f"f{index}.yaml") for index in range(ANNOTATIONS_PER_STEP + 1)]
    lines = render_github(_report(*findings)).splitlines()
    assert lines[-2].startswith("::warning title=engage::11 errors: GitHub shows only 10")
    assert "title=engage::" not in render_github(_report(*findings[:10]))
    warnings = [_finding(file=f"w{index}.yaml", severity=Severity.WARNING) for index in range(11)]
    notice = render_github(_report(*warnings)).splitlines()[-2]
    assert notice.startswith("::notice title=engage::11 warnings: GitHub shows only 10")
