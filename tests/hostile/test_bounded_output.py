"""Bounded output from bounded input: findings per file are capped, echoed values clipped.

Every shape of file that can produce one finding per line (unknown keys at any level,
unknown readiness items, unknown suppressions, bad values) is generated at several sizes;
the report lists at most `MAX_PROBLEMS` findings for the file and one `more-findings`
that counts the rest and keeps the run failing. No message repeats more than
`MAX_ECHO` characters of what the file holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engagement_cli.cli import app
from engagement_cli.loading.problems import MAX_ECHO, MAX_PROBLEMS

HEAD = (
    "name: flood\n"
    "groups:\n"
    "  - name: staff\n"
    "    role: provider\n"
    "    stages: {deliver: {say: decides, does_work: true}}\n"
)


def top_level_keys(count: int) -> str:
    return HEAD + "".join(f"unknown_{index}: 1\n" for index in range(count))


def group_keys(count: int) -> str:
    return HEAD + "".join(f"    extra_{index}: 1\n" for index in range(count))


def readiness_items(count: int) -> str:
    return HEAD + "readiness:\n" + "".join(f"  item-{index}: yes\n" for index in range(count))


def suppressions(count: int) -> str:
    return (
        HEAD
        + "suppress:\n"
        + "".join(f"  - {{finding: nothing-{index}, reason: why}}\n" for index in range(count))
    )


def bad_groups(count: int) -> str:
    return "name: flood\ngroups:\n" + "".join(
        f"  - {{name: g{index}, role: nobody-{index}}}\n" for index in range(count)
    )


SHAPES: list[Callable[[int], str]] = [
    top_level_keys,
    group_keys,
    readiness_items,
    suppressions,
    bad_groups,
]


def _check_json(path: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--max-groups", "200"])
    return result.exit_code, json.loads(result.output)


@settings(max_examples=10, deadline=None)
@given(shape=st.sampled_from(SHAPES), count=st.integers(min_value=MAX_PROBLEMS + 1, max_value=1500))
def test_a_flood_of_findings_is_capped_and_counted(
    tmp_path_factory: pytest.TempPathFactory, shape: Callable[[int], str], count: int
) -> None:
    path = tmp_path_factory.mktemp("flood") / "p.yaml"
    path.write_text(shape(min(count, 190) if shape is bad_groups else count), encoding="utf-8")
    code, report = _check_json(path)
    findings = report["files"][0]["findings"]
    assert len(findings) == MAX_PROBLEMS + 1
    summary = findings[-1]
    assert summary["id"] == "more-findings"
    # The count takes the worst severity it stands for, so the cap never changes the exit.
    worst = "warning" if shape is suppressions else "error"
    assert summary["severity"] == worst
    assert code == (0 if worst == "warning" else 1)
    listed = findings[:-1]
    assert all(finding["id"] != "more-findings" for finding in listed)
    hidden = int(summary["message"].split()[1].replace(",", ""))
    assert hidden >= 1
    # Listed in file order: the first problems are the ones shown.
    lines = [finding["line"] for finding in listed if finding["line"] is not None]
    assert lines == sorted(lines)


def test_the_count_is_exact_for_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(top_level_keys(5000), encoding="utf-8")
    _, report = _check_json(path)
    summary = report["files"][0]["findings"][-1]
    assert summary["message"].startswith(f"and {5000 - MAX_PROBLEMS:,} more findings")


def test_below_the_cap_nothing_is_added(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(top_level_keys(MAX_PROBLEMS), encoding="utf-8")
    _, report = _check_json(path)
    findings = report["files"][0]["findings"]
    assert len(findings) == MAX_PROBLEMS
    assert all(finding["id"] == "unknown-field" for finding in findings)


LONG = st.text(alphabet="abcdefghij xyz", min_size=MAX_ECHO * 3, max_size=20_000).map(
    lambda text: "q" + text.strip() + "q"
)


def _long_value_files(value: str) -> list[str]:
    return [
        HEAD + f"claimed_approach: {value}\n",
        HEAD.replace("role: provider", f"role: {value}"),
        HEAD + f"purpose: {value}\n",
        HEAD.replace("say: decides", f"say: {value}"),
        HEAD + f"readiness: {{{value.replace(' ', '-')}: yes}}\n",
        HEAD + f"{value.replace(' ', '_')}: 1\n",
        HEAD + f"suppress: [{{finding: {value.replace(' ', '-')}, reason: r}}]\n",
        HEAD + f"x{value.replace(' ', '_')}: 1\nx{value.replace(' ', '_')}: 2\n",
    ]


@settings(max_examples=10, deadline=None)
@given(value=LONG)
def test_long_values_are_clipped_in_every_message(
    tmp_path_factory: pytest.TempPathFactory, value: str
) -> None:
    folder = tmp_path_factory.mktemp("long")
    for index, text in enumerate(_long_value_files(value)):
        (folder / f"p{index}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(folder), "-f", "json"])
    report = json.loads(result.output)
    messages = [finding["message"] for file in report["files"] for finding in file["findings"]]
    assert len(messages) >= 8
    for message in messages:
        # The value itself is clipped; the rest is engage's own words and choices.
        assert value[: MAX_ECHO * 2] not in message.replace("_", " ").replace("-", " ")
        assert len(message) < 600, message
