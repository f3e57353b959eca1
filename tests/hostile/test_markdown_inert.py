"""Text from files is inert in Markdown: it pings no one, links nowhere, typesets nothing.

A `check -f markdown` summary is posted as a pull-request comment, so a suppression
reason, a file name or a rubric's approach name must not mention a user or team, refer
to an issue, autolink a URL, render an image or HTML, start math, or break the table.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.formats.markdown_format import cell
from tests.conftest import REPO

runner = CliRunner()
# Each example runs the CLI many times; a failure is reported as found, not shrunk.
CLI_PHASES = (Phase.explicit, Phase.reuse, Phase.generate)

_ACTIVE = st.sampled_from(
    [
        "@octocat",
        "@org/team",
        "a@b.example",
        "#1",
        "owner/repo#12",
        "GH-7",
        "https://evil.example/x",
        "http://a.b",
        "www.evil.example",
        "mailto:x@y.z",
        "$x^2$",
        "$$\\sum$$",
        "![x](https://evil.example/p.png)",
        "[click](https://evil.example)",
        "<img src=x onerror=alert(1)>",
        "<script>x</script>",
        "a | b",
        "**bold** _em_ ~~strike~~ `code`",
        "\\|",
    ]
)
_FILLER = st.text(alphabet="ab xy.-", max_size=6)


@st.composite
def active_text(draw: st.DrawFn) -> str:
    """Words holding one or more things Markdown or GitHub would act on."""
    parts = draw(st.lists(st.tuples(_FILLER, _ACTIVE), min_size=1, max_size=3))
    return "".join(filler + active for filler, active in parts) + draw(_FILLER)


def _entities_removed(text: str) -> str:
    # Character references are how the output writes what must not act (a zero-width
    # space, an escaped `#`); each stands for one character that is no word character.
    return re.sub(r"&#?\w+;", "\u200b", text)


def assert_inert(markdown: str) -> None:
    text = _entities_removed(markdown)
    assert not re.search(r"@\w", text), text
    assert not re.search(r"(?<![\w#])#\d", text), text
    assert not re.search(r"(?i)gh-\d", text), text
    assert not re.search(r"(?i)(https?|ftp|mailto):|www\.", text), text
    assert not re.search(r"(?<!\\)\$", text), text
    assert "<" not in text.replace("<br>", ""), text
    assert not re.search(r"(?<!\\)[\[\]`*~]", re.sub(r"- \[[ x]\] ", "", text).replace("~~", "")), (
        text
    )


@given(text=active_text())
def test_a_cell_is_inert_and_keeps_one_column(text: str) -> None:
    rendered = cell(text)
    assert_inert(rendered.replace("**", ""))
    assert not re.search(r"(?<!\\)\|", rendered)
    assert "\n" not in rendered


def _row_cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=CLI_PHASES,
)
@given(reason=active_text(), name=active_text(), approach=active_text(), file_name=active_text())
def test_check_markdown_with_hostile_files_and_rubric_stays_inert(
    tmp_path_factory: pytest.TempPathFactory,
    reason: str,
    name: str,
    approach: str,
    file_name: str,
) -> None:
    folder = tmp_path_factory.mktemp("md")
    document = yaml.safe_load((REPO / "rubrics" / "default.yaml").read_text(encoding="utf-8"))
    for spec in document["approaches"]:
        spec["name"] = f"{approach} {spec['id']}"
    rubric = folder / "rubric.yaml"
    rubric.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    project: dict[str, Any] = {
        "format": 2,
        "name": name,
        "claimed_approach": "co-production",
        "groups": [
            {"name": name, "role": "users", "stages": {"define": "consulted"}},
            {"name": "staff", "role": "provider", "stages": {"define": "decides"}},
        ],
        "suppress": [{"finding": "over-claim", "reason": reason}],
    }
    projects = folder / "projects"
    projects.mkdir()
    (projects / f"{file_name.replace('/', '_')}.yaml").write_text(
        yaml.safe_dump(project, allow_unicode=True), encoding="utf-8"
    )
    (projects / "broken.yaml").write_text(f"name: [\n{reason}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(projects), "--rubric", str(rubric), "-f", "markdown"])
    assert result.exit_code in (0, 1), result.output
    output = result.stdout
    body = output.split("\n", 1)[1].replace("**", "")  # our own heading and bold counts
    assert_inert(re.sub(r"`[\w.@+-]+`", "", body))  # code spans: ids, the rubric's label
    # Each table (the files, then the claims matrix) keeps its own number of cells.
    tables = [
        [line for line in block.splitlines() if line.startswith("| ")]
        for block in output.split("\n\n")
    ]
    tables = [table for table in tables if table]
    assert tables
    assert all(_row_cells(row) == 5 for row in tables[0]), tables[0]
    for table in tables[1:]:
        assert all(_row_cells(row) == _row_cells(table[0]) for row in table), table
    for arguments in (
        ["approaches", "--rubric", str(rubric), "--format", "markdown"],
        ["checklist", "co-design", "--rubric", str(rubric), "--format", "markdown"],
    ):
        shown = runner.invoke(app, arguments).stdout
        table = [line for line in shown.splitlines() if line.startswith("| ")]
        assert all(_row_cells(row) == _row_cells(table[0]) for row in table)
        # The label shows only escaped (its escaped form may contain the raw one).
        label = f"{approach} co-design"
        assert label not in shown.replace(cell(label), "")
