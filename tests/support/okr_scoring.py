"""Scoring a finished session's OKR against the facts a person stated (blind sets).

Used by `benchmarks/bench_understanding.py` and by the tests that hold the product to the
issue's promises (no number never said, no stated number in the wrong field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "once": 1, "twice": 2,
          "dozen": 12, "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
          "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10, "nolla": 0}
_NUMBER = re.compile(r"(?<![\w])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)*)\s*"
                     r"(k|m|million|milj|thousand|tuhatta)?", re.I)
FAMILIES = {
    "time": {"ms", "s", "sec", "seconds", "min", "mins", "minute", "minutes", "h", "hour",
             "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"},
    "share": {"%", "pp", "percent", "prosenttia"},
    "money": {"$", "€", "£", "chf", "eur", "euro", "euros", "usd", "dollars"},
    "distance": {"km", "mi", "miles", "m"},
    "mass": {"kg", "lb", "lbs", "g", "t", "tonnes"},
}


def said_values(lines: list[str]) -> set[float]:
    """Every value any reading of the person's words could give (generous on purpose)."""
    values: set[float] = set()
    for line in lines:
        low = line.lower()
        for m in _NUMBER.finditer(low):
            raw, mult = m.group(1), (m.group(2) or "").lower()
            factor = {"k": 1e3, "thousand": 1e3, "tuhatta": 1e3, "m": 1e6, "million": 1e6,
                      "milj": 1e6}.get(mult, 1)
            readings = {raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")}
            readings |= {raw.replace(",", ""), raw.replace(",", ".")}
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # "1.200" as Europeans write 1200
                readings.add(raw.replace(".", ""))
            if raw.count(".") > 1 or raw.count(",") > 1:
                readings |= set(re.split(r"[.,]", raw))
            for r in readings:
                try:
                    v = float(r)
                except ValueError:
                    continue
                values |= {v, v * factor}
        for word, v in _WORDS.items():
            if re.search(rf"\b{word}\b", low):
                values.add(float(v))
    return values


def family(unit: str | None) -> str | None:
    if not unit:
        return None
    u = unit.lower().strip()
    if "/" in u:
        return "rate:" + u.split("/")[-1].strip()
    return next((name for name, units in FAMILIES.items() if u in units), None)


def units_agree(expected: str | None, got: str | None) -> bool:
    if got and "/" in got and expected and "/" not in expected and got.split("/")[0]:
        got = got.split("/")[0]  # "km/week" for a stated "25 km a week"
    e, g = family(expected), family(got)
    if e is None:
        return g is None or g.startswith("rate") or g not in FAMILIES or expected is None
    return e == g or (e.startswith("rate") and g is not None and g.startswith("rate")
                      and e == g)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


@dataclass
class KRScore:
    matched: bool
    exact: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class ConversationScore:
    id: str
    exact: bool
    krs_expected: int
    krs_exact: int
    krs_dropped: int
    extra_krs: int
    invented: list[float]
    misplaced: list[str]
    turns_to_done: int | None
    problems: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # a said number in a field it does not fill


def _haystack(kr: dict[str, Any]) -> str:
    return f"{kr.get('metric') or ''} {kr.get('text') or ''}".lower()


def _matches(expected: dict[str, Any], kr: dict[str, Any]) -> bool:
    hay = _haystack(kr)
    return all(w.lower() in hay for w in expected.get("metric_words") or [])


def score_kr(expected: dict[str, Any], kr: dict[str, Any], period: str | None) -> KRScore:
    problems: list[str] = []
    for key in ("baseline", "target"):
        if not _same(expected.get(key), kr.get(key)):
            problems.append(f"{key} {kr.get(key)!r} (expected {expected.get(key)!r})")
    if bool(expected.get("baseline_unknown")) and not kr.get("baseline_unknown"):
        problems.append("baseline not marked unknown")
    if not units_agree(expected.get("unit"), kr.get("unit")):
        problems.append(f"unit {kr.get('unit')!r} (expected {expected.get('unit')!r})")
    due = f"{kr.get('due') or ''} {period or ''}".lower()
    missing = [w for w in expected.get("due_words") or [] if w.lower() not in due]
    if missing:
        problems.append(f"due {kr.get('due') or period!r} lacks {missing}")
    return KRScore(True, not problems, problems)


def score_conversation(case: dict[str, Any], okr: dict[str, Any], findings: list[Any],
                       turns_to_done: int | None) -> ConversationScore:
    expected_objectives = case["expected"]["objectives"]
    got_objectives = okr.get("objectives", [])
    period = okr.get("period")
    problems: list[str] = []
    said = said_values(case["lines"])
    invented: list[float] = []
    misplaced: list[str] = []
    wrong: list[str] = []
    exp_values = {float(kr[k]) for o in expected_objectives for kr in o["key_results"]
                  for k in ("baseline", "target") if kr.get(k) is not None}
    all_got = [kr for o in got_objectives for kr in o.get("key_results", [])]
    for kr in all_got:
        for key in ("baseline", "target"):
            v = kr.get(key)
            if v is not None and float(v) not in said:
                invented.append(float(v))
    n_expected = sum(len(o["key_results"]) for o in expected_objectives)
    exact_krs = dropped = 0
    free = list(all_got)
    for exp_obj in expected_objectives:
        for exp in exp_obj["key_results"]:
            hit = next((kr for kr in free if _matches(exp, kr)), None)
            if hit is None:
                dropped += 1
                problems.append(f"KR dropped: {exp.get('about')}")
                continue
            free.remove(hit)
            s = score_kr(exp, hit, period)
            exact_krs += s.exact
            problems += [f"{exp.get('about')}: {p}" for p in s.problems]
            for key in ("baseline", "target"):
                v = hit.get(key)
                if v is None or _same(v, exp.get(key)):
                    continue
                if float(v) in exp_values:
                    misplaced.append(f"{exp.get('about')}: {key} {v}")
                else:  # said somewhere, but not as this field's value
                    wrong.append(f"{exp.get('about')}: {key} {v}")
    for kr in free:
        problems.append(f"extra KR: {kr.get('text')}")
    titles_ok = True
    for i, exp_obj in enumerate(expected_objectives):
        title = (got_objectives[i].get("title") if i < len(got_objectives) else "") or ""
        words = [w.lower() for w in exp_obj.get("objective_words") or []]
        if not all(w in title.lower() for w in words):
            titles_ok = False
            problems.append(f"objective {title!r} lacks {words}")
    exact = (titles_ok and exact_krs == n_expected and not free and not invented
             and len(got_objectives) == len(expected_objectives))
    return ConversationScore(case["id"], exact, n_expected, exact_krs, dropped, len(free),
                             invented, misplaced, turns_to_done, problems, wrong)
