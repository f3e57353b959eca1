"""Bounds on what one input file may cost; light to import, for the CLI's defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 32
DEFAULT_MAX_NODES = 100_000
DEFAULT_MAX_GROUPS = 200


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile or accidental file from exhausting a run."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest file read, in bytes."""
    max_depth: int = DEFAULT_MAX_DEPTH
    """Deepest nesting of mappings and lists."""
    max_nodes: int = DEFAULT_MAX_NODES
    """Most values a document may expand to, counting what aliases repeat."""
    max_groups: int = DEFAULT_MAX_GROUPS
    """Most participating groups in one project."""
