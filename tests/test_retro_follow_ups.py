"""Retro follow-ups: what the coach does when a score cannot be taken as said, and the
read-back that can be corrected right after.

A bare "no" asks for their score; a derived score is read back as a question; a hedge, two
candidates or a number off the 0–1 scale is named and asked about; after the second unclear
answer the coach offers to leave the KR unscored and a third does — nobody is trapped. Every
captured score is read back in the next line and "no, 0.7" right after changes it.
"""

from __future__ import annotations

import pytest

from graph.retro.planner import expects
from tests.test_retro_planner import CHURN, HALF, NPS, Retro, questions


def test_a_bare_no_to_the_suggestion_asks_for_their_score() -> None:
    run = Retro([NPS])
    reply = run.say("no")
    assert "instead" in reply or "how would you score" in reply
    assert expects(run.state).expecting == "score_value"
    assert run.say("0.3").startswith("Scored 0.3 (red)")


def test_a_derived_score_not_confirmed_asks_for_the_score() -> None:
    run = Retro([NPS])
    run.play("60%", "no")
    assert run.state["scores"] == {} and expects(run.state).expecting == "score_value"
    assert run.say("0.5").startswith("Scored 0.5 (yellow)")


def test_a_hedged_score_asks_which_and_never_guesses() -> None:
    run = Retro([NPS])
    reply = run.say("0.6 or 0.7")
    assert "“0.6 or 0.7”" in reply and questions(reply) == 1
    assert run.state["scores"] == {}
    reply = run.say("about 0.6")
    assert run.state["scores"] == {} and "unscored" in reply
    assert run.say("no").count("?") == 1  # not unscored: one last try
    assert run.say("0.6").startswith("Scored 0.6 (yellow)")


@pytest.mark.parametrize("said", ["7", "1.5", "120%"])
def test_an_out_of_range_score_is_named_and_asked_again(said: str) -> None:
    run = Retro([NPS])
    reply = run.say(said)
    assert f"“{said}”" in reply and "0.0 to 1.0" in reply
    assert run.state["scores"] == {}


def test_nobody_is_trapped_three_unclear_answers_leave_it_unscored() -> None:
    run = Retro([NPS, HALF])
    run.play("a tough one", "hmm, hard to put a number on")
    assert run.state["offering_unscored"]
    reply = run.say("whatever")
    assert "unscored" in reply or "open" in reply
    assert run.state["unscored"] == ["nps"] and "Raise the answer rate" in reply


def test_a_correction_right_after_the_read_back_changes_the_score() -> None:
    run = Retro([NPS, HALF])
    run.say("0.6")
    reply = run.say("no, 0.7")
    assert "Scored 0.7 (green)" in reply and reply.startswith(("Changed", "Corrected"))
    assert "good result" in reply or "strong result" in reply
    assert run.state["scores"]["nps"] == 0.7 and run.state["adjusted"] == []
    run.say("ask earlier")
    assert run.state["kr_learnings"] == {"nps": "ask earlier"}


def test_a_bare_no_after_the_read_back_asks_which_score() -> None:
    run = Retro([NPS])
    run.say("yes")
    reply = run.say("no")
    assert "score" in reply and questions(reply) == 1
    assert expects(run.state).expecting == "score_value"
    assert "Scored 0.5 (yellow)" in run.say("0.5")
    assert run.state["scores"]["nps"] == 0.5


def test_keeping_the_score_after_a_no_keeps_it() -> None:
    run = Retro([NPS])
    run.play("yes", "no")
    reply = run.say("keep it")
    assert "0.7 (green)" in reply and run.state["scores"]["nps"] == 0.7


def test_a_correction_that_makes_it_a_10_asks_about_the_stretch() -> None:
    run = Retro([NPS])
    run.say("yes")
    reply = run.say("actually 1.0")
    assert "Scored 1.0 (green)" in reply and "stretch" in reply
    assert run.step == "reflect"


def test_a_number_in_a_later_learning_is_a_learning_not_a_correction() -> None:
    run = Retro([CHURN])
    run.play("yes", "the release slipped")
    run.say("no, 0.7")  # the read-back was two lines ago
    assert run.state["scores"]["churn"] == 0.8
    assert run.state["kr_learnings"]["churn"] == "no, 0.7"
