"""The JSON Schema of a project file, accepting exactly what the loader accepts.

Generated from the project model, then widened where the loader is lenient, so that an
editor never marks red a file that engage reads: every enumerated value also accepts its
friendly spellings, in any case and with any separators (`Shares_Decisions`, `customers`);
flags accept the words YAML and pydantic read as true or false; a stage may be a bare
say level. It is also narrowed where the loader checks names against the rubric:
`claimed_approach` lists the rubric's approaches, and `readiness` its checklist items.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from collections.abc import Iterable
from enum import Enum
from typing import Any

from pydantic import BaseModel

from engagement_cli.loading.limits import DEFAULT_MAX_GROUPS
from engagement_cli.models.project import (
    NO_SAY,
    Answer,
    Group,
    Process,
    Project,
    Purpose,
    Recognition,
    Relationship,
    Responsibility,
    Role,
    Say,
    Stage,
    StagePart,
    Suppression,
    accepted_spellings,
    normalise_word,
)
from engagement_cli.rubric.compiled import Rubric

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://engage.invalid/project.schema.json"

_ENUMS: dict[str, type[Enum]] = {
    "Role": Role,
    "Relationship": Relationship,
    "Stage": Stage,
    "Say": Say,
    "Responsibility": Responsibility,
    "Recognition": Recognition,
    "Purpose": Purpose,
    "Process": Process,
    "Answer": Answer,
}
# The words pydantic reads as a boolean, in any case (YAML's own true/false arrive as such).
_BOOLEAN_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
_SEPARATORS = r"[\s_\-]+"


def spelling_pattern(spellings: Iterable[str]) -> str:
    """A regex matching any text that folds (case, separators) to one of `spellings`."""
    alternatives = sorted({_fold_pattern(normalise_word(word)) for word in spellings})
    return r"^\s*(?:" + "|".join(alternatives) + r")\s*$"


def _fold_pattern(folded: str) -> str:
    parts = []
    for word in folded.split(" "):
        parts.append(
            "".join(
                f"[{character.lower()}{character.upper()}]"
                if character.lower() != character.upper()
                else re.escape(character)
                for character in word
            )
        )
    return _SEPARATORS.join(parts)


def _lenient(definition: dict[str, Any], enum: type[Enum], extra: Iterable[str] = ()) -> None:
    canonical = [member.value for member in enum]
    spellings = [*canonical, *accepted_spellings(enum), *extra]
    description = definition.get("description", "")
    definition.clear()
    definition.update(
        {
            "description": f"{description} Friendly spellings are accepted too, in any case.",
            "anyOf": [
                {"enum": canonical},
                {"type": "string", "pattern": spelling_pattern(spellings)},
            ],
        }
    )


def _flag(schema: dict[str, Any]) -> dict[str, Any]:
    description = schema.get("description", "")
    return {
        "description": description,
        "default": schema.get("default", False),
        "anyOf": [
            {"type": "boolean"},
            {"enum": [0, 1]},
            {"type": "string", "pattern": spelling_pattern(_BOOLEAN_WORDS)},
        ],
    }


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring (the string right under its annotation), from the source."""
    body = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body.body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    properties = schema["properties"]
    for name, doc in _attribute_docs(model).items():
        if name in properties:
            # Sorted, as pydantic writes every schema's keys.
            properties[name] = dict(sorted({**properties[name], "description": doc}.items()))


def project_schema(rubric: Rubric) -> dict[str, Any]:
    """The project file's JSON Schema, for `rubric`'s approaches and checklist items."""
    schema = Project.model_json_schema()
    definitions = schema["$defs"]
    _describe_fields(schema, Project)
    for model in (Group, StagePart, Suppression):
        _describe_fields(definitions[model.__name__], model)
    for name, enum in _ENUMS.items():
        extra = [NO_SAY] if enum is Say else []
        _lenient(definitions[name], enum, extra)
    # YAML reads a bare yes/no as true/false; a readiness answer takes either.
    definitions["Answer"]["anyOf"].append({"type": "boolean"})
    group = definitions["Group"]["properties"]
    group["told_what_happened"] = _flag(group["told_what_happened"])
    stage_part = definitions["StagePart"]["properties"]
    stage_part["does_work"] = _flag(stage_part["does_work"])

    properties = schema["properties"]
    approaches = [spec.id for spec in rubric.approaches]
    spellings = [
        spelling for spec in rubric.approaches for spelling in (spec.id, spec.name, *spec.aliases)
    ]
    properties["claimed_approach"]["anyOf"] = [
        {"enum": approaches},
        {"type": "string", "pattern": spelling_pattern([*spellings, NO_SAY])},
        {"type": "null"},
    ]
    properties["claimed_approach"]["description"] += (
        f" One of {', '.join(approaches)} (rubric {rubric.label}), or a name or alias of one;"
        " none means no claim."
    )
    items = {
        item.id: {"$ref": "#/$defs/Answer", "description": item.text}
        for _, item in rubric.checklist_items()
    }
    readiness = properties["readiness"]
    readiness.pop("additionalProperties", None)
    readiness["properties"] = items
    readiness["additionalProperties"] = False
    properties["groups"]["maxItems"] = DEFAULT_MAX_GROUPS
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}
