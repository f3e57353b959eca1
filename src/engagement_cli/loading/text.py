"""Turning a file's bytes into text, refusing what is not a text document."""

from __future__ import annotations

import codecs

from engagement_cli.loading.limits import DEFAULT_MAX_BYTES
from engagement_cli.loading.problems import InputError, Problem

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _fail(problem_id: str, message: str, line: int = 1, column: int = 1) -> InputError:
    # Problems with the file as a whole point at its start, so every one has a location.
    return InputError([Problem(problem_id, message, line=line, column=column)])


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte `offset`."""
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def decode_document(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a project or rubric file, or raise `InputError` saying why it is not text.

    UTF-8 (with or without a BOM) is the format; UTF-16 and UTF-32 files with a BOM,
    as some Windows editors write them, are decoded too rather than refused.
    """
    if len(data) > max_bytes:
        raise _fail(
            "file-too-large",
            f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-file-size)",
        )
    # UTF-32 LE's BOM starts with UTF-16 LE's, so the longer BOMs are tried first.
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _fail(
                    "not-text",
                    f"file starts with a {encoding} byte-order mark "
                    f"but is not valid {encoding}: {error.reason}",
                ) from None
            return _check_text(text)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise _fail("not-text", "file contains NUL bytes: it looks binary, not YAML", line, column)
    # The BOM is dropped before decoding, so that a bad byte's place is counted in the
    # text an editor shows, and its offset in the file as it is.
    bom_length = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[bom_length:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(body, error.start)
        raise _fail(
            "not-text",
            f"file is not valid UTF-8 (byte 0x{body[error.start]:02x} at offset "
            f"{error.start + bom_length}); save it as UTF-8",
            line,
            column,
        ) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _fail("not-text", "file contains NUL characters: it looks binary, not YAML", line)
    if not text.strip():
        raise _fail("empty-file", "file is empty: expected a YAML mapping describing a project")
    return text
