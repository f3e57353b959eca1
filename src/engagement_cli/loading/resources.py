"""Finding the files engage ships: the default rubric and the examples."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_folder(name: str) -> Path | None:
    """A folder shipped with engage: inside the installed package (a wheel), or at the top
    of a source checkout (an editable install)."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    return None
