"""The `json` format: the whole report, stable and documented (see the README)."""

from __future__ import annotations

import json

from engagement_cli.models.result import Report


def render_json(report: Report) -> str:
    """The report as indented JSON; the same report always gives the same bytes."""
    data = report.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
