"""The deadline(s) a turn states, as the person said them."""

from __future__ import annotations

import re

from coach.okr.dates import iter_dates
from graph import phrases

_NO_DATE = re.compile(r"^(?:the\s+)?(?:(?:end|close)(?:\s+of\s+|[- ])"
                      r"(?:the\s+|this\s+|that\s+)?)?(?:period|cycle)(?:[- ]end)?$")


# "I have a long flight in November": a date of something else, not the deadline
_EVENT_BEFORE = re.compile(r"\b(?:i|we)\s+(?:have|had|'ve\s+got|got)\s+(?:a|an|the|my|our)\b"
                           r"(?![^,.;!?\d]*\b(?:deadline|due|target|goal|review))"
                           r"[^,.;!?\d]{0,40}$", re.I)


def period_of(text: str) -> str | None:
    """The deadline(s) as stated: "End of Q3, so September 30" keeps both."""
    found = [d.phrase for d in iter_dates(text) if not _EVENT_BEFORE.search(text[: d.start])
             or re.match(r"\s*(?:by|until|till|before)\b", text[d.start:], re.I)]
    period = phrases.period_in(text)
    if period:
        found.append(period)
    bare = [re.sub(r"^(?:by|until|before|in|on)\s+", "", f, flags=re.I) for f in found]
    kept: list[str] = []
    for phrase in bare:
        low = phrase.lower()
        if _NO_DATE.match(low):
            continue  # "at the end of the period": the coach's own words, no date
        if any(low in other.lower() and low != other.lower() for other in bare):
            continue
        if low not in (k.lower() for k in kept):
            kept.append(phrase)
    return ", ".join(kept) or None
