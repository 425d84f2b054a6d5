"""A period label's start and end dates, when the label says them; never a guess.

Read: quarters and halves with a year ("Q3 2026", "2026 Q3", "Q3/2026", "H1 2027"), a year
("2026"), a month ("September 2026"), month ranges ("Jan–Mar 2027", "Nov 2026 – Feb
2027"), ISO date ranges ("2026-07-01 – 2026-09-30"). A deadline ("by end of September
2026", "end of Q2 2026", "by 2026-09-30") gives only the end date: the start is not said.
Without a year ("Q3", "end of September", "end of Q2") or with a meaning that varies
(fiscal years, "this quarter", "Nov–Feb 2027": which year starts it?) nothing is read, and
the caller asks for the dates (`coach okr adopt --start/--end`). Deadline phrases are found
as the KR parser finds them (`coach.okr.dates.iter_dates`), so both read the same words.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from coach.okr.dates import iter_dates


@dataclass(frozen=True)
class PeriodDates:
    start: date | None = None
    end: date | None = None

    @property
    def complete(self) -> bool:
        return self.start is not None and self.end is not None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<{0}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{0}>(?:19|20)\d{{2}})"
_TO = r"\s*(?:-|–|—|to|through|until|till|\.\.)\s*"
_ISO = r"(?P<{0}>\d{{4}}-\d{{2}}-\d{{2}})"

_QUARTER = re.compile(
    rf"(?:q(?P<q>[1-4])\s*[/-]?\s*{_YEAR.format('y')}|{_YEAR.format('y2')}\s*[/-]?\s*"
    r"q(?P<q2>[1-4]))")
_HALF = re.compile(
    rf"(?:h(?P<h>[12])\s*[/-]?\s*{_YEAR.format('y')}|{_YEAR.format('y2')}\s*[/-]?\s*"
    r"h(?P<h2>[12]))")
_YEAR_ONLY = re.compile(_YEAR.format("y"))
_ONE_MONTH = re.compile(rf"{_MONTH.format('m')}\s+{_YEAR.format('y')}")
_MONTHS_IN_YEAR = re.compile(
    rf"{_MONTH.format('m1')}{_TO}{_MONTH.format('m2')},?\s+{_YEAR.format('y')}")
_MONTH_RANGE = re.compile(
    rf"{_MONTH.format('m1')}\s+{_YEAR.format('y1')}{_TO}{_MONTH.format('m2')}\s+"
    rf"{_YEAR.format('y2')}")
_ISO_RANGE = re.compile(rf"{_ISO.format('a')}{_TO}{_ISO.format('b')}")
_DEADLINE = re.compile(r"(?:by|until|till|before|due|no later than)\s+(?P<rest>.+)")
_END_OF = re.compile(r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<rest>.+)")
_EURO_DATE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(text: str) -> PeriodDates:
    """The whole stretch of time `text` names, or an empty `PeriodDates`."""
    if m := _QUARTER.fullmatch(text):
        q, y = int(m["q"] or m["q2"]), int(m["y"] or m["y2"])
        return PeriodDates(date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := _HALF.fullmatch(text):
        h, y = int(m["h"] or m["h2"]), int(m["y"] or m["y2"])
        return PeriodDates(date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
    if m := _YEAR_ONLY.fullmatch(text):
        return PeriodDates(date(int(m["y"]), 1, 1), date(int(m["y"]), 12, 31))
    if m := _ONE_MONTH.fullmatch(text):
        y, mo = int(m["y"]), _MONTHS[m["m"]]
        return PeriodDates(date(y, mo, 1), _month_end(y, mo))
    if m := _MONTHS_IN_YEAR.fullmatch(text):
        y, first, last = int(m["y"]), _MONTHS[m["m1"]], _MONTHS[m["m2"]]
        if first <= last:  # "Nov–Feb 2027" could start in 2026 or 2027: not read
            return PeriodDates(date(y, first, 1), _month_end(y, last))
    if m := _MONTH_RANGE.fullmatch(text):
        return _ordered(date(int(m["y1"]), _MONTHS[m["m1"]], 1),
                        _month_end(int(m["y2"]), _MONTHS[m["m2"]]))
    if m := _ISO_RANGE.fullmatch(text):
        return _ordered(_iso(m["a"]), _iso(m["b"]))
    return PeriodDates()


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _ordered(start: date | None, end: date | None) -> PeriodDates:
    if start is None or end is None or end < start:
        return PeriodDates()
    return PeriodDates(start, end)


def _end_date(text: str) -> date | None:
    """The last day of what `text` names as a deadline ("September 2026", "Q2 2026",
    "2026-09-30", "30.9.2026"), or None."""
    if (single := _iso(text)) is not None:
        return single
    if m := _EURO_DATE.fullmatch(text):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    return _span(text).end


def _normal(label: str) -> str:
    text = re.sub(r"\s+", " ", label.strip().lower()).strip(" .,;:")
    return re.sub(r"['’]", "", text)


def read_period(label: str | None) -> PeriodDates:
    """The dates `label` states: both, only the end (a deadline), or neither."""
    if not label:
        return PeriodDates()
    text = _normal(label)
    whole = _span(text)
    if whole.complete:
        return whole
    deadline = _DEADLINE.fullmatch(text)
    rest = deadline["rest"] if deadline else text
    end_of = _END_OF.fullmatch(rest)
    if deadline is None and end_of is None:
        return PeriodDates()
    phrases = iter_dates(rest)
    if len(phrases) > 1:  # several dates: which one ends it?
        return PeriodDates()
    found = _normal(phrases[0].phrase) if phrases else rest
    inner = _END_OF.fullmatch(found)
    return PeriodDates(None, _end_date(inner["rest"] if inner else found))
