"""Finding severities: kept apart from the result models so the CLI can load them cheaply."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; `error` is the most severe."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def weight(self) -> int:
        """Larger is more severe, for comparing against a `--fail-on` threshold."""
        return {"error": 3, "warning": 2, "note": 1}[self.value]
