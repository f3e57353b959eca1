"""Making text from project files safe to show: no control characters, no escapes.

Project names and summaries end up in terminals, CI logs and web pages. Whatever a file
contains, it must appear literally and must not act as a terminal or log command.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.text import Text

# C0 and C1 controls (ESC among them), DEL, the Unicode format characters that can
# reorder or hide text (bidirectional overrides, zero-width characters), lone
# surrogates (a file name's undecodable bytes) and the non-characters XML forbids.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        # Python keeps an undecodable byte of a file name as this surrogate: show the byte.
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Text as one visible line: breaks and tabs become spaces, controls become escapes."""
    return _UNSAFE.sub(_escape, _LINE_BREAKS.sub(" ", text)).strip()


def visible_name(text: str) -> str:
    """A name on one line with nothing lost: every control, tab and line break written as
    its escape and surrounding spaces kept, so that two different names never look alike
    (for lists that scripts read, such as `--list-files`)."""
    return _UNSAFE.sub(_escape, text.replace("\t", "\\x09").replace("\n", "\\x0a"))


def printable(text: str) -> str:
    """A message for the terminal or a log, its line breaks kept: controls, lone
    surrogates and CI workflow commands neutralised, as `one_line` does within a line."""
    return log_inert(_UNSAFE.sub(_escape, text.replace("\r\n", "\n")))


def literal(text: str, style: str = "") -> Text:
    """Text for a rich console that is shown as written: no markup, no control characters."""
    return Text(one_line(text), style=style)


# GitHub's runner obeys a legacy command `##[name]…` anywhere in a log line, and a
# command `::name::…` once it has stripped the line's leading whitespace. The fullwidth
# and small forms of `#`, `[` and `:` are included, so text that a later tool normalises
# cannot become a command either.
_HASHES = "#\ufe5f\uff03"
_OPENERS = "\\[\ufe47\uff3b"
_COLONS = ":\ufe13\ufe55\uff1a"
_LOG_COMMAND = re.compile(
    f"(?P<hash>[{_HASHES}])(?=[{_HASHES}][{_OPENERS}])"
    f"|(?P<lead>^(?:\\s|\x1b\\[[0-9;]*m)*)(?P<colon>[{_COLONS}])(?=[{_COLONS}])",
    re.MULTILINE,
)

# Either half of a command, wherever it sits: most text holds neither, and this search
# is far cheaper than `_LOG_COMMAND`, whose line-start alternative is tried everywhere.
_COMMAND_PAIRS = re.compile(f"[{_HASHES}][{_HASHES}][{_OPENERS}]|[{_COLONS}][{_COLONS}]")

CharEscape = Callable[[str], str]


def plain_escape(char: str) -> str:
    """`\\x23`: how the plain views show a character they must not print as it is."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_escape(char: str) -> str:
    """`\\u0023`: the same character, inside a JSON string."""
    return f"\\u{ord(char):04x}"


def markup_escape(char: str) -> str:
    """`&#35;`: the same character, in XML, HTML or Markdown."""
    return f"&#{ord(char)};"


def log_inert(text: str, escape: CharEscape = plain_escape) -> str:
    """`text` with every line unable to act as a CI workflow command.

    The first character of a command is written with `escape`, which must be one the
    output's own syntax reads back as that character (JSON, XML) or shows literally.
    """

    if text.isascii():  # O(1) for str: then only the ASCII forms can occur
        if "##[" not in text and "::" not in text:
            return text
    elif _COMMAND_PAIRS.search(text) is None:
        return text

    def neutralise(match: re.Match[str]) -> str:
        if match.group("hash"):
            return escape(match.group("hash"))
        return match.group("lead") + escape(match.group("colon"))

    return _LOG_COMMAND.sub(neutralise, text)


# Characters JSON may hold raw that still reorder, hide or break text where a report is
# read (C1 controls, bidirectional and zero-width characters, line separators).
_JSON_INVISIBLE = re.compile(
    "[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def json_inert(text: str) -> str:
    """JSON text that no CI log reads as a command and that shows no invisible character
    raw: each is written as its `\\uXXXX` escape, which every JSON reader reads back."""
    shown = _JSON_INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return log_inert(shown, json_escape)
