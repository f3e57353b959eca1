"""Special files, locked folders and escaping configs: refused in words, never a hang.

Every command that opens a file by name is tried against a FIFO (which would block an
ordinary open for ever), a socket, a character device and a folder; every output option
against the same, plus links. The process runs as the installed command, with a time
limit, so a hang fails the test instead of the suite.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

PROJECT = EXAMPLES / "council-newsletter.yaml"
TIMEOUT = 30


NOBODY = 65534


def _drop_permission_override() -> None:
    # Root ignores permission bits through two capabilities; without them (from the next
    # exec on) root is bound by the bits of files it does not own, like any user.
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def engage(
    *arguments: str, cwd: Path, as_user: bool = False, **options: object
) -> subprocess.CompletedProcess[str]:
    """Run the installed command; `as_user` makes permission bits count even for root
    (the files under test then belong to another user: see `owned_by_another`)."""
    preexec: Callable[[], None] | None = None
    if as_user and os.geteuid() == 0:
        preexec = _drop_permission_override

    return subprocess.run(
        [sys.executable, "-m", "engagement_cli", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=preexec,
        check=False,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def folder() -> Iterator[Path]:
    # Not tmp_path: an unprivileged user must be able to enter it.
    path = Path(tempfile.mkdtemp(prefix="engage-special-"))
    path.chmod(0o755)
    shutil.copy(PROJECT, path / "project.yaml")
    yield path
    for child in path.rglob("*"):
        if child.is_dir() and not child.is_symlink():
            child.chmod(0o755)
    shutil.rmtree(path)


def owned_by_another(folder: Path) -> None:
    """Give the tree to another user, so its permission bits apply to root as well."""
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.lchown(path, NOBODY, NOBODY)


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _socket(folder: Path, name: str) -> Path:
    path = folder / name
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


SPECIAL: dict[str, Callable[[Path, str], Path]] = {
    "fifo": _fifo,
    "socket": _socket,
    "device": lambda _folder, _name: Path("/dev/zero"),
    "folder": lambda folder, name: (folder / name).mkdir() or folder / name,
}


def _named_reads(special: Path) -> list[list[str]]:
    return [
        ["assess", str(special)],
        ["assess", "project.yaml", "--rubric", str(special)],
        ["check", "project.yaml", "--rubric", str(special)],
        ["check", "project.yaml", "--config", str(special)],
        ["checklist", "co-design", "--project", str(special)],
        ["checklist", "co-design", "--rubric", str(special)],
        ["rubric", "validate", str(special)],
        ["rubric", "show", str(special)],
        ["init", "--defaults", "--rubric", str(special), "new.yaml"],
        ["schema", "--rubric", str(special)],
    ]


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_every_named_read_refuses_a_special_file(kind: str, folder: Path) -> None:
    special = SPECIAL[kind](folder, f"special-{kind}.yaml")
    for arguments in _named_reads(special):
        result = engage(*arguments, cwd=folder)
        assert result.returncode == 2, (arguments, result.stderr)
        assert "Traceback" not in result.stderr
        assert special.name in result.stderr or "is a directory" in result.stderr, (
            arguments,
            result.stderr,
        )


def test_a_config_naming_a_fifo_rubric_or_a_fifo_gitignore_does_not_hang(folder: Path) -> None:
    _fifo(folder, "rubric.yaml")
    (folder / ".engage.yaml").write_text("rubric: rubric.yaml\n")
    result = engage("check", "project.yaml", cwd=folder)
    assert result.returncode == 2
    assert "FIFO" in result.stderr
    (folder / ".engage.yaml").unlink()
    (folder / "rubric.yaml").unlink()
    _fifo(folder, ".gitignore")
    _fifo(folder, "pyproject.toml")
    walked = engage("check", ".", "-f", "text", cwd=folder)
    assert walked.returncode == 0, walked.stderr
    assert "project.yaml: verdict" in walked.stdout


@pytest.mark.parametrize("option", ["-o", "-f"])
def test_output_to_a_device_is_written_in_place(option: str, folder: Path) -> None:
    target = "/dev/null"
    arguments = ["-o", target] if option == "-o" else ["-f", f"json:{target}"]
    result = engage("check", "project.yaml", *arguments, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(target).st_mode)


@pytest.mark.parametrize("kind", ["fifo", "socket", "folder"])
def test_output_to_what_cannot_be_replaced_is_refused(kind: str, folder: Path) -> None:
    special = SPECIAL[kind](folder, f"out-{kind}")
    before = os.lstat(special)
    for arguments in (["-f", f"json:{special}"], ["-f", f"sarif:{special}"]):
        result = engage("check", "project.yaml", *arguments, cwd=folder)
        assert result.returncode == 2, result.stderr
        assert f"cannot write {special}" in result.stderr
    after = os.lstat(special)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not list(folder.glob(".out-*.tmp"))


def test_output_to_a_fifo_with_a_reader_is_written_in_place(folder: Path) -> None:
    fifo = _fifo(folder, "pipe")
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    try:
        result = engage("check", "project.yaml", "-o", str(fifo), "-f", "text", cwd=folder)
        received, _ = reader.communicate(timeout=TIMEOUT)
    finally:
        reader.kill()
    assert result.returncode == 0, result.stderr
    assert "project.yaml: verdict" in received
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_through_a_link_replaces_its_target_and_keeps_the_link(folder: Path) -> None:
    (folder / "real.txt").write_text("old\n")
    (folder / "link.txt").symlink_to("real.txt")
    (folder / "dangling.txt").symlink_to("made.txt")
    for link in ("link.txt", "dangling.txt"):
        result = engage("check", "project.yaml", "-o", link, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert (folder / link).is_symlink()
    assert "project.yaml: verdict" in (folder / "real.txt").read_text()
    assert "project.yaml: verdict" in (folder / "made.txt").read_text()


def test_a_read_only_report_is_not_replaced(folder: Path) -> None:
    report = folder / "report.txt"
    report.write_text("keep\n")
    report.chmod(0o444)
    owned_by_another(folder)
    result = engage("check", "project.yaml", "-o", "report.txt", cwd=folder, as_user=True)
    assert result.returncode == 2
    assert report.read_text() == "keep\n"


def test_folders_that_cannot_be_entered_or_listed_give_unreadable_results(folder: Path) -> None:
    locked = folder / "locked"
    (locked / "inner").mkdir(parents=True)
    shutil.copy(PROJECT, locked / "a.yaml")
    shutil.copy(PROJECT, locked / "inner" / "b.yaml")
    unlisted = folder / "unlisted"
    unlisted.mkdir()
    owned_by_another(folder)
    locked.chmod(0o744)  # listable, not enterable
    unlisted.chmod(0o311)  # enterable, not listable
    cases = {
        ".": {"locked/a.yaml", "locked/inner", "unlisted"},
        "locked": {"locked/a.yaml", "locked/inner"},
        "locked/a.yaml": {"locked/a.yaml"},
        "locked/*.yaml": {"locked/a.yaml"},
        "unlisted": {"unlisted"},
    }
    for argument, unreadable in cases.items():
        result = engage("check", argument, "-f", "text", cwd=folder, as_user=True)
        assert "Traceback" not in result.stderr
        assert result.returncode == 1, (argument, result.stdout, result.stderr)
        found = {
            line.split(":")[0] for line in result.stdout.splitlines() if "[unreadable]" in line
        }
        assert found == unreadable, (argument, result.stdout)
        assert "permission denied" in result.stdout
    shown = engage("assess", "locked/a.yaml", cwd=folder, as_user=True)
    assert shown.returncode == 2
    assert "permission denied" in shown.stderr
    assert "not found" not in shown.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("include", ["/**"]),
        ("include", ["../../**/*.yaml"]),
        ("include", ["ok/../../x.yaml"]),
        ("include", ["~/projects/*.yaml"]),
        ("include", ["C:\\x\\*.yaml"]),
        ("include", ["out/*.yaml"]),  # out is a link to /
        ("rubric", "/etc/passwd"),
        ("rubric", "../rubric.yaml"),
        ("rubric", "out/etc/rubric.yaml"),
    ],
)
def test_a_config_cannot_reach_outside_its_folder(
    key: str, value: str | list[str], folder: Path
) -> None:
    (folder / "out").symlink_to("/")
    written = json.dumps(value)  # a JSON value is also YAML and TOML
    for name, text in (
        (".engage.yaml", f"{key}: {written}\n"),
        ("pyproject.toml", f"[tool.engage]\n{key} = {written}\n"),
    ):
        config = folder / name
        config.write_text(text)
        result = engage("check", cwd=folder)
        assert result.returncode == 2, (name, result.stdout)
        assert f"{name}:2:" in result.stderr or f"{name}:1:" in result.stderr, result.stderr
        assert "stay inside its folder" in result.stderr, result.stderr
        assert "[invalid-config]" in result.stderr
        config.unlink()
    # Named on the command line, the same places are allowed.
    outside = Path(tempfile.mkdtemp(prefix="engage-outside-"))
    try:
        shutil.copy(PROJECT, outside / "x.yaml")
        (folder / ".engage.yaml").write_text("include: [project.yaml]\n")
        assert engage("check", str(outside / "x.yaml"), cwd=folder).returncode == 0
    finally:
        shutil.rmtree(outside)
