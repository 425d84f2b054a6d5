"""European number forms and Finnish unit words, for `coach.okr.numbers`.

Read (through `parse_number`, `scan_numbers` and so `parse_kr`):

- thousands grouped by a space, a no-break space (U+00A0), a narrow no-break space (U+202F)
  or a thin space (U+2009): "4 000", "12 500 €", "1 200 000". A group joins only when every
  group after the first (1-3 digits) has exactly three digits and no letter is glued to the
  last one, so "3 10k runs", "5 100m sprints" and "from 4 to 6" stay separate numbers;
- a decimal comma: "3,9", "4,25", "12 500,50 €". Exactly three digits after the comma
  ("1,200") is still a thousands separator, and a list "1,2,3" is not a decimal;
- multiplier words: "1,5 million", "1,5 milj.", "2 miljoonaa", "3 mrd", "1,2 Mio.";
- "55 %" (also with U+00A0 / U+202F before the sign) and "55 prosenttia" (any form of
  "prosentti") -> "%"; "prosenttiyksikköä" / "%-yksikköä" -> "pp"; "12 euroa" (Finnish
  forms of "euro") -> "€";
- numbers with a Finnish case ending after a colon ("3,9:stä", "4,5:een", "20 %:iin",
  "1 000:ssa") are numbers, not names.

Not read: "1.200" / "1.200.000" with dots as thousands separators (read as decimals, as
before: "1.200" is 1.2); "10 000k" (a letter glued to a spaced group breaks the group).
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
    r"\d+(?:\.\d+)?|\.\d+|zero\b"
)
MULT_WORDS = (
    r"million|billion|thousand|miljoon(?:aa|a)\b|miljardi(?:a)?\b|tuhatta\b|"
    r"(?:milj|mrd|mio)\b\.?"
)
MULT_FI = {"miljoonaa": 1_000_000, "miljoona": 1_000_000, "milj": 1_000_000}
MULT_FI |= {"mio.": 1_000_000, "milj.": 1_000_000, "miljardia": 1_000_000_000}
MULT_FI |= {"miljardi": 1_000_000_000, "mrd": 1_000_000_000, "mrd.": 1_000_000_000}
MULT_FI |= {"tuhatta": 1_000}
EURO_WORDS = r"euro(?:a|n|t|lla|ssa|sta|on|ksi|ihin|issa|ista|illa)\b"
PERCENT_WORDS = r"%(?!-?yks)|prosent(?!tiyks)\w*"
POINT_WORDS = r"prosenttiyksik\w*|%-?yksik\w*|%-?yks\.?"


def decimal_of(m: re.Match[str]) -> Decimal:
    """The value of a match with `NUM_PATTERN` as its `num` group: "4 000" -> 4000,
    "3,9" -> 3.9, "1,200" -> 1200, "zero" -> 0."""
    raw = m.group("num")
    if raw.lower() == "zero":
        return Decimal(0)
    if m.group("grp"):
        raw = re.sub(GAP, "", raw)
    if m.group("grp") or m.group("dec"):
        return Decimal(raw.replace(",", "."))
    return Decimal(raw.replace(",", ""))
