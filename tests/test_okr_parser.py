"""KR parsing: numbers with units, deadlines, unknown answers and KR candidates."""

from __future__ import annotations

import pytest

from coach.okr.models import Number
from coach.okr.parser import (
    analyse_kr,
    parse_due,
    parse_kr,
    parse_number,
    says_unknown,
    split_kr_candidates,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 70%", (70, "%")),
        ("we're at 12 a month", (12, "/month")),
        ("roughly 3.8", (3.8, None)),
        ("$500k", (500000, "$")),
        ("around 1.2 million euros", (1200000, "€")),
        ("1,200 active users", (1200, "users")),
        ("70 percent as of March 31", (70, "%")),
        ("seventy-five percent", (75, "%")),
        ("it takes 9 minutes on average", (9, "min")),
        ("€35K per month", (35000, "€/month")),
        ("2 hours per week", (2, "h/week")),
        ("NPS is +12", (12, None)),
        ("nothing yet", (0, None)),
        ("no idea", None),
        ("we don't track it", None),
        ("in Q3 2026", None),
    ],
)
def test_parse_number(text: str, expected: tuple[Number, str | None] | None) -> None:
    assert parse_number(text) == expected


def test_parse_number_types() -> None:
    assert type(parse_number("$1.5M")[0]) is int  # type: ignore[index]
    assert type(parse_number("3.8")[0]) is float  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Increase X from 1 to 2 by end of Q2", "end of Q2"),
        ("by 2027-03-31", "2027-03-31"),
        ("within 3 months", "within 3 months"),
        ("by the end of the period", "end of the period"),
        ("from 40 to 120 active users by March 31", "March 31"),
        ("in Q3 2026", "Q3 2026"),
        ("by 31/12/2026", "31/12/2026"),
        ("by EOY", "EOY"),
        ("this quarter", "this quarter"),
        ("by December 2026", "December 2026"),
        ("within two weeks", "within two weeks"),
        ("Get 80% of invoices paid within 30 days", None),
        ("Reduce churn from 5% to 3% within 90 days", "within 90 days"),
        ("Serve 2000 users", None),
        ("We had 70% last year", None),
        ("Increase response rate from 70% to 90%", None),
    ],
)
def test_parse_due(text: str, expected: str | None) -> None:
    assert parse_due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't know", True),
        ("no idea, honestly", True),
        ("It's not measured yet", True),
        ("unknown", True),
        ("we don't track it", True),
        ("We do not measure that", True),
        ("about 70%", False),
        ("we know it is around 12 a month", False),
    ],
)
def test_says_unknown(text: str, expected: bool) -> None:
    assert says_unknown(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Well, we talked a lot. I think our first KR would be to increase response rate "
            "from 70% to 90%. The second one: reduce escalations from 12/month to <3/month by "
            "end of Q2. Honestly the team is tired.",
            [
                "Increase response rate from 70% to 90%",
                "Reduce escalations from 12/month to <3/month by end of Q2",
            ],
        ),
        (
            "KR1: Grow ARR $500K → $750K KR2: raise CSAT 3.8 -> 4.5 KR3: hire two more people",
            ["Grow ARR $500K → $750K", "Raise CSAT 3.8 -> 4.5"],
        ),
        (
            "- Increase NPS from 30 to 45\n- Launch the new portal\n"
            "* Cut churn from 5% to 3%; reduce handling time from 9 min to 6 min",
            [
                "Increase NPS from 30 to 45",
                "Cut churn from 5% to 3%",
                "Reduce handling time from 9 min to 6 min",
            ],
        ),
        (
            "Increase conversion from 2% to 3% and AOV from $50 to $60",
            ["Increase conversion from 2% to 3%", "AOV from $50 to $60"],
        ),
        (
            "Raise CSAT from 3.8 to 4.5, reduce churn from 5% to 3% and grow ARR by 20%",
            ["Raise CSAT from 3.8 to 4.5", "Reduce churn from 5% to 3%", "Grow ARR by 20%"],
        ),
        (
            "Increase calls answered and resolved on first contact from 60% to 80%",
            ["Increase calls answered and resolved on first contact from 60% to 80%"],
        ),
        ("We had 70% last year and it was a tough one. We're at 12 a month now.", []),
        ("Our customers keep complaining about wait times. I don't know what to do.", []),
        ("Increase revenue significantly and become the best team", []),
        ("from 70% to 90%", []),
    ],
)
def test_split_kr_candidates(text: str, expected: list[str]) -> None:
    assert split_kr_candidates(text) == expected


def test_dates_and_codes_never_become_numbers() -> None:
    kr = parse_kr("Cut P1 incidents in Q3 2026 from 8 to 2 by 2026-09-30")
    assert (kr.metric, kr.baseline, kr.target, kr.due) == ("P1 incidents", 8, 2, "Q3 2026")
    kr = parse_kr("Achieve ISO 27001 certification")
    assert (kr.baseline, kr.target) == (None, None)


def test_never_invents_numbers() -> None:
    kr = parse_kr("Increase revenue by 20%")
    assert (kr.baseline, kr.target, kr.unit) == (None, None, None)
    kr = parse_kr("Double active users from 40")
    assert (kr.baseline, kr.target) == (40, None)


def test_multipliers_and_separators() -> None:
    kr = parse_kr("Increase revenue from $1,200,000 to $1.5 million")
    assert (kr.baseline, kr.target, kr.unit) == (1200000, 1500000, "$")
    kr = parse_kr("Grow newsletter subscribers from 2.3k to 10k")
    assert (kr.baseline, kr.target) == (2300, 10000)


def test_mixed_time_units_are_made_comparable() -> None:
    kr = parse_kr("Reduce the average time to first response from 4 hours to 30 minutes")
    assert (kr.metric, kr.baseline, kr.target, kr.unit) == (
        "average time to first response",
        240,
        30,
        "min",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # negative numbers after from/to
        ("Increase NPS from -10 to +15", ("NPS", -10, 15, None)),
        # number words where numbers stand
        ("Reduce churn from five percent to three percent", ("churn", 5, 3, "%")),
        ("Grow active partners from twelve to twenty-five", ("active partners", 12, 25, None)),
        # shares written as ratios become percentages; a decimal "out of" is a score
        ("Raise activation from 1 in 5 to 1 in 2", ("activation", 20, 50, "%")),
        ("Raise CSAT from 3.9 out of 5 to 4.4 out of 5", ("CSAT", 3.9, 4.4, None)),
        # glued codes are part of the name, not values
        ("Increase 4G coverage from 70% to 90% of postcodes", ("4G coverage", 70, 90, "%")),
        ("Bring my 5k time from 28 minutes to 24 minutes", ("5k time", 28, 24, "min")),
        # mass / energy units
        ("Cut landfill waste from 300 tonnes to 180 tonnes", ("landfill waste", 300, 180, "t")),
        # parenthetical and "last year" baselines, bounds as targets
        ("Reduce churn to under 3% (currently 5.2%)", ("churn", 5.2, 3, "%")),
        ("NPS ≥ 45 (today 31)", ("NPS", 31, 45, None)),
        (
            "No more than 2 Sev1 incidents per quarter (from 7)",
            ("Sev1 incidents", 7, 2, "/quarter"),
        ),
        ("Raise £250k in grant funding (last year £180k)", ("grant funding", 180000, 250000, "£")),
        # "% of" in the metric gives the unit
        (
            "Increase the % of on-time deliveries from 88 to 96",
            ("% of on-time deliveries", 88, 96, "%"),
        ),
        # frequencies are not multipliers; "per <noun>" is a rate
        ("Deployment frequency from 1 to 3 times a week", ("deployment frequency", 1, 3, "/week")),
        (
            "Grow webinar attendance to 400 per session (now 150)",
            ("webinar attendance", 150, 400, "/session"),
        ),
        # hyphenated compounds are not cut at "to"
        ("Create 20 how-to videos", ("how-to videos", None, 20, "videos")),
    ],
)
def test_reads_numbers_in_many_phrasings(
    text: str, expected: tuple[str | None, Number | None, Number | None, str | None]
) -> None:
    kr = parse_kr(text)
    assert (kr.metric, kr.baseline, kr.target, kr.unit) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Increase revenue by 20%",
        "Increase ARPU 20% YoY",
        "Reduce returns by a third",
        "Cut complaints in half",
        "Grow signups 2.5x from 400",
        "10x the number of API calls from 50k per day",
        "Triple referral revenue",
    ],
)
def test_relative_changes_never_become_targets(text: str) -> None:
    a = analyse_kr(text)
    assert a.relative and a.parsed.target is None


def test_clock_times_and_conjunctions_never_make_numbers() -> None:
    kr = parse_kr("Reduce average handle time from 8 minutes to 6:30")
    assert (kr.baseline, kr.target) == (8, None)  # 6:30 is not 6 (nor 30)
    kr = parse_kr("Grow signups to 2,000 and activation to 40%")
    assert (kr.metric, kr.baseline, kr.target) == ("signups", None, 2000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("So basically, maybe something like: cut refund rate from 4% to 2%?", "refund rate"),
        ("Hmm, I guess we want 90% of deployments to be automated", "deployments"),
        ("I'd love for churn to drop from 4% to 2.5% by Q3", "churn"),
        ("Our aim: reduce escalations from 30 a month to 10 a month", "escalations"),
        ("- [ ] Decrease mean time to resolve from 5 days to 2 days", "mean time to resolve"),
        ("Raise the Net Promoter Score from 12 to 30", "Net Promoter Score"),
        ("Patch 95% of critical vulnerabilities (today 60%)", "critical vulnerabilities patched"),
        (
            "Better collaboration between sales and product",
            "collaboration between sales and product",
        ),
    ],
)
def test_chatter_and_wish_frames_are_stripped(text: str, expected: str) -> None:
    assert parse_kr(text).metric == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by week 12", "week 12"),
        ("by Black Friday", "Black Friday"),
        ("before Christmas", "Christmas"),
        ("by mid-2027", "mid-2027"),
        ("by end-Q3", "end-Q3"),
        ("by EOY 2026", "EOY 2026"),
        ("by 2026-Q4", "2026-Q4"),
        ("by end of FY", "end of FY"),
        ("over the next two quarters", "over the next two quarters"),
        ("Grow X from 1 to 2 within six weeks", "within six weeks"),  # as typed
        ("Reduce month-end close from 8 days to 5", None),  # an adjective, not a date
        ("Raise share of patients seen within 18 weeks from 62% to 80%", None),
    ],
)
def test_parse_due_more_forms(text: str, expected: str | None) -> None:
    assert parse_due(text) == expected
