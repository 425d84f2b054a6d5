"""Deadlines in KR sentences: "by end of Q2", "by 2027-03-31", "within 3 months".

`find_due` returns the deadline phrase as stated (without the leading "by" / "until" and
without a leading "the"; relative phrases keep their "within"/"in": "within 3 months") and
the span to blank out before numbers are read, so dates never become baselines or targets.
European and Finnish forms ("30.9.", "Q3/2026", "kesäkuun loppuun mennessä" -> "kesäkuun
loppuun") are described in `coach.okr.locale_forms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.okr.locale_forms import AFTER_RE, day_months, finnish_dues

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = (
    rf"(?:(?:Q[1-4]|H[12])(?:\s*(?:FY\s?)?(?:{_YEAR}|'\d{{2}})|\s*[/-]\s*{_YEAR}|/\d{{2}})?|"
    rf"FY\s?'?\d{{2,4}}|{_YEAR}[-/\s]?(?:Q[1-4]|H[12]))\b"
)
_NAMED = (
    r"(?:period|quarter|year|month|sprint|semester|term|season|cycle|week|half|FY|"
    r"(?:fiscal|financial|school|academic|calendar)\s+year)"
)
# "the end of split 2", "end of sprint 14": a numbered stretch of the calendar
_NAMED_N = (r"(?:sprint|semester|term|season|cycle|week|split|round|phase|stage|block|wave|"
            r"release|milestone|iteration|module|heat)\s+\d{1,2}")
_WHEN = r"(?:this|next|current|first|second|third|fourth|last|coming)"
_SOON = r"(?:this|next|current|coming)"
# "by month-end" is a date, "month-end close" a metric
_NOT_NOUN = r"(?!\s+(?!(?:and|or|with|for|to|at|in|on|by|so|while|from|this|next|the|of)\b)[a-z])"
_DATE_ALWAYS = (
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})\b|"
    rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d)|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?|"
    rf"{_MONTH}\s+{_YEAR}\b|"
    rf"(?:the\s+)?(?:end|close)(?:\s+of\s+|[- ])(?:the\s+)?(?:{_WHEN}\s+)?"
    rf"(?:(?:spring|summer|autumn|fall|winter)\s+(?={_NAMED}))?"
    rf"(?:{_NAMED_N}|{_NAMED}|{_PERIOD}|{_MONTH}(?:\s+{_YEAR})?|{_YEAR})\b(?!-)|"
    rf"(?:EO[QYMP](?:\s+{_YEAR})?|(?<!close\s)(?<!closing\s)"  # "close month-end": object
    rf"(?:year|quarter|month|period)[- ]end{_NOT_NOUN})\b|{_PERIOD}|"
    rf"(?:the\s+)?{_SOON}\s+{_NAMED}\b"
)
_PREP = r"(?:by|until|till|til|before|no\s+later\s+than|due(?:\s+(?:by|on))?|in|at|on|during)"
_WORD_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

ALWAYS_RE = re.compile(rf"(?:\b{_PREP}\s+)?\b(?P<due>{_DATE_ALWAYS})", re.IGNORECASE)
_EVENT = (
    r"(?:black\s+friday|cyber\s+monday|christmas|xmas|easter|thanksgiving|new\s+year'?s?|"
    r"(?:the\s+)?(?:summer|winter|spring|autumn|fall|holidays)|mid-?(?:year|(?:19|20)\d{2}))"
)
WITH_PREP_RE = re.compile(
    rf"\b{_PREP}\s+(?P<due>{_MONTH}(?:\s+{_YEAR})?|{_YEAR}|"
    rf"(?:week|wk|sprint|day|month)\s+\d{{1,3}}|{_EVENT}(?:\s+{_YEAR})?)(?![\w%$€£/]|[.,]\d)",
    re.IGNORECASE,
)
RELATIVE_RE = re.compile(
    rf"\b(?P<due>(?:within|in|over)\s+(?:the\s+next\s+)?{_WORD_NUM}\s+"
    rf"(?P<unit>weeks?|months?|quarters?|years?|sprints?|days?))\b",
    re.IGNORECASE,
)
_ENDS_WITH_NUMBER = re.compile(r"\d\S*\s*$")
_ONE_UNIT = re.compile(r"(?:within|in|over)\s+(?:a|an|one)\s+\w+$", re.I)
_COUNT_BEFORE = re.compile(r"\d[\d.,]*\s*(?:[\w%-]+\s+){0,3}$")
_ENDS_WITH_PARTICIPLE = re.compile(
    r"\b(?:\w{3,}ed|seen|done|paid|met|sent|made|held|given|taken|won|shown|kept|run)\s*$", re.I
)


@dataclass(frozen=True)
class Due:
    phrase: str
    start: int
    end: int


def _clean(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" .,;:)")
    return re.sub(r"^the\s+", "", phrase, flags=re.IGNORECASE)


def iter_dates(text: str) -> list[Due]:
    """Every date-like phrase in `text`, earliest first, overlaps removed (longest wins)."""
    found: list[Due] = []
    matches = [*ALWAYS_RE.finditer(text), *WITH_PREP_RE.finditer(text), *finnish_dues(text)]
    for m in matches:
        found.append(Due(_clean(m.group("due")), m.start(), m.end()))
    found += [Due(*found_dm) for found_dm in day_months(text)]  # "30.9.", "by 1.6."
    for m in RELATIVE_RE.finditer(text):
        # "within 30 days" right after a noun is part of the metric
        # ("invoices paid within 30 days"); after a number it is a deadline.
        before = text[: m.start()]
        if m.group("unit").lower().startswith("day") and not _ENDS_WITH_NUMBER.search(before):
            continue
        if _ENDS_WITH_PARTICIPLE.search(before):  # "patients seen within 18 weeks"
            continue
        if m.group("due").lower().startswith("over") and "next" not in m.group("due").lower():
            continue
        if _ONE_UNIT.match(m.group("due")) and _COUNT_BEFORE.search(before):
            continue  # "1,200 covers in a week": a rate, not a deadline
        found.append(Due(_clean(m.group("due")), m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Due] = []
    for d in found:
        if not kept or d.start >= kept[-1].end:
            after = AFTER_RE.match(text, d.end)  # "kesäkuun loppuun mennessä": 'by' after
            kept.append(Due(d.phrase, d.start, after.end()) if after else d)
    return kept


def find_due(text: str) -> Due | None:
    dates = iter_dates(text)
    return dates[0] if dates else None


def parse_due(text: str) -> str | None:
    """The deadline as stated ("end of Q2", "2027-03-31", "within 3 months"), else None."""
    due = find_due(text)
    return due.phrase if due else None


_RELATIVE_TO_TODAY = re.compile(
    rf"(?:by\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?{_SOON}\s+{_NAMED}",
    re.IGNORECASE)


def relative_to_today(due: str) -> bool:
    """Whether a deadline phrase means a date only from the day it was said ("this quarter",
    "the end of next year"): read later, it points elsewhere."""
    return bool(_RELATIVE_TO_TODAY.fullmatch(due.strip()))


def mask_dates(text: str) -> str:
    """`text` with every date phrase blanked (same length), so its digits are not read."""
    out = text
    for d in iter_dates(text):
        out = out[: d.start] + " " * (d.end - d.start) + out[d.end :]
    return out
