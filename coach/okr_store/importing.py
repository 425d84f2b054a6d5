"""Reading an OKR set to adopt from a YAML or JSON file (`coach okr import FILE`).

The shape is the `okr` object of `coach chat --json` (DESIGN §3) plus the set's `start`,
`end` (ISO dates), `owner`, `parent`, and a `kind` per KR (aspirational | committed)::

    period: Q3 2026
    start: 2026-07-01
    end: 2026-09-30
    owner: Helpdesk
    objectives:
      - title: Callers get through quickly
        key_results:
          - text: Increase call response rate from 70% to 90%
            metric: call response rate
            baseline: 70
            target: 90
            unit: "%"
            kind: committed

A whole `coach chat --json` document (with its `okr` object) is read the same way. Files go
through the import limits and the safe YAML parser of `knowledge` (size, depth, no anchors or
tags); numbers must be numbers (`"70"` or `yes` is refused, never read as one), unknown keys
are refused. Every problem is an `ImportRefused` with one line naming the file and place.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationError,
)

from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr_store.models import KRKind
from knowledge.input_limits import MAX_DEPTH, json_too_deep, size_problem
from knowledge.safe_yaml import Lines, YamlRefused, line_at, load_yaml

Number = StrictInt | StrictFloat


class ImportRefused(ValueError):
    """A file that cannot be imported; `str()` is the one-line reason."""


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _KR(_Strict):
    text: str = Field(min_length=1)
    metric: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    unit: str | None = None
    due: str | None = None
    baseline_unknown: bool = False
    kind: KRKind = "aspirational"


class _Objective(_Strict):
    title: str = Field(min_length=1)
    parent: str | None = None
    key_results: list[_KR] = Field(min_length=1)


class _Set(_Strict):
    period: str | None = None
    start: IsoDate = None
    end: IsoDate = None
    owner: str | None = None
    parent: str | None = None
    objectives: list[_Objective] = Field(min_length=1)


class ImportedSet(BaseModel):
    """A set read from a file: the draft, the kinds by KR number, and what the file says
    about the period (dates may be missing: the caller then needs them as options)."""

    draft: OKRDraft
    start: date | None = None
    end: date | None = None
    owner: str | None = None
    parent: str | None = None
    kinds: dict[int, KRKind] = Field(default_factory=dict)


def _parse(text: str, suffix: str, file: str) -> tuple[Any, Lines | None]:
    if suffix == ".json":
        deep = json_too_deep(text)
        if deep is not None:
            raise ImportRefused(f"{file}: line {deep}: nested deeper than {MAX_DEPTH} levels")
        try:
            return json.loads(text), None
        except json.JSONDecodeError as err:
            raise ImportRefused(f"{file}: line {err.lineno}: not valid JSON: {err.msg}") from None
        except RecursionError:
            raise ImportRefused(f"{file}: nested too deeply") from None
    try:
        return load_yaml(text)
    except YamlRefused as err:
        raise ImportRefused(f"{file}: line {err.line}: {err.reason}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "line ?"
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ImportRefused(f"{file}: {where}: not valid YAML: {reason}") from None


def _refusal(err: ValidationError, file: str, lines: Lines | None, prefix: tuple[str, ...]
             ) -> ImportRefused:
    first = err.errors()[0]
    loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and "[" in p))
    field = ".".join(str(p) for p in loc) or "the set"
    where = f"line {line_at(lines, prefix, loc)}: " if lines is not None else ""
    more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
    message = first["msg"].replace("Value error, ", "")
    return ImportRefused(f"{file}: {where}{field}: {message}{more}")


def read_import(path: Path) -> ImportedSet:
    """The OKR set in the YAML (.yaml/.yml) or JSON (.json) file at `path`."""
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise ImportRefused(f"{path}: unknown file type {suffix or '(none)'!r}; use .yaml, "
                            ".yml or .json")
    too_large = size_problem(path)
    if too_large is not None:
        raise ImportRefused(too_large)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file") from None
    except UnicodeDecodeError as err:
        raise ImportRefused(f"{path}: not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise ImportRefused(f"{path}: cannot read: {err.strerror or err}") from None
    data, lines = _parse(text, suffix, str(path))
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and "okr" in data and "objectives" not in data:
        data, prefix = data["okr"], ("okr",)  # a whole `coach chat --json` document
    if not isinstance(data, dict):
        raise ImportRefused(f"{path}: line 1: expected one OKR set (a mapping with "
                            "`objectives:`)")
    try:
        found = _Set.model_validate(data)
    except ValidationError as err:
        raise _refusal(err, str(path), lines, prefix) from None
    if found.start and found.end and found.end < found.start:
        raise ImportRefused(f"{path}: end ({found.end}) is before start ({found.start})")
    kinds: dict[int, KRKind] = {}
    objectives: list[Objective] = []
    number = 0
    for o in found.objectives:
        krs: list[KeyResult] = []
        for kr in o.key_results:
            number += 1
            if kr.kind == "committed":
                kinds[number] = "committed"
            krs.append(KeyResult(**kr.model_dump(exclude={"kind"})))
        objectives.append(Objective(title=o.title, parent=o.parent, key_results=krs))
    return ImportedSet(draft=OKRDraft(period=found.period, objectives=objectives),
                       start=found.start, end=found.end, owner=found.owner,
                       parent=found.parent, kinds=kinds)
