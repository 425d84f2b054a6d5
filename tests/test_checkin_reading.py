"""The check-in reader, one turn at a time: values, confidences, skips, corrections, topics.

Every row is a turn as people type it and what a careful coach must read from it. A value
enters only when its number is in the person's words; anything that would need a guess is
`unusable` with its reason; approximate quantities come back `approx` (read back first).
"""

from __future__ import annotations

import pytest

from graph.checkin.models import CheckinKR
from graph.checkin.reading import CheckinReading, Expecting, read_checkin_turn


def make_kr(kr_id: str, metric: str, text: str, unit: str | None, baseline: float | None,
            target: float, last: float | None, confidence: int | None = None,
            expected: float = 0.5, direction: str = "increase") -> CheckinKR:
    return CheckinKR(kr_id=kr_id, text=text, metric=metric, unit=unit, baseline=baseline,
                     target=target, direction="decrease" if direction == "decrease"
                     else "increase", last_value=last, last_confidence=confidence,
                     expected_progress=expected, period_end="the end of June")


CHURN = make_kr("churn", "churn", "Reduce monthly churn from 5% to 3%", "%", 5, 3, 4.2, 6,
                direction="decrease")
WAIT = make_kr("wait", "first response time",
               "Cut first response time from 90 minutes to 30 minutes", "min", 90, 30, 60,
               direction="decrease")
USERS = make_kr("users", "weekly active users",
                "Grow weekly active users from 1,200 to 2,000", "users", 1200, 2000, None)
RATE = make_kr("rate", "answer rate", "Raise the answer rate from 70% to 90%", "%", 70, 90, 75, 5)
NPS = make_kr("nps", "NPS", "Increase NPS from 20 to 40", None, 20, 40, None)
ALL = [CHURN, WAIT, USERS, RATE, NPS]
KRS = {kr["kr_id"]: kr for kr in ALL}
KRS["loaves"] = make_kr("loaves", "wasted loaves", "Reduce wasted loaves from 40 to 15 per week",
                        "/week", 40, 15, None, direction="decrease")


def read(text: str, expecting: Expecting, kr: str | None = None,
         about: str | None = None) -> CheckinReading:
    return read_checkin_turn(text, expecting, KRS[kr] if kr else None,
                             about="value" if about == "value" else (
                                 "confidence" if about == "confidence" else None), krs=ALL)


# (expecting, kr, about, text, kind, value, approx or reason)
ROWS: list[tuple[Expecting, str | None, str | None, str, str, float | None, object]] = [
    # plain values, both directions, percent forms
    ("value", "churn", None, "3.9", "value", 3.9, False),
    ("value", "churn", None, "3.9%", "value", 3.9, False),
    ("value", "churn", None, "3.9 %", "value", 3.9, False),
    ("value", "churn", None, "3,9", "value", 3.9, False),
    ("value", "churn", None, "we're at 3.9% this week", "value", 3.9, False),
    ("value", "churn", None, "it's 3.9 now", "value", 3.9, False),
    ("value", "churn", None, "down from 4.2 to 3.9", "value", 3.9, False),
    ("value", "churn", None, "3.9, last week 4.2", "value", 3.9, False),
    ("value", "rate", None, "45 percent", "value", 45, False),
    ("value", "rate", None, "78%", "value", 78, False),
    ("value", "rate", None, "seventy-eight", "value", 78, False),
    ("value", "wait", None, "45", "value", 45, False),
    ("value", "loaves", None, "we are at 31 loaves this week", "value", 31, False),
    ("value", "loaves", None, "31 a week", "value", 31, False),
    ("value", "loaves", None, "3 hours", "unusable", None, "unit"),
    ("value", "wait", None, "45 minutes", "value", 45, False),
    ("value", "wait", None, "45 min", "value", 45, False),
    ("value", "wait", None, "from 60 to 50", "value", 50, False),
    ("value", "users", None, "1,450", "value", 1450, False),
    ("value", "users", None, "1450 active users", "value", 1450, False),
    ("value", "users", None, "two thousand", "value", 2000, False),
    ("value", "nps", None, "31", "value", 31, False),
    # approximate quantities: read back as a question first
    ("value", "rate", None, "about two thirds", "value", 67, True),
    ("value", "rate", None, "7 out of 10", "value", 70, True),
    ("value", "rate", None, "in the low 80s", "value", 82, True),
    ("value", "users", None, "1.5k", "value", 1500, True),
    ("value", "churn", None, "same as last week", "value", 4.2, True),
    # unusable values: ask once more, never a stored guess
    ("value", "churn", None, "about the same", "unusable", None, "approximate"),
    ("value", "churn", None, "roughly 4", "unusable", None, "approximate"),
    ("value", "churn", None, "maybe 3.9", "unusable", None, "approximate"),
    ("value", "churn", None, "I guess 4", "unusable", None, "approximate"),
    ("value", "churn", None, "4ish", "unusable", None, "approximate"),
    ("value", "wait", None, "just under 50", "unusable", None, "approximate"),
    ("value", "wait", None, "50 or so", "unusable", None, "approximate"),
    ("value", "users", None, "around 1500", "unusable", None, "approximate"),
    ("value", "users", None, "it doubled", "unusable", None, "approximate"),
    ("value", "churn", None, "n/a", "unusable", None, "unknown"),
    ("value", "churn", None, "dunno", "unusable", None, "unknown"),
    ("value", "rate", None, "30-40", "unusable", None, "range"),
    ("value", "churn", None, "3.8-4.0", "unusable", None, "range"),
    ("value", "churn", None, "between 3.8 and 4", "unusable", None, "range"),
    ("value", "churn", None, "3.9 or 4.0", "unusable", None, "range"),
    ("value", "users", None, "1400 or 1500", "unusable", None, "range"),
    ("value", "nps", None, "it is 31 now, 29 on Monday", "unusable", None, "several"),
    ("value", "wait", None, "3 hours", "unusable", None, "unit"),
    ("value", "rate", None, "78 points", "unusable", None, "unit"),
    ("value", "users", None, "up a bit", "unusable", None, "no_number"),
    ("value", "nps", None, "same as last week", "unusable", None, "no_number"),
    ("value", "churn", None, "   ", "unusable", None, "empty"),
    # skip
    ("value", "churn", None, "skip", "skip", None, None),
    ("value", "churn", None, "later", "skip", None, None),
    ("value", "churn", None, "skip this one", "skip", None, None),
    ("confidence", "churn", None, "skip", "skip", None, None),
    # confidence forms
    ("confidence", "churn", None, "7", "confidence", 7, False),
    ("confidence", "churn", None, "7/10", "confidence", 7, False),
    ("confidence", "churn", None, "seven", "confidence", 7, False),
    ("confidence", "churn", None, "7 out of 10", "confidence", 7, False),
    ("confidence", "churn", None, "seven out of ten", "confidence", 7, False),
    ("confidence", "churn", None, "I'd say a 7", "confidence", 7, False),
    ("confidence", "churn", None, "a solid 8", "confidence", 8, False),
    ("confidence", "churn", None, "7, up from 6", "confidence", 7, False),
    ("confidence", "churn", None, "0", "confidence", 0, False),
    ("confidence", "churn", None, "zero", "confidence", 0, False),
    ("confidence", "churn", None, "10", "confidence", 10, False),
    ("confidence", "churn", None, "ten", "confidence", 10, False),
    ("confidence", "churn", None, "70%", "confidence", 7, True),
    # confidence that cannot be taken
    ("confidence", "churn", None, "12 out of 10", "unusable", None, "out_of_range"),
    ("confidence", "churn", None, "11", "unusable", None, "out_of_range"),
    ("confidence", "churn", None, "-1", "unusable", None, "out_of_range"),
    ("confidence", "churn", None, "maybe 6 or 7", "unusable", None, "range"),
    ("confidence", "churn", None, "6-7", "unusable", None, "range"),
    ("confidence", "churn", None, "six or seven", "unusable", None, "range"),
    ("confidence", "churn", None, "6.5", "unusable", None, "whole"),
    ("confidence", "churn", None, "about 7", "unusable", None, "approximate"),
    ("confidence", "churn", None, "7ish", "unusable", None, "approximate"),
    ("confidence", "churn", None, "3/5", "unusable", None, "scale"),
    ("confidence", "churn", None, "pretty confident", "unusable", None, "no_number"),
    ("confidence", "churn", None, "dunno", "unusable", None, "unknown"),
    # corrections right after a read-back
    ("confidence", "churn", "value", "no, 4.1", "correction", 4.1, False),
    ("confidence", "churn", "value", "not 3.9, 4.1", "correction", 4.1, False),
    ("confidence", "churn", "value", "sorry, 4.1", "correction", 4.1, False),
    ("confidence", "churn", "value", "I meant 4.1%", "correction", 4.1, False),
    ("confidence", "churn", "value", "no", "correction", None, None),
    ("confidence", "churn", "value", "7", "confidence", 7, False),
    ("text", "churn", "confidence", "no, 6", "correction", 6, False),
    ("text", "churn", "confidence", "the team is on it", "text", None, None),
    ("value", "wait", "value", "no, 3 hours", "unusable", None, "unit"),
    # yes / no after a read-back question
    ("yes_no", "rate", "value", "yes", "yes", None, None),
    ("yes_no", "rate", "value", "yep, that's right", "yes", None, None),
    ("yes_no", "rate", "value", "no", "no", None, None),
    ("yes_no", "rate", "value", "no, 64", "value", 64, False),
    ("yes_no", "rate", "value", "hmm", "text", None, None),
    # commitments, notes, review
    ("commitment", None, None, "that's it", "done", None, None),
    ("commitment", None, None, "no", "done", None, None),
    ("commitment", None, None, "call 3 customers", "text", None, None),
    ("text", None, None, "nothing", "no", None, None),
    ("text", None, None, "skip", "skip", None, None),
    ("review", None, None, "no, didn't get to it", "text", None, None),
]


@pytest.mark.parametrize(("expecting", "kr", "about", "text", "kind", "value", "extra"), ROWS)
def test_reading(expecting: Expecting, kr: str | None, about: str | None, text: str, kind: str,
                 value: float | None, extra: object) -> None:
    reading = read(text, expecting, kr, about)
    assert reading.kind == kind, reading
    assert reading.value == value, reading
    if kind == "unusable":
        assert reading.reason == extra, reading
    elif isinstance(extra, bool):
        assert reading.approx is extra, reading


def test_there_are_enough_rows() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("row", [r for r in ROWS if r[5] is not None])
def test_every_value_is_in_the_persons_words(row: tuple[object, ...]) -> None:
    expecting, kr, about, text = row[0], row[1], row[2], row[3]
    reading = read(str(text), expecting, kr, about)  # type: ignore[arg-type]
    assert reading.span and reading.span.lower() in str(text).lower()


def test_a_unit_other_than_the_krs_is_named() -> None:
    reading = read("3 hours", "value", "wait")
    assert (reading.reason, reading.said, reading.said_unit) == ("unit", "3 hours", "h")


def test_the_unclear_words_are_kept_to_name_them() -> None:
    assert read("roughly 4", "value", "churn").said == "roughly 4"
    assert read("maybe 6 or 7", "confidence", "churn").said == "6 or 7"


def test_a_closing_commitment() -> None:
    reading = read("call 3 customers, and that's it", "commitment")
    assert (reading.kind, reading.text, reading.closing) == ("text", "call 3 customers", True)


@pytest.mark.parametrize(("text", "kind", "choice", "reason"), [
    ("2", "kr_choice", 1, None),
    ("KR 2", "kr_choice", 1, None),
    ("number 4", "kr_choice", 3, None),
    ("the second one", "kr_choice", 1, None),
    ("last one", "kr_choice", 4, None),
    ("churn", "kr_choice", 0, None),
    ("let's talk about churn", "kr_choice", 0, None),
    ("response time", "kr_choice", 1, None),
    ("the active users", "kr_choice", 2, None),
    ("none", "skip", None, None),
    ("nothing in particular", "skip", None, None),
    ("KR 7", "unusable", None, "no_such_kr"),
    ("the onboarding emails", "text", None, None),
])
def test_topic(text: str, kind: str, choice: int | None, reason: str | None) -> None:
    reading = read(text, "topic")
    assert (reading.kind, reading.kr_choice, reading.reason) == (kind, choice, reason)


def test_a_number_the_person_did_not_say_is_dropped_by_the_guard() -> None:
    # "two" is part of "two thirds" (read back), never the value 2
    reading = read("about two thirds", "value", "rate")
    assert reading.value == 67 and reading.approx
    assert read("two thirds of the calls", "value", "nps").value != 2
