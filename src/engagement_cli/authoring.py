"""Writing project files: the `engage init` questionnaire and the commented template.

The questionnaire is a plain function over an `ask` callback, so the CLI can prompt a
person and tests can script the answers. Both paths produce YAML with comments that
explain each field, and both always produce a file `engage assess` accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from engagement_cli.models.project import (
    NO_SAY,
    Answer,
    Group,
    Process,
    Project,
    Purpose,
    Recognition,
    Relationship,
    Role,
    Say,
    Stage,
    normalise_word,
)

NOT_TAKING_PART = "none"
SKIP = "skip"
_DEFAULT_SIDE = {Role.PROVIDER.value: Relationship.INTERNAL.value}


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire."""

    text: str
    choices: tuple[str, ...] = ()
    """Allowed answers; empty for free text."""
    default: str | None = None
    """The answer when the person just presses Enter; None makes it required."""
    values: type[Enum] | None = None
    """The value type whose friendly spellings are accepted too (e.g. "customers")."""
    spellings: Mapping[str, str] = field(default_factory=dict)
    """Other accepted spellings (folded) and the choice each means, e.g. an approach's
    aliases: "coproduction" for co-production."""
    hint: str | None = None
    """How to show the choices, when listing them all would be noise (e.g. "1-12")."""
    max_length: int | None = None
    """The longest free-text answer the project file allows here."""

    def accepts(self, answer: str) -> str | None:
        """The canonical answer, or None if it is not acceptable."""
        answer = answer.strip()
        if not answer:
            return self.default
        if self.text_problem(answer) is not None:
            return None
        if not self.choices:
            return answer
        folded = normalise_word(answer, self.values)
        for choice in self.choices:
            if normalise_word(choice) == folded:
                return choice
        if folded in self.spellings:
            return self.spellings[folded]
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(self.choices):
            return self.choices[int(answer) - 1]
        return None

    def text_problem(self, answer: str) -> str | None:
        """Why a typed answer cannot go into a project file as it is, if it cannot."""
        answer = answer.strip()
        unusable = _NOT_FILE_TEXT.search(answer)
        if unusable:
            character = unusable.group()
            if "\udc80" <= character <= "\udcff":
                return "the answer is not UTF-8 text; type it again"
            return (
                f"the answer holds a control or non-character (U+{ord(character):04X}) that a "
                "project file cannot hold; type plain text"
            )
        if self.max_length is not None and len(answer) > self.max_length:
            return f"the answer is {len(answer)} characters; at most {self.max_length} fit here"
        return None


# What a one-line answer may not hold: anything outside YAML 1.1's printable set, the
# characters YAML reads as line breaks (NEL, U+2028, U+2029), and lone surrogates
# (bytes that were not UTF-8, kept by the reader so they can be refused here).
_NOT_FILE_TEXT = re.compile(
    "[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


Ask = Callable[[Question], str]
"""Returns an acceptable answer to a question."""

_STAGE_QUESTIONS = {
    Stage.DEFINE: "deciding what is needed and what to do (define)",
    Stage.DESIGN: "designing it (design)",
    Stage.BUILD: "making the product, content or service (build)",
    Stage.DELIVER: "delivering or running it (deliver)",
    Stage.EVALUATE: "evaluating and improving it (evaluate)",
}
_RESPONSIBILITY = {
    "neither": [],
    "outcomes": ["outcomes"],
    "delivery": ["delivery"],
    "both": ["outcomes", "delivery"],
}


def _max_length(model: type[BaseModel], name: str) -> int | None:
    """The `max_length` the model sets on a text field, so questions and loader agree."""
    for rule in model.model_fields[name].metadata:
        if isinstance(getattr(rule, "max_length", None), int):
            return int(rule.max_length)
    return None


_PROJECT_NAME_LENGTH = _max_length(Project, "name")
_GROUP_NAME_LENGTH = _max_length(Group, "name")
_SUMMARY_LENGTH = _max_length(Project, "summary")


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def interview(
    ask: Ask,
    approaches: Sequence[str],
    checklist: Callable[[str], Sequence[tuple[str, str]]],
    spellings: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Ask about the project, one group at a time; returns the project as plain data.

    `checklist(approach)` gives (item id, statement) pairs to ask readiness about;
    `spellings` maps other names of approaches (folded) to their ids.
    """
    project: dict[str, Any] = {
        "name": ask(Question("What is the project called?", max_length=_PROJECT_NAME_LENGTH)),
        "summary": ask(
            Question("In a sentence, what does it do?", default="", max_length=_SUMMARY_LENGTH)
        ),
    }
    claimed = ask(
        Question(
            "What does the project call its approach?",
            (NOT_TAKING_PART, *approaches),
            NOT_TAKING_PART,
            spellings=spellings or {},
        )
    )
    if claimed != NOT_TAKING_PART:
        project["claimed_approach"] = claimed
    purpose = ask(
        Question(
            "What is it for: a new offering, improving an existing one, or a fixed goal? "
            "(optional: it never changes the verdict)",
            (SKIP, *_values(Purpose)),
            SKIP,
            Purpose,
        )
    )
    if purpose != SKIP:
        project["purpose"] = purpose
    process = ask(
        Question(
            "Is the process iterative (open-ended) or structured (defined roles, set "
            "timeframe)? (optional)",
            (SKIP, *_values(Process)),
            SKIP,
            Process,
        )
    )
    if process != SKIP:
        project["process"] = process
    count = int(
        ask(
            Question(
                "How many groups take part, the provider's own teams included?",
                tuple(str(number) for number in range(1, 13)),
                "2",
                hint="1-12",
            )
        )
    )
    project["groups"] = [_group(ask, number) for number in range(1, count + 1)]
    if claimed != NOT_TAKING_PART:
        readiness = {
            item: ask(
                Question(f"Ready? {statement}", _values(Answer)[::-1], Answer.UNKNOWN.value, Answer)
            )
            for item, statement in checklist(claimed)
        }
        project["readiness"] = readiness
    return project


def _group(ask: Ask, number: int) -> dict[str, Any]:
    name = ask(
        Question(f"Group {number}: what is the group called?", max_length=_GROUP_NAME_LENGTH)
    )
    role = ask(
        Question(
            "Who are they? provider (the organisation or team that owns the "
            "offering and answers for it), users (people who use or receive it), community "
            "(the wider public, independent contributors), partners (other teams or "
            "organisations working as peers), or suppliers (contracted to make or deliver "
            "part of it)",
            _values(Role),
            values=Role,
        )
    )
    group: dict[str, Any] = {
        "name": name,
        "role": role,
        "relationship": ask(
            Question(
                "Are they internal or external to the providing organisation?",
                _values(Relationship),
                _DEFAULT_SIDE.get(role, Relationship.EXTERNAL.value),
                values=Relationship,
            )
        ),
    }
    stages: dict[str, Any] = {}
    for stage, description in _STAGE_QUESTIONS.items():
        say = ask(
            Question(
                f"How much say do they have in {description}? ({NO_SAY} if none)",
                (NO_SAY, *_values(Say)),
                NO_SAY,
                Say,
            )
        )
        works = (
            ask(
                Question(
                    f"Does their own work go into {description}? (they make, write, run or "
                    "carry it out themselves)",
                    ("yes", "no"),
                    "no",
                )
            )
            == "yes"
        )
        if say != NO_SAY and works:
            stages[stage.value] = {"say": say, "does_work": True}
        elif say != NO_SAY:
            stages[stage.value] = say
        elif works:
            stages[stage.value] = {"does_work": True}
    group["stages"] = stages
    group["shares_responsibility_for"] = _RESPONSIBILITY[
        ask(
            Question(
                "Do they share responsibility for outcomes, delivery, both, or neither?",
                tuple(_RESPONSIBILITY),
                "neither",
            )
        )
    ]
    group["recognition"] = ask(
        Question(
            "Is their contribution recognised: none, credited, or rewarded (paid, vouchers)?",
            _values(Recognition),
            Recognition.NONE.value,
            Recognition,
        )
    )
    group["told_what_happened"] = (
        ask(Question("Are they told what happened to their input?", ("yes", "no"), "no")) == "yes"
    )
    return group


# --- writing YAML with comments --------------------------------------------------------

_FIELD_COMMENTS = {
    "claimed_approach": "what the project calls itself (optional)",
    "purpose": "optional: new offering | improve existing | fixed goal",
    "process": "optional: iterative | structured",
    "describes": "optional: plan | what happened",
    "role": "provider | users | community | partners | suppliers | facilitators",
    "relationship": "internal | external (to the providing organisation)",
    "stages": "stage: say, or {say: SAY, does_work: true} when their own work goes in",
    "shares_responsibility_for": "outcomes, delivery, both or [] for neither",
    "recognition": "none | credited | rewarded",
    "told_what_happened": "are they told what happened to their input?",
    "readiness": "yes | partly | no | unknown, per checklist item (engage checklist APPROACH)",
}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # JSON strings are valid YAML double-quoted scalars: safe for any text.
    return json.dumps(value, ensure_ascii=False)


def _stage_value(part: Any) -> str:
    if isinstance(part, str):
        return _scalar(part)
    fields = [f"say: {_scalar(part['say'])}"] if "say" in part else []
    fields.append("does_work: true")
    return "{" + ", ".join(fields) + "}"


def _line(key: str, value: str, indent: str) -> str:
    comment = _FIELD_COMMENTS.get(key)
    text = f"{indent}{key}: {value}"
    return f"{text:<40} # {comment}" if comment else text


def to_yaml(project: dict[str, Any], header: str) -> str:
    """The project as commented YAML that `engage assess` reads back unchanged."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append("")
    for key in ("name", "summary", "claimed_approach", "purpose", "process", "describes"):
        if key in project:
            lines.append(_line(key, _scalar(project[key]), ""))
    lines += [
        "",
        "groups:                                  # everyone taking part, the provider too",
    ]
    for group in project["groups"]:
        lines.append(f"  - name: {_scalar(group['name'])}")
        for key in ("role", "relationship"):
            lines.append(_line(key, _scalar(group[key]), "    "))
        if group["stages"]:
            lines.append(_line("stages", "", "    ").replace("stages: ", "stages:", 1))
            lines += [
                f"      {stage}: {_stage_value(part)}" for stage, part in group["stages"].items()
            ]
        else:
            lines.append(_line("stages", "{}", "    "))
        responsibility = ", ".join(group["shares_responsibility_for"])
        lines.append(_line("shares_responsibility_for", f"[{responsibility}]", "    "))
        lines.append(_line("recognition", _scalar(group["recognition"]), "    "))
        lines.append(_line("told_what_happened", _scalar(group["told_what_happened"]), "    "))
    if project.get("readiness"):
        lines += ["", _line("readiness", "", "").replace("readiness: ", "readiness:", 1)]
        lines += [f"  {item}: {answer}" for item, answer in project["readiness"].items()]
    return "\n".join(lines) + "\n"


def template() -> dict[str, Any]:
    """A starting point to edit: two groups, every field present."""
    return {
        "name": "My project",
        "summary": "What the project does, in a sentence.",
        "claimed_approach": "co-design",
        "groups": [
            {
                "name": "people who use the service",
                "role": "users",
                "relationship": "external",
                "stages": {
                    "define": "consulted",
                    "design": {"say": "shares decisions", "does_work": True},
                    "evaluate": "consulted",
                },
                "shares_responsibility_for": [],
                "recognition": "credited",
                "told_what_happened": True,
            },
            {
                "name": "our staff",
                "role": "provider",
                "relationship": "internal",
                "stages": {
                    "define": "decides",
                    "design": {"say": "shares decisions", "does_work": True},
                    "build": {"say": "decides", "does_work": True},
                    "deliver": {"say": "decides", "does_work": True},
                    "evaluate": "decides",
                },
                "shares_responsibility_for": ["outcomes", "delivery"],
                "recognition": "none",
                "told_what_happened": False,
            },
        ],
    }
