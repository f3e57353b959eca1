"""`engage approaches`, `explain` and `rubric validate/show`, generated from the rubric."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.rubric.load import default_rubric_path

runner = CliRunner()


def test_approaches_table_comes_from_the_rubric(tmp_path: Path) -> None:
    result = runner.invoke(app, ["approaches"])
    assert result.exit_code == 0
    for name in ("Consultation", "Collaboration", "Co-design", "Co-creation", "Co-production"):
        assert name in result.stdout
    custom = tmp_path / "r.yaml"
    custom.write_text(
        default_rubric_path().read_text().replace("name: Co-design\n", "name: Design together\n")
    )
    assert (
        "Design together"
        in runner.invoke(app, ["approaches", "-f", "markdown", "--rubric", str(custom)]).stdout
    )


def test_explain_lists_tests_examples_and_checklist() -> None:
    result = runner.invoke(app, ["explain", "co-creation"])
    assert result.exit_code == 0
    for expected in (
        "outside-contributions",
        "a different kind from",
        "lego-ideas.yaml",
        "threadless.yaml",
        "co-creation-ip",
        "[003]",
    ):
        assert expected in result.stdout
    assert runner.invoke(app, ["explain", "nothing"]).exit_code == 2


def test_rubric_validate_and_show(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["rubric", "validate", str(default_rubric_path())])
    assert ok.exit_code == 0
    assert "valid rubric default@3:" in ok.stdout
    assert "5 approaches" in ok.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        default_rubric_path()
        .read_text()
        .replace(
            "requires: [provider-takes-part, users-share-design, provider-in-design]",
            "requires: [provider-takes-part, users-share-desing, provider-in-design]",
        )
    )
    bad = runner.invoke(app, ["rubric", "validate", str(broken)])
    assert bad.exit_code == 2
    assert f"{broken}:" in bad.stderr
    assert "unknown criterion 'users-share-desing'" in bad.stderr
    shown = runner.invoke(app, ["rubric", "show"])
    assert shown.exit_code == 0
    for expected in ("shared-define", "When two approaches of different kinds both fit"):
        assert expected in shown.stdout
