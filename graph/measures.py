"""Kinds of measure and how precise a period is: the checks that keep a number or a date out
of the draft when it does not fit ("38 minutes" for a KR in km; "Q3" after "30 September")."""

from __future__ import annotations

import re

_FAMILIES = {
    "time": {"ms", "s", "sec", "min", "h", "hours", "days", "weeks", "months", "years"},
    "share": {"%", "pp", "percent"},
    "money": {"$", "€", "£", "chf"},
    "distance": {"km", "mi", "m", "miles"},
    "mass": {"kg", "lb", "g", "t", "tonnes"},
}


def _family(unit: str) -> str | None:
    head = unit.lower().strip().split("/")[0].strip() or "count"
    return next((name for name, units in _FAMILIES.items() if head in units), None)


def units_clash(answer: str | None, kr: str | None) -> bool:
    """"38 minutes" for a KR counted in km: not the same kind of measure."""
    if not answer or not kr:
        return False
    a, b = _family(answer), _family(kr)
    return a is not None and b is not None and a != b


_DAY = re.compile(r"\d{1,2}[./]\d{1,2}|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|"
                  r"jul|aug|"
                  r"sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                  r"dec)\w*\s+\d{1,2}\b",
                  re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tammi|helmi|maalis|"
                    r"huhti|"
                    r"touko|kesä|heinä|elo|syys|loka|marras|joulu)", re.I)
_QUARTER = re.compile(r"\bQ[1-4]\b|\bH[12]\b|\b20\d\d\b|\bFY", re.I)


def precision(period: str) -> int:
    if _DAY.search(period):
        return 3
    if _MONTH.search(period):
        return 2
    return 1 if _QUARTER.search(period) else 0


def replaces_period(old: str | None, new: str) -> bool:
    """A period is set once; a later, more precise one ("end of September" after "Q3",
    "end of June" after "the next three months") replaces it."""
    return not old or precision(new) > precision(old)
