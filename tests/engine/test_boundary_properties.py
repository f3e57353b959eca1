"""Properties for the boundaries real projects raise (domain.md), over generated projects.

Each rule of "Boundaries that real projects raise" is stated here in Python, apart from
the rubric, and checked over hundreds of generated projects: enough to find a rule that is
broken once in a hundred cases.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engagement_cli.engine.assess import assess
from engagement_cli.models.project import Project
from engagement_cli.models.result import Assessment
from engagement_cli.rubric.load import load_rubric
from tests.strategies import (
    SAYS,
    STAGES,
    USER_ROLES,
    any_project,
    group_strategy,
    names,
    stage_part,
    with_provider,
)

RUBRIC = load_rubric()
MANY = settings(max_examples=500, deadline=None)
SHARING = ("shares decisions", "decides")
ADVISORY = ("informed", "consulted", "involved")


def _assess(data: dict[str, Any]) -> Assessment:
    return assess(Project.model_validate(data), RUBRIC)


def _verdict(data: dict[str, Any]) -> str:
    return _assess(data).verdict


def _part(group: dict[str, Any], stage: str) -> dict[str, Any]:
    raw = group["stages"].get(stage)
    if raw is None:
        return {}
    return {"say": raw} if isinstance(raw, str) else raw


def _say(group: dict[str, Any], stage: str) -> str | None:
    say: str | None = _part(group, stage).get("say")
    return say


def _works(group: dict[str, Any], stage: str) -> bool:
    return bool(_part(group, stage).get("does_work", False))


def _outside(group: dict[str, Any]) -> bool:
    default = "internal" if group["role"] == "provider" else "external"
    return group.get("relationship", default) == "external"


def _provider_acts(data: dict[str, Any]) -> bool:
    return any(
        _works(group, stage) or _say(group, stage) in SHARING
        for group in data["groups"]
        if group["role"] == "provider"
        for stage in STAGES
    )


# --- none is never the verdict when someone from outside works or shares decisions -------


@given(project=with_provider())
@MANY
def test_none_is_never_the_verdict_when_an_outside_group_works_or_shares_decisions(
    project: dict[str, Any],
) -> None:
    active = any(
        _works(group, stage) or _say(group, stage) in SHARING
        for group in project["groups"]
        if group["role"] not in ("provider", "facilitators") and _outside(group)
        for stage in STAGES
    )
    assume(active and _provider_acts(project))
    assert _verdict(project) != "none"


# --- independent facilitators never change the verdict ------------------------------------


@given(
    project=any_project,
    facilitators=group_strategy(st.just("facilitators")),
    where=st.integers(min_value=0, max_value=6),
)
@MANY
def test_independent_facilitators_never_change_the_verdict(
    project: dict[str, Any], facilitators: dict[str, Any], where: int
) -> None:
    extended = copy.deepcopy(project)
    extended["groups"].insert(min(where, len(extended["groups"])), facilitators)
    assert _verdict(extended) == _verdict(project)


# --- contracted designers act for the provider --------------------------------------------


@st.composite
def users_designing_with_a_contracted_designer(draw: st.DrawFn) -> dict[str, Any]:
    """Users with real design power, a supplier drawing up the design, the provider elsewhere."""
    users = {
        "name": draw(names),
        "role": draw(st.sampled_from(USER_ROLES)),
        "stages": {
            "design": {"say": draw(st.sampled_from(SHARING)), "does_work": draw(st.booleans())}
        },
    }
    for stage in draw(st.lists(st.sampled_from(["define", "evaluate"]), unique=True)):
        users["stages"][stage] = draw(st.sampled_from(SAYS))
    provider_stages = draw(
        st.lists(
            st.sampled_from(["define", "build", "deliver", "evaluate"]), min_size=1, unique=True
        )
    )
    provider = {
        "name": draw(names),
        "role": "provider",
        "stages": {stage: draw(stage_part()) for stage in provider_stages},
    }
    provider["stages"][provider_stages[0]] = {"does_work": True}
    architect = {
        "name": draw(names),
        "role": "suppliers",
        "stages": {"design": {"does_work": True}},
    }
    if draw(st.booleans()):
        architect["stages"]["build"] = {"does_work": True}
    groups = [users, provider, architect]
    return {"name": draw(names), "groups": draw(st.permutations(groups))}


@given(project=users_designing_with_a_contracted_designer())
@MANY
def test_a_contracted_designer_working_with_users_is_the_providers_side_in_the_design(
    project: dict[str, Any],
) -> None:
    assert _verdict(project) == "co-design"


# --- teamwork inside one organisation -------------------------------------------------------


@st.composite
def own_teams_working_at_one_stage(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Two or more of the organisation's teams each doing part of the work at one stage."""
    stage = draw(st.sampled_from(STAGES))
    earlier_or_same = STAGES[: STAGES.index(stage) + 1]
    teams = []
    for _ in range(draw(st.integers(min_value=2, max_value=4))):
        internal_partner = draw(st.booleans())
        team: dict[str, Any] = {
            "name": draw(names),
            "role": "partners" if internal_partner else "provider",
            "stages": {stage: {"say": "shares decisions", "does_work": True}},
        }
        if internal_partner:
            team["relationship"] = "internal"
        if draw(st.booleans()):
            team["stages"][stage] = {"does_work": True}
        for other in draw(st.lists(st.sampled_from(STAGES), unique=True, max_size=3)):
            if other == stage:
                continue
            # Nobody decides alone, at this stage or before it, what the others do.
            says = [say for say in SAYS if say != "decides" or other not in earlier_or_same]
            team["stages"][other] = {
                "say": draw(st.sampled_from(says)),
                "does_work": draw(st.booleans()),
            }
        teams.append(team)
    teams[0]["role"] = "provider"
    teams[0].pop("relationship", None)
    return {"name": draw(names), "groups": teams}, stage


@given(case=own_teams_working_at_one_stage())
@MANY
def test_own_teams_each_doing_part_of_the_work_at_one_stage_are_collaboration(
    case: tuple[dict[str, Any], str],
) -> None:
    project, _ = case
    assert _verdict(project) == "collaboration"


@given(
    stage=st.sampled_from(STAGES),
    helpers=st.integers(min_value=1, max_value=3),
    decider_works=st.booleans(),
)
@MANY
def test_one_team_deciding_alone_while_the_others_carry_it_out_is_not_collaboration(
    stage: str, helpers: int, decider_works: bool
) -> None:
    decider = {
        "name": "cabinet",
        "role": "provider",
        "stages": {stage: {"say": "decides", "does_work": decider_works}},
    }
    carrying_out = [
        {"name": f"team {index}", "role": "provider", "stages": {stage: {"does_work": True}}}
        for index in range(helpers)
    ]
    assert _verdict({"name": "one team decides", "groups": [decider, *carrying_out]}) == "none"


@st.composite
def recoded_team(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A project with an acting provider and one more team, and the same with that team's
    label swapped between a second provider group and an internal partner team."""
    project = draw(with_provider())
    assume(_provider_acts(project))
    team = draw(group_strategy(st.sampled_from(["provider", "partners"])))
    if team["role"] == "partners":
        team["relationship"] = "internal"
    else:
        team.pop("relationship", None)
    where = draw(st.integers(min_value=0, max_value=len(project["groups"])))
    base = copy.deepcopy(project)
    base["groups"].insert(where, team)
    other = copy.deepcopy(base)
    swapped = other["groups"][where]
    if swapped["role"] == "provider":
        swapped["role"], swapped["relationship"] = "partners", "internal"
    else:
        swapped["role"] = "provider"
        swapped.pop("relationship")
    return base, other


@given(pair=recoded_team())
@MANY
def test_an_internal_partner_team_and_a_second_provider_group_read_alike(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    before, after = pair
    assert _verdict(after) == _verdict(before)


# --- a provider that is only asked for its views does not take part -------------------------


@given(
    project=any_project,
    stage=st.sampled_from(STAGES),
    say=st.sampled_from(["consulted", "involved"]),
)
@MANY
def test_a_provider_only_asked_for_its_views_is_not_taking_part(
    project: dict[str, Any], stage: str, say: str
) -> None:
    others = [group for group in project["groups"] if group["role"] != "provider"]
    assume(others)
    data = {
        "name": project["name"],
        "groups": [*others, {"name": "council", "role": "provider", "stages": {stage: say}}],
    }
    assert _verdict(data) == "none"


# --- co-production in its own words -----------------------------------------------------------


@st.composite
def co_devised_and_co_delivered(draw: st.DrawFn) -> dict[str, Any]:
    """Users who share the creation and deliver alongside the provider, say at delivery unsaid."""
    creation = draw(st.sampled_from(["define", "design"]))
    users = {
        "name": draw(names),
        "role": draw(st.sampled_from(USER_ROLES)),
        "stages": {
            creation: {"say": draw(st.sampled_from(SHARING)), "does_work": draw(st.booleans())},
            "deliver": {"does_work": True},
        },
    }
    staff = {
        "name": draw(names),
        "role": "provider",
        "stages": {
            creation: {"say": "shares decisions", "does_work": draw(st.booleans())},
            "deliver": {"does_work": True},
        },
    }
    if users["stages"][creation]["say"] == "decides":
        staff["stages"][creation] = {"does_work": True}
    return {"name": draw(names), "groups": draw(st.permutations([users, staff]))}


@given(project=co_devised_and_co_delivered())
@MANY
def test_co_devised_and_co_delivered_alongside_the_provider_is_co_production(
    project: dict[str, Any],
) -> None:
    assert _verdict(project) == "co-production"


@given(project=co_devised_and_co_delivered(), say=st.sampled_from(ADVISORY))
@MANY
def test_users_who_deliver_with_a_stated_low_say_are_never_co_production(
    project: dict[str, Any], say: str
) -> None:
    data = copy.deepcopy(project)
    for group in data["groups"]:
        if group["role"] in USER_ROLES:
            group["stages"]["deliver"] = {"say": say, "does_work": True}
            group["shares_responsibility_for"] = ["delivery"]
    assert _verdict(data) != "co-production"


@given(project=co_devised_and_co_delivered(), survey=st.booleans())
@MANY
def test_an_open_consultation_at_the_start_is_no_decision_taken_alone(
    project: dict[str, Any], survey: bool
) -> None:
    data = copy.deepcopy(project)
    users = next(group for group in data["groups"] if group["role"] in USER_ROLES)
    assume(_say(users, "design") in SHARING)
    for group in data["groups"]:
        if group["role"] == "provider":
            group["stages"]["define"] = {"does_work": True}
    data["groups"].append(
        {"name": "the public", "role": "community", "stages": {"define": "consulted"}}
    )
    if survey:
        users["stages"]["define"] = "consulted"
    assert _verdict(data) == "co-production"


# --- co-commissioning ---------------------------------------------------------------------------


@given(
    say=st.sampled_from(SHARING),
    commissioners=stage_part(),
    provider_later=st.lists(st.sampled_from(["design", "build", "deliver"]), unique=True),
)
@MANY
def test_users_who_share_what_is_commissioned_without_delivering_are_co_design(
    say: str, commissioners: Any, provider_later: list[str]
) -> None:
    commissioners_part = {"say": "shares decisions", "does_work": True}
    if say == "decides":
        commissioners_part = {"does_work": True}
    provider = {
        "name": "commissioners",
        "role": "provider",
        "stages": {
            "define": commissioners_part,
            **{stage: {"does_work": True} for stage in provider_later},
        },
    }
    young_commissioners = {
        "name": "young commissioners",
        "role": "users",
        "stages": {"define": say},
    }
    assert _verdict({"name": "co-commissioning", "groups": [young_commissioners, provider]}) == (
        "co-design"
    )


# --- a tie rule's reason is true of the facts ---------------------------------------------------


def _tie_reason_holds(because: str, data: dict[str, Any]) -> bool:
    groups = data["groups"]
    users = [group for group in groups if group["role"] in USER_ROLES and _outside(group)]
    own = [
        group
        for group in groups
        if group["role"] == "provider"
        or (group["role"] in ("partners", "suppliers") and not _outside(group))
    ]
    side = [*own, *(group for group in groups if group["role"] == "suppliers")]
    if because.startswith("Co-creation rather than co-design: outside contributors' own"):
        return any(_say(group, "design") == "decides" for group in side)
    if because.startswith("Co-creation rather than co-design: the users' choices stand"):
        return any(_say(user, "design") == "decides" for user in users) and any(
            _works(group, "design") for group in own
        )
    if because.startswith("Co-design rather than co-creation"):
        return (
            any(_say(user, "design") == "shares decisions" for user in users)
            or (
                any(_say(user, "define") in SHARING for user in users)
                and not any(_say(user, "design") == "decides" for user in users)
            )
            or (
                any(_say(user, "design") == "decides" for user in users)
                and not any(_say(group, "design") == "decides" for group in side)
                and not any(_works(group, "design") for group in own)
            )
        )
    if because.startswith("Co-design rather than collaboration"):
        return any(_say(user, stage) in SHARING for user in users for stage in ("define", "design"))
    if because.startswith("Collaboration rather than co-creation: partner organisations"):
        return any(
            _say(group, stage) in SHARING
            for group in groups
            if group["role"] == "partners" and _outside(group)
            for stage in ("design", "build")
        )
    if because.startswith("Collaboration rather than co-creation: the outside contributors"):
        delivering_side = [
            group for group in groups if group["role"] in ("provider", "partners", "suppliers")
        ]
        shares_creation = any(
            _say(user, stage) in SHARING for user in users for stage in ("define", "design")
        )
        unstated = [
            user
            for user in users
            if _works(user, "deliver") and _say(user, "deliver") not in ADVISORY
        ]
        return any(_works(user, "deliver") for user in users) and (
            any(_say(user, "deliver") in SHARING for user in users)
            or (
                bool(unstated)
                and (
                    any(
                        user.get("shares_responsibility_for") or _say(user, "evaluate") in SHARING
                        for user in users
                    )
                    or (
                        shares_creation
                        and any(_works(group, "deliver") for group in delivering_side)
                    )
                )
            )
        )
    if because.startswith("Co-creation rather than collaboration"):
        return any(_works(user, stage) for user in users for stage in ("define", "design", "build"))
    raise AssertionError(f"a tie reason this test does not know: {because}")


@given(project=any_project)
@MANY
def test_every_tie_rules_reason_is_true_of_the_facts(project: dict[str, Any]) -> None:
    for tie in _assess(project).ties:
        assert _tie_reason_holds(tie.because, project), tie.because


@given(case=own_teams_working_at_one_stage(), facilitators=group_strategy(st.just("facilitators")))
@MANY
def test_facilitators_marked_internal_never_change_the_own_teams_verdict(
    case: tuple[dict[str, Any], str], facilitators: dict[str, Any]
) -> None:
    project, _stage = case
    facilitators["relationship"] = "internal"
    facilitators["stages"][STAGES[0]] = "decides"
    extended = copy.deepcopy(project)
    extended["groups"].append(facilitators)
    assert _verdict(extended) == "collaboration"


@given(
    project=co_devised_and_co_delivered(),
    users_say=st.sampled_from(ADVISORY),
)
@MANY
def test_a_contracted_designer_deciding_the_design_alone_over_users_is_never_co_production(
    project: dict[str, Any], users_say: str
) -> None:
    data = copy.deepcopy(project)
    for group in data["groups"]:
        group["stages"].pop("design", None)
        if group["role"] in USER_ROLES:
            group["stages"]["define"] = "shares decisions"
            group["stages"]["design"] = users_say
    data["groups"].append(
        {
            "name": "architect",
            "role": "suppliers",
            "stages": {"design": {"say": "decides", "does_work": True}},
        }
    )
    assert _verdict(data) != "co-production"
