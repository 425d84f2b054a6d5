"""Numbers written as words ("five percent", "from twelve to twenty").

`word_number` reads one at the start of a match; `digits_for_words` rewrites the ones that
stand where a KR's numbers stand (after "from"/"to"/"at"..., or before "percent", a time
unit or a currency), so "Reduce churn from five percent to three percent" is read like
"from 5 percent to 3 percent". Number words elsewhere ("one of the best", "Hire two
engineers") are left alone: they are not a baseline or a target. Finnish from/to case
endings on numbers are written as the English words too ("3,9:stä 4,5:een" -> "from 3,9 to
4,5", `coach.okr.locale_forms.case_endings_as_words`).
"""

from __future__ import annotations

import re

from coach.okr.locale_forms import case_endings_as_words

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen"
_TEENS = "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
WORD_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(f"{_UNITS} {_TEENS}".split())}
WORD_NUMBERS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
WORD_NUMBERS |= {"eighty": 80, "ninety": 90, "hundred": 100, "none": 0, "nothing": 0}
WORD_NUMBERS |= {"nobody": 0, "dozen": 12}
_ALT = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
WORD_NUMBER_RE = re.compile(
    rf"\b(?P<w>{_ALT})(?:[\s-](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b", re.I
)
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_PHRASE = re.compile(
    rf"\b(?P<w>{_ALT})(?:[\s-](?P<u>one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s+(?P<scale>hundred|thousand|million))?\b",
    re.I,
)
WORD_PHRASE_RE = _PHRASE  # "six thousand", "two hundred": a number word with its scale
_BEFORE = re.compile(
    r"(?:\b(?:from|to|at|of|reach|hit|under|below|over|above|than|only|just|about|around|"
    r"roughly|currently|today|now|was|is|baseline)|->|→|:)\s*$",
    re.I,
)
_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s?cent\b|percentage\s+points?\b|points?\b|(?:hours?|minutes?|"
    r"days?|weeks?|months?|seconds?)\b|(?:euros?|dollars?|pounds?)\b|(?:thousand|million)\b)",
    re.I,
)
# "twice a month" is a frequency: 2 times a month
_ONCE_TWICE = re.compile(
    r"\b(once|twice)\s+(?=(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year|sprint)\b)",
    re.I,
)
_NOT_NUMBER = {"none", "nothing", "nobody", "one"}
# "people who come at least twice a month": how often says who is counted, not a value
# ("run at least twice a week" stays a value: only a who-clause makes it part of the measure)
_WHO_IS_COUNTED = re.compile(r"\bwho(?:\s+[a-z']+){1,4}$", re.I)


def counts_who(text: str, start: int) -> bool:
    """Whether the frequency starting at `text[start]` ("twice a month", "2 times a week")
    says who is counted: "people who come at least twice a month"."""
    return bool(_WHO_IS_COUNTED.search(text[max(0, start - 40): start].rstrip()))


def word_number(m: re.Match[str]) -> int:
    """The value of a `WORD_NUMBER_RE` / phrase match ("twenty-five" -> 25)."""
    value = WORD_NUMBERS[m.group("w").lower()]
    if m.group("u") and value >= 20:
        value += WORD_NUMBERS[m.group("u").lower()]
    scale = m.groupdict().get("scale")
    return value * _SCALE[scale.lower()] if scale else value


def digits_for_words(text: str) -> str:
    """`text` with number words in number positions written as digits, and Finnish
    from/to case endings on numbers written as "from" / "to"."""

    def repl(m: re.Match[str]) -> str:
        word = m.group("w").lower()
        before, after = text[: m.start()], text[m.end() :]
        bare = word in _NOT_NUMBER and not m.group("u") and not m.group("scale")
        if bare and (word != "one" or not re.match(r"\s*(?:%|percent|to\b)", after, re.I)):
            return m.group(0)
        if _BEFORE.search(before) or _AFTER.match(after):
            return str(word_number(m))
        return m.group(0)

    text = case_endings_as_words(text)
    text = _ONCE_TWICE.sub(
        lambda m: m.group(0) if counts_who(m.string, m.start(1)) else
        "1 times " if m.group(1).lower() == "once" else "2 times ", text
    )
    return _PHRASE.sub(repl, text)
