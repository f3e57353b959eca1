"""Baselines for gradual adoption: record today's findings, fail only on new ones.

A finding is matched by its file, its id and its field, never by line, so a baseline
survives edits elsewhere in the file. A field inside a group is keyed by the group's
name rather than its position (`groups[class members].stages.design`), so reordering
the groups changes nothing. Matching counts: two findings with one key in the baseline
excuse two findings now, not more.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from engagement_cli.loading.problems import InputError, Problem
from engagement_cli.models.result import FileResult, Finding

BASELINE_SCHEMA = "engage.baseline/v1"
IN_BASELINE = "in the baseline"
"""The suppression reason a baselined finding carries in every report."""

_GROUP = re.compile(r"^groups\[(\d+)\]")


@dataclass(frozen=True)
class FixedFinding:
    """A baseline entry that no longer appears: the finding was fixed."""

    file: str
    id: str
    field: str | None


@dataclass
class Baseline:
    """Counts of known findings, by file and key."""

    entries: dict[str, Counter[tuple[str, str | None]]] = field(default_factory=dict)


def _key(finding: Finding, groups: list[str]) -> tuple[str, str | None]:
    if finding.field is None:
        return finding.id, None

    def by_name(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return f"groups[{groups[index]}]" if index < len(groups) else match.group()

    return finding.id, _GROUP.sub(by_name, finding.field)


def _groups(result: FileResult) -> list[str]:
    return [row.group for row in result.assessment.participation] if result.assessment else []


def apply_baseline(result: FileResult, baseline: Baseline) -> tuple[FileResult, list[FixedFinding]]:
    """The result with its baselined findings suppressed, and the entries it fixed."""
    known = Counter(baseline.entries.get(result.file, Counter()))
    groups = _groups(result)
    findings: list[Finding] = []
    for finding in result.findings:
        key = _key(finding, groups)
        if finding.suppressed is None and known[key] > 0:
            known[key] -= 1
            finding = finding.model_copy(update={"suppressed": IN_BASELINE})
        findings.append(finding)
    fixed = [
        FixedFinding(result.file, finding_id, field_path)
        for (finding_id, field_path), count in sorted(known.items(), key=str)
        for _ in range(count)
    ]
    return result.model_copy(update={"findings": findings}), fixed


def baseline_json(results: list[FileResult]) -> str:
    """The baseline file for these results: every active finding, by file and key."""
    entries = []
    for result in results:
        counts = Counter(
            _key(finding, _groups(result))
            for finding in result.findings
            if finding.suppressed is None
        )
        entries += [
            {"file": result.file, "id": finding_id, "field": field_path, "count": count}
            for (finding_id, field_path), count in sorted(counts.items(), key=str)
        ]
    return json.dumps({"schema": BASELINE_SCHEMA, "findings": entries}, indent=2) + "\n"


def parse_baseline(text: str) -> Baseline:
    """Read a baseline file written by `--write-baseline`; raises `InputError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            [
                Problem(
                    "invalid-baseline",
                    f"not JSON: {error.msg}",
                    line=error.lineno,
                    column=error.colno,
                )
            ]
        ) from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise InputError(
            [
                Problem(
                    "invalid-baseline",
                    f"not an engage baseline (expected schema "
                    f"'{BASELINE_SCHEMA}'); write one with engage check --write-baseline FILE",
                )
            ]
        )
    baseline = Baseline()
    findings = data.get("findings")
    for index, entry in enumerate(findings if isinstance(findings, list) else [None]):
        valid = (
            isinstance(entry, dict)
            and isinstance(entry.get("file"), str)
            and isinstance(entry.get("id"), str)
            and (entry.get("field") is None or isinstance(entry.get("field"), str))
            and isinstance(entry.get("count", 1), int)
            and not isinstance(entry.get("count", 1), bool)
            and entry.get("count", 1) >= 1
        )
        if not valid:
            raise InputError(
                [
                    Problem(
                        "invalid-baseline",
                        "each finding needs file, id, field (text or "
                        "null) and a count of 1 or more",
                        field=f"findings[{index}]",
                    )
                ]
            )
        assert isinstance(entry, dict)
        counts = baseline.entries.setdefault(entry["file"], Counter())
        counts[(entry["id"], entry.get("field"))] += entry.get("count", 1)
    return baseline
