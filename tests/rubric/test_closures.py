"""The compiled closures decide exactly what the condition nodes decide.

The verdict comes from the closures and the evidence from the nodes, so a single
disagreement would show a criterion as met with evidence that says otherwise.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engagement_cli.models.project import Project
from engagement_cli.rubric.closures import ClosureCompiler
from engagement_cli.rubric.conditions import Compiler, Context
from engagement_cli.rubric.fields import project_fields
from engagement_cli.rubric.load import load_rubric
from tests.strategies import SAYS, STAGES, any_project

RUBRIC = load_rubric()


@given(any_project)
@settings(max_examples=300, deadline=None)
def test_the_default_rubric_decides_the_same_both_ways(data: dict[str, Any]) -> None:
    project = Project.model_validate(data)
    decision = RUBRIC.decider.decide(project)
    context = Context(project, RUBRIC.conditions, RUBRIC.evaluation_order)
    assert decision.results == {key: holds for key, (holds, _) in context.results.items()}
    for criterion in RUBRIC.criteria.values():
        if criterion.near is not None:
            assert criterion.near_test is not None
            assert criterion.near_test(decision) == criterion.near.evaluate(context, None)[0]
        if criterion.change_groups is not None:
            assert criterion.change_test is not None
            for index, (group, row) in enumerate(zip(project.groups, decision.rows, strict=True)):
                node = criterion.change_groups.evaluate(context, (index, group))[0]
                assert criterion.change_test(row, decision) == node
    for rule in RUBRIC.ties.values():
        for choice in rule.choices:
            if choice.condition is not None:
                assert choice.test is not None
                assert choice.test(decision) == choice.condition.evaluate(context, None)[0]
    # The outcome the engine remembers verdicts by: every one of those booleans.
    extra = [
        *(c.near for c in RUBRIC.criteria.values() if c.near is not None),
        *(ch.condition for r in RUBRIC.ties.values() for ch in r.choices if ch.condition),
        *(reason.condition for reason in RUBRIC.no_verdict if reason.condition is not None),
    ]
    assert decision.outcome == (
        *(context.results[key][0] for key in RUBRIC.evaluation_order),
        *(condition.evaluate(context, None)[0] for condition in extra),
    )


# --- random conditions --------------------------------------------------------------

_group_leaf = st.one_of(
    st.builds(lambda role: {"field": "role", "equals": role}, st.sampled_from(["users", "staff"])),
    st.builds(
        lambda roles: {"field": "role", "in": roles},
        st.lists(st.sampled_from(["users", "provider", "community", "partners"]), min_size=1),
    ),
    st.builds(
        lambda stage, operator, say: {"field": f"say.{stage}", operator: say},
        st.sampled_from(STAGES),
        st.sampled_from(["at_least", "at_most", "equals"]),
        st.sampled_from(SAYS),
    ),
    st.builds(
        lambda stage, flag: {"field": f"does_work.{stage}", "equals": flag},
        st.sampled_from(STAGES),
        st.booleans(),
    ),
    st.builds(
        lambda stage, flag: {"field": f"takes_part.{stage}", "equals": flag},
        st.sampled_from(STAGES),
        st.booleans(),
    ),
    st.builds(
        lambda operator, stages: {"field": "works_in", operator: stages},
        st.sampled_from(["includes_all", "includes_any"]),
        st.lists(st.sampled_from(STAGES), min_size=1, max_size=3),
    ),
    st.builds(lambda stage: {"field": "stages", "includes": stage}, st.sampled_from(STAGES)),
    st.builds(lambda say: {"field": "highest_say", "at_least": say}, st.sampled_from(SAYS)),
    st.builds(lambda say: {"field": "lowest_say", "at_most": say}, st.sampled_from(SAYS)),
    st.builds(
        lambda item: {"field": "shares_responsibility_for", "includes": item},
        st.sampled_from(["outcomes", "delivery"]),
    ),
)


def _combine(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.builds(lambda items: {"all": items}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda items: {"any": items}, st.lists(children, min_size=1, max_size=4)),
        st.builds(lambda item: {"not": item}, children),
    )


_group_condition = st.recursive(_group_leaf, _combine, max_leaves=6)
_project_leaf = st.one_of(
    st.builds(lambda where: {"any_group": where}, _group_condition),
    st.builds(lambda where: {"every_group": where}, _group_condition),
    st.builds(lambda where: {"no_group": where}, _group_condition),
    st.builds(
        lambda where, at_least, distinct: {
            "count_groups": {"where": where, "at_least": at_least, **distinct}
        },
        _group_condition,
        st.integers(1, 3),
        st.sampled_from([{}, {"distinct": "role"}, {"distinct": "highest_say"}]),
    ),
    st.builds(
        lambda purpose: {"field": "purpose", "equals": purpose},
        st.sampled_from(["new offering", "improve existing"]),
    ),
)


@st.composite
def _criteria(draw: st.DrawFn) -> list[Any]:
    """Conditions for criteria c0, c1, ...: each may refer to the ones before it."""
    conditions: list[Any] = []
    for index in range(draw(st.integers(1, 5))):
        leaves = _project_leaf
        if index:
            leaves = leaves | st.sampled_from([{"criterion": f"c{i}"} for i in range(index)])
        conditions.append(draw(st.recursive(leaves, _combine, max_leaves=5)))
    return conditions


@given(_criteria(), st.lists(any_project, min_size=1, max_size=4), st.booleans())
@settings(max_examples=400, deadline=None)
def test_random_conditions_decide_the_same_both_ways(
    raw: list[Any], projects: list[dict[str, Any]], generate: bool
) -> None:
    # Both ways of deciding without evidence: the generated function and the closures.
    ids = [f"c{index}" for index in range(len(raw))]
    compiler = Compiler(project_fields([]), frozenset(ids))
    nodes = {
        key: compiler.compile(condition, (key,), "project")
        for key, condition in zip(ids, raw, strict=True)
    }
    tests = ClosureCompiler(dict(compiler.project_fields))
    # Each condition again as an extra one: the outcome repeats the results.
    extra = [nodes[key] for key in ids]
    decider = tests.decider([(key, nodes[key]) for key in ids], extra, generate=generate)
    for data in projects:
        project = Project.model_validate(data)
        context = Context(project, nodes, ids)
        expected = {key: holds for key, (holds, _) in context.results.items()}
        decision = decider.decide(project)
        assert decision.results == expected
        assert decision.outcome == (*expected.values(), *expected.values())
