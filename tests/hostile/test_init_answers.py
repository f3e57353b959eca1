"""`engage init --ask` never writes a file that does not load, and never crashes.

Answers are generated with every kind of character a project file cannot hold (C0 and
C1 controls, DEL, the characters YAML reads as line breaks, U+FFFE and U+FFFF), names
longer than the file allows, and bytes that are not UTF-8. Each is refused with a reason
and asked again; the file written from the next, good answer loads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.loading.project_file import read_project_file
from tests.cli.test_init_command import CONSULTATION

BAD_CHARACTERS = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)]
BAD_CHARACTERS += [chr(code) for code in range(0x80, 0xA0)]
BAD_CHARACTERS += ["\u2028", "\u2029", "\ufffe", "\uffff"]
# Line breaks end the answer itself; they are not answers to test.
BAD_CHARACTERS = [character for character in BAD_CHARACTERS if character not in "\n\r"]

NAME_QUESTIONS = {0: 300, 6: 200}  # answer index: the longest name the file allows there


@st.composite
def bad_answer(draw: st.DrawFn, longest: int) -> bytes:
    kind = draw(st.sampled_from(["character", "too long", "not utf-8"]))
    text = draw(st.text(alphabet="abc xyz", min_size=1, max_size=30)).strip() or "a"
    if kind == "too long":
        return ("n" * draw(st.integers(min_value=longest + 1, max_value=longest + 500))).encode()
    if kind == "not utf-8":
        junk = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80abc"]))
        return text.encode() + junk
    # Inside the text: surrounding whitespace (U+2028 and U+0085 among it) is stripped.
    text = f"a{text}z"
    where = draw(st.integers(min_value=1, max_value=len(text) - 1))
    character = draw(st.sampled_from(BAD_CHARACTERS))
    return (text[:where] + character + text[where:]).encode("utf-8", "surrogatepass")


def _init(target: Path, answers: list[bytes]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "engagement_cli", "init", str(target), "--ask"],
        input=b"\n".join(answers) + b"\n",
        capture_output=True,
        timeout=60,
        check=False,
    )


@settings(max_examples=20, deadline=None)
@given(data=st.data(), question=st.sampled_from(sorted(NAME_QUESTIONS)))
def test_a_bad_name_is_asked_again_and_the_file_loads(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, question: int
) -> None:
    answers = [answer.encode() for answer in CONSULTATION]
    good = answers[question]
    answers.insert(question, data.draw(bad_answer(NAME_QUESTIONS[question])))
    target = tmp_path_factory.mktemp("init") / "p.yaml"
    result = _init(target, answers)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"the answer" in result.stderr  # the reason it was asked again
    loaded = read_project_file(target)
    names = [loaded.project.name, *(group.name for group in loaded.project.groups)]
    assert good.decode() in names


def test_a_file_that_would_not_load_is_never_written(tmp_path: Path) -> None:
    # Input ends while a name is still wrong: nothing is written, and no traceback.
    target = tmp_path / "p.yaml"
    result = _init(target, [b"bad\x7fname"])
    assert result.returncode != 0
    assert not target.exists()
    assert b"Traceback" not in result.stderr
