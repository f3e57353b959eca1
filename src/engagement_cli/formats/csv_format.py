"""The `csv` format: one row per file, for spreadsheets (RFC 4180, stable columns).

Safe against spreadsheet formula injection: any cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return is prefixed with an apostrophe, which spreadsheets
read as "this is text". No byte-order mark: the output stays plain UTF-8 for scripts
and `csv` readers; Excel users import it with Data > From Text/CSV, which asks for the
encoding.
"""

from __future__ import annotations

import csv
import io

from engagement_cli.formats.safe_text import log_inert, one_line
from engagement_cli.models.project import Role, Say, Stage
from engagement_cli.models.result import FileResult, Report

ROLES = tuple(role.value for role in Role if role is not Role.FACILITATORS)
"""The roles counted in the original columns; facilitators, added later, come last."""
STAGES = tuple(stage.value for stage in Stage)

COLUMNS = (
    "file",
    "name",
    "claimed",
    "verdict",
    "claim_status",
    "confidence",
    "readiness_status",
    "readiness_unanswered",
    *(f"groups_{role}" for role in ROLES),
    *(f"users_say_{stage}" for stage in STAGES),
    "findings",
    "groups_facilitators",
)
"""The columns, in their documented order; new columns are only ever added at the end."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _highest_say(says: list[str]) -> str:
    return max(says, key=lambda say: Say(say).rank) if says else ""


def _row(result: FileResult) -> list[str]:
    assessment = result.assessment
    findings = " ".join(dict.fromkeys(finding.id for finding in result.active_findings))
    if assessment is None:
        return [
            result.file,
            "",
            "",
            "invalid",
            "",
            "",
            "",
            "",
            *[""] * len(ROLES),
            *[""] * len(STAGES),
            findings,
            "",
        ]
    readiness = assessment.readiness[0] if assessment.readiness else None
    roles = [row.role for row in assessment.participation]
    users_say = [
        _highest_say(
            [
                cell.say
                for row in assessment.participation
                if row.role == "users"
                for cell in row.stages
                if cell.stage == stage and cell.say is not None
            ]
        )
        for stage in STAGES
    ]
    return [
        result.file,
        assessment.project,
        assessment.claim.claimed or "",
        assessment.verdict,
        assessment.claim.status.value,
        f"{assessment.confidence:.2f}",
        readiness.status.value if readiness else "",
        str(readiness.unanswered) if readiness else "",
        *(str(roles.count(role)) for role in ROLES),
        *users_say,
        findings,
        str(roles.count(Role.FACILITATORS.value)),
    ]


def render_csv(report: Report) -> str:
    """A header row and one row per file, CRLF line ends as RFC 4180 asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for result in report.files:
        # Cells hold one line with controls escaped, as every view shows them: a line
        # break would survive quoting but not every spreadsheet import, and an escape
        # sequence would act on the terminal that shows the file.
        writer.writerow([safe_cell(one_line(value)) for value in _row(result)])
    return log_inert(buffer.getvalue())
