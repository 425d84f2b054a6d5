"""Raw records from a file → validated `OKRSet`s, with errors that name file, place and field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from knowledge.models import OKRSet

Loc = tuple[int | str, ...]
EXPORT_FIELDS = ("id", "objective", "team", "function", "sector", "period", "parent")


@dataclass
class RawRecord:
    """One record as read from a file; `locate` turns a field path into `line N` / `record N`."""

    data: dict[str, Any]
    locate: Callable[[Loc], str]


class KnowledgeInputError(ValueError):
    """A file could not be imported. Every problem names the file, the place and the field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{self.problems[0]}{more}" if self.problems else "invalid input")


def field_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "record"


def build_sets(
    raws: Sequence[RawRecord], file: str, *, source: str = "import", validate: bool = True
) -> list[OKRSet]:
    """Validate every record (schema, then the OKR validator); raise all problems at once."""
    problems: list[str] = []
    sets: list[OKRSet] = []
    seen: dict[str, tuple[OKRSet, str]] = {}
    for raw in raws:
        if not isinstance(raw.data, dict):
            problems.append(f"{file}: {raw.locate(())}: record: expected a mapping")
            continue
        try:
            okr = OKRSet.model_validate({"source": source, **raw.data})
        except ValidationError as err:
            for e in err.errors():
                loc = tuple(e["loc"])
                problems.append(f"{file}: {raw.locate(loc)}: {field_path(loc)}: {e['msg']}")
            continue
        if validate:
            from knowledge.checks import validator_errors  # the validator only when asked

            for loc, message in validator_errors(okr):
                problems.append(f"{file}: {raw.locate(loc)}: {field_path(loc)}: {message}")
        where = raw.locate(())
        if okr.id in seen and seen[okr.id][0] != okr:
            problems.append(
                f"{file}: {where}: id: duplicate id {okr.id!r} (first at {seen[okr.id][1]})"
            )
            continue
        seen.setdefault(okr.id, (okr, where))
        sets.append(okr)
    if problems:
        raise KnowledgeInputError(problems)
    return sets


def export_dict(okr: OKRSet) -> dict[str, Any]:
    """The portable form of a set: no provenance, no empty fields, stable key order."""
    out: dict[str, Any] = {k: getattr(okr, k) for k in EXPORT_FIELDS if getattr(okr, k)}
    out["key_results"] = [
        {"text": kr.text, **({"score": kr.score} if kr.score is not None else {})}
        for kr in okr.key_results
    ]
    if okr.learnings:
        out["learnings"] = okr.learnings
    return out
