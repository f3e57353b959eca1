"""Making text from project files safe to show: no control characters, no escapes.

Project names and summaries end up in terminals, CI logs and web pages. Whatever a file
contains, it must appear literally and must not act as a terminal or log command.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 controls (ESC among them), DEL, and the Unicode format characters that can
# reorder or hide text (bidirectional overrides, zero-width characters).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Text as one visible line: breaks and tabs become spaces, controls become escapes."""
    return _UNSAFE.sub(_escape, _LINE_BREAKS.sub(" ", text)).strip()


def literal(text: str, style: str = "") -> Text:
    """Text for a rich console that is shown as written: no markup, no control characters."""
    return Text(one_line(text), style=style)
