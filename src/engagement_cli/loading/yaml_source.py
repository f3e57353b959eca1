"""Safe YAML parsing that remembers where every value came from.

No PyYAML constructor ever runs on a file: the data is built by engage itself, for three
reasons. Every key and value keeps its 1-based line and column for error messages and
evidence; duplicate keys, unknown tags and multi-document files become problems instead of
being silently accepted; and alias expansion ("billion laughs") and nesting depth are
bounded, so no input can exhaust memory, time or the stack.

There are two ways to build it, with one meaning. The fast one: libyaml's C parser and
composer turn the text into a tree of nodes and one walk builds the data. The composer
loses two things, though: where an alias was written (it hands back the anchored node),
and whether a tag was written (`! 123` comes back as the integer a plain `123` is). So
the walk takes only files that can hold neither, no `&` and no `!` anywhere, up to 256 KiB
(composing a huge file would hold all of it as nodes at once), and only when it succeeds.
Everything else, and every file with a problem, is built from the parser's event stream,
which knows both and holds no more than the containers being filled: the problems a file
gets never depend on which way it was read.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engagement_cli.loading.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES
from engagement_cli.loading.problems import FieldPath, InputError, Problem, echo, format_path

# libyaml's C parser when present (then also its composer, for the walk); the pure-Python
# parser otherwise, whose events build every file.
_SafeLoader: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

_RESOLVED: dict[str, str] = {}
"""The tag each short plain scalar resolves to, for the life of the process."""
_RESOLVED_MAX = 10_000


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, resolving tags the way PyYAML's resolver does, for less.

    The composer asks for the tag of every node. Resolving a plain scalar runs regular
    expressions, while project files repeat the same few words ("users", "decides",
    "true") thousands of times: with no path resolvers (engage registers none), its tag
    depends on its text alone, so it is remembered. Every other node gets its kind's
    default tag, as the resolver would give it.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < _RESOLVED_MAX and len(value) <= 64:
                    _RESOLVED[value] = tag
            return tag
        return _DEFAULT_TAGS[kind]

    # The composer also tells the resolver each time it enters and leaves a node, which
    # only path resolvers use. Doing nothing in C (a builtin that ignores what it is
    # given) instead of in a Python method takes a tenth off the time to parse a file.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _TAG + "seq", MappingNode: _TAG + "map"}
_TEXT_TAGS = {_STR, _TAG + "timestamp"}  # dates stay as written: files hold them as text
_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
_EVENT_COLLECTION_TAGS = {None, "!", *_COLLECTION_TAGS}
_MERGE = _TAG + "merge"
_constructor = yaml.constructor.SafeConstructor()
# Called directly: `construct_object` would remember every node it ever saw.
_SCALARS = {
    tag: _constructor.yaml_constructors[tag]
    for tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null")
}
_BOOL, _NULL = _TAG + "bool", _TAG + "null"
_BOOL_VALUES: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
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


class _Walk:
    """Builds plain data from a node tree of a file with no anchors and no tags.

    Without anchors no node is shared and none contains itself; without tags every tag
    is what the text resolves to. Any problem stops the walk: the event path then names it.
    """

    def __init__(self, max_nodes: int, max_depth: int) -> None:
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.nodes = 0
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}

    def document(self, root: Node) -> YamlDocument:
        data = self.walk(root, (), 0)
        if data is None:
            raise _Unwalkable  # `~` or a bare `---`: an empty file, as the events say
        return YamlDocument(data, self.values, self.keys)

    def walk(self, node: Node, path: FieldPath, depth: int) -> Any:
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Unwalkable
        if isinstance(node, ScalarNode):
            return _scalar_value(node)
        if depth >= self.max_depth or node.tag not in _COLLECTION_TAGS:
            raise _Unwalkable
        values = self.values
        if isinstance(node, MappingNode):
            data: dict[str, Any] = {}
            keys = self.keys
            for key_node, value_node in node.value:
                # A plain key is its text (`yes`, `1` and `~` too); anything else, and a
                # key written twice, is for the events to report.
                if type(key_node) is not ScalarNode or key_node.tag == _MERGE:
                    raise _Unwalkable
                key = key_node.value
                if key in data:
                    raise _Unwalkable
                child = (*path, key)
                mark = key_node.start_mark
                keys[child] = (mark.line + 1, mark.column + 1)
                if type(value_node) is ScalarNode:
                    # Most values are scalars: taken here, as `walk` would, saving calls.
                    mark = value_node.start_mark
                    values[child] = (mark.line + 1, mark.column + 1)
                    self.nodes += 1
                    if self.nodes > self.max_nodes:
                        raise _Unwalkable
                    text = value_node.tag in _TEXT_TAGS  # the commonest case, without a call
                    data[key] = value_node.value if text else _scalar_value(value_node)
                else:
                    data[key] = self.walk(value_node, child, depth + 1)
            return data
        return [self.walk(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]


class _Unwalkable(Exception):
    """The node tree holds a problem (or an empty document): build from events instead."""


@dataclass
class _Frame:
    """A mapping or sequence under construction."""

    path: FieldPath
    container: dict[str, Any] | list[Any]
    anchor: str | None
    size: int = 1
    height: int = 1
    """Levels of nesting, this one included: an alias repeats them wherever it is used."""
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Builds plain data from the parser's event stream: every file the walk does not take.

    Nothing is held but the containers being filled, so a huge file is refused at its
    first value past a limit rather than after the whole of it has become nodes.
    """

    def __init__(self, parser: Any, max_nodes: int, max_depth: int) -> None:
        self.parser = parser
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.nodes = 0
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.anchor_lines: dict[str, int] = {}
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
                self._remember_anchor(frame.anchor, frame.container, frame.size, frame.height)
                self._attach(frame.container, frame.size, event, frame.height)
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

    def _claim_anchor(self, event: Any) -> None:
        # The composer refuses a second anchor of the same name, so this path does too:
        # the same file must mean the same whatever its size.
        anchor = event.anchor
        if anchor is None:
            return
        line = event.start_mark.line + 1
        if anchor in self.anchor_lines:
            raise _problem(
                "duplicate-anchor",
                f"anchor {echo('&' + anchor)} is defined twice (first on line "
                f"{self.anchor_lines[anchor]}, again on line {line}); give each its own name",
                event,
            )
        self.anchor_lines[anchor] = line

    def _on_start(self, event: Any) -> None:
        self._claim_anchor(event)
        if self._expecting_key():
            raise _problem(
                "complex-key", "a mapping key must be a plain name, not a list or mapping", event
            )
        if event.tag not in _EVENT_COLLECTION_TAGS:
            raise _unsafe_tag(event)
        if len(self.stack) >= self.max_depth:
            raise _problem("too-deep", f"nesting is deeper than {self.max_depth} levels", event)
        self._count(1, event)
        path = self._child_path()
        self.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, events.MappingStartEvent) else []
        )
        self.stack.append(_Frame(path, container, event.anchor))

    def _on_scalar(self, event: Any) -> None:
        self._claim_anchor(event)
        if self._expecting_key():
            self._on_key(event)
            return
        value = _event_scalar_value(self.parser, event)
        self._count(1, event)
        self.values[self._child_path()] = (
            event.start_mark.line + 1,
            event.start_mark.column + 1,
        )
        self._remember_anchor(event.anchor, value, 1, 0)
        self._attach(value, 1, event)

    def _on_key(self, event: Any) -> None:
        frame = self.stack[-1]
        if event.tag == _MERGE or (event.value == "<<" and event.implicit[0]):
            raise _problem(
                "merge-key", "merge keys ('<<') are not supported; write the fields out", event
            )
        if event.tag not in (None, "!", _STR):
            raise _unsafe_tag(event)
        key = event.value
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
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
        value, size, height = self.anchors[event.anchor]
        # An alias to nested lists or mappings nests them here again: a chain of such
        # aliases could otherwise build data far deeper than the limit.
        if height and len(self.stack) + height > self.max_depth:
            raise _problem(
                "too-deep",
                f"nesting is deeper than {self.max_depth} levels (through aliases)",
                event,
            )
        self._count(size, event)
        self.values[self._child_path()] = (
            event.start_mark.line + 1,
            event.start_mark.column + 1,
        )
        self._attach(value, size, event, height)

    def _remember_anchor(self, anchor: str | None, value: Any, size: int, height: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size, height)

    def _attach(self, value: Any, size: int, event: Any, height: int = 0) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        frame.height = max(frame.height, 1 + height)
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            assert frame.key is not None
            frame.container[frame.key] = value
            frame.key = None


def _event_scalar_value(parser: Any, event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0] and tag is None:
            tag = parser.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = _TAG + "str"
    if tag in _TEXT_TAGS:
        return event.value
    construct = _SCALARS.get(tag)
    if construct is None:
        raise _unsafe_tag(event)
    try:
        return construct(_constructor, yaml.ScalarNode(tag, event.value))
    except (ValueError, TypeError, KeyError, IndexError):
        # Only an explicit tag can get here (`!!int foo`): the text is not such a value.
        raise _problem(
            "invalid-value",
            f"{echo(event.value)} is not a {tag.removeprefix(_TAG)}, as its tag says",
            event,
        ) from None


def _scalar_value(node: ScalarNode) -> Any:
    tag = node.tag
    if tag in _TEXT_TAGS:
        return node.value
    # The walk sees resolved tags only, so the text is what the tag's pattern matched:
    # true/false and null are read here as PyYAML's constructors read them.
    if tag == _BOOL:
        return _BOOL_VALUES[node.value.lower()]
    if tag == _NULL:
        return None
    construct = _SCALARS.get(tag)
    if construct is None:
        raise _Unwalkable
    return construct(_constructor, node)


def _problem(problem_id: str, message: str, node: Any, path: FieldPath = ()) -> InputError:
    """A problem located at `node`'s start: a node or a parser event, both carry it."""
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    return InputError(
        [Problem(problem_id, message, field=format_path(path) or None, line=line, column=column)]
    )


def _unsafe_tag(node: Any) -> InputError:
    return _problem(
        "unsafe-tag",
        f"tag {echo(node.tag)} is not allowed: engage reads plain YAML only "
        "(mappings, lists, text, numbers, true/false, null)",
        node,
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


COMPOSE_LIMIT = 256 * 1024
"""Characters up to which a document is composed into nodes in C and then walked (the
fast way); longer ones are built from the event stream, which holds no more than the
containers being filled: composing 4 MB of one-character items would take a gigabyte."""


def _parse_events(text: str, max_nodes: int, max_depth: int) -> YamlDocument:
    parser = _Loader(text)
    try:
        return _Builder(parser, max_nodes, max_depth).build()
    except yaml.YAMLError as error:
        raise InputError([_syntax_problem(error, text, max_depth)]) from None
    finally:
        parser.dispose()


def parse_yaml(
    text: str, *, max_nodes: int = DEFAULT_MAX_NODES, max_depth: int = DEFAULT_MAX_DEPTH
) -> YamlDocument:
    """Parse one YAML document of plain data, or raise `InputError` with its location."""
    if _composable(text):
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                return _Walk(max_nodes, max_depth).document(root)
        except (yaml.YAMLError, _Unwalkable, ValueError):
            pass  # a problem: the event path finds it, and says where
        finally:
            loader.dispose()
    return _parse_events(text, max_nodes, max_depth)


def _composable(text: str) -> bool:
    """Whether the walk over composed nodes reads `text` exactly as the events would."""
    return (
        yaml.__with_libyaml__
        and len(text) <= COMPOSE_LIMIT
        and "&" not in text  # no anchor, so no alias is valid
        and "!" not in text  # no tag
    )
