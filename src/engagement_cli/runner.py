"""Running assessments over files: the one place that reads project files for a report.

It ties the pure pieces together (loading, rubric checks, engine, policy) and turns
every input problem into an error result for that file, so one bad file never loses
the results of the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engagement_cli import __version__
from engagement_cli.engine.assess import assess
from engagement_cli.engine.policy import RULES, Policy, input_findings, policy_findings
from engagement_cli.loading.problems import InputError
from engagement_cli.loading.project_file import Limits, LoadedProject, read_project_file
from engagement_cli.models.result import FileResult, Report
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.rubric.project_check import check_against_rubric


@dataclass(frozen=True)
class Settings:
    """Everything that decides how files are assessed."""

    rubric: Rubric
    policy: Policy = field(default_factory=Policy)
    limits: Limits = field(default_factory=Limits)


def assess_loaded(loaded: LoadedProject, label: str, settings: Settings) -> FileResult:
    """Assess an already-validated project."""
    problems = check_against_rubric(loaded, settings.rubric)
    if problems:
        return FileResult(file=label, assessment=None, findings=input_findings(problems, label))
    positions = loaded.document.values
    assessment = assess(loaded.project, settings.rubric, positions)
    findings = policy_findings(
        assessment, loaded.project, settings.rubric, settings.policy, label, positions
    )
    return FileResult(
        file=label, assessment=assessment, claimed=assessment.claim.claimed, findings=findings
    )


def assess_path(path: Path, label: str, settings: Settings) -> FileResult:
    """Read, validate and assess one file; never raises for a problem with the file."""
    try:
        loaded = read_project_file(path, settings.limits)
    except InputError as error:
        return FileResult(
            file=label, assessment=None, findings=input_findings(error.problems, label)
        )
    return assess_loaded(loaded, label, settings)


def build_report(results: Iterable[FileResult], rubric: Rubric) -> Report:
    """Gather file results into a report."""
    return Report(
        tool_version=__version__,
        rubric=rubric.label,
        approaches=[approach.id for approach in rubric.approaches],
        approach_names={approach.id: approach.name for approach in rubric.approaches},
        files=list(results),
        rules=list(RULES.values()),
    )
