"""YAML for imports: plain data only, built in one pass over the parser's events.

The import format needs mappings, lists and scalars a few levels deep, nothing more. Refused,
each with the line where it starts: nesting deeper than `MAX_DEPTH`, anchors and aliases
(`&a`, `*a`: also the "billion laughs" expansion), merge keys (`<<:`), explicit tags (`!!str`,
`!!python/object`, `!foo`), complex keys and more than one document. The events come from
libyaml when PyYAML has it (fast) and the loop here keeps no recursion, so a 100,000-deep
`[[[[…` is refused at its 33rd bracket. Plain scalars resolve as `yaml.safe_load` resolves them.
The line of every value is kept, by its path, for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from knowledge.input_limits import MAX_DEPTH

Loc = tuple[int | str, ...]
Lines = dict[Loc, int]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER: Any = yaml.resolver.Resolver()
_CONSTRUCTOR: Any = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_NO_KEY = object()


class YamlRefused(ValueError):
    """Valid YAML, but a feature imports do not accept; `line` counts from 1."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class _Open:
    """A mapping or list being filled, with its path and (for a mapping) the pending key."""

    value: dict[Any, Any] | list[Any]
    path: Loc
    key: Any = _NO_KEY


def _scalar(event: Any) -> Any:
    if not event.implicit[0]:  # quoted or block scalar: a string
        return event.value
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag == _STR:
        return event.value
    if tag == _MERGE:
        raise YamlRefused(event.start_mark.line + 1, "YAML merge keys (<<) are not accepted")
    construct = _CONSTRUCTOR.yaml_constructors.get(tag)
    if construct is None:
        return event.value
    return construct(_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))


def _refuse_features(event: Any) -> None:
    line = event.start_mark.line + 1
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise YamlRefused(line, "YAML anchors and aliases (&name, *name) are not accepted")
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise YamlRefused(line, f"YAML tags ({tag}) are not accepted")


class _Builder:
    def __init__(self) -> None:
        self.lines: Lines = {}
        self.stack: list[_Open] = []
        self.root: Any = None

    def _child_path(self, line: int, container: bool) -> Loc:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if top.key is _NO_KEY:
            if container:
                raise YamlRefused(line, "complex mapping keys are not accepted")
            return top.path
        return (*top.path, top.key)

    def place(self, value: Any, line: int, container: bool = False) -> Loc:
        path = self._child_path(line, container)
        if not self.stack:
            self.root = value
        else:
            top = self.stack[-1]
            if isinstance(top.value, list):
                top.value.append(value)
            elif top.key is _NO_KEY:
                top.key = value
                return path  # a key: its value's line is the one kept
            else:
                top.value[top.key] = value
                top.key = _NO_KEY
        self.lines[path] = line
        return path

    def start(self, value: dict[Any, Any] | list[Any], line: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlRefused(line, f"nested deeper than {MAX_DEPTH} levels")
        self.stack.append(_Open(value, self.place(value, line, container=True)))


def load_yaml(text: str) -> tuple[Any, Lines]:
    """The document as plain Python data, and the line of each value by path.

    Raises `YamlRefused` for a refused feature and `yaml.YAMLError` for invalid YAML.
    """
    loader = _Loader(text)
    built = _Builder()
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlRefused(line, "more than one YAML document")
                continue
            if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
                continue  # stream and document ends
            if isinstance(event, yaml.CollectionEndEvent):
                built.stack.pop()
                continue
            _refuse_features(event)
            if isinstance(event, yaml.ScalarEvent):
                built.place(_scalar(event), line)
            elif isinstance(event, yaml.MappingStartEvent):
                built.start({}, line)
            elif isinstance(event, yaml.SequenceStartEvent):
                built.start([], line)
    finally:
        loader.dispose()
    return built.root, built.lines


def line_at(lines: Lines, prefix: Loc, loc: Loc) -> int:
    """The line of the deepest value on `loc` under `prefix` that the document has."""
    for end in range(len(loc), -1, -1):
        line = lines.get((*prefix, *loc[:end]))
        if line is not None:
            return line
    return lines.get((), 1)
