"""The `sarif` format: SARIF 2.1.0, as GitHub code scanning and other viewers accept it.

Every finding id is a rule with a description and help. Locations are relative URIs
under `%SRCROOT%` (run engage from the repository root) with 1-based regions; a finding
without a known line points at line 1. Suppressed findings carry an in-source suppression
with the project's reason.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from engagement_cli.formats.safe_text import json_inert
from engagement_cli.models.result import Finding, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/engagement-cli/"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    rule_index = {rule.id: index for index, rule in enumerate(report.rules)}
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": f"{rule.summary}."},
            "help": {"text": rule.help, "markdown": rule.help},
            "defaultConfiguration": {"level": _LEVEL[rule.default_severity]},
        }
        for rule in report.rules
    ]
    results = [
        _result(finding, rule_index) for result in report.files for finding in result.findings
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "engage",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {
                        "description": {
                            "text": "The directory engage ran in: the repository root in CI."
                        }
                    }
                },
                "results": results,
                "properties": {"rubric": report.rubric, "verdicts": report.counts_by_verdict()},
            }
        ],
    }
    return json_inert(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def artifact_location(file: str) -> dict[str, str]:
    """Where a file is, as SARIF wants it: a percent-encoded URI (RFC 3986), relative to
    `%SRCROOT%`, or a `file:` URI for a file outside the folder engage ran in.

    Every character but letters, digits, `-._~` and the `/` between segments is encoded,
    so `#`, `?`, `%` and a drive-letter colon stay part of the name.
    """
    encoded = quote(_raw_name(file), safe="/")
    if file.startswith("/"):
        return {"uri": f"file://{encoded}"}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


_BYTE_ESCAPE = re.compile(rb"\\x([89a-f][0-9a-f])")


def _raw_name(label: str) -> bytes:
    """The file name's own bytes: a label writes a byte that is not UTF-8 as `\\xNN`
    (always 80 or above), and a URI must carry the byte (`%FE`), not the escape."""
    return _BYTE_ESCAPE.sub(lambda match: bytes.fromhex(match.group(1).decode()), label.encode())


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": finding.line or 1}
    if finding.line is not None and finding.column is not None:
        region["startColumn"] = finding.column
    message = finding.message if finding.field is None else f"{finding.field}: {finding.message}"
    result: dict[str, Any] = {
        "ruleId": finding.id,
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.file),
                    "region": region,
                }
            }
        ],
    }
    if finding.id in rule_index:
        result["ruleIndex"] = rule_index[finding.id]
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return result
