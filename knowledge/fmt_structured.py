"""YAML and JSON: a list of records, or a mapping with an `examples:` list (plain data only:
see `knowledge.safe_yaml` and `knowledge.input_limits`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml

from knowledge.input_limits import MAX_DEPTH, json_too_deep
from knowledge.models import OKRSet
from knowledge.records import KnowledgeInputError, Loc, RawRecord, export_dict
from knowledge.safe_yaml import YamlRefused, line_at, load_yaml


def _records_of(data: Any, file: str) -> list[Any]:
    if isinstance(data, dict) and "examples" in data:
        data = data["examples"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeInputError([f"{file}: line 1: expected a list of OKR sets or `examples:`"])
    return data


def _yaml_error(file: str, err: yaml.YAMLError) -> KnowledgeInputError:
    mark = getattr(err, "problem_mark", None)
    where = f"line {mark.line + 1}" if mark is not None else "line ?"
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    return KnowledgeInputError([f"{file}: {where}: not valid YAML: {reason}"])


def read_yaml(text: str, file: str) -> list[RawRecord]:
    try:
        data, lines = load_yaml(text)
    except YamlRefused as err:
        raise KnowledgeInputError([f"{file}: line {err.line}: {err.reason}"]) from err
    except yaml.YAMLError as err:
        raise _yaml_error(file, err) from err
    prefix: Loc = ("examples",) if isinstance(data, dict) and "examples" in data else ()
    records = _records_of(data, file)

    def locator(index: int) -> Any:
        def locate(loc: Loc) -> str:
            return f"line {line_at(lines, (*prefix, index), loc)} (record {index + 1})"

        return locate

    return [RawRecord(r, locator(i)) for i, r in enumerate(records)]


def read_json(text: str, file: str) -> list[RawRecord]:
    deep = json_too_deep(text)
    if deep is not None:
        raise KnowledgeInputError([f"{file}: line {deep}: nested deeper than {MAX_DEPTH} levels"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise KnowledgeInputError(
            [f"{file}: line {err.lineno}: not valid JSON: {err.msg}"]
        ) from err
    except RecursionError as err:  # only if the depth scan were ever wrong
        raise KnowledgeInputError([f"{file}: nested too deeply"]) from err

    def locator(index: int) -> Any:
        return lambda loc: f"record {index + 1}"

    return [RawRecord(r, locator(i)) for i, r in enumerate(_records_of(data, file))]


def write_yaml(sets: Sequence[OKRSet]) -> str:
    doc = {"examples": [export_dict(s) for s in sets]}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_json(sets: Sequence[OKRSet]) -> str:
    doc = {"examples": [export_dict(s) for s in sets]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
