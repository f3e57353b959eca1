"""Rubrics built to cost: the default rubric with hostile criteria added in front.

Shared by the limit tests and the resource tests, so both measure the same shapes.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO

_BASE = (REPO / "rubrics" / "default.yaml").read_text(encoding="utf-8")
_QUOTE = "Neither is a user-created service \u2018co-production\u2019."
_CITE = f'    cite: [{{source: "000", quote: "{_QUOTE}"}}]\n'
GROUP_TEST = "{any_group: {field: role, equals: provider}}"
PROJECT_TEST = "{field: purpose, equals: new offering}"


def criterion(criterion_id: str, when: str) -> str:
    return f"  - id: {criterion_id}\n    title: added\n{_CITE}    when: {when}\n"


def with_criteria(criteria: list[str]) -> str:
    """The default rubric with `criteria` listed before its own."""
    head, tail = _BASE.split("\ncriteria:\n", 1)
    return f"{head}\ncriteria:\n{''.join(criteria)}{tail}"


def doubling(depth: int) -> str:
    """Each criterion refers twice to the one before: evidence copied would double."""
    criteria = [criterion("d0", GROUP_TEST)]
    criteria += [
        criterion(
            f"d{level}", f"{{all: [{{criterion: d{level - 1}}}, {{criterion: d{level - 1}}}]}}"
        )
        for level in range(1, depth)
    ]
    return with_criteria(criteria)


def chain(length: int, prefix: str = "c") -> str:
    """`length` criteria, each referring to the one before."""
    criteria = [criterion(f"{prefix}0", GROUP_TEST)]
    criteria += [
        criterion(f"{prefix}{index}", f"{{criterion: {prefix}{index - 1}}}")
        for index in range(1, length)
    ]
    return with_criteria(criteria)


def cycle(length: int) -> str:
    """`length` criteria referring to each other in a ring."""
    return with_criteria(
        [
            criterion(f"r{index}", f"{{criterion: r{(index + 1) % length}}}")
            for index in range(length)
        ]
    )


def wide(count: int, when: str = GROUP_TEST) -> str:
    """`count` independent criteria with the same test."""
    return with_criteria([criterion(f"w{index}", when) for index in range(count)])


def many_groups(count: int) -> str:
    """A valid project with `count` groups, half of them the provider."""
    lines = ["name: many groups", "groups:"]
    for index in range(count):
        role = "provider" if index % 2 else "users"
        lines += [
            f"  - name: group {index}",
            f"    role: {role}",
            "    stages: {design: shares decisions, deliver: {say: involved, does_work: true}}",
        ]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
