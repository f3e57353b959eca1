"""Every example gives the verdict its source document gives."""

from __future__ import annotations

import pytest

from engagement_cli.models.result import ClaimStatus
from engagement_cli.rubric.compiled import Rubric
from engagement_cli.runner import Settings, assess_path
from tests.conftest import EXAMPLES

# The verdict each source document gives for the case the example describes.
SEED_VERDICTS = {
    "lego-ideas.yaml": "co-creation",  # seed 002
    "linux-open-source.yaml": "co-creation",  # seed 002
    "threadless.yaml": "co-creation",  # seed 002
    "exercise-programme-co-produced.yaml": "co-production",  # seed 000
    "exercise-programme-collaborative.yaml": "collaboration",  # seed 000
    "outpatient-booking-co-design.yaml": "co-design",  # seed 000
    "library-opening-hours-survey.yaml": "consultation",  # seed 000
    "department-software.yaml": "co-creation",  # seed 003
    "bespoke-interior-design.yaml": "co-creation",  # seed 003
    "finance-it-migration.yaml": "collaboration",  # seed 001
    "youth-survey-called-co-production.yaml": "consultation",  # seed 000
    "council-newsletter.yaml": "none",  # domain: nobody gets more than information
    "website-built-to-spec.yaml": "collaboration",  # domain: a supplier building to spec
    "peer-support-user-led.yaml": "none",  # seed 000: a user-created service
}


def test_every_example_has_an_expected_verdict() -> None:
    assert sorted(path.name for path in EXAMPLES.glob("*.yaml")) == sorted(SEED_VERDICTS)


@pytest.mark.parametrize(("name", "verdict"), sorted(SEED_VERDICTS.items()))
def test_example_gets_the_seeds_verdict(name: str, verdict: str, rubric: Rubric) -> None:
    result = assess_path(EXAMPLES / name, name, Settings(rubric=rubric))
    assert result.assessment is not None, result.findings
    assert result.assessment.verdict == verdict


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("youth-survey-called-co-production.yaml", ClaimStatus.OVER_CLAIMS),
        ("finance-it-migration.yaml", ClaimStatus.MISLABELS),
        ("bespoke-interior-design.yaml", ClaimStatus.MISLABELS),
        ("website-built-to-spec.yaml", ClaimStatus.MISLABELS),
        ("lego-ideas.yaml", ClaimStatus.MATCHES),
        ("department-software.yaml", ClaimStatus.NOT_CLAIMED),
    ],
)
def test_claim_check(name: str, status: ClaimStatus, rubric: Rubric) -> None:
    result = assess_path(EXAMPLES / name, name, Settings(rubric=rubric))
    assert result.assessment is not None
    assert result.assessment.claim.status is status
