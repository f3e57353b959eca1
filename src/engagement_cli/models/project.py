"""The project description: the one YAML document a user writes per project.

Field names and values are chosen for people who are not programmers. Enumerated
values accept a few natural spellings ("Shares decisions", "shares_decisions") and
are stored in their canonical form, so the rubric and every output see one spelling.

This is format 2: per group and stage, two independent facts, the group's *say* and
whether it *does work* there, and an explicit `provider` role. Format 1 files (a bare
level per stage, `staff` for the provider, `purpose` and `process` required) load
unchanged and keep their meaning: a bare level is say only.
"""

from __future__ import annotations

import re
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator


class LenientEnum(StrEnum):
    """A string enum that also reads its friendly spellings ('Shares_Decisions', 'run').

    pydantic matches the exact values itself, without calling Python; only a value that
    is not one of them comes here, once, to be folded (see `normalise_word`).
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        folded = normalise_word(value, cls)
        for member in cls:
            if member.value == folded:
                return member
        return None


class OrderedEnum(LenientEnum):
    """A string enum whose members compare by the order in which they are declared."""

    rank: int
    """Position in declaration order (0 for the first member)."""

    def __init__(self, *_value: object) -> None:
        # A plain attribute, set as each member is made (the members before it are named
        # by then): conditions read ranks for every group of every file, and an enum's
        # properties each cost a Python call.
        self.rank = len(type(self)._member_names_)


class Role(LenientEnum):
    """Who a group is, relative to the offering."""

    PROVIDER = "provider"
    USERS = "users"
    COMMUNITY = "community"
    PARTNERS = "partners"
    SUPPLIERS = "suppliers"
    FACILITATORS = "facilitators"


class Relationship(LenientEnum):
    """Whether a group sits inside or outside the providing organisation."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class Stage(OrderedEnum):
    """A lifecycle stage, after Loeffler and Bovaird's four Co's."""

    DEFINE = "define"
    DESIGN = "design"
    BUILD = "build"
    DELIVER = "deliver"
    EVALUATE = "evaluate"


class Say(OrderedEnum):
    """How much say a group has at a stage, on the IAP2 scale (least first)."""

    INFORMED = "informed"
    CONSULTED = "consulted"
    INVOLVED = "involved"
    SHARES_DECISIONS = "shares decisions"
    DECIDES = "decides"


_CONSULTED = Say.CONSULTED.rank
"""The least say that is taking part (read once: an enum member's lookup is slow)."""


class Responsibility(LenientEnum):
    """What a group can share responsibility for."""

    OUTCOMES = "outcomes"
    DELIVERY = "delivery"


class Recognition(OrderedEnum):
    """How a group's contribution is recognised (least first)."""

    NONE = "none"
    CREDITED = "credited"
    REWARDED = "rewarded"


class Purpose(LenientEnum):
    """What the project is for."""

    NEW_OFFERING = "new offering"
    IMPROVE_EXISTING = "improve existing"
    FIXED_GOAL = "fixed goal"


class Process(LenientEnum):
    """How the work is run."""

    ITERATIVE = "iterative"
    STRUCTURED = "structured"


class Describes(LenientEnum):
    """Whether a file records what a project plans to do, or what it did."""

    PLAN = "plan"
    WHAT_HAPPENED = "what happened"


class Answer(OrderedEnum):
    """An answer to a readiness question; unknown ranks lowest, as it proves nothing."""

    UNKNOWN = "unknown"
    NO = "no"
    PARTLY = "partly"
    YES = "yes"


# Friendly spellings people write, per value type, mapped to the canonical value.
_ALIASES: dict[type[Enum], dict[str, str]] = {
    Role: {
        "staff": "provider",
        "providers": "provider",
        "professionals": "provider",
        "professional": "provider",
        "provider staff": "provider",
        "user": "users",
        "customer": "users",
        "customers": "users",
        "client": "users",
        "clients": "users",
        "service users": "users",
        "patients": "users",
        "tenants": "users",
        "pupils": "users",
        "students": "users",
        "members": "users",
        "carers": "users",
        "families": "users",
        "parents": "users",
        "young people": "users",
        "peer workers": "users",
        "experts by experience": "users",
        "public": "community",
        "volunteers": "community",
        "residents": "community",
        "citizens": "community",
        "contributors": "community",
        "partner": "partners",
        "supplier": "suppliers",
        "contractor": "suppliers",
        "contractors": "suppliers",
        "agency": "suppliers",
        "architects": "suppliers",
        "facilitator": "facilitators",
        "independent facilitators": "facilitators",
        "moderators": "facilitators",
        "convenors": "facilitators",
    },
    Relationship: {"inside": "internal", "outside": "external"},
    Stage: {
        "create": "build",
        "creation": "build",
        "make": "build",
        "run": "deliver",
        "delivery": "deliver",
        "commission": "define",
        "commissioning": "define",
        "assess": "evaluate",
        "evaluation": "evaluate",
        "improve": "evaluate",
    },
    Say: {
        "inform": "informed",
        "consult": "consulted",
        "involve": "involved",
        "advises": "involved",
        "advise": "involved",
        "advisory": "involved",
        "joint decisions": "shares decisions",
        "decides jointly": "shares decisions",
        "collaborate": "shares decisions",
        "shared decisions": "shares decisions",
        "share decisions": "shares decisions",
        "shares": "shares decisions",
        "empowered": "decides",
        "empower": "decides",
        "decide": "decides",
    },
    Responsibility: {"deliver": "delivery", "outcome": "outcomes"},
    Recognition: {
        "paid": "rewarded",
        "credit": "credited",
        "reward": "rewarded",
        "acknowledged": "credited",
        "named": "credited",
    },
    Describes: {
        "planned": "plan",
        "proposal": "plan",
        "proposed": "plan",
        "intended": "plan",
        "practice": "what happened",
        "happened": "what happened",
        "done": "what happened",
        "actual": "what happened",
        "report": "what happened",
        "delivered": "what happened",
    },
    Answer: {"somewhat": "partly", "partially": "partly", "y": "yes", "n": "no"},
}

_SEPARATORS = re.compile(r"[\s_\-]+")

NO_SAY = "none"
"""How a stage entry spells "no say at all" (a group that only does work there)."""


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
    known = _FOLDED.get((enum, value))
    if known is not None:
        return known
    folded = _SEPARATORS.sub(" ", value.strip().lower())
    result = _ALIASES.get(enum, {}).get(folded, folded) if enum else folded
    if len(_FOLDED) < _FOLDED_MAX and len(value) <= 64:
        _FOLDED[(enum, value)] = result
    return result


# Every enumerated value of every file passes through `normalise_word`, and files spell
# the same few words again and again: remembering them takes a regular expression off
# the path (the cap bounds what hostile files can make it hold).
_FOLDED: dict[tuple[type[Enum] | None, str], str] = {}
_FOLDED_MAX = 10_000


def accepted_spellings(enum: type[Enum]) -> list[str]:
    """The friendly spellings `enum` accepts besides its values (folded, as matched)."""
    return list(_ALIASES.get(enum, {}))


def _say_or_none(value: Any) -> Any:
    folded = normalise_word(value, Say)
    return None if folded == NO_SAY else folded


# Each reads its friendly spellings through `LenientEnum._missing_`.
RoleValue = Role
RelationshipValue = Relationship
StageValue = Stage
SayValue = Say
ResponsibilityValue = Responsibility
RecognitionValue = Recognition
PurposeValue = Purpose
ProcessValue = Process
DescribesValue = Describes
AnswerValue = Answer


# The field docstrings below are the project file's documentation: `engage schema` reads
# them into the JSON Schema (`rubric.project_schema`). They are not read at import, which
# would parse this file's source on every run.
# Schemas are built on the first validation: commands that never read a project file
# (--list-files, approaches, explain, rubric show) do not pay for them.
_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class StagePart(BaseModel):
    """What a group has at one stage: its say, and whether it does work there."""

    model_config = _STRICT

    say: Annotated[Say | None, BeforeValidator(_say_or_none)] = None
    """The group's say at this stage: informed, consulted, involved, shares decisions or
    decides; leave it out (or write none) if the group only does work here."""

    does_work: bool = False
    """Whether the group's own work or creations go into this stage: it sketches the
    designs, writes the code, builds, runs the sessions, delivers the shifts, carries
    out the evaluation. Attending, commenting and voting are say, not work."""

    @property
    def is_empty(self) -> bool:
        """Neither say nor work: the same as leaving the stage out (reported as a note)."""
        return self.say is None and not self.does_work

    @property
    def takes_part(self) -> bool:
        """Whether the group really takes part: it does work, or is at least consulted."""
        # Being informed is not taking part: nothing of the group's goes into the stage.
        return self.does_work or (self.say is not None and self.say.rank >= _CONSULTED)


def _highest_recognition(value: Any) -> Any:
    # Credit and pay often come together: a list of kinds reads as the highest of them.
    if not isinstance(value, list):
        return value
    kinds = []
    for item in value:
        try:
            kinds.append(Recognition(item))
        except ValueError:
            allowed = ", ".join(member.value for member in Recognition)
            shown = str(item)[:60]
            raise ValueError(f"each item must be one of {allowed}, not '{shown}'") from None
    return max(kinds, key=lambda kind: kind.rank, default=Recognition.NONE)


RecognitionField = Annotated[
    Recognition,
    BeforeValidator(_highest_recognition, json_schema_input_type=Recognition | list[Recognition]),
]


def _stage_part(value: Any) -> Any:
    # Format 1 wrote a bare level per stage; it still means exactly that: say, no work.
    if isinstance(value, str):
        return {"say": value}
    return value


# The schema says what a file may hold: a bare level, or the mapping.
StagePartValue = Annotated[
    StagePart, BeforeValidator(_stage_part, json_schema_input_type=Say | StagePart)
]


_DEFAULT_RELATIONSHIP = {
    Role.PROVIDER: Relationship.INTERNAL,
    Role.USERS: Relationship.EXTERNAL,
    Role.COMMUNITY: Relationship.EXTERNAL,
    Role.PARTNERS: Relationship.EXTERNAL,
    Role.SUPPLIERS: Relationship.EXTERNAL,
    Role.FACILITATORS: Relationship.EXTERNAL,
}


class Group(BaseModel):
    """One group of people taking part in the project."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=200)
    """What the group is called, e.g. "class members" or "IT department"."""

    role: RoleValue
    """Who they are relative to the offering: provider (the organisation or team that
    owns the offering and answers for it; "staff" means the same), users (people who
    use or receive it, including potential users and business customers), community
    (the wider public affected by it, and independent contributors), partners (other
    teams or organisations working with the provider as peers), suppliers (contracted to
    make or deliver part of it, designers and architects included), or facilitators
    (independent people or organisations who design and run the engagement itself: an
    assembly, a jury, workshops; they never count towards any approach)."""

    relationship: RelationshipValue | None = None
    """internal or external to the providing organisation. Optional: the provider is
    internal, every other role external, unless you say otherwise (e.g. `internal` for
    another department of the same organisation)."""

    stages: dict[StageValue, StagePartValue] = Field(default_factory=dict)
    """The lifecycle stages the group takes part in (define, design, build, deliver,
    evaluate). Each is either a say level (informed, consulted, involved, shares
    decisions, decides), or a mapping `{say: LEVEL, does_work: true}` when the group's
    own work goes into that stage. Leave a stage out if the group plays no part in it."""

    shares_responsibility_for: list[ResponsibilityValue] = Field(default_factory=list)
    """What the group shares responsibility for: outcomes, delivery, both, or neither
    (an empty list)."""

    recognition: RecognitionField = Recognition.NONE
    """How the group's contribution is recognised: none, credited (named, acknowledged),
    or rewarded (paid, royalties, vouchers). When it is both credited and paid, write
    either `rewarded` or the list `[credited, rewarded]`: a list counts as its highest."""

    told_what_happened: bool = False
    """Whether the group is told what happened to its input."""

    @field_validator("shares_responsibility_for")
    @classmethod
    def _no_repeats(cls, value: list[Responsibility]) -> list[Responsibility]:
        # Order-insensitive and duplicate-free, so equal meaning gives equal output.
        return sorted(set(value), key=list(Responsibility).index)

    @property
    def effective_relationship(self) -> Relationship:
        """The relationship as written, or the role's default when left out."""
        return self.relationship or _DEFAULT_RELATIONSHIP[self.role]

    def say_at(self, stage: Stage) -> Say | None:
        """The group's say at `stage`, or None if it has none there."""
        part = self.stages.get(stage)
        return part.say if part is not None else None

    def works_at(self, stage: Stage) -> bool:
        """Whether the group's own work goes into `stage`."""
        part = self.stages.get(stage)
        return part is not None and part.does_work

    def takes_part_at(self, stage: Stage) -> bool:
        """Whether the group does work at `stage` or is at least consulted there."""
        part = self.stages.get(stage)
        return part is not None and part.takes_part

    @property
    def highest_say(self) -> Say | None:
        """The most say the group has at any stage."""
        highest = None
        for part in self.stages.values():
            say = part.say
            if say is not None and (highest is None or say.rank > highest.rank):
                highest = say
        return highest

    @property
    def lowest_say(self) -> Say | None:
        """The least say the group has at any stage it takes part in (None counts lowest)."""
        if any(part.say is None for part in self.stages.values()):
            return None
        return min(
            (part.say for part in self.stages.values() if part.say is not None),
            key=lambda level: level.rank,
            default=None,
        )


class Suppression(BaseModel):
    """A finding this project deliberately silences, with the reason why."""

    model_config = _STRICT

    finding: str = Field(min_length=1, max_length=200)
    """The id of the finding to silence, e.g. "under-claim"."""

    reason: str = Field(min_length=1, max_length=1000)
    """Why it is silenced, in at most 1,000 characters; shown in every report, beside
    every finding it silences."""


class Project(BaseModel):
    """One project, programme or proposal whose engagement approach is assessed."""

    model_config = _STRICT

    name: str = Field(min_length=1, max_length=300)
    """The project's name."""

    id: str | None = Field(default=None, min_length=1, max_length=200)
    """Optional: a stable identifier for the project, such as a grant or case reference.
    `engage compare` pairs a plan with its report by `id` before it pairs them by path,
    so the two files may be named differently."""

    summary: str = Field(default="", max_length=5000)
    """A sentence or two on what the project does (at most 5,000 characters)."""

    claimed_approach: str | None = None
    """The approach the project says it uses, e.g. "co-production". Leave it out (or write
    none) if it makes no claim. Checked against the rubric's approaches."""

    purpose: PurposeValue | None = None
    """Optional: what the project is for: new offering, improve existing, or fixed goal.
    Shown in reports; it never decides a verdict."""

    process: ProcessValue | None = None
    """Optional: how the work runs: iterative (open-ended, exploring as it goes) or
    structured (defined roles and responsibilities, a set timeframe). Shown in reports;
    it never decides a verdict."""

    describes: DescribesValue | None = None
    """Optional: whether the file records a plan (what the project intends or has
    promised to do) or what happened (what it did). Record promises as facts either way;
    this says which kind of account it is, for the people reading the file; it never
    decides a verdict."""

    groups: list[Group] = Field(min_length=1)
    """Every group taking part, the provider's own teams included."""

    readiness: dict[str, AnswerValue] = Field(default_factory=dict)
    """Answers to readiness questions, keyed by checklist item id (see
    `engage checklist`): yes, partly, no, or unknown."""

    suppress: list[Suppression] = Field(default_factory=list)
    """Findings this project silences on purpose, each with a reason."""

    @field_validator("claimed_approach")
    @classmethod
    def _none_is_no_claim(cls, value: str | None) -> str | None:
        # `engage init` offers "none", and people write it: it means no claim at all.
        return None if value is not None and normalise_word(value) == NO_SAY else value
