"""Bytes that are not a UTF-8 text document are refused with a reason."""

from __future__ import annotations

import codecs

import pytest

from engagement_cli.loading.problems import InputError
from engagement_cli.loading.text import decode_document


def _problem_id(data: bytes, max_bytes: int = 1024) -> str:
    with pytest.raises(InputError) as caught:
        decode_document(data, max_bytes=max_bytes)
    return caught.value.problems[0].id


def test_utf8_with_and_without_bom() -> None:
    assert decode_document("name: é\n".encode()) == "name: é\n"
    assert decode_document(codecs.BOM_UTF8 + b"name: x\n") == "name: x\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(encoding: str) -> None:
    assert decode_document("name: é\n".encode(encoding)) == "name: é\n"


@pytest.mark.parametrize(
    ("data", "problem_id"),
    [
        (b"", "empty-file"),
        (b"  \n\n", "empty-file"),
        (b"name: x\x00\n", "not-text"),
        (bytes(range(256)), "not-text"),
        (b"name: caf\xe9\n", "not-text"),
        (b"x" * 2000, "file-too-large"),
    ],
)
def test_non_text_is_refused(data: bytes, problem_id: str) -> None:
    assert _problem_id(data) == problem_id


def test_invalid_utf8_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_document(b"name: x\nsummary: caf\xe9\n")
    assert caught.value.problems[0].line == 2
