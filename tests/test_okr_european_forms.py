"""European number and date forms and Finnish words (coach/okr/locale_forms.py), read
through the public functions; the English forms next to them must read as before."""

from __future__ import annotations

import pytest

from coach.okr.models import Number
from coach.okr.parser import parse_kr, parse_number

NNBSP, NBSP = "\u202f", "\u00a0"

NUMBERS: list[tuple[str, tuple[Number, str | None] | None]] = [
    # thousands with a space, a no-break space or a narrow no-break space
    ("4 000", (4000, None)),
    (f"4{NNBSP}000", (4000, None)),
    (f"4{NBSP}000", (4000, None)),
    ("12 500 €", (12500, "€")),
    (f"12{NNBSP}500{NNBSP}€", (12500, "€")),
    ("1 200 000", (1200000, None)),
    ("€12 500", (12500, "€")),
    ("EUR 12 500", (12500, "€")),
    ("120 000 users", (120000, "users")),
    ("12 500,50 €", (12500.5, "€")),
    (f"about 4{NBSP}000 a month", (4000, "/month")),
    # groups fuse only when they are exactly three digits
    ("from 4 to 6", (4, None)),
    ("2 000 and 3 000", (2000, None)),
    ("3 10k runs", (3, None)),
    ("Run 5 100m sprints", (5, None)),
    ("1 20", (1, None)),
    # decimal comma; three digits after the comma stay a thousands separator
    ("3,9", (3.9, None)),
    ("4,25", (4.25, None)),
    ("from 3,5 to 4,2", (3.5, None)),
    ("0,5 %", (0.5, "%")),
    ("12,5 h", (12.5, "h")),
    ("12,99 € per month", (12.99, "€/month")),
    ("1,200", (1200, None)),
    ("1,200 active users", (1200, "users")),
    ("1,200,000", (1200000, None)),
    ("weeks 1,2,3", (1, None)),
    ("1,5 million", (1500000, None)),
    ("1,5 milj.", (1500000, None)),
    ("1,5 milj. euroa", (1500000, "€")),
    ("2 miljoonaa euroa", (2000000, "€")),
    ("3 mrd", (3000000000, None)),
    ("1,2 Mio. €", (1200000, "€")),
    ("1,5M€", (1500000, "€")),
    # percent and euro
    ("55 %", (55, "%")),
    (f"55{NNBSP}%", (55, "%")),
    ("55 prosenttia", (55, "%")),
    ("5 prosenttiyksikköä", (5, "pp")),
    ("3 %-yksikköä", (3, "pp")),
    ("12 €", (12, "€")),
    ("€12", (12, "€")),
    ("12 euroa", (12, "€")),
    # Finnish case endings after a colon: still the number
    ("3,9:stä", (3.9, None)),
    ("4,5:een", (4.5, None)),
    ("7:ään", (7, None)),
    ("20 %:sta", (20, "%")),
    ("30 %:iin", (30, "%")),
    ("1 000:ssa", (1000, None)),
    ("99,9 %:ssa", (99.9, "%")),
    # English forms read as before
    ("about 70%", (70, "%")),
    ("roughly 3.8", (3.8, None)),
    ("$500k", (500000, "$")),
    ("around 1.2 million euros", (1200000, "€")),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number_european_forms(text: str, expected: tuple[Number, str | None]) -> None:
    assert parse_number(text) == expected


def test_number_table_is_large_enough() -> None:
    assert len(NUMBERS) >= 40


@pytest.mark.parametrize(
    ("text", "baseline", "target", "unit"),
    [
        ("Grow MRR from 4 000 € to 12 500 €", 4000, 12500, "€"),
        ("Raise CSAT from 3,9 to 4,5", 3.9, 4.5, None),
        ("Reduce churn from 4,5 % to 3 %", 4.5, 3, "%"),
        ("Cut cost per ticket from 12,50 € to 9 €", 12.5, 9, "€"),
        ("Increase ARR from €1,2M to €2,5M", 1200000, 2500000, "€"),
        ("Grow revenue from 1,5 milj. euroa to 2 miljoonaa euroa", 1500000, 2000000, "€"),
        ("Grow active users from 12 000 to 20 000", 12000, 20000, None),
        ("Grow signups from 1,200 to 2,000", 1200, 2000, None),
        ("Lift conversion from 55 % to 60 %", 55, 60, "%"),
    ],
)
def test_parse_kr_european_numbers(
    text: str, baseline: Number, target: Number, unit: str | None
) -> None:
    kr = parse_kr(text)
    assert (kr.baseline, kr.target, kr.unit) == (baseline, target, unit)
