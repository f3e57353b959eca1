"""Folder walks: sorted, de-duplicated, and every odd path a result rather than a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engagement_cli.discovery import discover


def _labels(root: Path, *arguments: str, excludes: tuple[str, ...] = ()) -> dict[str, str | None]:
    found = discover(arguments or (".",), excludes, cwd=root)
    return {
        candidate.label: candidate.problem.id if candidate.problem else None
        for candidate in found.candidates
    }


def test_walk_finds_yaml_and_yml_sorted(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "sub/c.yaml", "notes.txt", ".git/x.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("name: x\n")
    assert list(_labels(tmp_path)) == ["a.yml", "b.yaml", "sub/c.yaml"]


def test_negated_exclude_keeps_a_file(tmp_path: Path) -> None:
    for name in ("drafts/a.yaml", "drafts/keep.yaml", "final.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("name: x\n")
    found = _labels(tmp_path, excludes=("drafts/*", "!drafts/keep.yaml"))
    assert list(found) == ["drafts/keep.yaml", "final.yaml"]


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.yaml").write_text("name: x\n")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink("self.yaml", tmp_path / "self.yaml")
    found = _labels(tmp_path)
    assert found["a/p.yaml"] is None
    assert found["a/loop"] == "unreadable"
    assert found["self.yaml"] == "unreadable"


def test_broken_link_is_an_error_result(tmp_path: Path) -> None:
    os.symlink(tmp_path / "missing.yaml", tmp_path / "dangling.yaml")
    assert _labels(tmp_path) == {"dangling.yaml": "unreadable"}
    assert _labels(tmp_path, "dangling.yaml") == {"dangling.yaml": "unreadable"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert _labels(tmp_path) == {"pipe.yaml": "not-a-file"}


def test_directory_named_like_yaml_is_walked(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "x.yaml" / "inside.yaml").write_text("name: x\n")
    assert _labels(tmp_path) == {"x.yaml/inside.yaml": None}


def test_unmatched_arguments_are_listed(tmp_path: Path) -> None:
    found = discover(["nothing-here", "*.nope"], cwd=tmp_path)
    assert found.unmatched == ["nothing-here", "*.nope"]
    assert found.candidates == []
