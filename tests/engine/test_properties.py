"""The properties any correct rubric has (domain.md), over generated projects.

Each test draws hundreds of projects, enough to find a rule broken once in a hundred
cases. The definitions checked here are written out in Python from domain.md, apart
from the rubric, so that a rubric change which contradicts them fails.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engagement_cli.engine.assess import assess
from engagement_cli.formats.json_format import render_json
from engagement_cli.loading.project_file import read_project_file
from engagement_cli.models.project import Project
from engagement_cli.models.result import Assessment, FileResult
from engagement_cli.rubric.compiled import Relation
from engagement_cli.rubric.load import load_rubric
from engagement_cli.runner import build_report
from tests.conftest import EXAMPLES
from tests.strategies import (
    APPROACHES,
    ROLES,
    SAYS,
    STAGES,
    USER_ROLES,
    any_project,
    group_strategy,
    names,
    project_strategy,
    with_provider,
)

RUBRIC = load_rubric()
MANY = settings(max_examples=500, deadline=None)
SOME = settings(max_examples=200, deadline=None)
CO_APPROACHES = {"co-design", "co-creation", "co-production"}


def _assess(data: dict[str, Any]) -> Assessment:
    return assess(Project.model_validate(data), RUBRIC)


def _verdict(data: dict[str, Any]) -> str:
    return _assess(data).verdict


def _not_lower(after: str, before: str) -> bool:
    return RUBRIC.relation(after, before) is not Relation.BELOW


# --- reading the facts the way domain.md states them, apart from the rubric ----------


def _part(group: dict[str, Any], stage: str) -> dict[str, Any]:
    raw = group["stages"].get(stage)
    if raw is None:
        return {}
    return {"say": raw} if isinstance(raw, str) else raw


def _say(group: dict[str, Any], stage: str) -> int:
    """0 for no say, 1 informed … 5 decides."""
    say = _part(group, stage).get("say")
    return SAYS.index(say) + 1 if say is not None else 0


def _works(group: dict[str, Any], stage: str) -> bool:
    return bool(_part(group, stage).get("does_work", False))


def _takes_part(group: dict[str, Any], stage: str) -> bool:
    return _works(group, stage) or _say(group, stage) >= 2


def _outside(group: dict[str, Any]) -> bool:
    default = "internal" if group["role"] == "provider" else "external"
    return group.get("relationship", default) == "external"


def _users(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [group for group in data["groups"] if group["role"] in USER_ROLES and _outside(group)]


def _providers(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [group for group in data["groups"] if group["role"] == "provider"]


SHARES = SAYS.index("shares decisions") + 1


# --- monotonicity -----------------------------------------------------------------------


@st.composite
def raised(draw: st.DrawFn, roles: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A project, and the same project with one group of `roles` given a little more power."""
    base = Project.model_validate(draw(any_project)).model_dump(mode="json", exclude_none=True)
    candidates = [index for index, group in enumerate(base["groups"]) if group["role"] in roles]
    extra = draw(group_strategy(st.sampled_from(roles)))
    if not candidates:
        base["groups"].append(extra)
        candidates = [len(base["groups"]) - 1]
    after = copy.deepcopy(base)
    group = after["groups"][draw(st.sampled_from(candidates))]
    kind = draw(st.sampled_from(["say", "work", "responsibility"]))
    stage = draw(st.sampled_from(STAGES))
    part = dict(_part(group, stage))
    if kind == "say":
        current = _say(group, stage)
        # One level up (from no say: informed). Where the group does work with no say
        # recorded, its say is unknown, and stating one is a new fact, not more say.
        if current < len(SAYS) and not (current == 0 and part.get("does_work")):
            part["say"] = SAYS[current]
            group["stages"][stage] = part
    elif kind == "work":
        part["does_work"] = True
        group["stages"][stage] = part
    else:
        extra_item = draw(st.sampled_from(["outcomes", "delivery"]))
        group["shares_responsibility_for"] = sorted(
            {*group["shares_responsibility_for"], extra_item}
        )
    return base, after


@given(pair=raised(USER_ROLES))
@MANY
def test_more_say_doing_or_responsibility_for_users_never_lowers_the_verdict(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    before, after = pair
    assert _not_lower(_verdict(after), _verdict(before))


@given(pair=raised(("partners", "suppliers")))
@SOME
def test_more_power_for_partners_or_suppliers_never_lowers_the_verdict(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    before, after = pair
    # A partner or supplier team marked internal is the provider's own: one of its teams
    # deciding alone what the others do is not working together (domain.md), so more say
    # for it can end teamwork. The rule holds for outside organisations.
    assume(all(_outside(group) for group in after["groups"] if group["role"] != "provider"))
    assert _not_lower(_verdict(after), _verdict(before))


def _example(name: str) -> dict[str, Any]:
    loaded = read_project_file(EXAMPLES / name)
    return loaded.project.model_dump(mode="json", exclude_none=True)


CO_PRODUCED = _example("exercise-programme-co-produced.yaml")


@given(
    raises=st.lists(
        st.tuples(st.sampled_from(STAGES), st.sampled_from(["shares decisions", "decides"])),
        min_size=1,
        max_size=6,
    ),
    work=st.lists(st.sampled_from(STAGES), max_size=3),
    which=st.sampled_from([0, 1]),
)
@SOME
def test_co_production_stays_co_production_when_users_get_more_power(
    raises: list[tuple[str, str]], work: list[str], which: int
) -> None:
    assert _verdict(CO_PRODUCED) == "co-production"
    data = copy.deepcopy(CO_PRODUCED)
    users = [group for group in data["groups"] if group["role"] == "users"][which]
    for stage, say in raises:
        part = dict(_part(users, stage))
        if _say(users, stage) <= SAYS.index(say) + 1:
            part["say"] = say
        users["stages"][stage] = part
    for stage in work:
        users["stages"][stage] = {**_part(users, stage), "does_work": True}
    assert _verdict(data) == "co-production"


# --- invariance ---------------------------------------------------------------------------


@st.composite
def renamed(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    base = draw(any_project)
    other = copy.deepcopy(base)
    other["name"] = draw(names)
    for group in other["groups"]:
        group["name"] = draw(names)
    return base, other


@given(pair=renamed())
@SOME
def test_names_never_change_the_verdict(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    before, after = pair
    assert _verdict(after) == _verdict(before)


@given(project=any_project, seed=st.integers())
@MANY
def test_the_order_of_groups_and_of_stages_never_changes_the_verdict(
    project: dict[str, Any], seed: int
) -> None:
    shuffled = copy.deepcopy(project)
    random.Random(seed).shuffle(shuffled["groups"])
    for group in shuffled["groups"]:
        group["stages"] = dict(reversed(list(group["stages"].items())))
    assert _verdict(shuffled) == _verdict(project)


@given(
    project=any_project,
    role=st.sampled_from(ROLES),
    stages=st.lists(st.sampled_from(STAGES), min_size=1, max_size=5, unique=True),
    where=st.integers(min_value=0, max_value=6),
)
@MANY
def test_an_extra_group_that_is_only_informed_never_changes_the_verdict(
    project: dict[str, Any], role: str, stages: list[str], where: int
) -> None:
    informed = {
        "name": "newsletter readers",
        "role": role,
        "stages": dict.fromkeys(stages, "informed"),
    }
    extended = copy.deepcopy(project)
    extended["groups"].insert(min(where, len(extended["groups"])), informed)
    assert _verdict(extended) == _verdict(project)


@given(project=any_project, claim=st.none() | st.sampled_from(APPROACHES))
@SOME
def test_the_claim_never_changes_the_verdict(project: dict[str, Any], claim: str | None) -> None:
    other = copy.deepcopy(project)
    other.pop("claimed_approach", None)
    if claim is not None:
        other["claimed_approach"] = claim
    assert _verdict(other) == _verdict(project)


@given(project=any_project, purpose=st.sampled_from([None, "new offering", "fixed goal"]))
@SOME
def test_purpose_and_process_never_change_the_verdict(
    project: dict[str, Any], purpose: str | None
) -> None:
    other = copy.deepcopy(project)
    for key in ("purpose", "process"):
        other.pop(key, None)
    if purpose is not None:
        other["purpose"] = purpose
        other["process"] = "structured"
    assert _verdict(other) == _verdict(project)


@given(project=any_project, told=st.booleans(), recognition=st.sampled_from(["none", "rewarded"]))
@SOME
def test_practice_quality_never_moves_the_verdict_or_its_confidence(
    project: dict[str, Any], told: bool, recognition: str
) -> None:
    other = copy.deepcopy(project)
    for group in other["groups"]:
        group["told_what_happened"] = told
        group["recognition"] = recognition
    before, after = _assess(project), _assess(other)
    assert (after.verdict, after.confidence) == (before.verdict, before.confidence)


# --- who takes part -----------------------------------------------------------------------

internal_team = group_strategy(st.just("provider")) | group_strategy(st.just("partners")).map(
    lambda group: {**group, "relationship": "internal"}
)


@given(project=project_strategy(st.lists(internal_team, min_size=1, max_size=5)))
@MANY
def test_the_providers_own_teams_alone_are_never_a_co_approach(project: dict[str, Any]) -> None:
    assert _verdict(project) not in CO_APPROACHES


@given(
    teams=st.lists(group_strategy(st.just("provider")), min_size=2, max_size=4),
    stage=st.sampled_from(STAGES),
    work=st.booleans(),
)
@SOME
def test_two_internal_teams_sharing_decisions_are_collaboration(
    teams: list[dict[str, Any]], stage: str, work: bool
) -> None:
    teams[0]["stages"][stage] = {"say": "shares decisions", "does_work": work}
    teams[1]["stages"][stage] = "shares decisions"
    assert _verdict({"name": "internal work", "groups": teams}) == "collaboration"


not_provider = st.sampled_from([role for role in ROLES if role != "provider"])


@given(
    project=project_strategy(st.lists(group_strategy(not_provider), min_size=1, max_size=5)),
    bystander=st.booleans(),
)
@MANY
def test_users_acting_alone_are_never_a_co_approach(
    project: dict[str, Any], bystander: bool
) -> None:
    if bystander:
        # A provider that is only told about it is not taking part.
        project["groups"].append(
            {"name": "council", "role": "provider", "stages": {"deliver": "informed"}}
        )
    assert _verdict(project) not in CO_APPROACHES


@given(
    project=project_strategy(
        st.lists(
            group_strategy(st.sampled_from(["provider", "partners", "suppliers"])),
            min_size=1,
            max_size=6,
        )
    )
)
@MANY
def test_only_suppliers_or_partners_beside_the_provider_are_never_co_creation(
    project: dict[str, Any],
) -> None:
    assert _verdict(project) != "co-creation"


consulted_only = st.fixed_dictionaries(
    {
        "name": names,
        "role": st.sampled_from(USER_ROLES),
        "stages": st.dictionaries(
            st.sampled_from(STAGES),
            st.sampled_from(["informed", "consulted", "involved"]),
            min_size=1,
            max_size=5,
        ).filter(lambda stages: any(say != "informed" for say in stages.values())),
        "told_what_happened": st.booleans(),
    }
)


@given(
    users=st.lists(consulted_only, min_size=1, max_size=12),
    provider_stages=st.lists(st.sampled_from(STAGES), min_size=1, max_size=5, unique=True),
)
@MANY
def test_users_who_are_only_consulted_are_consultation_at_any_scale(
    users: list[dict[str, Any]], provider_stages: list[str]
) -> None:
    provider = {
        "name": "service team",
        "role": "provider",
        "stages": {stage: {"say": "decides", "does_work": True} for stage in provider_stages},
    }
    assert _verdict({"name": "listening exercise", "groups": [provider, *users]}) == (
        "consultation"
    )


# --- no verdict contradicts its own definition -------------------------------------------


def _own(group: dict[str, Any]) -> bool:
    """The provider's side: provider groups, and partner or supplier teams marked internal."""
    return group["role"] == "provider" or (
        group["role"] in ("partners", "suppliers") and not _outside(group)
    )


def _acts(group: dict[str, Any], stages: tuple[str, ...] = tuple(STAGES)) -> bool:
    """Works, or shares or holds the decisions, at one of `stages`."""
    return any(_works(group, stage) or _say(group, stage) >= SHARES for stage in stages)


ADVISORY = (1, 2, 3)  # informed, consulted, involved: a stated say below sharing


def _outsiders(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        group
        for group in data["groups"]
        if group["role"] not in ("provider", "facilitators") and _outside(group)
    ]


def _collaboration_holds(data: dict[str, Any]) -> bool:
    sharing = any(
        _say(group, stage) >= SHARES
        for group in data["groups"]
        if group["role"] not in ("provider", "facilitators")
        and (_outside(group) or group["role"] in USER_ROLES)
        for stage in STAGES
    )
    outside_active = sharing or any(
        any(_works(group, stage) for stage in ("design", "build", "deliver"))
        or (_works(group, "define") and group["role"] in USER_ROLES)
        or (_works(group, "evaluate") and _say(group, "evaluate") not in ADVISORY)
        for group in _outsiders(data)
    )
    own = [group for group in data["groups"] if _own(group)]
    teams_share = any(sum(_say(group, stage) == SHARES for group in own) >= 2 for stage in STAGES)
    teams_work = any(
        sum(_say(group, stage) == SHARES or _works(group, stage) for group in own) >= 2
        and not any(_say(group, earlier) == 5 for group in own for earlier in STAGES[: index + 1])
        for index, stage in enumerate(STAGES)
    )
    return outside_active or teams_share or teams_work


def _co_production_holds(data: dict[str, Any]) -> bool:
    users = _users(data)
    providers = [group for group in data["groups"] if _own(group)]
    provider_side = [
        group for group in data["groups"] if group["role"] in ("provider", "partners", "suppliers")
    ]
    shares_creation = any(
        _say(group, "define") >= SHARES or _say(group, "design") >= SHARES for group in users
    )
    delivering = [group for group in users if _works(group, "deliver")]
    # An unstated say is unknown; a stated say below sharing is a fact.
    unstated = [group for group in delivering if _say(group, "deliver") not in ADVISORY]
    shares_running = any(_say(group, "deliver") >= SHARES for group in users) or (
        bool(unstated)
        and (
            any(
                group.get("shares_responsibility_for") or _say(group, "evaluate") >= SHARES
                for group in users
            )
            or (shares_creation and any(_works(group, "deliver") for group in provider_side))
        )
    )
    if not (delivering and shares_running and shares_creation):
        return False
    provider_delivers = any(_works(group, "deliver") for group in provider_side) or any(
        _say(group, "deliver") >= SHARES for group in providers
    )
    if not provider_delivers or not any(
        _acts(group, ("define", "design", "build")) for group in providers
    ):
        return False
    for stage in ("define", "design", "deliver"):
        if any(_say(group, stage) == 5 for group in providers) and not any(
            _say(user, stage) == 5 for user in users
        ):
            return False  # a provider group decides alone over the users
        if not any(_takes_part(group, stage) for group in providers):
            continue
        users_share = any(_say(user, stage) >= SHARES for user in users) or (
            stage == "deliver" and shares_running
        )
        not_advising = any(_say(group, stage) >= SHARES for group in providers) or not any(
            2 <= _say(group, stage) < SHARES for group in providers
        )
        # An open consultation at the start, before an equal group plans, is no decision
        # taken alone.
        open_start = (
            stage == "define"
            and not any(_say(group, "define") in (2, 3, 5) for group in providers)
            and any(_say(user, "design") >= SHARES for user in users)
        )
        if not ((users_share and not_advising) or open_start):
            return False
    return True


def _definition_holds(verdict: str, data: dict[str, Any]) -> bool:
    """Whether domain.md's definition of `verdict` is true of the project's facts."""
    users = _users(data)
    groups = data["groups"]
    own = [group for group in groups if _own(group)]
    provider_takes_part = any(_acts(group) for group in groups if group["role"] == "provider")
    if verdict != "none" and not provider_takes_part:
        return False
    if verdict == "consultation":
        return any(
            _say(group, stage) >= 2 or _works(group, stage)
            for group in groups
            if group["role"] not in ("provider", "facilitators")
            and (group["role"] in USER_ROLES or _outside(group))
            for stage in STAGES
        )
    if verdict == "collaboration":
        return _collaboration_holds(data)
    if verdict == "co-design":
        in_design = any(_say(user, "design") >= SHARES for user in users) and (
            any(_works(group, "design") or _say(group, "design") >= 3 for group in own)
            or any(_works(group, "design") for group in groups if group["role"] == "suppliers")
        )
        commissioning = any(_say(user, "define") >= SHARES for user in users) and any(
            _works(group, "define") or _say(group, "define") >= 3 for group in own
        )
        return (in_design or commissioning) and not any(
            _works(group, stage)
            for group in groups
            if group["role"] in USER_ROLES
            for stage in ("build", "deliver")
        )
    if verdict == "co-creation":
        return any(
            _works(group, stage) for group in users for stage in ("define", "design", "build")
        ) and any(_acts(group, ("design", "build", "deliver")) for group in own)
    if verdict == "co-production":
        return _co_production_holds(data)
    return verdict == "none"


@given(project=any_project)
@MANY
def test_no_verdict_contradicts_its_own_definition(project: dict[str, Any]) -> None:
    assert _definition_holds(_verdict(project), project)


@given(project=any_project)
@MANY
def test_the_verdict_is_the_highest_approach_that_fits(project: dict[str, Any]) -> None:
    assessment = _assess(project)
    fitting = [score.id for score in assessment.scores if score.qualifies]
    if assessment.verdict == "none":
        assert not fitting
        return
    assert assessment.verdict in fitting
    assert not any(
        RUBRIC.relation(other, assessment.verdict) is Relation.ABOVE for other in fitting
    )
    assert 0 <= assessment.confidence <= 1
    if assessment.runner_up is not None:
        runner_up = next(score for score in assessment.scores if score.id == assessment.runner_up)
        assert runner_up.requirements_met, "a runner-up meets some of its requirements"
    for target in assessment.changes:
        if target.reason == "next":
            assert RUBRIC.relation(target.approach, assessment.verdict) is Relation.ABOVE
            assert target.changes


@given(project=with_provider())
@SOME
def test_same_input_gives_byte_identical_json(project: dict[str, Any]) -> None:
    def render() -> str:
        model = Project.model_validate(project)
        result = FileResult(file="p.yaml", assessment=assess(model, RUBRIC))
        return render_json(build_report([result], RUBRIC))

    assert render() == render()
