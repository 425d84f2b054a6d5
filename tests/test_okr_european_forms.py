"""European number and date forms and Finnish words (coach/okr/locale_forms.py), read
through the public functions; the English forms next to them must read as before."""

from __future__ import annotations

import pytest

from coach.okr.dates import mask_dates
from coach.okr.models import Number
from coach.okr.parser import analyse_kr, parse_due, parse_kr, parse_number

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
    # dots as thousands only where a decimal makes no sense
    ("1.200 covers", (1200, "covers")),
    ("1.200.000", (1200000, None)),
    ("12.000 €", (12000, "€")),
    ("1.250", (1.25, None)),
    ("4.5", (4.5, None)),
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


DUES: list[tuple[str, str | None]] = [
    # day.month.year and day.month. with its final dot
    ("30.9.2025", "30.9.2025"),
    ("15.12.2026", "15.12.2026"),
    ("30.9.", "30.9."),
    ("1.6.", "1.6."),
    ("by 1.6.", "1.6."),
    ("until 15.6.", "15.6."),
    ("deadline: 1.6.", "1.6."),
    ("Ship on 1.6. and celebrate", "1.6."),
    ("viimeistään 30.9.", "30.9."),
    ("30.9. mennessä", "30.9."),
    ("Raise CSAT from 3,9 to 4,5 by 30.9", "30.9."),  # the final dot cut by KR cleaning
    # not dates: decimals at a sentence end, versions, a change after "by"
    ("Raise CSAT from 3.9 to 4.5.", None),
    ("Keep CSAT above 4.5.", None),
    ("Migrate to Python 3.11.", None),
    ("Increase NPS by 1.5", None),
    ("Raise X by 30.9 and keep Y", None),
    # quarters with a year
    ("Q3/2026", "Q3/2026"),
    ("Q3 / 2026", "Q3 / 2026"),
    ("Q3-2026", "Q3-2026"),
    ("Q3/26", "Q3/26"),
    ("by H1/2026", "H1/2026"),
    ("by end of Q3/2026", "end of Q3/2026"),
    # Finnish months and periods; "mennessä" is a 'by' after the date
    ("kesäkuun loppuun mennessä", "kesäkuun loppuun"),
    ("kesäkuussa", "kesäkuussa"),
    ("kesäkuussa 2026", "kesäkuussa 2026"),
    ("syyskuun loppuun", "syyskuun loppuun"),
    ("Maaliskuun loppuun", "Maaliskuun loppuun"),
    ("joulukuun loppuun asti", "joulukuun loppuun asti"),
    ("tammikuun lopussa", "tammikuun lopussa"),
    ("helmikuuhun mennessä", "helmikuuhun"),
    ("huhtikuun aikana", "huhtikuun aikana"),
    ("toukokuu 2026", "toukokuu 2026"),
    ("heinäkuulla", "heinäkuulla"),
    ("elokuuna", "elokuuna"),
    ("lokakuun puoliväliin", "lokakuun puoliväliin"),
    ("30. marraskuuta 2026", "30. marraskuuta 2026"),
    ("vuoden loppuun mennessä", "vuoden loppuun"),
    ("vuoden 2026 loppuun", "vuoden 2026 loppuun"),
    ("tämän vuoden loppuun mennessä", "tämän vuoden loppuun"),
    ("kvartaalin loppuun", "kvartaalin loppuun"),
    ("Q3:n loppuun mennessä", "Q3:n loppuun"),
    ("2026 mennessä", "2026"),
    ("vuoteen 2026 mennessä", "vuoteen 2026"),
    ("vuonna 2026", "vuonna 2026"),
    ("ensi vuonna", "ensi vuonna"),
    ("juhannukseen mennessä", "juhannukseen"),
    ("kuuden kuukauden sisällä", "kuuden kuukauden sisällä"),
    # Finnish month words that are no deadline
    ("Kesäkuun myynti kasvaa", None),
    ("kesäkuusta alkaen", None),
    # English forms read as before
    ("by end of June", "end of June"),
    ("within 3 months", "within 3 months"),
    ("in Q3 2026", "Q3 2026"),
    ("by 30/09/2026", "30/09/2026"),
]


@pytest.mark.parametrize(("text", "expected"), DUES)
def test_parse_due_european_forms(text: str, expected: str | None) -> None:
    assert parse_due(text) == expected


def test_due_table_is_large_enough() -> None:
    assert len(DUES) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "30.9.2025",
        "30.9.",
        "by 1.6.",
        "Q3/2026",
        "Q3 / 2026",
        "Q3-2026",
        "kesäkuun loppuun mennessä",
        "vuoden 2026 loppuun",
        "30.9. mennessä",
    ],
)
def test_dates_are_masked_and_never_numbers(text: str) -> None:
    assert mask_dates(text) == " " * len(text)
    assert parse_number(text) is None


def test_masking_keeps_the_numbers_next_to_a_date() -> None:
    text = "from 3,9 to 4,5 by 30.9. and 12 500 € by Q3/2026"
    masked = mask_dates(text)
    assert len(masked) == len(text)
    assert "30.9." not in masked and "Q3/2026" not in masked
    assert "3,9" in masked and "4,5" in masked and "12 500 €" in masked


KRS: list[tuple[str, Number | None, Number | None, str | None, str | None]] = [
    # (text, baseline, target, unit, due)
    (
        "Nostetaan asiakastyytyväisyys 3,9:stä 4,5:een kesäkuun loppuun mennessä",
        3.9,
        4.5,
        None,
        "kesäkuun loppuun",
    ),
    ("Nostetaan NPS 30:stä 45:een vuoden loppuun mennessä", 30, 45, None, "vuoden loppuun"),
    ("Nostetaan NPS 30:sta 45:een 30.9. mennessä", 30, 45, None, "30.9."),
    ("Lasketaan vaihtuvuus 12 %:sta 8 %:iin Q3/2026", 12, 8, "%", "Q3/2026"),
    ("Nostetaan konversio 20 prosentista 30 prosenttiin kesäkuussa", 20, 30, "%", "kesäkuussa"),
    (
        "Kasvatetaan liikevaihtoa 1,2 milj. eurosta 2 miljoonaan euroon 2026 mennessä",
        1200000,
        2000000,
        "€",
        "2026",
    ),
    ("Nostetaan NPS 45:ksi syyskuun loppuun", None, 45, None, "syyskuun loppuun"),
    ("Asiakastyytyväisyys 3,9 -> 4,5 30.9.2025 mennessä", 3.9, 4.5, None, "30.9.2025"),
    ("Raise CSAT from 3,9 to 4,5 by 30.9.", 3.9, 4.5, None, "30.9."),
    ("Raise conversion from 55 % to 60 % by 1.6.", 55, 60, "%", "1.6."),
    ("Grow revenue from 4 000 € to 12 500 € by Q3/2026", 4000, 12500, "€", "Q3/2026"),
    ("Grow MRR 12 500 € → 20 000 € by Q3-2026", 12500, 20000, "€", "Q3-2026"),
    ("Lift NPS from 32 to 45 by Q3 / 2026", 32, 45, None, "Q3 / 2026"),
    ("Increase signups from 1 200 to 2 000 by 15.12.2026", 1200, 2000, None, "15.12.2026"),
    ("Increase CSAT from 3.9 to 4.5.", 3.9, 4.5, None, None),
    (
        "Increase revenue from 1.5 million to 2 million dollars by 2027",
        1500000,
        2000000,
        "$",
        "2027",
    ),
]


@pytest.mark.parametrize(("text", "baseline", "target", "unit", "due"), KRS)
def test_parse_kr_european_and_finnish_sentences(
    text: str, baseline: Number | None, target: Number | None, unit: str | None, due: str | None
) -> None:
    kr = parse_kr(text)
    assert (kr.baseline, kr.target, kr.unit, kr.due) == (baseline, target, unit, due)


def test_finnish_adessive_is_a_relative_change() -> None:
    a = analyse_kr("Kasvatetaan myyntiä 10 %:lla vuoden loppuun mennessä")
    assert a.relative and a.parsed.target is None and a.parsed.due == "vuoden loppuun"


def test_a_relative_change_after_by_stays_one() -> None:
    a = analyse_kr("Increase NPS by 1.5")
    assert a.relative and a.parsed.due is None
