"""Hypothesis strategies for random but valid project descriptions."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from engagement_cli.models.project import (
    Influence,
    Process,
    Purpose,
    Recognition,
    Relationship,
    Responsibility,
    Role,
    Stage,
)


def _values(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in enum])


group_strategy = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=20).filter(lambda text: text.strip() != ""),
        "role": _values(Role),
        "relationship": _values(Relationship),
        "stages": st.dictionaries(_values(Stage), _values(Influence), max_size=5),
        "shares_responsibility_for": st.lists(_values(Responsibility), max_size=2, unique=True),
        "recognition": _values(Recognition),
        "told_what_happened": st.booleans(),
    }
)

project_strategy = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != ""),
        "purpose": _values(Purpose),
        "process": _values(Process),
        "groups": st.lists(group_strategy, min_size=1, max_size=6),
    },
    optional={
        "summary": st.text(max_size=80),
        "claimed_approach": st.sampled_from(
            ["consultation", "collaboration", "co-design", "co-creation", "co-production"]
        ),
    },
)
