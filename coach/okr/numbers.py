"""Numbers with their units, as people write them in KRs and answers.

Unit scheme (one string, or None for a bare number such as a score):
- percent: ``"%"``; percentage points: ``"pp"``; points/pts: ``"points"``;
- currency: ``"$"``, ``"€"``, ``"£"``, ``"CHF"`` (symbols and words: "USD", "euros");
- time: ``"ms"``, ``"s"``, ``"min"``, ``"h"``, ``"days"``, ``"weeks"``, ``"months"``, ``"years"``;
- a rate is a suffix: ``"/month"`` ("12/month", "12 a month", "12 escalations per month"),
  combined with currency or time: ``"$/month"``, ``"h/week"``;
- otherwise the counted noun right after the number: "120 active users" -> ``"users"``.
Amounts: "1,200" -> 1200, "500K"/"500k" -> 500000, "1.2M"/"1.2 million" -> 1200000,
"2bn" -> 2000000000. Values are ints when integral, else floats. European forms ("4 000",
"3,9", "1,5 milj.", "55 prosenttia", "12 euroa") are described in `coach.okr.locale_forms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from coach.okr.dates import mask_dates
from coach.okr.locale_forms import (
    EURO_WORDS,
    MULT_WORDS,
    NUM_PATTERN,
    PERCENT_WORDS,
    POINT_WORDS,
    decimal_of,
    multiplier_of,
)
from coach.okr.vocab import words
from coach.okr.wordnums import WORD_NUMBER_RE, counts_who, word_number

Number = int | float
# "qualifier": part of the metric ("top 3", "ISO 27001"); "within": a time limit that is part
# of the metric ("resolved within 24 hours") unless nothing else can be the target.
# "code": a name, not an amount ("ISO 27001", "4G", "B2B", "v2"): never counts as a number.
Role = Literal["value", "relative", "qualifier", "within", "code"]

_TOKEN_RE = re.compile(
    r"(?<![\w.,/\-])(?<!\d:)(?P<sign>\+|[-−](?=[$€£]?\d))?(?P<cur>[$€£]|(?:USD|EUR|GBP|CHF)\s?)?"
    rf"(?P<num>{NUM_PATTERN})"
    rf"(?:(?P<mult>[kKmMB]|mn|bn|mio)(?![A-Za-z])|\s(?P<multw>{MULT_WORDS}))?"
    r"(?P<plus>\+)?(?![\d]|\.\d|,\d{3}|:\d|-[A-Za-z]|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)
_MULT = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mio": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_CURRENCY = {"$": "$", "usd": "$", "dollar": "$", "€": "€", "eur": "€", "euro": "€"}
_CURRENCY |= {"£": "£", "gbp": "£", "pound": "£", "chf": "CHF"}
_SUFFIX_CUR = re.compile(
    rf"\s?(€|\$|£|{EURO_WORDS}|(?:eur|euros?|usd|dollars?|gbp|pounds?|chf)\b)", re.I
)
_SUFFIX_PCT = re.compile(rf"\s?(?:{PERCENT_WORDS}|percent\b|per\s?cent\b|pct\b)", re.I)
_SUFFIX_PP = re.compile(
    rf"\s?(?:(?P<pp>pp\b|p\.p\.|percentage\s+points?\b|{POINT_WORDS})|points?\b|pts?\b)", re.I
)
_SUFFIX_TIME = re.compile(
    r"\s?(?P<t>ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|"
    r"wks?|weeks?|months?|mos?|years?|yrs?|minuuttia|tuntia|päivää|viikkoa|kuukautta|vuotta|"
    r"minuut(?:ista|tiin|iksi)|tunni(?:sta|ksi)|tuntiin|päiväs(?:tä)|päivään|viikos(?:ta)|"
    r"viikkoon)"
    r"(?!\w)",
    re.I,
)
_TIME = {"ms": "ms", "millisecond": "ms", "s": "s", "sec": "s", "second": "s"}
_TIME |= {"min": "min", "minute": "min", "h": "h", "hr": "h", "hour": "h", "d": "days"}
_TIME |= {"day": "days", "wk": "weeks", "week": "weeks", "month": "months", "mo": "months"}
_TIME |= {"year": "years", "yr": "years", "minuuttia": "min", "tuntia": "h", "päivää": "days"}
_TIME |= {"viikkoa": "weeks", "kuukautta": "months", "vuotta": "years"}
_TIME |= {"minuutista": "min", "minuuttiin": "min", "minuutiksi": "min", "tunnista": "h"}
_TIME |= {"tunniksi": "h", "tuntiin": "h", "päivästä": "days", "päivään": "days"}
_TIME |= {"viikosta": "weeks", "viikkoon": "weeks"}
_SUFFIX_MEASURE = re.compile(
    r"\s?(?P<m>kwh|mwh|gwh|kg|kgs|tonnes?|tons?|t|km|kb|mb|gb|tb|litres?|liters?|"
    r"kiloa|kilosta|kiloon|kiloksi|litraa|litrasta|litraan)\b", re.I
)
_MEASURE = {"kgs": "kg", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "kwh": "kWh"}
_MEASURE |= {"mwh": "MWh", "gwh": "GWh", "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB"}
_MEASURE |= {"litre": "l", "litres": "l", "liter": "l", "liters": "l"}
_MEASURE |= {"kiloa": "kg", "kilosta": "kg", "kiloon": "kg", "kiloksi": "kg"}
_MEASURE |= {"litraa": "l", "litrasta": "l", "litraan": "l"}
# Letters glued to a number that still make it a number ("800ms", "2.5x", "12GB"); any
# other glued word makes it part of a name ("4G coverage", "2FA", "B2B") - not a value.
_GLUED = re.compile(r"[A-Za-z]+")
_GLUED_OK = words(
    "ms s sec secs h hr hrs min mins d days wk wks mo x pp pt pts k m mn bn mio kwh mwh gwh "
    "kg kgs t km kb mb gb tb eur usd gbp chf percent pct second seconds minute minutes "
    "hour hours day week weeks month months year years yrs"
)
# "1 in 5", "9 out of 10": a share, read as a percentage (20, 90); "3.9 out of 5" is a score.
_RATIO = re.compile(
    r"(?<![\w.,])(?P<a>\d+(?:\.\d+)?)\s+(?:in|out\s+of)\s+(?P<b>\d+)(?![\w.,%/])"
    r"(?!\s*(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|"
    r"years?|quarters?|sprints?)\b)",
    re.I,
)
_SUFFIX_RATE = re.compile(
    r"\s*(?:/\s?|per\s+|an?\s+|each\s+|every\s+)(?P<r>month|week|day|year|quarter|hour|minute|"
    r"night|shift|sprint|mo|wk|yr|hr|employee|person|agent|user|customer|patient|student|fte)s?\b|"
    r"\s+(?P<adv>monthly|weekly|daily|annually|yearly|per\s+annum|p\.a\.|viikossa|"
    r"kuukaudessa|kuussa|päivässä|vuodessa)(?!\w)|"
    r"\s*per\s+(?!(?:the|a|an|our|their|cent|annum|capita)\b)(?P<n>[a-z]{3,})\b",
    re.I,
)
_FI_RATE_WORDS = frozenset({"viikossa", "kuukaudessa", "kuussa", "päivässä", "vuodessa"})
_TIMES_PER = re.compile(r"\s+times(?=\s+(?:a|an|per|each|every)\s)", re.I)
_RATE = {"mo": "month", "wk": "week", "yr": "year", "hr": "hour", "minute": "min"}
_RATE |= {"monthly": "month", "weekly": "week", "daily": "day", "annually": "year"}
_RATE |= {"yearly": "year", "per annum": "year", "p.a.": "year", "viikossa": "week"}
_RATE |= {"kuukaudessa": "month", "kuussa": "month", "päivässä": "day", "vuodessa": "year"}
_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")
NOUN_STOP = words(
    "a an the and or but by from to in within until before of at on for per with vs versus "
    "than this next last each every is are was were be will by so that which who it its "
    "our their times more less fewer higher lower up down today now currently baseline "
    "target ago yet over under above below after while because as if when right rather out "
    "actually really honestly maybe probably tbh though too also instead have has had do does "
    "did get got eli ennen tai kun i we you they he she think guess suppose "
    "ja sen se on nostaa laskea saada pitää olla noin niitä eikä mennessä"
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:top|tier|level|grade|step|phase|stage|version|age|aged|rated|ISO|IEC|SOC|PCI|"
    r"NIST|out\s+of|of\s+the\s+top|(?:children|kids|people|adults|patients|pupils|students|"
    r"staff|employees|residents)\s+(?:under|over|aged|above|below))\s*)$",
    re.I,
)
_CODE_BEFORE = re.compile(
    r"\b(?:ISO|IEC|SOC|PCI(?:\s+DSS)?|NIST|HIPAA|GDPR|WCAG|version|release|v|Windows|iOS|"
    r"Android|Python|Java|PHP|Web|Industry|HTTP|IPv|Series|Type)\s*[-/]?\s*$",
    re.I,
)
_FIRST_BEFORE = re.compile(r"\b(?:first|past|after|over\s+the\s+first)\s*$", re.I)
_WITHIN_BEFORE = re.compile(
    r"\b(?:within|in|inside)(?:\s+(?:under|less\s+than|fewer\s+than))?\s*$", re.I
)
_RELATIVE_BEFORE = re.compile(
    r"\bby\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|at\s+least\s+|~\s*)?$", re.I
)
_SIGNED_VALUE = re.compile(r"(?:\b(?:from|to|at|of|is|was)|->|→|=|:)\s*$", re.I)
_RELATIVE_AFTER = re.compile(
    r"\s*(?:x\b|times\b(?!\s+(?:a|an|per|each|every)\s)|fold\b|more\b|less\b|fewer\b|higher\b|lower\b|increase\b|decrease\b|"
    r"reduction\b|growth\b|improvement\b|uplift\b|rise\b|drop\b|gain\b|boost\b|jump\b|"
    r"better\b|faster\b|slower\b|cheaper\b|(?:yoy|mom|qoq|wow|y/y|m/m|q/q)\b|"
    r"(?:year|month|quarter|week)[- ](?:over|on)[- ](?:year|month|quarter|week)\b)",
    re.I,
)


@dataclass(frozen=True)
class NumberToken:
    value: Number
    unit: str | None
    noun: str | None  # the counted noun phrase ("active users"), when there is one
    start: int
    end: int  # end of the number with its symbol/multiplier
    unit_end: int  # end of the unit suffix, without the counted noun
    role: Role


_SECONDS = {"ms": Decimal("0.001"), "s": Decimal(1), "min": Decimal(60), "h": Decimal(3600)}
_SECONDS |= {"days": Decimal(86400), "weeks": Decimal(604800)}


def convert_time(value: Number, unit: str | None, to_unit: str | None) -> Number | None:
    """`value` in `unit` expressed in `to_unit` (both time units), else None: 3 days -> 72 h."""
    if unit not in _SECONDS or to_unit not in _SECONDS:
        return None
    converted = Decimal(str(value)) * _SECONDS[unit] / _SECONDS[to_unit]
    return to_number(round(converted, 2))


def to_number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def _count_noun(after: str) -> tuple[str | None, int]:
    """The counted noun phrase at the start of `after` and where it ends."""
    words: list[str] = []
    pos = 0
    while len(words) < 3:
        m = _WORD.match(after, pos)
        if not m or m.group(1).lower() in NOUN_STOP:
            break
        word = m.group(1)
        if words and words[-1].lower().endswith("s") and word.lower().endswith(("ed", "ing")):
            break
        words.append(word)
        pos = m.end()
    if words and words[-1].lower().endswith(("ed", "ing", "ly")) and len(words) > 1:
        words.pop()
    return (" ".join(words) or None), pos if words else 0


def _read_unit(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """(unit, counted noun, end of unit) for the text right after a number ending at pos."""
    base: str | None = None
    noun: str | None = None
    end = pos
    if m := _SUFFIX_CUR.match(text, pos):
        word = m.group(1).lower().rstrip("s")
        base, end = _CURRENCY.get(word) or _CURRENCY[word[:4]], m.end()  # "euroa" -> euro
    elif m := _SUFFIX_PCT.match(text, pos):
        base, end = "%", m.end()
    elif m := _SUFFIX_PP.match(text, pos):
        base, end = ("pp" if m.group("pp") else "points"), m.end()
    elif m := _SUFFIX_TIME.match(text, pos):
        t = m.group("t").lower()
        base, end = _TIME.get(t, _TIME.get(t[:-1], t)), m.end()
    elif m := _SUFFIX_MEASURE.match(text, pos):
        unit = m.group("m").lower()
        base, end = _MEASURE.get(unit, unit), m.end()
    unit_end = end
    if base is None and (m := _TIMES_PER.match(text, pos)):
        end = m.end()  # "3 times a week" -> "/week"
    elif base is None:
        noun, length = _count_noun(text[pos:])
        end = pos + length
        if noun and noun.lower() in _FI_RATE_WORDS:  # "38 kuukaudessa": per month
            noun, end = None, pos
    if m := _SUFFIX_RATE.match(text, end):
        rate = (m.group("r") or m.group("adv") or m.group("n")).lower()
        if m.group("n") and rate.endswith("s") and not rate.endswith("ss"):
            rate = rate[:-1]  # "per sessions" -> "/session"
        rate = _RATE.get(rate, rate)
        if base in ("%", "pp", "points"):
            return base, noun, unit_end
        return (f"{base}/{rate}" if base else f"/{rate}"), noun, unit_end if noun else m.end()
    if base is None and noun:
        base = noun.split()[-1]
    return base, noun, unit_end


def _role(text: str, m: re.Match[str], unit: str | None, unit_end: int) -> Role:
    before = text[: m.start()]
    if _CODE_BEFORE.search(before):
        return "code"
    if _QUALIFIER_BEFORE.search(before):
        return "qualifier"
    if unit is not None and unit.startswith("/") and counts_who(text, m.start()):
        return "qualifier"  # "volunteers who come at least 2 times a month": who is counted
    if unit in ("days", "weeks", "months", "years") and _FIRST_BEFORE.search(before):
        return "qualifier"  # "stay past their first three months": part of what is counted
    if _WITHIN_BEFORE.search(before) and unit in ("ms", "s", "min", "h", "days"):
        return "within"
    if (m.group("sign") and not _SIGNED_VALUE.search(before)) or _RELATIVE_BEFORE.search(before):
        return "relative"
    if _RELATIVE_AFTER.match(text, unit_end):
        return "relative"
    return "value"


def _ratios(text: str) -> list[NumberToken]:
    out: list[NumberToken] = []
    for m in _RATIO.finditer(text):
        a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        if not 0 <= a <= b or b < 2:
            continue
        if a != a.to_integral_value():  # "3.9 out of 5": a score on a scale
            value, unit = to_number(a), None
        else:
            value, unit = to_number(round(100 * a / b, 2)), "%"
        out.append(NumberToken(value, unit, None, m.start(), m.end(), m.end(), "value"))
    return out


def scan_numbers(text: str) -> list[NumberToken]:
    """All numbers in `text` (dates already masked by the caller), with unit and role."""
    tokens = _ratios(text)
    taken = [(t.start, t.end) for t in tokens]
    for m in _TOKEN_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = decimal_of(m)
        mult = (m.group("mult") or m.group("multw") or "").lower()
        value *= _MULT.get(mult) or multiplier_of(mult)
        if m.group("sign") in ("-", "−"):
            value = -value
        unit, noun, unit_end = _read_unit(text, m.end())
        if m.group("cur"):
            cur = _CURRENCY[m.group("cur").strip().lower()]
            unit = cur + unit[unit.index("/") :] if unit and "/" in unit else cur
            noun = None if unit == cur else noun
        glued = _GLUED.match(text, m.end())
        role: Role = _role(text, m, unit, unit_end)
        if glued and glued.group(0).lower() not in _GLUED_OK and not m.group("plus"):
            role = "code"
        tokens.append(NumberToken(to_number(value), unit, noun, m.start(), m.end(), unit_end, role))
    return sorted(tokens, key=lambda t: t.start)


def parse_number(text: str) -> tuple[Number, str | None] | None:
    """A bare answer's number and unit: "about 70%" -> (70, "%"), "$500k" -> (500000, "$")."""
    masked = mask_dates(text)
    for tok in scan_numbers(masked):
        if tok.role not in ("qualifier", "code"):
            return tok.value, tok.unit
    if m := WORD_NUMBER_RE.search(masked):
        value = word_number(m)
        unit, _noun, _end = _read_unit(masked, m.end())
        return value, unit
    return None


read_unit = _read_unit  # (unit, counted noun, end) after a number, for the turn reader
