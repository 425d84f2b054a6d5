"""Personal-life KR shapes the generic from/to reading gets wrong.

- timed: "Run 5 km in under 30 minutes", "Close month-end in 5 days": the measure is the
  time for the thing; the time is the target, a distance before it is part of the metric.
- days: "Meditate 10 minutes a day on 25 days a month", "Go to bed by 23:00 on 5 nights a
  week": the number of days (nights) per week/month is the target, unit "/week".
- amount change: "Lose 5 kg", "Save 5,000 euros" with no "to" and no rate is a step, not a
  level (like "by 20%"): no target. "Save 300 euros per month" states a level.
- default metric: "Lose 5 kg" measures weight, "Save 300 euros per month" savings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.okr.metric import metric_before
from coach.okr.numbers import NumberToken

_DISTANCE = frozenset({"km", "mi"})
_BEFORE_LIMIT = re.compile(
    r"\s+(?:with)?in(?:side)?(?:\s+(?:under|less\s+than|fewer\s+than))?\s*$", re.IGNORECASE
)
_RACE = re.compile(r"\b(?:marathon|race|triathlon|laps?|miles?|km|10k|5k)\b", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\s+on\s+(?:at\s+least\s+)?$", re.IGNORECASE)
_DAY_NOUNS = frozenset({"days", "nights", "evenings", "mornings", "weekdays", "weekends"})
_STEP_VERBS = frozenset({"lose", "gain", "save", "cut", "shed", "drop", "trim"})
_STEP_GAP = re.compile(r"^\s*(?:another|an\s+extra|extra|at\s+least)?\s*$", re.IGNORECASE)
_CURRENCIES = ("$", "€", "£", "CHF")
_MASS = frozenset({"kg", "lb", "lbs", "pounds"})


@dataclass(frozen=True)
class Shape:
    target: NumberToken | None
    metric: str | None
    unit: str | None
    relative: bool = False
    replace_metric: bool = True  # False: only fills a metric the generic reading missed
    race: bool = False  # a time over a distance or race: a performance, not a task


def _timed(
    work: str,
    values: list[NumberToken],
    limits: list[NumberToken],
    lemma: str | None,
    verb_end: int,
) -> Shape | None:
    if not limits or not lemma:
        return None
    limit = limits[0]
    before = [v for v in values if v.start < limit.start]
    if any(v.start > limit.start for v in values) or len(before) > 1:
        return None
    if before and before[0].unit not in _DISTANCE:
        return None
    gap = _BEFORE_LIMIT.search(work[: limit.start])
    if gap is None or gap.start() <= verb_end:
        return None
    thing = metric_before(work[verb_end : gap.start()])
    if not thing:
        return None
    metric = f"{thing} time" if thing[:1].isdigit() else f"time to {lemma} {thing}"
    race = bool(before) or bool(_RACE.search(thing))
    return Shape(limit, metric, limit.unit, race=race)


def _days(work: str, values: list[NumberToken]) -> Shape | None:
    for t in values:
        head = _ON_BEFORE.search(work[: t.start])
        unit = t.unit or ""
        if head is None or "/" not in unit:
            continue
        noun = (t.noun or "").split()[-1:] or [unit.split("/")[0]]
        if noun[0].lower() not in _DAY_NOUNS:
            continue
        clause = work[: head.start()].strip()
        if not re.search(r"[A-Za-z]", clause):
            return None
        clause = clause[:1].lower() + clause[1:] if clause[1:2].islower() else clause
        return Shape(t, f"{noun[0].lower()}: {clause}", unit[unit.index("/") :])
    return None


def _default_metric(lemma: str | None, unit: str | None) -> str | None:
    if lemma == "save" and unit and unit.startswith(_CURRENCIES):
        return "savings"
    if lemma in ("lose", "gain", "shed", "drop") and unit in _MASS:
        return "weight"
    return None


def read_shape(
    work: str,
    values: list[NumberToken],
    limits: list[NumberToken],
    slots: tuple[NumberToken | None, NumberToken | None],
    lemma: str | None,
    verb_end: int,
    to_marked: bool,
) -> Shape | None:
    """A personal-life shape of the KR in `work`, when one applies (else None)."""
    baseline, target = slots
    if baseline is not None:
        return None
    if shape := _days(work, values) or _timed(work, values, limits, lemma, verb_end):
        return shape
    if target is None:
        return None
    default = _default_metric(lemma, target.unit)
    step = (
        lemma in _STEP_VERBS
        and not to_marked
        and "/" not in (target.unit or "")
        and _STEP_GAP.match(work[verb_end : target.start]) is not None
    )
    if step:
        return Shape(None, default, None, relative=True, replace_metric=False)
    return Shape(target, default, target.unit, replace_metric=False) if default else None
