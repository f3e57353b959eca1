"""Checks of a project that need the rubric: its claimed approach and readiness keys.

They read the document as written, so they can run on a file that failed validation
too: a user then hears about every problem at once, not one round at a time.
"""

from __future__ import annotations

import difflib

from engagement_cli.loading.problems import MAX_PROBLEMS, Problem, echo
from engagement_cli.loading.project_file import LoadedProject
from engagement_cli.loading.yaml_source import YamlDocument
from engagement_cli.models.project import NO_SAY, normalise_word
from engagement_cli.rubric.compiled import Rubric

UNKNOWN_CLAIM = "unknown-approach"
"""A claimed approach the rubric does not know: a warning, the file is still assessed."""


def check_against_rubric(loaded: LoadedProject | YamlDocument, rubric: Rubric) -> list[Problem]:
    """Problems with names a project uses that the rubric does not define."""
    document = loaded.document if isinstance(loaded, LoadedProject) else loaded
    data = document.data if isinstance(document.data, dict) else {}
    problems: list[Problem] = []
    claimed = data.get("claimed_approach")
    if (
        isinstance(claimed, str)
        and normalise_word(claimed) != NO_SAY
        and rubric.resolve_approach(claimed) is None
    ):
        names = [approach.id for approach in rubric.approaches]
        close = difflib.get_close_matches(claimed.lower(), names, n=1)
        hint = f" (did you mean {echo(close[0])}?)" if close else ""
        line, column = document.position(("claimed_approach",)) or (None, None)
        problems.append(
            Problem(
                UNKNOWN_CLAIM,
                f"{echo(claimed)} is not an approach in rubric {rubric.label}{hint}; "
                f"expected one of {', '.join(names)}, or none; the project is assessed as "
                "making no claim",
                field="claimed_approach",
                line=line,
                column=column,
            )
        )
    readiness = data.get("readiness")
    item_ids = [item.id for _, item in rubric.checklist_items()]
    for key in readiness if isinstance(readiness, dict) else ():
        if key not in item_ids:
            # Past the per-file cap the problem is only counted: skip the costly search.
            beyond_cap = len(problems) >= MAX_PROBLEMS
            close = [] if beyond_cap else difflib.get_close_matches(str(key), item_ids, n=1)
            hint = f"; did you mean {echo(close[0])}?" if close else "; see `engage checklist`"
            line, column = document.position(("readiness", key), prefer_key=True) or (None, None)
            problems.append(
                Problem(
                    "unknown-readiness-item",
                    f"unknown readiness item {echo(key)}{hint}",
                    field=f"readiness.{key}",
                    line=line,
                    column=column,
                )
            )
    return problems
