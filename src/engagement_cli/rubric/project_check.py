"""Checks of a project that need the rubric: its claimed approach and readiness keys."""

from __future__ import annotations

import difflib

from engagement_cli.loading.problems import Problem
from engagement_cli.loading.project_file import LoadedProject
from engagement_cli.rubric.compiled import Rubric


def check_against_rubric(loaded: LoadedProject, rubric: Rubric) -> list[Problem]:
    """Problems with names a project uses that the rubric does not define."""
    problems: list[Problem] = []
    project, document = loaded.project, loaded.document
    if (
        project.claimed_approach is not None
        and rubric.resolve_approach(project.claimed_approach) is None
    ):
        names = [approach.id for approach in rubric.approaches]
        close = difflib.get_close_matches(project.claimed_approach.lower(), names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        line, column = document.position(("claimed_approach",)) or (None, None)
        problems.append(
            Problem(
                "unknown-approach",
                f"'{project.claimed_approach}' is not an approach in rubric {rubric.label}{hint}; "
                f"expected one of {', '.join(names)}",
                field="claimed_approach",
                line=line,
                column=column,
            )
        )
    item_ids = [item.id for _, item in rubric.checklist_items()]
    for key in project.readiness:
        if key not in item_ids:
            close = difflib.get_close_matches(key, item_ids, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; see `engage checklist`"
            line, column = document.position(("readiness", key), prefer_key=True) or (None, None)
            problems.append(
                Problem(
                    "unknown-readiness-item",
                    f"unknown readiness item '{key}'{hint}",
                    field=f"readiness.{key}",
                    line=line,
                    column=column,
                )
            )
    return problems
