"""Hypothesis strategies for random but valid project descriptions (format 2)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from engagement_cli.models.project import (
    Process,
    Purpose,
    Recognition,
    Relationship,
    Responsibility,
    Role,
    Say,
    Stage,
)

SAYS = [member.value for member in Say]
STAGES = [member.value for member in Stage]
ROLES = [member.value for member in Role]
USER_ROLES = ("users", "community")
APPROACHES = ["consultation", "collaboration", "co-design", "co-creation", "co-production"]


def _values(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in enum])


@st.composite
def stage_part(draw: st.DrawFn) -> Any:
    """A stage entry in any of the spellings the format allows."""
    say = draw(st.none() | st.sampled_from(SAYS))
    does_work = draw(st.booleans())
    if say is None and not does_work:
        does_work = True
    if not does_work and draw(st.booleans()):
        return say  # format 1's bare level: say only
    part: dict[str, Any] = {"does_work": does_work}
    if say is not None:
        part["say"] = say
    return part


names = st.text(min_size=1, max_size=20).filter(lambda text: text.strip() != "")


def group_strategy(roles: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """One group; `roles` narrows the roles drawn."""
    return st.fixed_dictionaries(
        {
            "name": names,
            "role": roles if roles is not None else st.sampled_from(ROLES),
            "stages": st.dictionaries(st.sampled_from(STAGES), stage_part(), max_size=5),
            "shares_responsibility_for": st.lists(_values(Responsibility), max_size=2, unique=True),
            "recognition": _values(Recognition),
            "told_what_happened": st.booleans(),
        },
        optional={"relationship": _values(Relationship)},
    )


def project_strategy(
    groups: st.SearchStrategy[list[Any]] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """A whole project; most have a provider group, some have none."""
    drawn = groups if groups is not None else st.lists(group_strategy(), min_size=1, max_size=6)
    return st.fixed_dictionaries(
        {"name": names, "groups": drawn},
        optional={
            "summary": st.text(max_size=80),
            "claimed_approach": st.sampled_from(APPROACHES),
            "purpose": _values(Purpose),
            "process": _values(Process),
        },
    )


@st.composite
def with_provider(draw: st.DrawFn) -> dict[str, Any]:
    """A project with at least one provider group that takes part somewhere."""
    project = draw(project_strategy())
    provider = draw(group_strategy(st.just("provider")))
    stage = draw(st.sampled_from(STAGES))
    provider["stages"].setdefault(stage, {"say": "decides", "does_work": True})
    index = draw(st.integers(min_value=0, max_value=len(project["groups"])))
    project["groups"].insert(index, provider)
    return project


any_project = project_strategy() | with_provider()
