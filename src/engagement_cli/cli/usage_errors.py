"""Usage errors in engage's words: what was wrong with an argument, and what would do.

typer reports a bad option value in its validation library's words ("Input should be
greater than or equal to 0", "Value error, 'x' is not one of ..."). This rewrites those
messages plainly, with a "did you mean" for a mistyped choice, before they are shown.
"""

from __future__ import annotations

import difflib
import re

from engagement_cli.loading.problems import echo

_CHOICES = re.compile(r"^(?:Value error, )?'(?P<given>[^']*)' is not one of (?P<choices>.*?)\.?$")
_AT_LEAST = re.compile(r"^Input should be greater than or equal to (?P<floor>-?\d+)$")
_AT_MOST = re.compile(r"^Input should be less than or equal to (?P<ceiling>-?\d+)$")
_WHOLE_NUMBER = re.compile(r"^Input should be a valid integer")
_PREFIX = "Value error, "


def suggestion(given: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing."""
    close = difflib.get_close_matches(given.lower(), choices, n=1, cutoff=0.5)
    return f" (did you mean {echo(close[0])}?)" if close else ""


def plain_message(message: str, given: str | None = None) -> str:
    """`message` in plain words; `given` is the value typed, where known."""
    got = f" (got {given!r})" if given is not None else ""
    if match := _CHOICES.match(message):
        choices = re.findall(r"'([^']*)'", match["choices"])
        value = match["given"]
        return f"{echo(value)} is not one of {', '.join(choices)}{suggestion(value, choices)}"
    if match := _AT_LEAST.match(message):
        return f"must be {match['floor']} or more{got}"
    if match := _AT_MOST.match(message):
        return f"must be {match['ceiling']} or less{got}"
    if _WHOLE_NUMBER.match(message):
        return f"must be a whole number{got}"
    return message.removeprefix(_PREFIX)


def reword(message: str) -> str:
    """Reword typer's "Invalid value for '--x': <detail>" message, keeping its first part."""
    head, separator, detail = message.partition(": ")
    if not separator or not head.startswith("Invalid value for"):
        return plain_message(message)
    return f"{head}: {plain_message(detail)}"
