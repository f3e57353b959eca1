"""`engage checklist`: items from the rubric, answered from a project, in three formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.rubric.load import default_rubric_path
from tests.conftest import EXAMPLES

runner = CliRunner()
TASK = re.compile(r"^- \[( |x)\] \S.*$")


def test_unknown_approach_exits_2_listing_valid_ones() -> None:
    result = runner.invoke(app, ["checklist", "co-everything"])
    assert result.exit_code == 2
    assert (
        "choose from consultation, collaboration, co-design, co-creation, co-production"
        in result.stderr
    )


def test_markdown_is_a_valid_task_list() -> None:
    result = runner.invoke(
        app,
        [
            "checklist",
            "co-production",
            "-f",
            "markdown",
            "--project",
            str(EXAMPLES / "exercise-programme-co-produced.yaml"),
        ],
    )
    assert result.exit_code == 0
    items = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert len(items) == 4
    assert all(TASK.match(line) for line in items)
    assert sum(line.startswith("- [x]") for line in items) == 3
    assert "Status: **GREEN (88%)**" in result.stdout


def test_items_come_from_the_rubric(tmp_path: Path) -> None:
    text = (
        default_rubric_path()
        .read_text(encoding="utf-8")
        .replace(
            "text: All parties will take part as equals.",
            "text: Everyone meets as equals, from our own rubric.",
        )
    )
    custom = tmp_path / "rubric.yaml"
    custom.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["checklist", "co-production", "--rubric", str(custom), "-f", "json"]
    )
    texts = [item["text"] for item in json.loads(result.stdout)["items"]]
    assert "Everyone meets as equals, from our own rubric." in texts


def test_rich_view_shows_reasons_and_sources() -> None:
    result = runner.invoke(app, ["checklist", "collaboration"])
    assert result.exit_code == 0
    for item in ("collaboration-aligned-goals", "collaboration-trust", "[001]", "Why it matters"):
        assert item in result.stdout


@pytest.mark.parametrize(
    ("answers", "status"),
    [
        (["yes", "yes", "yes", "partly"], "green"),  # 0.875
        (["yes", "yes", "yes", "no"], "amber"),  # 0.75
        (["yes", "yes", "no", "no"], "amber"),  # 0.50: amber at the boundary
        (["yes", "partly", "no", "no"], "red"),  # 0.375
        (["unknown"] * 4, "not-assessed"),  # nobody answered: no colour, not red
        (["yes", "unknown", "no", "unknown"], "amber"),  # 0.5 over the two answered
    ],
)
def test_red_amber_green_at_the_boundaries(answers: list[str], status: str, tmp_path: Path) -> None:
    items = [
        "co-production-resources",
        "co-production-time-and-action",
        "co-production-equal-parties",
        "co-production-share-power",
    ]
    project = (EXAMPLES / "exercise-programme-co-produced.yaml").read_text()
    project = (
        project.split("readiness:")[0]
        + "readiness:\n"
        + "".join(f"  {item}: {answer}\n" for item, answer in zip(items, answers, strict=True))
    )
    path = tmp_path / "p.yaml"
    path.write_text(project)
    result = runner.invoke(app, ["checklist", "co-production", "-p", str(path), "-f", "json"])
    assert json.loads(result.stdout)["status"] == status


def test_an_unanswered_checklist_is_not_assessed_in_every_format(tmp_path: Path) -> None:
    project = (EXAMPLES / "exercise-programme-co-produced.yaml").read_text()
    none_answered = tmp_path / "none.yaml"
    none_answered.write_text(project.split("readiness:")[0])
    some_answered = tmp_path / "some.yaml"
    some_answered.write_text(
        project.split("readiness:")[0]
        + "readiness:\n  co-production-resources: yes\n  co-production-share-power: no\n"
    )
    views = {
        "assess": ["assess", str(none_answered)],
        "html": ["assess", str(none_answered), "-f", "html"],
        "checklist": ["checklist", "co-production", "-p", str(none_answered)],
        "markdown": ["checklist", "co-production", "-p", str(none_answered), "-f", "markdown"],
    }
    for name, args in views.items():
        out = runner.invoke(app, args).stdout
        assert "NOT ASSESSED" in out, name
        assert "RED" not in out, name
    report = json.loads(runner.invoke(app, ["assess", str(none_answered), "-f", "json"]).stdout)
    (readiness,) = report["files"][0]["assessment"]["readiness"]
    assert (readiness["status"], readiness["score"], readiness["unanswered"]) == (
        "not-assessed",
        None,
        4,
    )
    partly = runner.invoke(app, ["checklist", "co-production", "-p", str(some_answered)]).stdout
    assert "AMBER (50% of the answered items; 2 of 4 unanswered)" in partly
