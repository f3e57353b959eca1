"""Settings a renderer may need beyond the report: terminal and environment facts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """Facts about where output goes; passed in so every renderer stays a pure function."""

    color: bool = False
    """Whether to use colour (terminal formats only)."""
    width: int = 100
    """Line width for console formats."""
    timestamp: str = "1970-01-01T00:00:00"
    """When the run happened, for formats that record it (JUnit)."""
    hostname: str = "localhost"
    """Where the run happened, for formats that record it (JUnit)."""
    details: bool = False
    """Whether console views show every criterion with its evidence (`assess --details`)."""
