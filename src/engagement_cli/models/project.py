"""The project description: the one YAML document a user writes per project.

Field names and values are chosen for people who are not programmers. Enumerated
values accept a few natural spellings ("Shares decisions", "shares_decisions") and
are stored in their canonical form, so the rubric and every output see one spelling.
"""

from __future__ import annotations

import re
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator


class OrderedEnum(StrEnum):
    """A string enum whose members compare by the order in which they are declared."""

    @property
    def rank(self) -> int:
        """Position in declaration order (0 for the first member)."""
        return _rank(self)


@cache
def _rank(member: OrderedEnum) -> int:
    # Conditions ask for ranks thousands of times per batch; enum iteration is slow.
    return list(type(member)).index(member)


class Role(StrEnum):
    """Who a group is, relative to the offering."""

    USERS = "users"
    COMMUNITY = "community"
    SUPPLIERS = "suppliers"
    PARTNERS = "partners"
    STAFF = "staff"


class Relationship(StrEnum):
    """Whether a group sits inside or outside the providing organisation."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class Stage(OrderedEnum):
    """A lifecycle stage, after Loeffler's four Co's."""

    DEFINE = "define"
    DESIGN = "design"
    BUILD = "build"
    DELIVER = "deliver"
    EVALUATE = "evaluate"


class Influence(OrderedEnum):
    """How much say a group has at a stage, on the IAP2 scale (least first)."""

    INFORMED = "informed"
    CONSULTED = "consulted"
    INVOLVED = "involved"
    SHARES_DECISIONS = "shares decisions"
    DECIDES = "decides"


class Responsibility(StrEnum):
    """What a group can share responsibility for."""

    OUTCOMES = "outcomes"
    DELIVERY = "delivery"


class Recognition(OrderedEnum):
    """How a group's contribution is recognised (least first)."""

    NONE = "none"
    CREDITED = "credited"
    REWARDED = "rewarded"


class Purpose(StrEnum):
    """What the project is for."""

    NEW_OFFERING = "new offering"
    IMPROVE_EXISTING = "improve existing"
    FIXED_GOAL = "fixed goal"


class Process(StrEnum):
    """How the work is run."""

    ITERATIVE = "iterative"
    STRUCTURED = "structured"


class Answer(OrderedEnum):
    """An answer to a readiness question; unknown ranks lowest, as it proves nothing."""

    UNKNOWN = "unknown"
    NO = "no"
    PARTLY = "partly"
    YES = "yes"


# Friendly spellings people write, per value type, mapped to the canonical value.
_ALIASES: dict[type[Enum], dict[str, str]] = {
    Role: {
        "user": "users",
        "customer": "users",
        "customers": "users",
        "public": "community",
        "partner": "partners",
        "supplier": "suppliers",
        "professionals": "staff",
    },
    Relationship: {"inside": "internal", "outside": "external"},
    Stage: {
        "create": "build",
        "creation": "build",
        "run": "deliver",
        "delivery": "deliver",
        "commission": "define",
        "assess": "evaluate",
        "improve": "evaluate",
    },
    Influence: {
        "inform": "informed",
        "consult": "consulted",
        "involve": "involved",
        "collaborate": "shares decisions",
        "shared decisions": "shares decisions",
        "share decisions": "shares decisions",
        "empowered": "decides",
        "decide": "decides",
    },
    Responsibility: {"deliver": "delivery", "outcome": "outcomes"},
    Recognition: {"paid": "rewarded", "credit": "credited", "reward": "rewarded"},
    Answer: {"somewhat": "partly", "partially": "partly", "y": "yes", "n": "no"},
}

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise_word(value: Any, enum: type[Enum] | None = None) -> Any:
    """Fold case and separators so 'Shares_Decisions' reads as 'shares decisions'.

    YAML 1.1 reads a bare ``yes``/``no`` as a boolean; readiness answers want the word.
    With `enum`, that type's friendly spellings (e.g. "run" for the stage "deliver")
    are mapped to the canonical value.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return value
    folded = _SEPARATORS.sub(" ", value.strip().lower())
    return _ALIASES.get(enum, {}).get(folded, folded) if enum else folded


def lenient(enum: type[StrEnum]) -> BeforeValidator:
    """A validator that accepts `enum`'s friendly spellings."""
    return BeforeValidator(lambda value: normalise_word(value, enum))


RoleValue = Annotated[Role, lenient(Role)]
RelationshipValue = Annotated[Relationship, lenient(Relationship)]
StageValue = Annotated[Stage, lenient(Stage)]
InfluenceValue = Annotated[Influence, lenient(Influence)]
ResponsibilityValue = Annotated[Responsibility, lenient(Responsibility)]
RecognitionValue = Annotated[Recognition, lenient(Recognition)]
PurposeValue = Annotated[Purpose, lenient(Purpose)]
ProcessValue = Annotated[Process, lenient(Process)]
AnswerValue = Annotated[Answer, lenient(Answer)]


_STRICT = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Group(BaseModel):
    """One group of people taking part in the project."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=200)
    """What the group is called, e.g. "class members" or "IT department"."""

    role: RoleValue
    """Who they are relative to the offering: users (people who use or receive it,
    including potential users), community (the wider public), suppliers, partners
    (partner organisations or other departments), or staff (the provider's own staff
    or professionals)."""

    relationship: RelationshipValue
    """Whether the group is internal or external to the providing organisation."""

    stages: dict[StageValue, InfluenceValue] = Field(default_factory=dict)
    """The lifecycle stages the group takes part in, each with the group's influence
    there. Stages: define, design, build, deliver, evaluate. Influence: informed,
    consulted, involved, shares decisions, decides. Leave a stage out if the group
    plays no part in it."""

    shares_responsibility_for: list[ResponsibilityValue] = Field(default_factory=list)
    """What the group shares responsibility for: outcomes, delivery, both, or neither
    (an empty list)."""

    recognition: RecognitionValue = Recognition.NONE
    """How the group's contribution is recognised: none, credited, or rewarded
    (paid, royalties, vouchers)."""

    told_what_happened: bool = False
    """Whether the group is told what happened to its input."""

    @field_validator("shares_responsibility_for")
    @classmethod
    def _no_repeats(cls, value: list[Responsibility]) -> list[Responsibility]:
        # Order-insensitive and duplicate-free, so equal meaning gives equal output.
        return sorted(set(value), key=list(Responsibility).index)

    @property
    def highest_influence(self) -> Influence | None:
        """The most say the group has at any stage it takes part in."""
        return max(self.stages.values(), key=lambda level: level.rank, default=None)

    @property
    def lowest_influence(self) -> Influence | None:
        """The least say the group has at any stage it takes part in."""
        return min(self.stages.values(), key=lambda level: level.rank, default=None)


class Suppression(BaseModel):
    """A finding this project deliberately silences, with the reason why."""

    model_config = _STRICT

    finding: str = Field(min_length=1)
    """The id of the finding to silence, e.g. "under-claim"."""

    reason: str = Field(min_length=1)
    """Why it is silenced; shown in every report."""


class Project(BaseModel):
    """One project, programme or proposal whose engagement approach is assessed."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=300)
    """The project's name."""

    summary: str = ""
    """A sentence or two on what the project does."""

    claimed_approach: str | None = None
    """The approach the project says it uses, e.g. "co-production". Leave it out if it
    makes no claim. Checked against the rubric's approaches."""

    purpose: PurposeValue
    """What the project is for: new offering, improve existing, or fixed goal."""

    process: ProcessValue
    """How the work runs: iterative (open-ended, exploring as it goes) or structured
    (defined roles and responsibilities, a set timeframe)."""

    groups: list[Group] = Field(min_length=1)
    """Every group taking part, including the provider's own staff."""

    readiness: dict[str, AnswerValue] = Field(default_factory=dict)
    """Answers to readiness questions, keyed by checklist item id (see
    `engage checklist`): yes, partly, no, or unknown."""

    suppress: list[Suppression] = Field(default_factory=list)
    """Findings this project silences on purpose, each with a reason."""
