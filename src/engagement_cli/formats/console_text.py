"""Turning rich renderables into text: the one way the console views produce a string."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType

from engagement_cli.formats.safe_text import log_inert


def render_to_text(parts: Iterable[RenderableType], *, color: bool, width: int) -> str:
    """Print `parts` to a string, with colour only when asked and never any markup
    highlighting, so the same input gives the same text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    # Rich pads every line to the full width; trailing spaces are noise in a terminal,
    # a log or a diff.
    text = "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))
    # A view pasted into, or printed by, a CI log must not act as a workflow command,
    # wherever the wrapping has put a project's words.
    return log_inert(text)
