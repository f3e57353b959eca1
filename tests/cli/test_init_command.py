"""`engage init`: scripted answers give a file `assess` accepts and classifies as implied."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.loading.project_file import read_project_file
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path

runner = CliRunner()

SHARED_WORK = ["shares decisions", "yes"]
CO_PRODUCTION = [
    "Shared garden",
    "",
    "co-production",
    "improve existing",
    "iterative",
    "2",
    "gardeners",
    "users",
    "external",
    *SHARED_WORK * 5,
    "both",
    "credited",
    "yes",
    "council parks team",
    "provider",
    "internal",
    *SHARED_WORK * 5,
    "both",
    "none",
    "no",
    "yes",
    "yes",
    "partly",
    "yes",
]
NO_PART = ["", ""]  # no say, no work
CONSULTATION = [
    "Bus timetable survey",
    "Asking riders about times.",
    "consultation",
    "",  # purpose: skipped
    "structured",
    "2",
    "bus riders",
    "customers",
    "outside",
    "consulted",
    "no",
    *NO_PART * 4,
    "",
    "",
    "yes",
    "transport team",
    "staff",
    "",  # relationship: the provider's default, internal
    *["decides", "yes"] * 5,
    "both",
    "",
    "",
    "yes",
    "no",
]


@pytest.mark.parametrize(
    ("answers", "verdict"), [(CO_PRODUCTION, "co-production"), (CONSULTATION, "consultation")]
)
def test_scripted_answers_give_the_implied_verdict(
    answers: list[str], verdict: str, tmp_path: Path, rubric: Rubric
) -> None:
    target = tmp_path / "new.yaml"
    result = runner.invoke(app, ["init", str(target), "--ask"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assessed = assess_path(target, "new.yaml", Settings(rubric=rubric))
    assert assessed.assessment is not None, assessed.findings
    assert assessed.assessment.verdict == verdict
    assert assessed.assessment.claim.status.value == "matches"
    assert target.read_text().startswith("# engage project description")


def test_invalid_answer_is_asked_again(tmp_path: Path) -> None:
    answers = list(CONSULTATION)
    answers.insert(3, "sideways")  # not a purpose: asked again
    result = runner.invoke(
        app, ["init", str(tmp_path / "p.yaml"), "--ask"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0
    assert "Please answer with one of" in result.stderr


def test_without_a_terminal_writes_a_valid_commented_template(
    tmp_path: Path, rubric: Rubric
) -> None:
    target = tmp_path / "project.yaml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0
    text = target.read_text()
    assert "# provider | users | community | partners | suppliers" in text
    loaded = read_project_file(target)
    assert len(loaded.project.groups) == 2
    assessed = assess_path(target, "t", Settings(rubric=rubric))
    assert assessed.assessment is not None
    assert assessed.assessment.verdict == "co-design"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n")
    result = runner.invoke(app, ["init", str(target), "--defaults"])
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text() == "precious\n"
    assert runner.invoke(app, ["init", str(target), "--defaults", "--force"]).exit_code == 0
    assert target.read_text() != "precious\n"
