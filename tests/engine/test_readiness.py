"""Red / amber / green at exactly the rubric's thresholds."""

from __future__ import annotations

import pytest

from engagement_cli.engine.readiness import rag_status
from engagement_cli.models.result import RagStatus
from engagement_cli.rubric.compiled import Rubric


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (1.0, RagStatus.GREEN),
        (0.8, RagStatus.GREEN),
        (0.7999, RagStatus.AMBER),
        (0.5, RagStatus.AMBER),
        (0.4999, RagStatus.RED),
        (0.0, RagStatus.RED),
    ],
)
def test_rag_boundaries(score: float, status: RagStatus, rubric: Rubric) -> None:
    assert rag_status(score, rubric) is status
