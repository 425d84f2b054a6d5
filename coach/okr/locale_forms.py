"""European number and date forms and Finnish words, for `numbers`, `dates` and `wordnums`.

Read (through `parse_number`, `parse_due`, `mask_dates`, `parse_kr`):

- thousands grouped by a space, a no-break space (U+00A0), a narrow no-break space (U+202F)
  or a thin space (U+2009): "4 000", "12 500 €", "1 200 000". A group joins only when every
  group after the first (1-3 digits) has exactly three digits and no letter is glued to the
  last one, so "3 10k runs", "5 100m sprints" and "from 4 to 6" stay separate numbers;
- a decimal comma: "3,9", "4,25", "12 500,50 €". Exactly three digits after the comma
  ("1,200") is still a thousands separator, and a list "1,2,3" is not a decimal;
- multiplier words in any case: "1,5 million", "1,5 milj.", "2 miljoonaa", "2 miljoonaan",
  "3 mrd", "1,2 Mio.";
- "55 %" (also with U+00A0 / U+202F before the sign) and "55 prosenttia" (any form of
  "prosentti") -> "%"; "prosenttiyksikköä" / "%-yksikköä" -> "pp"; "12 euroa" (Finnish
  forms of "euro") -> "€";
- numbers with a Finnish case ending after a colon ("3,9:stä", "4,5:een", "20 %:iin",
  "1 000:ssa") are numbers, not names. In a KR sentence (`case_endings_as_words`, called by
  `wordnums.digits_for_words`) the elative ("3,9:stä", "20 prosentista", "1,2 milj.
  eurosta": *from*) and the illative / translative ("4,5:een", "30 %:iin", "4,5:ksi",
  "2 miljoonaan euroon": *to*) become "from" / "to" and the adessive ("10 %:lla") "by" (a
  relative change), so "Nostetaan asiakastyytyväisyys 3,9:stä 4,5:een kesäkuun loppuun
  mennessä" gives baseline 3.9, target 4.5 and due "kesäkuun loppuun" (the metric keeps
  the verb: "nostetaan asiakastyytyväisyys");
- dates: "30.9." / "1.6." (day.month. with its final dot) after a 'by' word ("by", "until",
  "before", "due", "on", "deadline", "viimeistään", ...), at the start of a line (an answer
  "30.9."), or before "mennessä" / "asti" / "saakka"; at the very end of a text also without
  the dot ("... by 1.6": the KR cleaning cuts a sentence's final dot), after "by" only when
  a number came before it ("Raise NPS by 1.5" stays a change). The phrase is always written
  with the dot: "1.6.". "Q3/2026", "Q3 / 2026", "Q3-2026", "Q3/26", "2026/Q3" (in
  `dates._PERIOD`); "30.9.2025" was read before;
- Finnish deadlines (`FINNISH_DUE_RE`): the twelve month names as "kesäkuussa",
  "kesäkuuna", "kesäkuulla", "kesäkuu 2026", "kesäkuuhun mennessä", "30. kesäkuuta 2026";
  "<month>n / vuoden / kvartaalin / kuun / Q3:n / 2026:n [2026] loppuun | lopussa | aikana |
  alussa | puoliväliin" ("tämän / ensi" before them); "vuonna 2026", "tänä / ensi vuonna",
  "vuoteen 2026 mennessä", "2026 mennessä", "Q3:een mennessä", "3 kuukauden sisällä"; any
  illative word before "mennessä" ("juhannukseen mennessä", "ensi kesään mennessä").
  "Kesäkuun myynti" (June's sales) and "kesäkuusta alkaen" (from June on) are no deadlines.

The phrase is the deadline as typed, without the 'by' word: "mennessä" / "asti" / "saakka"
after a date are dropped like "by" before one ("kesäkuun loppuun mennessä" ->
"kesäkuun loppuun"; "30.9. mennessä" -> "30.9.") but are masked with it.

- dots as thousands separators where a decimal reading makes no sense: two or more groups
  ("1.200.000") or one group ending in "00" ("1.200 covers", "4.500 €" -> 1200, 4500);
  "1.250" stays 1.25.

Not read: "10 000k" (a glued letter breaks a spaced group); a day.month.
anywhere else ("to 4.5." and "CSAT 4.5." stay 4.5; "by 30.9" mid-text is a number) and date
ranges ("1.6.-30.9."). Read as dates although they may be numbers: an answer that is only
"4.5." (so `parse_number("4.5.")` is None) and "by 1.5." with its final dot. Finnish verbs
("Nostetaan": no verb, no direction), Finnish time units ("tuntia"), Finnish number words
("kolme") are not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

GAP = "[ \u00a0\u202f\u2009]"  # a space inside a number: "4 000", "4\u202f000"
# The `num` alternatives for numbers.py's token pattern, most specific first.
NUM_PATTERN = (
    rf"(?P<grp>\d{{1,3}}(?:{GAP}\d{{3}}(?!\d))+(?:,(?!\d{{3}}(?!\d))\d+(?!,\d)|\.\d+)?)"
    rf"(?![A-Za-z]|{GAP}\d)|"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    r"(?P<dec>\d+,(?!\d{3}(?!\d))\d+(?!,\d))|"
    r"(?P<dots>[1-9]\d{0,2}(?:\.\d{3}){2,}|[1-9]\d{0,2}\.\d00)(?![\d,]|\.\d)|"
    r"\d+(?:\.\d+)?|\.\d+|zero\b"
)
_FI_MULT = r"(?:milj\b\.?|mrd\b\.?|mio\b\.?|(?:miljoon|miljard|tuha[tn])[^\W\d_]*)"
MULT_WORDS = rf"(?:million|billion|thousand)\b|{_FI_MULT}"
EURO_WORDS = r"euro(?:a|n|t|lla|ssa|sta|on|ksi|ihin|issa|ista|illa)\b"
PERCENT_WORDS = r"%(?!-?yks)|prosent(?!tiyks)\w*"
POINT_WORDS = r"prosenttiyksik\w*|%-?yksik\w*|%-?yks\.?"


def multiplier_of(word: str) -> int:
    """The factor of a Finnish or German multiplier word in any case: "milj.", "miljoonaa",
    "miljoonaan" -> 1000000; "mrd", "miljardia" -> 10**9; "tuhatta" -> 1000; else 1."""
    word = word.lower()
    if word.startswith(("miljard", "mrd")):
        return 1_000_000_000
    if word.startswith(("milj", "mio")):
        return 1_000_000
    return 1_000 if word.startswith("tuha") else 1


def decimal_of(m: re.Match[str]) -> Decimal:
    """The value of a match with `NUM_PATTERN` as its `num` group: "4 000" -> 4000,
    "3,9" -> 3.9, "1,200" -> 1200, "1.200" -> 1200, "zero" -> 0."""
    raw = m.group("num")
    if raw.lower() == "zero":
        return Decimal(0)
    if m.group("grp"):
        raw = re.sub(GAP, "", raw)
    if m.group("dots"):
        return Decimal(raw.replace(".", ""))
    if m.group("grp") or m.group("dec"):
        return Decimal(raw.replace(",", "."))
    return Decimal(raw.replace(",", ""))


# --- dates -----------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
_STEM = r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu"
_AFTER = r"(?:mennessä|asti|saakka)"  # postpositions: 'by' / 'until'
_LOOK = rf"\s+{_AFTER}\b"
AFTER_RE = re.compile(_LOOK, re.IGNORECASE)
_WHEN = r"(?:(?:tämän|ensi|kuluvan|tulevan)\s+)?"
_OF = (
    rf"(?:vuoden|kvartaalin|neljänneksen|vuosineljänneksen|kuun|kuukauden|vuosipuoliskon|"
    rf"tilikauden|{_STEM}n|(?:Q[1-4]|H[12]|{_YEAR}):n)"
)
_PART = r"(?:loppuun(?:\s+asti)?|lopussa|aikana|alussa|alkuun|puoliväliin|puolivälissä)"
_COUNT = r"(?:\d{1,2}|yhden|kahden|kolmen|neljän|viiden|kuuden|yhdeksän|kahdentoista)"
_ILLATIVE = r"[^\W\d_]{3,}(?:hin|hun|hyn|seen|siin|aan|ään|een|iin|oon|öön|uun|yyn)"
FINNISH_DUE_RE = re.compile(
    rf"(?<![\w.,/-])(?P<due>{_WHEN}{_OF}(?:\s+{_YEAR})?\s+{_PART}|"
    rf"\d{{1,2}}\.\s*{_STEM}ta(?:\s+{_YEAR})?|"
    rf"{_STEM}(?:ssa|ssä|na|lla)(?:\s+{_YEAR})?|{_STEM}\s+{_YEAR}|"
    rf"{_STEM}hun(?:\s+{_YEAR})?(?={_LOOK})|"
    rf"vuonna\s+{_YEAR}|(?:tänä|ensi)\s+vuonna|(?:tällä|ensi)\s+(?:kvartaalilla|"
    rf"neljänneksellä|kuulla|viikolla)|"
    rf"{_COUNT}\s+(?:viikon|kuukauden|kvartaalin|vuoden)\s+(?:sisällä|kuluessa)|"
    rf"(?:vuoteen\s+)?{_YEAR}(?={_LOOK})|(?:Q[1-4]|H[12]):(?:een|ään)(?={_LOOK})|"
    rf"viikkoon\s+\d{{1,2}}(?={_LOOK})|{_WHEN}{_ILLATIVE}(?={_LOOK}))(?![\w])",
    re.IGNORECASE,
)
# every Finnish deadline contains one of these: the full pattern runs only when one is there
_FINNISH_HINTS: tuple[str, ...] = ("kuu", "vuo", "kvartaal", "neljännek", "tilikau", "viik")
_FINNISH_HINTS += ("mennessä", "asti", "saakka", "loppu", "lopus", "aikana", "alussa")
_FINNISH_HINTS += ("alkuun", "puoliväli")


def finnish_dues(text: str) -> list[re.Match[str]]:
    """`FINNISH_DUE_RE` matches in `text` (group "due")."""
    low = text.lower()
    if not any(hint in low for hint in _FINNISH_HINTS):
        return []
    return list(FINNISH_DUE_RE.finditer(text))


_DM = r"(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])"
_BY = (
    r"by|until|till|til|before|due(?:\s+(?:by|on|date))?|on|deadline|dl|viimeistään|ennen|"
    r"eräpäivä|takaraja"
)
# "by 1.6.", "30.9." on its own, "1.6. mennessä"; not "to 4.5." (a number at a sentence end)
_DAY_MONTH_RE = re.compile(
    rf"(?:\b(?:{_BY})\s*:?\s*|^[ \t]*|(?<![\w.,/-])(?={_DM}\.\s+{_AFTER}\b))"
    rf"(?P<due>{_DM}\.)(?!\d)(?!\w)",
    re.IGNORECASE | re.MULTILINE,
)
# "by 1.6" at the very end: a KR sentence whose final dot was cut ("Raise CSAT from 3,9 to
# 4,5 by 1.6."); after "by" only when a number came before ("Raise NPS by 1.5" is a change)
_DAY_MONTH_END_RE = re.compile(
    rf"\b(?P<by>{_BY})\s*:?\s*(?<![\d.])(?P<due>{_DM})\s*[)\]]?\s*$", re.IGNORECASE
)


def day_months(text: str) -> list[tuple[str, int, int]]:
    """(phrase, start, end) of every day.month. date ("30.9.", "by 1.6."); the phrase keeps
    the final dot ("1.6." also when the text ends "by 1.6")."""
    if not re.search(r"\d\.\d", text):
        return []
    found = [(m.group("due"), m.start(), m.end()) for m in _DAY_MONTH_RE.finditer(text)]
    m = _DAY_MONTH_END_RE.search(text)
    if m and (m.group("by").lower() != "by" or re.search(r"\d", text[: m.start()])):
        found.append((m.group("due") + ".", m.start(), m.end()))
    return found


# --- case endings in KR sentences --------------------------------------------------------

_NUM = rf"\d{{1,3}}(?:{GAP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# the English word for a case ending: elative / ablative "from", illative / translative /
# allative "to", adessive "by" ("kasvaa 10 %:lla": grows by 10 %)
_CASES = {
    "from": r"sta|stä|lta|ltä",
    "to": r"h[aeiouyäö]n|seen|siin|aan|ään|een|iin|oon|öön|uun|yyn|ksi|lle",
    "by": r"lla|llä",
}
_ENDINGS = "|".join(rf"(?P<{word}>{ending})" for word, ending in _CASES.items())
_CASE_RE = re.compile(
    rf"(?<![\w.,])(?P<n>(?:{_NUM})(?:\s?[%€$£])?):(?:{_ENDINGS})(?!\w)", re.IGNORECASE
)
_ENDS = {word: re.compile(rf"(?:{ending})$", re.IGNORECASE) for word, ending in _CASES.items()}
# "1,2 milj. eurosta", "2 miljoonaan euroon", "20 prosentista": the case is on the last word
_FI_UNIT_STEMS = "prosent|euro|kilo|litra|minuut|tunni|tunti|päiv|viiko|viikk"
_CASE_WORD_RE = re.compile(
    rf"(?<![\w.,])(?P<n>{_NUM})(?=(?P<tail>(?:\s+{_FI_MULT})?(?:\s+(?:{_FI_UNIT_STEMS})[^\W\d_]*)?))",
    re.IGNORECASE,
)


def _marked(m: re.Match[str]) -> str:
    """The number of a `_CASE_RE` / `_CASE_WORD_RE` match with "from " / "to " / "by "
    before it, or the match unchanged when its case has no such word."""
    groups = m.groupdict()
    words = (groups.get("tail") or "").split()
    for word, ends in _ENDS.items():
        if groups.get(word) or (words and ends.search(words[-1])):
            return f"{word} {m.group('n')}"
    return m.group(0)


def case_endings_as_words(text: str) -> str:
    """`text` with Finnish case endings on numbers written as "from" / "to" / "by":
    "3,9:stä 4,5:een" -> "from 3,9 to 4,5", "20 prosentista" -> "from 20 prosentista",
    "2 miljoonaan euroon" -> "to 2 miljoonaan euroon", "10 %:lla" -> "by 10 %"."""
    if ":" in text:
        text = _CASE_RE.sub(_marked, text)
    low = text.lower()
    if any(word in low for word in ("prosent", "euro", "milj", "mrd", "tuha", "kilo", "litra",
                                    "minuut", "tunni", "tunti", "päiv", "viiko", "viikk")):
        text = _CASE_WORD_RE.sub(_marked, text)
    return text
