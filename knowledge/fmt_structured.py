"""YAML and JSON: a list of records, or a mapping with an `examples:` list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml

from knowledge.models import OKRSet
from knowledge.records import KnowledgeInputError, Loc, RawRecord, export_dict


def _records_of(data: Any, file: str) -> list[Any]:
    if isinstance(data, dict) and "examples" in data:
        data = data["examples"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeInputError([f"{file}: line 1: expected a list of OKR sets or `examples:`"])
    return data


def _line_of(node: yaml.Node, loc: Loc) -> int:
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == part]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return int(node.start_mark.line) + 1


def read_yaml(text: str, file: str) -> list[RawRecord]:
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "line ?"
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise KnowledgeInputError([f"{file}: {where}: not valid YAML: {reason}"]) from err
    records = _records_of(data, file)
    seq = root
    if isinstance(root, yaml.MappingNode):
        seq = next(v for k, v in root.value if k.value == "examples")
    nodes = seq.value if isinstance(seq, yaml.SequenceNode) else []

    def locator(node: yaml.Node, index: int) -> Any:
        def locate(loc: Loc) -> str:
            return f"line {_line_of(node, loc)} (record {index + 1})"

        return locate

    return [
        RawRecord(r, locator(n, i)) for i, (r, n) in enumerate(zip(records, nodes, strict=True))
    ]


def read_json(text: str, file: str) -> list[RawRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise KnowledgeInputError(
            [f"{file}: line {err.lineno}: not valid JSON: {err.msg}"]
        ) from err

    def locator(index: int) -> Any:
        return lambda loc: f"record {index + 1}"

    return [RawRecord(r, locator(i)) for i, r in enumerate(_records_of(data, file))]


def write_yaml(sets: Sequence[OKRSet]) -> str:
    doc = {"examples": [export_dict(s) for s in sets]}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_json(sets: Sequence[OKRSet]) -> str:
    doc = {"examples": [export_dict(s) for s in sets]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
