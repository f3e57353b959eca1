"""A third adversarial pass: inputs that made engage crash (exit 70) or hang.

Every case runs the installed command in a subprocess with a time limit. None may exit
70, print a traceback, hang, or leave a temporary file or a process behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES

ENGAGE = Path(sys.executable).parent / "engage"
TIMEOUT = 60
PROJECT = EXAMPLES / "lego-ideas.yaml"


def _run(
    *arguments: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ENGAGE), *arguments],
        input=input,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _sound(result: subprocess.CompletedProcess[str]) -> None:
    """No internal error and no traceback, whatever the exit code."""
    assert result.returncode != 70, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


# --- exclude patterns -----------------------------------------------------------------

_pattern_parts = st.sampled_from(
    ["*", "**", "***", "?", "[z-a]", "[a-", "[[:alpha:]]", "a", "/", "\\"]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(_pattern_parts, min_size=1, max_size=12))
def test_any_exclude_pattern_is_quick_and_never_crashes(
    parts: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Runs of stars once took exponential time on a long name; reversed ranges crashed.
    folder = tmp_path_factory.mktemp("patterns")
    shutil.copy(PROJECT, folder / ("x" * 60 + ".yaml"))
    pattern = "".join(parts)
    started = time.monotonic()
    result = _run("check", ".", "-e", pattern, "-f", "text", cwd=folder)
    _sound(result)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Warning" not in result.stderr, "a library warning reached the user"
    assert time.monotonic() - started < 20


def test_a_gitignore_line_that_is_no_pattern_is_skipped_as_git_skips_it(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("[z-a]\n" + "*" * 40 + "a/\ndrafts/\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    shutil.copy(PROJECT, tmp_path / "drafts" / "x.yaml")
    shutil.copy(PROJECT, tmp_path / ("y" * 60 + ".yaml"))
    result = _run("check", ".", "--list-files", cwd=tmp_path)
    _sound(result)
    assert result.stdout.splitlines() == ["y" * 60 + ".yaml"]


# --- configuration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".engage.yaml", 'include: ["\\0"]\n'),
        (".engage.yaml", 'rubric: "a\\0b"\n'),
        (".engage.yaml", 'exclude: ["x", "\\0"]\n'),
        ("pyproject.toml", '[tool.engage]\nrubric = "\\u0000"\n'),
        ("pyproject.toml", '[tool.engage]\ninclude = ["\\u0000"]\n'),
        ("pyproject.toml", "[tool.engage]\nx = " + "[" * 4000 + "]" * 4000 + "\n"),
        ("pyproject.toml", "[tool.engage]\nx = {a = " * 3000 + "1" + "}" * 3000 + "\n"),
        ("pyproject.toml", '[tool.engage\nrubric = "x"\n'),
        ("pyproject.toml", '[tool.engage]\nrubric = "x\n'),
    ],
    ids=[
        "nul-include",
        "nul-rubric",
        "nul-exclude",
        "toml-nul",
        "toml-nul-list",
        "deep-arrays",
        "deep-tables",
        "broken-header",
        "unterminated",
    ],
)
def test_a_broken_config_is_a_located_usage_error(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(PROJECT, tmp_path / "p.yaml")
    result = _run("check", "p.yaml", cwd=tmp_path)
    _sound(result)
    assert result.returncode == 2, result.stderr
    assert re.search(rf"{re.escape(name)}(:\d+)*: error \[invalid-(config|value)\]", result.stderr)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_config_that_is_not_a_file_is_refused_not_skipped(tmp_path: Path, kind: str) -> None:
    (tmp_path / ".git").mkdir()
    config = tmp_path / ".engage.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "folder":
        config.mkdir()
    else:
        config.symlink_to("/dev/zero")
    shutil.copy(PROJECT, tmp_path / "p.yaml")
    result = _run("check", "p.yaml", cwd=tmp_path)
    _sound(result)
    assert result.returncode == 2
    assert ".engage.yaml" in result.stderr


# --- the environment ------------------------------------------------------------------


@pytest.mark.parametrize(
    "columns", ["²", "٣", "1e3", "-5", "99999999999999999999", " 80 ", "9" * 5000]
)
@pytest.mark.parametrize(
    "args", [["approaches"], ["assess", str(PROJECT)], ["check", str(PROJECT), "-f", "rich"]]
)
def test_any_columns_value_is_survived(tmp_path: Path, columns: str, args: list[str]) -> None:
    result = _run(*args, cwd=tmp_path, env={"COLUMNS": columns, "LINES": columns})
    _sound(result)
    assert result.returncode in (0, 1)
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000


def test_a_deleted_working_folder_is_a_usage_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, subprocess, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.exit(subprocess.run([sys.argv[2], 'check', sys.argv[3]]).returncode)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(gone), str(ENGAGE), str(PROJECT)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    _sound(result)
    assert result.returncode == 2
    assert "current folder no longer exists" in result.stderr


# --- output ---------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "target", [["-o", "/dev/full"], ["-f", "json:/dev/full"], ["-f", "html:/dev/full"]]
)
def test_a_full_device_is_an_input_output_error(tmp_path: Path, target: list[str]) -> None:
    result = _run("check", str(EXAMPLES), *target, cwd=tmp_path)
    _sound(result)
    assert result.returncode == 74, result.stderr
    assert "No space left on device" in result.stderr


def test_compare_holds_names_that_are_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"p\xfe.yaml")
    for side in ("plan", "report"):
        (tmp_path / side).mkdir()
        shutil.copy(PROJECT, tmp_path / side / name)
    for output_format in ("json", "text", "markdown", "html", "rich"):
        result = _run("compare", "plan", "report", "-f", output_format, cwd=tmp_path)
        _sound(result)
        assert result.returncode == 0, result.stderr
        assert "xfe.yaml" in result.stdout  # shown escaped, as `\\xfe`
    shown = json.loads(_run("compare", "plan", "report", "-f", "json", cwd=tmp_path).stdout)
    assert shown["projects"][0]["key"] == "p\\xfe.yaml"


# --- workers --------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_worker_ends_the_run_cleanly(tmp_path: Path, stop: signal.Signals) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = PROJECT.read_text(encoding="utf-8")
    for index in range(6000):
        (folder / f"p{index}.yaml").write_text(text, encoding="utf-8")
    run = subprocess.Popen(
        [str(ENGAGE), "check", "many", "-j", "2", "-f", "json", "--evidence", "-o", "out.json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while not workers and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
        children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    if not workers:
        run.kill()
        pytest.skip("the run ended before a worker could be stopped")
    # Stopped while results are flowing: the report's temporary file is being written.
    while not _leftovers(tmp_path) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.02)
    os.kill(workers[0], stop)
    _, stderr = run.communicate(timeout=TIMEOUT)
    # 128 + the signal, as a shell reports it (74, as documented, in the rare run where
    # the pool has dropped the dead worker before it is seen). Never 70, never a hang.
    assert run.returncode in (128 + stop, 74), (run.returncode, stderr)
    assert f"stopped by {stop.name}" in stderr or run.returncode == 74
    assert "worker process was stopped" in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out.json").exists()
    assert _leftovers(tmp_path) == []
    for pid in workers:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        )


# --- text from arguments and rubrics --------------------------------------------------

_hostile_words = st.sampled_from(
    ["##[error]x", "::stop-commands::t", "\x1b]0;title\x07", "\u202e", "\x1b[2J", "\u2066x"]
)


def _raw(text: str) -> bool:
    return bool(re.search("[\x1b\x07\u202e\u2066]|##\\[|^::", text, re.MULTILINE))


@settings(max_examples=30, deadline=None)
@given(word=_hostile_words)
def test_usage_errors_show_typed_values_inert(word: str) -> None:
    for args in (["assess", "a.yaml", word], ["check", "--fail-on", word], [word]):
        result = subprocess.run(
            [str(ENGAGE), *args], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        assert result.returncode == 2
        assert not _raw(result.stderr), result.stderr


@pytest.fixture(scope="module")
def hostile_rubric(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = (EXAMPLES.parent / "rubrics" / "default.yaml").read_text(encoding="utf-8")
    evil = '"Con\\e]0;t\\a\\u202e##[error]x"'
    text = text.replace("    name: Consultation\n", f"    name: {evil}\n", 1)
    text = text.replace(
        "        text: We will tell people how their input influenced the decision.",
        f"        text: {evil}",
        1,
    )
    path = tmp_path_factory.mktemp("rubric") / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "consultation"],
        ["checklist", "consultation"],
        ["checklist", "consultation", "-f", "json"],
        ["checklist", "consultation", "-f", "markdown"],
        ["approaches"],
        ["approaches", "-f", "markdown"],
        ["assess", str(EXAMPLES / "library-opening-hours-survey.yaml"), "-f", "json"],
        ["assess", str(EXAMPLES / "library-opening-hours-survey.yaml")],
    ],
)
def test_rubric_names_and_items_are_shown_inert(
    hostile_rubric: Path, tmp_path: Path, args: list[str]
) -> None:
    result = _run(*args, "--rubric", str(hostile_rubric), cwd=tmp_path)
    _sound(result)
    assert not _raw(result.stdout), result.stdout[:2000]


def test_init_questions_from_a_rubric_are_shown_inert(hostile_rubric: Path, tmp_path: Path) -> None:
    answers = "\n".join(["Name", "What it does", "consultation", "1"] + ["Group", "users"] * 1)
    result = _run(
        "init",
        "p.yaml",
        "--ask",
        "--rubric",
        str(hostile_rubric),
        cwd=tmp_path,
        input=answers + "\n" * 40,
    )
    _sound(result)
    assert not _raw(result.stdout + result.stderr)


def test_init_answers_that_run_out_are_a_usage_error(tmp_path: Path) -> None:
    result = _run("init", "p.yaml", "--ask", cwd=tmp_path, input="Name\n")
    assert result.returncode == 2, result.stderr
    assert "no more answers on standard input" in result.stderr
    assert "interrupted" not in result.stderr
    assert not (tmp_path / "p.yaml").exists()


# --- files engage writes ----------------------------------------------------------------


def test_a_read_only_report_is_refused_even_for_root(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep\n", encoding="utf-8")
    target.chmod(0o444)
    result = _run("check", str(PROJECT), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 2
    assert "read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_replaced_report_keeps_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 65534, 65534)
    result = _run("check", str(PROJECT), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)
    assert "lego" in target.read_text(encoding="utf-8").lower()


# --- sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [51, 3000])
def test_a_rubric_of_too_many_approaches_is_refused_quickly(tmp_path: Path, count: int) -> None:
    text = (EXAMPLES.parent / "rubrics" / "default.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("approaches:\n")
    _, _, tail = rest.partition("\n# When two approaches")
    chain = "".join(
        f"  - id: a{index}\n    name: A{index}\n    definition: d\n    above: "
        f"[{'a' + str(index - 1) if index else ''}]\n    requires: [provider-takes-part]\n"
        for index in range(count)
    )
    (tmp_path / "chain.yaml").write_text(head + "approaches:\n" + chain, encoding="utf-8")
    started = time.monotonic()
    result = _run("rubric", "validate", "chain.yaml", cwd=tmp_path)
    _sound(result)
    assert result.returncode == 2
    assert "approaches: has more than 50 items" in result.stderr
    assert time.monotonic() - started < 10
    assert tail is not None


def test_a_long_suppression_reason_is_refused(tmp_path: Path) -> None:
    text = PROJECT.read_text(encoding="utf-8")
    reason = "r" * 900_000
    (tmp_path / "p.yaml").write_text(
        text + f"suppress:\n  - finding: empty-stage\n    reason: {reason}\n", encoding="utf-8"
    )
    result = _run("check", "p.yaml", "-f", "markdown", cwd=tmp_path)
    _sound(result)
    assert result.returncode == 1
    assert "is longer than 1000 characters" in result.stdout
    assert len(result.stdout) < 10_000


# --- configuration stays in its folder ----------------------------------------------------


@pytest.mark.parametrize(
    "include", ['["."]', '["sub"]', '["**"]', '["*/etc/host*"]', '["**/passwd*"]', '["*/*.yaml"]']
)
def test_a_configs_includes_never_reach_outside_its_folder(tmp_path: Path, include: str) -> None:
    repository, outside = tmp_path / "repo", tmp_path / "outside"
    (repository / "sub").mkdir(parents=True)
    (repository / ".git").mkdir()
    outside.mkdir()
    shutil.copy(PROJECT, repository / "sub" / "a.yaml")
    shutil.copy(PROJECT, outside / "secret.yaml")
    (repository / "outlink").symlink_to(outside)
    (repository / "rootlink").symlink_to("/")
    (repository / "filelink.yaml").symlink_to(outside / "secret.yaml")
    (repository / ".engage.yaml").write_text(f"include: {include}\n", encoding="utf-8")
    started = time.monotonic()
    result = _run("check", "--list-files", cwd=repository)
    _sound(result)
    assert time.monotonic() - started < 20
    listed = result.stdout.splitlines()
    assert all(line.startswith("sub/") for line in listed), listed


def test_a_walk_follows_no_folder_link_but_a_named_one(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    shutil.copy(PROJECT, tmp_path / "outside" / "secret.yaml")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "outlink").symlink_to(tmp_path / "outside")
    (tmp_path / "repo" / "rootlink").symlink_to("/")
    walked = _run("check", ".", "--list-files", cwd=tmp_path / "repo")
    assert walked.returncode == 2, walked.stdout  # nothing to check: no link was followed
    named = _run("check", "outlink", "--list-files", cwd=tmp_path / "repo")
    assert named.stdout.splitlines() == ["outlink/secret.yaml"]


def test_listed_names_never_look_alike(tmp_path: Path) -> None:
    names = [" l.yaml", "l.yaml", "\tk.yaml", "a\rb.yaml", "a b.yaml", "a\nb.yaml", "t .yaml"]
    for name in names:
        shutil.copy(PROJECT, tmp_path / name)
    result = _run("check", ".", "--list-files", cwd=tmp_path)
    _sound(result)
    listed = result.stdout.split("\n")[:-1]
    assert len(listed) == len(set(listed)) == len(names), listed
    assert not _raw(result.stdout)
    assert not any(character in result.stdout for character in "\t\r")


def test_init_asks_again_for_a_summary_too_long_to_keep(tmp_path: Path) -> None:
    answers = "Name\n" + "s" * 2_000_000 + "\nA short summary\n"
    result = _run("init", "p.yaml", "--ask", cwd=tmp_path, input=answers)
    assert "at most 5000 fit here" in result.stderr
    assert "over the limit" not in result.stderr


def test_one_file_named_twice_in_any_spelling_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("keep\n", encoding="utf-8")
    (tmp_path / "y.txt").symlink_to("x.json")
    for args in (
        ["-f", "json:x.json", "-f", "text:y.txt"],
        ["-f", "json:x.json", "-f", "text:./x.json"],
        ["-f", "json:x.json", "--write-baseline", "./x.json"],
    ):
        result = _run("check", str(PROJECT), *args, cwd=tmp_path)
        _sound(result)
        assert result.returncode == 2, (args, result.stderr)
        assert (tmp_path / "x.json").read_text(encoding="utf-8") == "keep\n"


@settings(max_examples=100, deadline=None)
@given(
    sha=st.from_regex(r"[0-9a-f]{7,40}", fullmatch=True).filter(
        lambda text: any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    )
)
def test_a_commit_hash_in_markdown_is_never_a_link(sha: str) -> None:
    from engagement_cli.formats.markdown_format import cell

    shown = cell(f"see {sha} for details")
    assert sha not in shown
    assert shown.replace("&#8203;", "") == f"see {sha} for details"


@pytest.mark.parametrize("pattern", ["t/*/*.yaml", "t/**/*.yaml", "t/*/*"])
def test_a_glob_reports_a_folder_it_cannot_list(pattern: str) -> None:
    from tests.hostile.test_special_files import engage

    folder = Path(tempfile.mkdtemp(prefix="engage-glob-"))
    try:
        folder.chmod(0o755)
        for name in ("ok", "locked"):
            (folder / "t" / name).mkdir(parents=True)
            shutil.copy(PROJECT, folder / "t" / name / "p.yaml")
        (folder / "t").chmod(0o755)
        if os.geteuid() == 0:  # root is bound by the bits only of files it does not own
            os.chown(folder / "t" / "locked", 65534, 65534)
        (folder / "t" / "locked").chmod(0o000)
        result = engage("check", pattern, "-f", "text", cwd=folder, as_user=True)
        _sound(result)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "t/locked: error [unreadable] permission denied" in result.stdout
        assert "t/ok/p.yaml: verdict" in result.stdout
    finally:
        (folder / "t" / "locked").chmod(0o755)
        shutil.rmtree(folder)


@settings(max_examples=100, deadline=None)
@given(
    raw=st.binary(min_size=1, max_size=12).filter(
        lambda data: b"/" not in data and b"\0" not in data
    )
)
def test_a_sarif_uri_carries_the_file_names_own_bytes(raw: bytes) -> None:
    from urllib.parse import unquote_to_bytes

    from engagement_cli.discovery import name_label
    from engagement_cli.formats.sarif_format import artifact_location

    name = os.fsdecode(raw + b".yaml")
    if "\\x" in name:
        return  # a literal backslash-x before two hex digits reads as an escaped byte
    uri = artifact_location("dir/" + name_label(name))["uri"]
    assert unquote_to_bytes(uri) == b"dir/" + raw + b".yaml"


def test_a_file_size_limit_mid_stream_is_an_io_error_with_nothing_left(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(200):
        shutil.copy(PROJECT, folder / f"p{index}.yaml")
    script = (
        "import resource, subprocess, sys; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384)); "
        "sys.exit(subprocess.run(sys.argv[1:]).returncode)"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(ENGAGE),
            "check",
            "many",
            "-f",
            "json",
            "-o",
            "out.json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    _sound(result)
    assert result.returncode == 74, result.stderr
    assert not (tmp_path / "out.json").exists()
    assert _leftovers(tmp_path) == []


def test_a_star_pair_inside_a_config_glob_reads_as_one_star(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "p" / "a").mkdir(parents=True)
    shutil.copy(PROJECT, tmp_path / "p" / "x.yaml")
    shutil.copy(PROJECT, tmp_path / "p" / "a" / "y.yaml")
    (tmp_path / ".engage.yaml").write_text('include: ["p/**.yaml"]\n', encoding="utf-8")
    result = _run("check", "--list-files", cwd=tmp_path)
    _sound(result)
    assert result.stdout.splitlines() == ["p/x.yaml"]


def test_a_negated_double_star_still_reaches_every_depth(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.yaml\n!**/keep.yaml\n", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(PROJECT, tmp_path / "a" / "b" / "keep.yaml")
    shutil.copy(PROJECT, tmp_path / "a" / "drop.yaml")
    result = _run("check", ".", "--list-files", cwd=tmp_path)
    assert result.stdout.splitlines() == ["a/b/keep.yaml"]


@pytest.mark.parametrize("columns", ["60", "90", "100", "110"])
def test_a_long_group_name_is_never_cut_in_any_table(tmp_path: Path, columns: str) -> None:
    text = (EXAMPLES / "exercise-programme-co-produced.yaml").read_text(encoding="utf-8")
    long_name = "Residents-and-neighbourhood-representatives-association"
    (tmp_path / "long.yaml").write_text(
        text.replace("name: class members", f"name: {long_name}"), encoding="utf-8"
    )
    result = _run("assess", "long.yaml", "-f", "rich", cwd=tmp_path, env={"COLUMNS": columns})
    assert "…" not in result.stdout
    assert long_name in result.stdout.replace("\n", "") or int(columns) < len(long_name) + 10
