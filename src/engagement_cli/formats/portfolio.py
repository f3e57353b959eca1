"""The portfolio matrix: how many projects claim each approach, against their verdicts.

"Of 12 projects that call themselves co-production, 4 are": the rows are the claims
(projects with no claim get their own row), the columns the verdicts. Shared by the
rich, markdown and html summaries of a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from engagement_cli.models.result import NO_VERDICT, Report

NO_CLAIM = "no-claim"
INVALID = "invalid"


@dataclass(frozen=True)
class ClaimMatrix:
    """Counts of files by claimed approach (rows) and verdict (columns)."""

    rows: list[str]
    """Claim keys: the rubric's approaches, then `no-claim`; only rows with files."""
    columns: list[str]
    """Verdict keys: the rubric's approaches, then none and invalid; only those used."""
    counts: dict[tuple[str, str], int]
    names: dict[str, str]
    """Display names for every key."""

    def count(self, claimed: str, verdict: str) -> int:
        return self.counts.get((claimed, verdict), 0)

    def row_total(self, claimed: str) -> int:
        return sum(self.count(claimed, verdict) for verdict in self.columns)


def claim_key(claimed: str | None) -> str:
    return claimed or NO_CLAIM


def claim_matrix(report: Report) -> ClaimMatrix:
    """The matrix for a report's files."""
    counts: dict[tuple[str, str], int] = {}
    for result in report.files:
        verdict = result.assessment.verdict if result.assessment else INVALID
        key = (claim_key(result.claimed), verdict)
        counts[key] = counts.get(key, 0) + 1
    used_rows = {claimed for claimed, _ in counts}
    used_columns = {verdict for _, verdict in counts}
    rows = [key for key in [*report.approaches, NO_CLAIM] if key in used_rows]
    rows += sorted(used_rows - set(rows))  # a claim the rubric no longer names
    columns = [key for key in [*report.approaches, NO_VERDICT, INVALID] if key in used_columns]
    names = {
        **{key: key for key in used_rows | used_columns},
        **report.approach_names,
        NO_CLAIM: "No claim",
        NO_VERDICT: "None",
        INVALID: "Invalid file",
    }
    return ClaimMatrix(rows, columns, counts, names)
