"""Answers the coach cannot take as they are: one gentle follow-up naming what was unclear,
then an offer to leave it blank, then blank — a guess is never stored, nobody is trapped.
Approximate quantities are read back as a yes/no question and taken only on a yes.
"""

from __future__ import annotations

import pytest

from tests.test_checkin_planner import Checkin, questions, reads_back
from tests.test_checkin_reading import CHURN, NPS, RATE, WAIT


def test_an_unusable_value_gets_one_gentle_follow_up_then_a_good_one_is_taken() -> None:
    run = Checkin([WAIT])
    reply = run.say("roughly 50")
    assert "roughly 50" in reply and questions(reply) == 1 and run.state["values"] == {}
    reply = run.say("48 minutes")
    assert reads_back(reply, "first response time", "48 min", "last week 60 min")


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("said", "named"), [
    ("30-40", "“30-40”"), ("about the same", "“about the same”"), ("3 hours", "“3 hours”"),
    ("roughly 50", "“roughly 50”"), ("it is 50 now, 55 on Monday", "50, 55")])
def test_the_follow_up_names_what_was_unclear(said: str, named: str, seed: int) -> None:
    run = Checkin([WAIT], seed=seed)
    reply = run.say(said)
    assert named in reply and questions(reply) == 1 and run.state["values"] == {}


def test_a_unit_other_than_the_krs_is_asked_again_not_converted() -> None:
    run = Checkin([WAIT])
    reply = run.say("3 hours")
    assert "hours" in reply and "minutes" in reply and "180" not in reply
    assert run.state["values"] == {}


def test_two_unclear_answers_offer_to_leave_it_blank() -> None:
    run = Checkin([WAIT, NPS])
    run.say("dunno")
    reply = run.say("hard to tell")
    assert "blank" in reply and questions(reply) == 1
    reply = run.say("yes")
    assert run.state["blank"] == ["wait"] and "NPS" in reply


def test_nobody_is_trapped_by_unclear_answers() -> None:
    run = Checkin([WAIT, NPS])
    run.play("dunno", "no idea")
    reply = run.say("no")  # not blank: one last try
    assert "one more go" in reply
    reply = run.say("somewhere in the middle")
    assert run.state["blank"] == ["wait"] and "NPS" in reply


def test_an_approximate_value_is_read_back_as_a_question_and_taken_on_yes() -> None:
    run = Checkin([RATE])
    reply = run.say("about two thirds")
    assert "“about two thirds”" in reply and "67%" in reply and run.state["values"] == {}
    reply = run.say("yes")
    assert reads_back(reply, "answer rate", "67%", "last week 75%")
    assert run.state["spans"] == {"rate": "about two thirds"}


def test_an_approximate_value_refused_is_asked_again() -> None:
    run = Checkin([RATE])
    run.say("about two thirds")
    reply = run.say("no")
    assert run.state["values"] == {} and questions(reply) == 1
    reply = run.say("64%")
    assert "64%" in reply and run.state["values"] == {"rate": 64}


def test_an_out_of_range_confidence_is_asked_again() -> None:
    run = Checkin([CHURN])
    run.say("4.0")
    reply = run.say("12 out of 10")
    assert "0 and 10" in reply or "0 to 10" in reply
    assert run.state["confidence"] == {} and questions(reply) == 1
    reply = run.say("maybe 6 or 7")  # the second unclear answer: blank is offered
    assert "open this week" in reply and run.state["confidence"] == {}
    reply = run.say("7")  # a number still counts
    assert "7 out of 10" in reply and run.state["confidence"] == {"churn": 7}


def test_a_confidence_left_open_moves_on_without_scaling() -> None:
    run = Checkin([CHURN, NPS])
    run.play("4.0", "12 out of 10", "dunno")
    reply = run.say("yes")
    assert run.state["confidence"] == {} and run.state["values"] == {"churn": 4.0}
    assert "NPS" in reply and "rather than" not in reply
    assert run.state["blank"] == []  # the value stays; only the confidence is open


def test_a_hedged_confidence_asks_which() -> None:
    run = Checkin([CHURN])
    run.say("4.0")
    reply = run.say("maybe 6 or 7")
    assert "6 or 7" in reply and questions(reply) == 1
    reply = run.say("7")
    assert "7 out of 10" in reply
