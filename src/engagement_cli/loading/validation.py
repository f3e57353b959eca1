"""Validating parsed YAML against a pydantic model, with located, helpful problems."""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engagement_cli.loading.problems import (
    MAX_PROBLEMS,
    FieldPath,
    InputError,
    Problem,
    clip,
    echo,
    format_path,
)
from engagement_cli.loading.yaml_source import YamlDocument
from engagement_cli.models.project import LenientEnum, normalise_word

Model = TypeVar("Model", bound=BaseModel)

_QUOTED = re.compile(r"'([^']*)'")
_SUGGESTION = re.compile(r"did you mean '([^']*)'")


def validate_document(
    model: type[Model], document: YamlDocument, max_problems: int = MAX_PROBLEMS
) -> Model:
    """Validate a document's data as `model`, or raise `InputError` with its problems.

    The first `max_problems` problems in file order are described; the rest are counted
    in the error's `omitted`, so a file of 100,000 unknown keys costs little to report.
    """
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        raise InputError(
            [
                Problem(
                    "not-a-mapping",
                    f"the document is {kind}; expected a "
                    "mapping of fields such as 'name:' and 'groups:'",
                    line=1,
                    column=1,
                )
            ]
        )
    collisions = _fold_keys(model, document)
    try:
        validated = model.model_validate(document.data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        if len(details) > max_problems:
            # Describing a problem costs a "did you mean" search; only describe those shown.
            details.sort(key=lambda detail: _order(document, detail))
        shown = details[: max_problems + _FOLD_SLACK]
        problems = _fold_typos([_problem(model, document, detail) for detail in shown])
        problems.extend(collisions)
        problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        omitted = len(details) - len(shown) + max(0, len(problems) - max_problems)
        raise InputError(problems[:max_problems], omitted=omitted) from None
    if collisions:
        raise InputError(collisions[:max_problems], omitted=max(0, len(collisions) - max_problems))
    return validated


def _key_folder(annotation: Any) -> tuple[Callable[[Any], Any], frozenset[str]] | None:
    """The function that folds a mapping's keys to their canonical spelling, if any, and
    the canonical spellings themselves (which fold to themselves).

    A key type that is a `LenientEnum` (such as `Stage`) reads "Run" and "run" as
    "deliver"; other keys are compared exactly, as YAML does.
    """
    if isinstance(annotation, type) and issubclass(annotation, LenientEnum):
        canonical = frozenset(member.value for member in annotation)
        return functools.partial(normalise_word, enum=annotation), canonical
    return None


_EACH = None
"""A route step meaning "every item of this list, or every value of this mapping"."""

Route = tuple[tuple[str | None, ...], tuple[Callable[[Any], Any], frozenset[str]]]
"""Where a mapping with folding keys sits in a model (field names and `_EACH` steps),
the function that folds its keys and the spellings that are canonical already."""


@functools.cache
def _folding_routes(model: type[BaseModel]) -> tuple[Route, ...]:
    """Every mapping inside `model` whose keys fold, found once per model from its types,
    so that each document is walked only along these routes (today: groups[*].stages)."""
    routes: list[Route] = []
    pending: list[tuple[Any, tuple[str | None, ...], frozenset[type]]] = [(model, (), frozenset())]
    while pending:
        annotation, steps, models = pending.pop()
        bare = _unwrap(annotation)
        if isinstance(bare, type) and issubclass(bare, BaseModel):
            if bare in models:
                continue  # a model that contains itself: its routes are already planned
            pending.extend(
                (info.annotation, (*steps, info.alias or name), models | {bare})
                for name, info in bare.model_fields.items()
            )
            continue
        origin, args = typing.get_origin(bare), typing.get_args(bare)
        if origin is list and args:
            pending.append((args[0], (*steps, _EACH), models))
        elif origin is dict and len(args) == 2:
            fold = _key_folder(args[0])
            if fold is not None:
                routes.append((steps, fold))
            pending.append((args[1], (*steps, _EACH), models))
    return tuple(routes)


def _along(data: Any, steps: tuple[str | None, ...]) -> Iterator[tuple[FieldPath, Any]]:
    """The values a route reaches in a document, with their paths."""
    reached: list[tuple[FieldPath, Any]] = [((), data)]
    for step in steps:
        following: list[tuple[FieldPath, Any]] = []
        for path, value in reached:
            if step is _EACH and isinstance(value, list):
                following.extend(((*path, index), item) for index, item in enumerate(value))
            elif step is _EACH and isinstance(value, dict):
                following.extend(((*path, key), item) for key, item in value.items())
            elif isinstance(step, str) and isinstance(value, dict) and step in value:
                following.append(((*path, step), value[step]))
        reached = following
    yield from reached


def _fold_keys(model: type[BaseModel], document: YamlDocument) -> list[Problem]:
    """Keys that mean the same once folded, as `duplicate-key` problems with both lines.

    YAML only rejects keys spelled identically; `{deliver: …, Run: …}` would otherwise
    reach the model as one stage, the last spelling silently winning. Each key written
    in another spelling also gets its position under the canonical path, so evidence
    about "deliver" points at the line that says "Run".
    """
    problems: list[Problem] = []
    renames: dict[FieldPath, FieldPath] = {}
    for steps, (fold, exact) in _folding_routes(model):
        for path, mapping in _along(document.data, steps):
            if not isinstance(mapping, dict):
                continue
            first_spelling: dict[Any, str] = {}
            for key in mapping:
                if key in exact:
                    canonical = key  # most files write the canonical names
                else:
                    try:
                        canonical = fold(key)
                    except (TypeError, ValueError):
                        continue
                    canonical = getattr(canonical, "value", canonical)
                if canonical in first_spelling:
                    problems.append(_same_key(document, path, first_spelling[canonical], key))
                    continue
                first_spelling[canonical] = key
                if canonical != key and isinstance(canonical, str):
                    renames[(*path, key)] = (*path, canonical)
    _add_positions(document, renames)
    return problems


def _same_key(document: YamlDocument, path: FieldPath, first: str, again: str) -> Problem:
    first_line = (document.keys.get((*path, first)) or (None, None))[0]
    line, column = document.keys.get((*path, again)) or (None, None)
    return Problem(
        "duplicate-key",
        f"duplicate key {echo(again)}: it means the same as {echo(first)} (first on line "
        f"{first_line}, again on line {line}); engage would keep only one, so remove or "
        f"merge them",
        field=format_path((*path, again)),
        line=line,
        column=column,
    )


def _add_positions(document: YamlDocument, renames: dict[FieldPath, FieldPath]) -> None:
    """Record every position under a renamed key at its canonical path as well."""
    if not renames:
        return
    lengths = sorted({len(written) for written in renames})
    for table in (document.values, document.keys):
        added: dict[FieldPath, Any] = {}
        for path, position in table.items():
            for length in lengths:
                canonical = renames.get(path[:length])
                if canonical is not None:
                    added.setdefault((*canonical, *path[length:]), position)
        for path, position in added.items():
            table.setdefault(path, position)


_FOLD_SLACK = 20
"""Extra problems described beyond the cap, so that folding typos still leaves a full list."""


def _order(document: YamlDocument, detail: Any) -> tuple[int, int]:
    """Where a validation problem sits in the file, for sorting before describing it."""
    path = _written(document, tuple(part for part in detail["loc"] if part != "[key]"))
    return document.position(path, prefer_key=True) or (0, 0)


def _fold_typos(problems: list[Problem]) -> list[Problem]:
    """Drop "missing 'role'" where "unknown field 'rol'; did you mean 'role'?" says it all."""
    suggested = {
        (
            problem.field.rsplit(".", 1)[0] if problem.field and "." in problem.field else "",
            match.group(1),
        )
        for problem in problems
        if problem.id == "unknown-field"
        for match in [_SUGGESTION.search(problem.message)]
        if match
    }

    def explained(problem: Problem) -> bool:
        if problem.id != "missing-field" or not problem.field:
            return False
        parent, _, name = problem.field.rpartition(".")
        return (parent, name) in suggested

    return [problem for problem in problems if not explained(problem)]


def _written(document: YamlDocument, path: FieldPath) -> FieldPath:
    """`path` cut back to what the file actually holds.

    A model may read a shorthand as a longer form (a bare level as `{say: LEVEL}`); a
    problem inside the longer form belongs to the value the person wrote.
    """
    data: Any = document.data
    for depth, part in enumerate(path):
        if not isinstance(data, dict | list):
            return path[:depth]
        found = (
            part in data
            if isinstance(data, dict)
            else (isinstance(part, int) and 0 <= part < len(data))
        )
        if not found:
            return path  # a missing key: the path names what should be there
        data = data[part]  # type: ignore[index]
    return path


def _problem(model: type[BaseModel], document: YamlDocument, detail: Any) -> Problem:
    raw_loc: tuple[str | int, ...] = tuple(detail["loc"])
    path: FieldPath = _written(document, raw_loc[:-1] if _is_key(detail) else raw_loc)
    found = describe_problem(model, detail, path)
    position = document.position(found.path, prefer_key=found.prefer_key)
    line, column = position if position else (None, None)
    return Problem(found.problem_id, found.message, field=found.field, line=line, column=column)


@dataclass(frozen=True, slots=True)
class Described:
    """A validation problem in engage's words, and where in the data it belongs."""

    problem_id: str
    message: str
    field: str | None
    """The field to name in the message's prefix."""
    path: FieldPath
    """Where to point: the field, or for a missing field the mapping that lacks it."""
    prefer_key: bool
    """Point at the key rather than its value."""


def _is_key(detail: Any) -> bool:
    # pydantic marks a problem with a mapping's key by appending "[key]" to its location;
    # a field a file really calls "[key]" is reported as an unknown field instead.
    loc = detail["loc"]
    return len(loc) > 1 and loc[-1] == "[key]" and detail["type"] != "extra_forbidden"


def describe_problem(
    model: type[BaseModel], detail: Any, path: FieldPath | None = None
) -> Described:
    """One of pydantic's error details for `model`, described as engage describes
    problems: unknown fields with "did you mean", allowed values, plain words for types.

    `path` is the location as the file wrote it; by default, pydantic's own location.
    Every input that engage validates (project files, configs, rubrics) goes through
    this, so no message speaks the validation library's language.
    """
    kind = detail["type"]
    is_key = _is_key(detail)
    if path is None:
        raw_loc: tuple[str | int, ...] = tuple(detail["loc"])
        path = raw_loc[:-1] if is_key else raw_loc
    field = format_path(path) or None
    if kind == "extra_forbidden":
        name = str(path[-1])
        known = _field_names(model, path[:-1])
        close = difflib.get_close_matches(name, known, n=1)
        choices = f"; expected one of {', '.join(known)}"
        hint = f"; did you mean {echo(close[0])}?" if close else choices
        return Described("unknown-field", f"unknown field {echo(name)}{hint}", field, path, True)
    if kind == "missing":
        name = str(path[-1])
        message = f"missing required field {echo(name)}"
        return Described("missing-field", message, field, path[:-1], False)
    if kind == "enum":
        expected = _QUOTED.findall(detail.get("ctx", {}).get("expected", ""))
        given_value = detail.get("input")
        choices = f"expected one of {', '.join(expected)}"
        if given_value is None:
            message = f"no value given; {choices}"
        elif isinstance(given_value, dict | list):
            kind_given = "a list" if isinstance(given_value, list) else "a mapping"
            message = f"{choices}, not {kind_given}"
        else:
            given = clip(str(given_value))
            # Only a near spelling is suggested: "council" is not a misspelt "community",
            # and a suggestion that changes the meaning changes the verdict.
            is_role = bool(path) and path[-1] == "role"
            cutoff = 0.75 if is_role else 0.6
            close = difflib.get_close_matches(given.lower(), expected, n=1, cutoff=cutoff)
            message = f"{echo(given)} is not allowed; {choices}"
            if close:
                message += f" (did you mean {echo(close[0])}?)"
            elif is_role:
                message += f"; {_ROLE_HINT}"
    else:
        message = _plain(kind, detail)
        if "input" in detail and not isinstance(detail["input"], dict | list):
            message = f"{message} (got {clip(repr(detail['input']))})"
        if kind == "string_type" and isinstance(detail.get("input"), int | float):
            # YAML reads a bare 2024 or 1.5 as a number; quotes keep it as written.
            message += "; put it in quotes to write it as text"
    return Described("invalid-value", message, field, path, is_key)


_ROLE_HINT = (
    "an organisation or team is provider if it owns the offering and answers for it, "
    "partners if it works with the provider as a peer, suppliers if contracted to do part "
    "of it, facilitators if it only runs the engagement; people who use it are users, the "
    "wider public community"
)


def _plain(kind: str, detail: Any) -> str:
    """A validation problem in engage's words, not the validation library's."""
    context = detail.get("ctx", {})
    words = {
        "string_type": "expected text",
        "list_type": "expected a list, e.g. [a, b]",
        "dict_type": "expected a mapping of names to values",
        "model_type": "expected a mapping of fields",
        "model_attributes_type": "expected a mapping of fields",
        "bool_type": "expected true or false (yes or no)",
        "bool_parsing": "expected true or false (yes or no)",
        "int_type": "expected a whole number",
        "int_parsing": "expected a whole number",
        "float_type": "expected a number",
        "float_parsing": "expected a number",
        "string_too_short": "must not be empty",
    }
    if kind in words:
        return words[kind]
    if kind == "string_too_long":
        return f"is longer than {context.get('max_length')} characters"
    if kind == "too_short":
        count = context.get("min_length")
        return f"needs at least {count} item{'s' if count != 1 else ''}"
    if kind == "too_long":
        return f"has more than {context.get('max_length')} items"
    bounds = {
        "greater_than": ("more than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        relation, key = bounds[kind]
        return f"must be {relation} {context.get(key)}"
    if kind == "literal_error":
        return f"expected {context.get('expected')}"
    if kind in ("int_from_float", "int_parsing_size"):
        return "expected a whole number"
    if kind in ("value_error", "assertion_error"):
        # Our own validators' words, without the library's prefix.
        return str(context.get("error", detail["msg"]))
    # Any other kind: the library's sentence, reworded to match ours.
    message = str(detail["msg"])
    for library, ours in (("Input should be ", "expected "), ("Value error, ", "")):
        if message.startswith(library):
            message = ours + message[len(library) :]
    return message


def _field_names(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names allowed at `path` inside `model`, for 'did you mean' hints."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part) or next(
                (field for field in current.model_fields.values() if field.alias == part), None
            )
            if info is None:
                return []
            current = info.annotation
            continue
        args = typing.get_args(current)
        origin = typing.get_origin(current)
        if origin is list and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        # The spelling a file uses: the alias where a field has one (fail-on, not fail_on).
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type that holds fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
