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


def test_a_folder_loop_is_skipped_and_a_file_loop_is_reported(tmp_path: Path) -> None:
    # A folder linking back to one that contains it holds nothing new: its files are
    # checked once, under their own path. A YAML name that loops cannot be read.
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.yaml").write_text("name: x\n")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink("self.yaml", tmp_path / "self.yaml")
    os.symlink("itself", tmp_path / "itself")
    assert _labels(tmp_path) == {"a/p.yaml": None, "self.yaml": "unreadable"}


def test_a_file_reached_through_a_link_keeps_its_own_path(tmp_path: Path) -> None:
    # "a-link" sorts before "examples": the real path is kept, whatever the order.
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "p.yaml").write_text("name: x\n")
    os.symlink(tmp_path / "examples", tmp_path / "a-link")
    (tmp_path / "z.yaml").write_text("name: z\n")
    os.symlink(tmp_path / "z.yaml", tmp_path / "b-link.yaml")
    assert list(_labels(tmp_path)) == ["examples/p.yaml", "z.yaml"]


def test_what_gitignore_skips_is_not_reported_whatever_its_state(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\nold-*.yaml\n")
    (tmp_path / "drafts").mkdir()
    os.symlink(tmp_path / "missing.yaml", tmp_path / "drafts" / "broken.yaml")
    os.symlink(tmp_path / "missing.yaml", tmp_path / "old-broken.yaml")
    os.symlink("old-self.yaml", tmp_path / "old-self.yaml")
    os.symlink(tmp_path / "missing.yaml", tmp_path / "broken.yaml")
    assert _labels(tmp_path) == {"broken.yaml": "unreadable"}


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


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_gitignore_info_exclude_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".git/info/exclude": "local-only.yaml\n",
            ".gitignore": "build/\n*.tmp.yaml\n!keep.tmp.yaml\n",
            "proposals/a.yaml": "",
            "proposals/keep.tmp.yaml": "",
            "proposals/scratch.tmp.yaml": "",
            "proposals/.gitignore": "drafts/\n",
            "proposals/drafts/d.yaml": "",
            "build/out.yaml": "",
            "local-only.yaml": "",
            ".venv/lib/site.yaml": "",
            "env-by-any-name/pyvenv.cfg": "home = /usr\n",
            "env-by-any-name/lib/site.yaml": "",
            "node_modules/pkg/config.yml": "",
            "__pycache__/x.yaml": "",
        },
    )
    os.symlink("lib", tmp_path / ".venv" / "lib64")
    assert list(_labels(tmp_path)) == ["proposals/a.yaml", "proposals/keep.tmp.yaml"]
    everything = discover(["."], cwd=tmp_path, respect_gitignore=False).candidates
    assert [candidate.label for candidate in everything] == [
        "build/out.yaml",
        "local-only.yaml",
        "proposals/a.yaml",
        "proposals/drafts/d.yaml",
        "proposals/keep.tmp.yaml",
        "proposals/scratch.tmp.yaml",
    ], "without gitignore, tool folders are still skipped"


def test_a_file_named_on_the_command_line_is_taken_even_if_ignored(tmp_path: Path) -> None:
    _tree(tmp_path, {".git/HEAD": "", ".gitignore": "*.yaml\n", "x.yaml": "", "y.yaml": ""})
    assert list(_labels(tmp_path)) == []
    assert list(_labels(tmp_path, "x.yaml")) == ["x.yaml"]
    assert list(_labels(tmp_path, "*.yaml")) == [], "a glob is a walk, not a name"


def test_no_file_is_reached_twice_through_links(tmp_path: Path) -> None:
    _tree(tmp_path, {"real/p.yaml": "", "real/sub/q.yaml": ""})
    os.symlink("real", tmp_path / "alias")
    os.symlink("p.yaml", tmp_path / "real" / "same.yaml")
    # Each file once, under the path that goes through no link.
    assert list(_labels(tmp_path)) == ["real/p.yaml", "real/sub/q.yaml"]


@pytest.mark.parametrize(
    "spelling", [".", "./", "docs/..", "sub", "./sub/", "ABSOLUTE", "../OUTSIDE"]
)
def test_a_walked_file_is_labelled_as_its_own_path_would_be(tmp_path: Path, spelling: str) -> None:
    # The walk builds labels from its folders' labels; they must read exactly as the
    # label of each file's own path, however the folder was named.
    from engagement_cli.discovery import label_for

    cwd = tmp_path / "work"
    _tree(cwd, {"a.yaml": "", "sub/b.yml": "", "sub/deep/c.yaml": "", "docs/d.yaml": ""})
    _tree(tmp_path, {"outside/e.yaml": ""})
    argument = spelling.replace("ABSOLUTE", str(cwd / "sub")).replace("OUTSIDE", "outside")
    found = discover([argument], cwd=cwd).candidates
    assert found
    for candidate in found:
        assert candidate.label == label_for(candidate.path, cwd)


def test_a_walk_from_above_the_working_directory_labels_files_inside_it_relatively(
    tmp_path: Path,
) -> None:
    from engagement_cli.discovery import label_for

    _tree(tmp_path, {"top/q.yaml": "", "top/sub/p.yaml": "", "top/sub/deeper/r.yaml": ""})
    cwd = tmp_path / "top" / "sub"
    found = discover([".."], ["/p.yaml"], cwd=cwd).candidates
    labels = [candidate.label for candidate in found]
    assert "deeper/r.yaml" in labels, "inside the working directory: relative"
    assert all(candidate.label == label_for(candidate.path, cwd) for candidate in found)
    assert "p.yaml" not in labels, "an anchored exclude matches the relative label"
