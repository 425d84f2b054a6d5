"""Numbers as the person said them: exact values with their spans, approximate or derived
quantities (read back before they are taken), and numbers that name a thing.

- exact: "45 minutes", "67 %", "twenty" — the span is the words the value was read from;
- approximate / derived: "about two thirds", "roughly half", "in the low 30s", "double",
  "5k" — never turned into a number silently: `approximations` proposes a value for the
  read-back question ("two thirds — about 67 %?"), or none when the coach must simply ask;
- a name, not a value: "the 10k", "Q3", "Windows 11", "24/7", "ISO 9001", "2026".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.okr.dates import mask_dates
from coach.okr.numbers import NumberToken, read_unit, scan_numbers
from coach.okr.vocab import words
from coach.okr.wordnums import WORD_NUMBERS, WORD_PHRASE_RE, counts_who, word_number

Number = int | float

_FRACTIONS: dict[str, Number] = {
    "half": 50, "a third": 33, "one third": 33, "two thirds": 67, "a quarter": 25,
    "one quarter": 25, "three quarters": 75, "a fifth": 20, "one fifth": 20,
    "two fifths": 40, "three fifths": 60, "four fifths": 80, "a tenth": 10, "one tenth": 10,
}
_FRACTION_RE = re.compile(
    r"\b(?:(?:about|around|roughly|nearly|almost|maybe|probably|approximately|some|over|"
    r"under|just\s+(?:over|under))\s+)?(?P<f>" + "|".join(
        sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_LOW_HIGH = re.compile(r"\b(?:in\s+the\s+)?(?P<pos>low|mid|high|upper|lower)[\s-](?P<n>\d0)s\b",
                       re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<w>double|doubled|doubling|triple|tripled|halve|halved|cut\s+in\s+half|twice\s+as|"
    r"half\s+(?:of\s+)?(?:that|it|what)|by\s+half|puolit\w*|puoleen|tuplat\w*|"
    r"kaksinkertais\w*|kolminkertais\w*)\b", re.IGNORECASE)
_K_SHORT = re.compile(r"(?<![\w.])(?P<n>\d+(?:[.,]\d+)?)\s?k\b", re.IGNORECASE)
_RANGE = re.compile(r"(?<![\w.])(?P<a>\d+(?:[.,]\d+)?)\s*(?:-|–|to|or)\s*(?P<b>\d+(?:[.,]\d+)?)"
                    r"\s*(?P<unit>%|percent)?(?=\s*(?:ish|or\s+so|maybe|perhaps|\b|$))",
                    re.IGNORECASE)
_HEDGED_RANGE = re.compile(r"\b(?:between|somewhere\s+between|anywhere\s+from)\s*$|"
                           r"\b(?:about|around|roughly|maybe)\s*$", re.IGNORECASE)
# "our Q3 newsletter", "Windows 11", "24/7", "ISO 9001"
_NAMED_BEFORE = re.compile(
    r"(?:\b(?:windows|iso|iphone|"
    r"ios|android|version|v|office|python|level|grade|year|class|room|ward|gate|bus|line|"
    r"route|platform|building|floor|team|page|step|chapter|kr|key\s+result|objective|"
    r"truck|van|crew|shift|bay|lane|dock|terminal|hall|block|zone|district|sector|station|"
    r"store|shop|branch|site|unit|table|desk|door|court|pitch|field|stage|studio|plant|"
    r"machine|sprint|episode|season|phase|wave|cohort|group|squad|lot|aisle|bed|kello|klo|"
    r"split|round|heat|milestone|release|iteration|module|prelude|opus|book|volume|part|"
    r"issue|album|act|series|"
    r"number|no\.?|#)\s*$)", re.IGNORECASE)
_NAMED_SHAPE = re.compile(r"^\s*(?:/\d|k\s+(?:run|race|fun\s+run|walk)|k\b(?!\s*(?:€|\$|euros?|"
                          r"dollars?|users?|customers?|members?|visits?|views?)))", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DENOMINATOR = re.compile(r"\d[^\d.,;!?]{0,30}?\b(?:out\s+of|of)\s+"
                          r"(?:about\s+|around\s+|roughly\s+|"
                          r"almost\s+|nearly\s+|some\s+|approx\.?\s+|the\s+)?$", re.I)
_RATIO_WORDS = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty)\b(?!\s*(?:%|percent|minutes?|"
    r"hours?|days?|weeks?|months?|years?))", re.I)
_ENOUGH = re.compile(r"\s+(?:is|are)\s+(?:plenty|enough|fine|ok|okay|sufficient)\b|"
                     r"\s+(?:will|would|should)\s+do\b|"
                     r"\s+(?:krs?|key\s+results?|objectives?)\b", re.I)  # "three KR": how many
_DURATIONS = frozenset({"min", "h", "days", "weeks", "months", "years"})
_QUALIFYING = re.compile(r"\s+(?:after|before|in\s+advance|ahead|later|earlier|prior|"
                         r"from\s+(?:the|their|our))\b", re.I)
_NEGATED = re.compile(r"\bnot\s+(?:a\s+|an\s+)?$", re.I)  # "not 0 because …": not a value
_NOT_UNITS = words(
    "not but instead rather than and or would will if so then maybe though yet too also ones "
    "out of "
)
_ZERO_WORDS = frozenset({"none", "nothing", "nobody", "zero"})
_ADVERB_UNIT = re.compile(r"[a-z]{3,}ly")
_RATE_WORDS = words("weekly monthly daily yearly hourly quarterly nightly family")


def _not_a_unit(word: str) -> bool:
    """"3.7 actually", "40 probably": the word after the number is not its unit."""
    low = word.lower()
    return low in _NOT_UNITS or (bool(_ADVERB_UNIT.fullmatch(low)) and low not in _RATE_WORDS)


@dataclass(frozen=True)
class Said:
    """One number in the user's text: its value, unit, the exact words and where they are."""

    value: Number
    unit: str | None
    span: str
    start: int
    end: int


def _is_name(text: str, token: NumberToken) -> bool:
    before, after = text[: token.start], text[token.end :]
    raw = text[token.start : token.end]
    if token.role in ("code", "qualifier"):
        return True
    if (token.unit or "").lower().rstrip(".") in ("am", "pm", "a.m", "p.m", "o'clock"):
        return True  # "before 9 am": a time of day
    day_month = re.fullmatch(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})", raw)
    if day_month and re.match(r"\.\s+[a-zäöå]", after) and int(day_month["d"]) <= 31 \
            and 1 <= int(day_month["m"]) <= 12:
        return True  # "mittarit uusittiin 1.6. ja …": a date, day and month
    if re.match(r":(?:n|ssa|ssä)\b", after) and re.search(r"[^\W\d]\s*$", before):
        return True  # "Kaivo 2:n alueella": the area of well 2, a name
    if re.search(r"\b(?:the|a|an|our|my)\s*$", before, re.I) and re.match(
            r"\s*(?:m|km|k|metres?|meters?|miles?|kg|mi)\s+(?:test|race|run|swim|loop|course|lane|"
            r"badge|certificate|walk|ride|sprint|challenge|mark|distance|event|relay|route|bag|"
            r"pool)\b", after, re.I):
        return True  # "the 25 m test": which test, not a value
    if re.search(r"\bthe\s*$", before, re.I) and re.match(
            r"\s+[a-z]{3,}s\b", after) and not re.match(r"\s+(?:times|days|weeks|months|years|"
                                                   r"hours|minutes|points|percent)\b", after):
        return True  # "the 14 containers", "the 3 stores": which things, not a value
    if re.match(r"\s*(?:years?|yrs?)\s+(?:of\s+age|old)\b", text[token.start + len(raw):], re.I):
        return True  # "71 years of age": who the person is, not a value
    if re.search(r"\b(?:team|group|staff|crew|squad|family|class|department|unit)\s+of\s*$", before,
                 re.I):
        return True  # "a team of 6": who, not a value
    if re.match(r"[\s-]*stars?\s+(?:reviews?|ratings?|hotels?|rated)\b", after, re.I):
        return True  # "5 star reviews": which reviews, not a value
    if _DENOMINATOR.search(before):
        return True  # "38 families out of about 200": 200 is what it is counted out of
    if _YEAR.match(raw) and token.unit is None:
        return True
    if token.unit in _DURATIONS and _QUALIFYING.match(text, token.unit_end):
        return True  # "active six months after training", "filled two weeks in advance"
    if _GROUP_RANGE.search(text[max(0, token.start - 16) : token.end + 12]) and re.search(
            r"\b(?:grades?|aged|ages|years?|classes|levels?|floors?|wards?|rooms?|zones?)\s+"
            r"(?:\d+\s*(?:to|-|–|through|and)\s*)?$", before, re.I):
        return True  # "grades 1 to 6", "aged 13 to 19": a group, not values
    if token.value <= 10 and re.search(r"(?:^|\b(?:a|an))\s*$", before, re.I) and re.match(
            r"\s*(?:would|will|'d|means|on\s+(?:the|that|this|your)\s+scale|out\s+of\s+10)\b",
            after, re.I):
        return True  # "a 5 would be …": a point on the 0-10 scale
    if token.value <= 10 and token.unit is None and re.search(r"(?:^|[.!?]\s*)$", before) \
            and re.match(r"\s*(?:is|would\s+be|will\s+be|means|would\s+mean)\s+(?:when|if|"
                         r"the\s+day|that)\b", after, re.I):
        return True  # "5 is when the other cooks use the list too": a scale point described
    if token.value in (100, 1000, 10000, 100000, 1000000) and re.search(
            r"\b(?:per|every|out\s+of\s+every|in\s+every)\s*$", before, re.I):
        return True  # "12 per 1,000 lines": 1,000 is the base of the rate
    if re.search(r"\bQ$", before) or re.match(r"/\d", after):  # "Q3", "24/7"
        return True
    if _NAMED_BEFORE.search(before) and not re.search(r"\b(?:from|to|at|of)\s*$", before):
        return True
    if re.fullmatch(r"\d+\s?k", raw, re.I) and re.search(r"\b(?:the|a|an|my|our|their|this|"
                                                       r"next|that)\s*$", before, re.I):
        return True  # "the 10k", "a 5k": a race
    return bool(re.search(r"\b(?:the|a|my|our)\s*$", before, re.I) and _NAMED_SHAPE.match(after))


_SCALE_RANGE = re.compile(
    r"(?:\b(?:asteikolla|asteikko|asteikon|asteikosta|scale|rated|rating|ranked)\s+(?:of\s+|from\s+)?"
    r"|\((?=\s*\d+\s*(?:-|–|to)\s*\d+\s*\)))"
    r"(?P<r>\d+\s*(?:-|–|to)\s*\d+)|(?P<r2>\b\d+\s*(?:-|–|to)\s*\d+)(?=\s*-?\s*(?:scale|asteiko))",
    re.I)


def mask_scales(text: str) -> str:
    """`text` with the range of a rating scale blanked ("asteikolla 1–5", "on a 1-5 scale",
    "(1-10)"): the ends of a scale are not values."""
    def blank(m: re.Match[str]) -> str:
        g = "r" if m.group("r") else "r2"
        a, b = m.span(g)
        return m.group(0)[: a - m.start()] + " " * (b - a) + m.group(0)[b - m.start():]
    return _SCALE_RANGE.sub(blank, text)


def said_numbers(text: str) -> list[Said]:
    """Every value the person said in digits or words, with its exact span (names excluded)."""
    masked = mask_scales(mask_dates(text))
    found: list[Said] = []
    ratios = [(m.start(), m.end()) for m in _RATIO_WORDS.finditer(masked)]
    for token in scan_numbers(masked):
        if _is_name(masked, token) or _NEGATED.search(masked[: token.start]):
            continue
        if _ENOUGH.match(masked, token.unit_end):
            continue  # "three is plenty": how many KRs, not a value
        if any(a <= token.start < b for a, b in ratios):
            continue  # "1 in 5" is 20 % only by arithmetic: read back, not taken
        unit = None if _not_a_unit(token.unit or "") else token.unit
        end = token.end if unit is None and token.unit else token.unit_end
        found.append(Said(token.value, unit, text[token.start : end].strip(), token.start, end))
    taken = [(s.start, s.end) for s in found] + ratios
    for m in WORD_PHRASE_RE.finditer(masked):
        if m.group("w").lower() in _ZERO_WORDS - {"zero"} or any(
                a <= m.start() < b for a, b in taken):
            continue
        if m.group("w").lower() == "one" and not m.group("u") and not m.group("scale"):
            continue  # "one of the best", "the second one": not an amount
        if _NAMED_BEFORE.search(masked[: m.start()]):
            continue  # "book two", "phase three": a name
        unit, _noun, unit_end = read_unit(masked, m.end())
        if (unit or "").lower() in _NOT_UNITS:
            unit, unit_end = None, m.end()
        if _ENOUGH.match(masked, max(unit_end, m.end())):
            continue
        if unit in _DURATIONS and _QUALIFYING.match(masked, unit_end):
            continue  # "six months after their training": part of what is counted
        found.append(Said(word_number(m), unit, text[m.start() : max(unit_end, m.end())].strip(),
                          m.start(), max(unit_end, m.end())))
    for m in _ONCE_TWICE.finditer(masked):
        if counts_who(masked, m.start(1)):
            continue  # "people who come at least twice a month": part of what is counted
        if not any(a <= m.start() < b for a, b in taken):
            found.append(Said(1 if m.group(1).lower() == "once" else 2, None, m.group(0),
                              m.start(), m.end()))
    return sorted(found, key=lambda s: s.start)


_ONCE_TWICE = re.compile(r"\b(once|twice)\s+(?:a|an|per|each|every)\s+(?:day|week|month|"
                         r"quarter|year|sprint)\b", re.I)


def near(value: float, held: float) -> bool:
    """`value` is within half to double of `held`: a correction or an answer of the same
    size ("3.7" for 3.2, "31 hours" for the read-back "about 32")."""
    return 0.5 <= value / (held or 1e-9) <= 2


def span_for(text: str, value: Number | None) -> Said | None:
    """Where in `text` the person said `value`; None when they did not say it."""
    if value is None:
        return None
    for said in said_numbers(text):
        if float(said.value) == float(value):
            return said
    return None


@dataclass(frozen=True)
class Approximation:
    """An approximate or derived quantity: what was said, and the value a read-back proposes."""

    span: str
    proposal: Number | None
    unit: str | None
    relative: str | None = None  # "double", "half": derived from the baseline


def approximations(text: str) -> list[Approximation]:
    """Approximate or derived quantities in `text` ("about two thirds", "double", "5k")."""
    found: list[Approximation] = []
    for m in _FRACTION_RE.finditer(text):
        after = text[m.end() : m.end() + 12].lower()
        if m.group("f").lower() == "half" and re.match(r"\s*(?:an?\s+hour|of\s+the\s+(?:day|"
                                                        r"week|year|team))", after):
            continue
        ordinal = re.match(r"\s*(?:one|kr|key\s+result|about|on|for|measure|metric|goal)\b", after)
        if ordinal and re.search(r"\b(?:add|adding|want|need|have|a)\s+$", text[: m.start()], re.I):
            continue  # "I could add a third about advertising": an ordinal, no fraction
        found.append(Approximation(m.group(0), _FRACTIONS[m.group("f").lower()], "%"))
    for m in _LOW_HIGH.finditer(text):
        base = int(m.group("n"))
        offset = {"low": 2, "lower": 2, "mid": 5, "high": 8, "upper": 8}[m.group("pos").lower()]
        found.append(Approximation(m.group(0), base + offset, None))
    for m in _RELATIVE.finditer(text):
        word = m.group("w").lower()
        kind = "half" if "half" in word or "halv" in word or word.startswith("puol") else (
            "triple" if "tripl" in word or word.startswith("kolmin") else "double")
        found.append(Approximation(m.group(0), None, None, relative=kind))
    masked = mask_dates(text)
    for m in _RATIO_WORDS.finditer(masked):
        a, b = _ratio_parts(m.group(0))
        if a is not None and b and 0 <= a <= b:
            share = round(100 * a / b)
            found.append(Approximation(m.group(0), share, "%"))
    for m in _K_SHORT.finditer(masked):
        before = masked[: m.start()]
        if re.search(r"\b(?:the|a|an|my|our)\s*$", before, re.I):
            continue  # "the 10k" names a race
        value = float(m.group("n").replace(",", ".")) * 1000
        found.append(Approximation(m.group(0), int(value) if value.is_integer() else value, None))
    for m in _RANGE.finditer(masked):
        if _HEDGED_RANGE.search(masked[: m.start()]) or re.match(r"\s*(?:ish|or\s+so)",
                                                                  masked[m.end():], re.I):
            found.append(Approximation(m.group(0), None, "%" if m.group("unit") else None))
    return found


def hedged(text: str, said: Said) -> bool:
    """A stated number inside a hedge that makes it a guess ("45 on a bad day, 30 on a good",
    "a 3, maybe", "I guess 40")."""
    window = text[max(0, said.start - 25) : said.end + 30].lower()
    return bool(re.search(r"\bon\s+a\s+(?:bad|good)\s+day\b|\bdepends\b|\bsometimes\b.*"
                          r"\bsometimes\b|\bmaybe\b|\bperhaps\b|\bi\s+guess\b|\bno\s+idea\b|"
                          r"\bor\s+so\b|\bish\b|\bgive\s+or\s+take\b|\bif\s+i\s+had\s+to\s+guess\b",
                          window))


_RACE_NAME = re.compile(r"\b(?P<lead>the|a|an|my|our|their|this|next|that)\s+(?P<n>\d+)\s?k\b",
                        re.I)


_PER_BASE = re.compile(r"\b(?P<lead>per|every|out\s+of\s+every|in\s+every)\s+(?P<n>100|1,?000|"
                       r"10,?000|"
                       r"100,?000|1,?000,?000)\b", re.I)
_BASE_WORDS = {"100": "hundred", "1000": "thousand", "10000": "ten-thousand",
               "100000": "hundred-thousand", "1000000": "million"}


_GROUP_RANGE = re.compile(r"\b(?P<g>grades?|aged|ages|years?|classes|levels?|floors?|wards?|rooms?|"
                          r"zones?)\s+(?P<a>\d+)\s*(?:to|-|–|through|and)\s*(?P<b>\d+)\b", re.I)


def parser_view(text: str) -> str:
    """The text as the KR parser should see it: "the 10k" is a race of 10 km, "per 1,000
    order lines" is the rate's base, and "grades 1 to 6" names a group, not a change."""
    text = _RACE_NAME.sub(lambda m: f"{m.group('lead')} {m.group('n')} km", text)
    text = _GROUP_RANGE.sub(lambda m: f"{m.group('g')} {_spell(m.group('a'))}-to-"
                            f"{_spell(m.group('b'))}", text)
    return _PER_BASE.sub(lambda m: f"{m.group('lead')} "
                         f"{_BASE_WORDS[m.group('n').replace(',', '')]}", text)


races_as_distances = parser_view
_SPELL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen")


def _spell(digits: str) -> str:
    n = int(digits)
    return _SPELL[n] if n < len(_SPELL) else "n" + digits.translate(str.maketrans("0123456789",
                                                                                  "abcdefghij"))


def said_outside(text: str) -> list[Said]:
    """Said numbers that are not part of an approximate quantity ("two" in "two thirds")."""
    found = approximations(text)
    return [s for s in said_numbers(text)
            if not any(a.span in text and text.find(a.span) <= s.start < text.find(a.span)
                       + len(a.span) for a in found)]


def _ratio_parts(words: str) -> tuple[float | None, float | None]:
    """"7 in 10" / "seven out of ten" -> (7, 10)."""
    parts = re.split(r"\s+(?:in|out\s+of)\s+", words.lower())
    if len(parts) != 2:
        return None, None
    values = [float(p) if p.isdigit() else WORD_NUMBERS.get(p) for p in parts]
    a, b = values
    return (float(a) if a is not None else None), (float(b) if b is not None else None)


_LIMIT_BEFORE = re.compile(r"\b(?:within|in\s+under|inside|in\s+less\s+than)\s*$", re.I)


# "kids' items under 5 EUR", "orders over 50 €": a band of what is counted ...
_BAND_BEFORE = re.compile(r"\b[a-z]{3,}s'?\s+(?:under|below|over|above|of\s+(?:more|less)\s+than)"
                          r"\s*(?:€|\$|£)?\s*$", re.I)
# ... unless it is the change itself: "keep waits under 20 minutes"
_CHANGE_VERB = re.compile(r"\b(?:keep|get|bring|push|cut|reduce|lower|raise|drop|want|need|aim|"
                          r"should|would)\b", re.I)


def values_in(text: str) -> list[Said]:
    """Said numbers that could be a value, not a limit inside a measure's name ("ready for
    pickup within 2 hours", "kids' items under 5 EUR")."""
    found = []
    for said in said_numbers(text):
        before = text[: said.start]
        band = _BAND_BEFORE.search(before) and not _CHANGE_VERB.search(
            re.split(r"[.;!?]", before)[-1])
        # "it should be within 2 days" is the target itself
        target_limit = re.search(r"\b(?:be|is|are|get\s+it|keep\s+it|it'?s)\s+"
                                 r"(?:within|in\s+under|under)\s*$", before, re.I)
        if (not _LIMIT_BEFORE.search(before) or target_limit) and not band:
            found.append(said)
    return found
