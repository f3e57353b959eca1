"""Safe YAML parsing that remembers where every value came from.

Data is built straight from the parser's event stream rather than through PyYAML's
constructors, for three reasons: every key and value keeps its 1-based line and column
for error messages and evidence; duplicate keys, unknown tags and multi-document files
become problems instead of being silently accepted; and alias expansion ("billion
laughs") and nesting depth are bounded without recursion, so no input can exhaust
memory, time or the stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from engagement_cli.loading.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES
from engagement_cli.loading.problems import FieldPath, InputError, Problem, echo, format_path

# libyaml's C parser when present; the pure-Python one otherwise. Both feed the same builder.
_Parser: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


_TAG = "tag:yaml.org,2002:"
_COLLECTION_TAGS = {None, "!", _TAG + "map", _TAG + "seq"}
_constructor = yaml.constructor.SafeConstructor()

Position = tuple[int, int]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data from one YAML document, with the position of every key and value."""

    data: Any
    values: dict[FieldPath, Position]
    """1-based (line, column) where the value at each path starts."""
    keys: dict[FieldPath, Position]
    """1-based (line, column) of the mapping key that names each path."""

    def position(self, path: FieldPath, *, prefer_key: bool = False) -> Position | None:
        """The best-known position for a path: itself, else its nearest located parent."""
        lookups = (self.keys, self.values) if prefer_key else (self.values, self.keys)
        while True:
            for table in lookups:
                if path in table:
                    return table[path]
            if not path:
                return None
            path = path[:-1]


@dataclass
class _Frame:
    """A mapping or sequence under construction."""

    path: FieldPath
    container: dict[str, Any] | list[Any]
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, parser: Any, max_nodes: int, max_depth: int) -> None:
        self.parser = parser
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.nodes = 0
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self) -> YamlDocument:
        while True:
            event = self.parser.get_event()
            if isinstance(event, events.ScalarEvent):
                self._on_scalar(event)
            elif isinstance(event, events.MappingStartEvent | events.SequenceStartEvent):
                self._on_start(event)
            elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
                frame = self.stack.pop()
                self._remember_anchor(frame.anchor, frame.container, frame.size)
                self._attach(frame.container, frame.size, event)
            elif isinstance(event, events.AliasEvent):
                self._on_alias(event)
            elif isinstance(event, events.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _problem(
                        "multiple-documents",
                        "file holds more than one YAML document ('---'); "
                        "put one project in each file",
                        event,
                    )
            elif isinstance(event, events.StreamEndEvent):
                break
        if self.documents == 0 or self.root is None:
            raise InputError(
                [
                    Problem(
                        "empty-file",
                        "file has no YAML content: expected a mapping describing a project",
                        line=1,
                        column=1,
                    )
                ]
            )
        return YamlDocument(self.root, self.values, self.keys)

    def _child_path(self) -> FieldPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        assert frame.key is not None
        return (*frame.path, frame.key)

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].key is None)
        )

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.max_nodes:
            raise _problem(
                "too-many-nodes",
                f"document expands to more than {self.max_nodes:,} values "
                "(deeply repeated anchors and aliases?)",
                event,
            )

    def _on_start(self, event: Any) -> None:
        if self._expecting_key():
            raise _problem(
                "complex-key", "a mapping key must be a plain name, not a list or mapping", event
            )
        if event.tag not in _COLLECTION_TAGS:
            raise _unsafe_tag(event)
        if len(self.stack) >= self.max_depth:
            raise _problem("too-deep", f"nesting is deeper than {self.max_depth} levels", event)
        self._count(1, event)
        path = self._child_path()
        self.values[path] = _position(event)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, events.MappingStartEvent) else []
        )
        self.stack.append(_Frame(path, container, event.anchor))

    def _on_scalar(self, event: Any) -> None:
        if self._expecting_key():
            self._on_key(event)
            return
        value = _scalar_value(self.parser, event)
        self._count(1, event)
        self.values[self._child_path()] = _position(event)
        self._remember_anchor(event.anchor, value, 1)
        self._attach(value, 1, event)

    def _on_key(self, event: Any) -> None:
        frame = self.stack[-1]
        if event.tag == _TAG + "merge" or (event.value == "<<" and event.implicit[0]):
            raise _problem(
                "merge-key", "merge keys ('<<') are not supported; write the fields out", event
            )
        if event.tag not in (None, "!", _TAG + "str"):
            raise _unsafe_tag(event)
        key = event.value
        line, column = _position(event)
        if key in frame.key_lines:
            raise _problem(
                "duplicate-key",
                f"duplicate key {echo(key)} (first on line {frame.key_lines[key]}, again on "
                f"line {line}); YAML keeps only one, so remove or merge them",
                event,
                path=(*frame.path, key),
            )
        frame.key_lines[key] = line
        frame.key = key
        self.keys[(*frame.path, key)] = (line, column)

    def _on_alias(self, event: Any) -> None:
        if self._expecting_key():
            raise _problem("complex-key", "an alias cannot be used as a mapping key", event)
        if event.anchor not in self.anchors:
            raise _problem(
                "bad-alias",
                f"alias '*{event.anchor}' refers to an anchor that is not defined before it "
                "(or refers to itself)",
                event,
            )
        value, size = self.anchors[event.anchor]
        self._count(size, event)
        self.values[self._child_path()] = _position(event)
        self._attach(value, size, event)

    def _remember_anchor(self, anchor: str | None, value: Any, size: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)

    def _attach(self, value: Any, size: int, event: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            assert frame.key is not None
            frame.container[frame.key] = value
            frame.key = None


def _scalar_value(parser: Any, event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0] and tag is None:
            tag = parser.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = _TAG + "str"
    if tag in (_TAG + "str", _TAG + "timestamp"):
        # Dates stay as written: project files hold them as text, not datetimes.
        return event.value
    if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"):
        node = yaml.ScalarNode(tag, event.value)
        return _constructor.construct_object(node)
    raise _unsafe_tag(event)


def _position(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _problem(problem_id: str, message: str, event: Any, path: FieldPath = ()) -> InputError:
    line, column = _position(event)
    return InputError(
        [Problem(problem_id, message, field=format_path(path) or None, line=line, column=column)]
    )


def _unsafe_tag(event: Any) -> InputError:
    return _problem(
        "unsafe-tag",
        f"tag {echo(event.tag)} is not allowed: engage reads plain YAML only "
        "(mappings, lists, text, numbers, true/false, null)",
        event,
    )


def _syntax_problem(error: yaml.YAMLError, text: str, max_depth: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context_mark", None)
    if mark is not None and context is not None and mark.index >= len(text.rstrip()):
        # Hitting the end of the file while inside something unclosed: where that
        # something opened is where the fix goes.
        mark = context
    if isinstance(error, yaml.reader.ReaderError):
        # Raised for control characters; it carries a character offset, not a mark.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        reason = str(error).splitlines()[0]
        return Problem("yaml-syntax", f"invalid YAML: {reason}", line=line, column=column)
    if isinstance(error, yaml.MarkedYAMLError):
        parts = [part for part in (error.context, error.problem) if part]
        message = "; ".join(parts) or "invalid YAML"
    else:
        message = str(error).splitlines()[0]
    if "maximum nesting depth" in message and mark is not None:
        # libyaml 0.2.6 stops very deep flow nesting in its scanner, before the builder's
        # own depth limit sees it: the same problem, so the same id.
        return Problem(
            "too-deep",
            f"nesting is deeper than {max_depth} levels",
            line=mark.line + 1,
            column=mark.column + 1,
        )
    if mark is None:
        return Problem("yaml-syntax", f"invalid YAML: {message}", line=1, column=1)
    return Problem(
        "yaml-syntax", f"invalid YAML: {message}", line=mark.line + 1, column=mark.column + 1
    )


def parse_yaml(
    text: str, *, max_nodes: int = DEFAULT_MAX_NODES, max_depth: int = DEFAULT_MAX_DEPTH
) -> YamlDocument:
    """Parse one YAML document of plain data, or raise `InputError` with its location."""
    parser = _Parser(text)
    try:
        return _Builder(parser, max_nodes, max_depth).build()
    except yaml.YAMLError as error:
        raise InputError([_syntax_problem(error, text, max_depth)]) from None
    finally:
        parser.dispose()
