"""How an `OKRSet` is kept in Chroma: its metadata, reading it back, filters, batches."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from knowledge.models import OKRSet, facet_key

T = TypeVar("T")
Metadata = dict[str, str | int | float | bool]


def metadata_of(okr: OKRSet) -> Metadata:
    meta: Metadata = {
        "record": okr.model_dump_json(),
        "function_key": facet_key(okr.function),
        "team_key": facet_key(okr.team),
        "sector_key": facet_key(okr.sector),
        "source": okr.source,
        "scored": okr.scored,
        "kr_count": len(okr.key_results),
    }
    if okr.period:
        meta["period"] = okr.period
    if okr.mean_score is not None:
        meta["mean_score"] = okr.mean_score
    return meta


def record_of(meta: Any) -> OKRSet:
    """The stored set; its validators run again, so text stored before control sequences were
    stripped on import comes back clean."""
    return OKRSet.model_validate_json(str(meta["record"]))


def same_content(a: OKRSet, b: OKRSet) -> bool:
    return a.model_dump(exclude={"source"}) == b.model_dump(exclude={"source"})


def where_filter(function: str | None, team: str | None) -> dict[str, Any] | None:
    conds: list[dict[str, Any]] = []
    if function:
        conds.append({"function_key": facet_key(function)})
    if team:
        conds.append({"team_key": facet_key(team)})
    if not conds:
        return None
    return conds[0] if len(conds) == 1 else {"$and": conds}


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    step = max(1, size)
    for start in range(0, len(items), step):
        yield items[start : start + step]
