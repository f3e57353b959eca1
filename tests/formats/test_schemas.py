"""Machine outputs validate against the published SARIF 2.1.0 and JUnit (Ant) schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from typer.testing import CliRunner

from engagement_cli.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def test_sarif_validates(schemas_dir: Path) -> None:
    output = runner.invoke(app, ["check", "batch", "-f", "sarif"]).stdout
    log = json.loads(output)
    schema = json.loads((schemas_dir / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert all(
        rule["help"]["text"] and rule["shortDescription"]["text"]
        for rule in run["tool"]["driver"]["rules"]
    )
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
    assert any("suppressions" in result for result in run["results"])


def test_junit_validates(schemas_dir: Path) -> None:
    output = runner.invoke(app, ["check", "batch", "-f", "junit"]).stdout
    xmlschema.XMLSchema(str(schemas_dir / "junit-ant.xsd")).validate(output)
    assert 'tests="8" failures="1" errors="2"' in output


def test_junit_with_hostile_names_stays_valid(
    schemas_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / 'a<b>&"c\x1b[31m.yaml'
    hostile.write_text("name: x\n]]>\x07\n")
    monkeypatch.chdir(tmp_path)
    output = runner.invoke(app, ["check", ".", "-f", "junit"]).stdout
    xmlschema.XMLSchema(str(schemas_dir / "junit-ant.xsd")).validate(output)
    assert "\x1b" not in output
