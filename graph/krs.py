"""Key Results in the state: built from a `KRStatement`, merged, changed, read back."""

from __future__ import annotations

import re
from typing import Any

from coach.formatting import number_with_unit
from coach.okr.vocab import words
from graph.draft import MAX_KRS, compose_text
from graph.reading.models import KRStatement, Quantity

_RATE_IN_METRIC = re.compile(r"\b(?:per|a|each|every)\s+(day|week|month|quarter|year)\b", re.I)
_WHO = re.compile(r"\bwho\b", re.I)


def _value(q: Quantity | None) -> float | int | None:
    return q.value if q is not None else None


def kr_of(statement: KRStatement) -> dict[str, Any]:
    """A state KR from what the person said (the text is rebuilt from its parts)."""
    unit = statement.unit or (statement.target.unit if statement.target else None) or (
        statement.baseline.unit if statement.baseline else None)
    rate = _RATE_IN_METRIC.search(statement.metric or "")
    if unit is None and rate and not _WHO.search(rate.string[:rate.start()]):
        unit = "/" + rate.group(1).lower()  # "visits a month"; not "people who come twice a month"
    kr: dict[str, Any] = {
        "metric": statement.metric, "baseline": _value(statement.baseline),
        "target": _value(statement.target), "unit": unit, "due": statement.due,
        "baseline_unknown": statement.baseline_unknown and statement.baseline is None,
        "direction": statement.direction, "said": statement.text,
    }
    return with_text(kr)


def with_text(kr: dict[str, Any]) -> dict[str, Any]:
    """The KR's sentence: the person's own when it states exactly these parts (kept only while
    nothing was filled in or changed since), else composed from the parts."""
    said = str(kr.get("said") or "")
    words = said.split()
    own = said if words and words[0].lower() in _VERBS and kr.get("target") is not None else ""
    return {**kr, "text": own or compose(kr)}


_VERBS = words(
    "increase raise grow reduce cut lower decrease bring get reach run lift boost improve "
    "shorten halve double answer resolve sell save lose read publish win retain hit "
    "achieve move drop "
)


def compose(kr: dict[str, Any]) -> str:
    direction = kr.get("direction")
    if direction and kr.get("target") is not None and kr.get("baseline") is None:
        verb = "Raise" if direction == "up" else "Reduce"
        metric = kr.get("metric") or "the metric"
        text = f"{verb} {metric} to {number_with_unit(kr['target'], kr.get('unit'))}"
        return text + (f" by {kr['due']}" if kr.get("due") else "")
    return compose_text(kr)


def readback(kr: dict[str, Any]) -> str:
    """"answered calls, 67% → 95% by end of June" (open parts say so)."""
    metric = kr.get("metric") or "this Key Result"
    unit = kr.get("unit")
    if kr.get("baseline") is not None:
        start = number_with_unit(kr["baseline"], unit)
    else:
        start = "today unknown" if kr.get("baseline_unknown") else "today's value to come"
    end = number_with_unit(kr["target"], unit) if kr.get("target") is not None else \
        "target to come"
    text = f"{metric}, {start} → {end}"
    return text + (f" by {kr['due']}" if kr.get("due") else "")


_STOP = words(
    "the a an of for in on at to per from our my their with and or share number rate "
    "percentage % "
)


def _stems(metric: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-zäöå0-9]+", metric.lower()) if w not in _STOP
            and len(w) > 2}


def same_metric(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same measure, said again ("first-contact resolution" / "… resolution rate")."""
    ma, mb = (a.get("metric") or "").strip().lower(), (b.get("metric") or "").strip().lower()
    if not ma or not mb:
        return False
    if ma == mb:
        return True
    sa, sb = _stems(ma), _stems(mb)
    return bool(sa) and bool(sb) and (sa <= sb or sb <= sa) and len(sa & sb) >= 2


def merge(krs: list[dict[str, Any]], new: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Add `new`, or refine the KR about the same metric; returns the KRs and its index."""
    merged = [dict(kr) for kr in krs]
    for index, old in enumerate(merged):
        if same_metric(old, new):
            for field in ("baseline", "target", "unit", "due", "direction"):
                if new.get(field) is None and old.get(field) is not None:
                    new[field] = old[field]
                    new["said"] = "" if field in ("baseline", "target", "due") else new["said"]
            new["baseline_unknown"] = bool(new.get("baseline_unknown") or (
                old.get("baseline_unknown") and new.get("baseline") is None))
            merged[index] = with_text(new)
            return merged, index
    if len(merged) >= MAX_KRS:
        return merged, -1
    merged.append(new)
    return merged, len(merged) - 1


def set_field(kr: dict[str, Any], field: str, value: Any,
              unit: str | None = None) -> dict[str, Any]:
    changed = {**kr, field: value}
    other = "baseline" if field == "target" else "target"
    if field in ("baseline", "target") and unit and (not kr.get("unit")
                                                     or kr.get(other) is None):
        changed["unit"] = unit
    if field == "baseline":
        changed["baseline_unknown"] = False
    changed["said"] = ""
    return with_text(changed)
