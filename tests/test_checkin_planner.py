"""Whole weekly check-ins, scripted through reading + planner + wording (no model, no graph).

Each test plays the person's turns and checks what the offline coach says: last week's
commitments first (one question), then per KR the value (read back) and the confidence
(read back); the topic question — naming a KR whose progress and confidence disagree; on the
chosen KR (or the least confident one) "what puts you at N rather than M?" (what works) and
"what would N+1 look like?"; strengths; next week's 1–3 steps in one answer; the summary.
"""

from __future__ import annotations

import json
from typing import cast

import pytest

from graph.checkin.models import (
    CheckinKR,
    CheckinState,
    CheckinUpdate,
    Move,
    new_checkin,
    record_of,
)
from graph.checkin.planner import first_move, next_move, read_turn
from graph.checkin.wording import line, say
from tests.test_checkin_reading import CHURN, NPS, RATE, WAIT, make_kr


class Checkin:
    """A check-in played turn by turn; `coach` holds every coach line."""

    def __init__(self, krs: list[CheckinKR], commitments: list[str] | None = None,
                 seed: int = 0) -> None:
        self.state = new_checkin(krs, commitments, seed=seed)
        self.moves: list[Move] = []
        self.coach: list[str] = []
        self._apply(*first_move(self.state))

    def _apply(self, updates: CheckinUpdate, move: Move) -> str:
        before = self.state
        self.state = cast(CheckinState, {**before, **updates})
        assert all(before[k] != v for k, v in updates.items())  # type: ignore[literal-required]
        json.loads(json.dumps(self.state))  # plain JSON, checkpoint-safe
        self.moves.append(move)
        self.coach.append(say(move))
        return self.coach[-1]

    def say(self, text: str) -> str:
        return self._apply(*next_move(self.state, read_turn(self.state, text)))

    def play(self, *turns: str) -> list[str]:
        return [self.say(t) for t in turns]

    @property
    def last(self) -> str:
        return self.coach[-1]


def reads_back(reply: str, metric: str, value: str, before: str | None = None) -> bool:
    """The first sentence restates `metric` at `value` (and last week's / the start)."""
    first = reply.split(". ")[0]
    return metric in first and value in first and (before is None or before in first)


def questions(text: str) -> int:
    return text.split("\n")[0].count("?")


def test_a_whole_checkin_with_two_krs_and_last_weeks_commitment() -> None:
    run = Checkin([CHURN, NPS], ["call five churned customers"])
    assert "“call five churned customers”" in run.last and questions(run.last) == 1
    reply = run.say("called three of them, learned a lot")
    assert "churn" in reply and "4.2%" in reply and "3%" in reply and "the end of June" in reply
    reply = run.say("4.6")
    assert reads_back(reply, "churn", "4.6%", "last week 4.2%")
    assert "0 to 10" in reply and "3%" in reply
    reply = run.say("8")
    assert "8 out of 10" in reply and "(last week 6)" in reply
    assert "NPS" in reply and "at 20" in reply and "40" in reply
    reply = run.say("32")
    assert reads_back(reply, "NPS", "32", "20")
    reply = run.say("6")
    assert "6 out of 10" in reply and "or none)?" in reply and questions(reply) == 1
    # churn is behind the straight line at a confident 8: named in the topic question
    assert "KR 1 (churn)" in reply and "behind the straight line" in reply and "8" in reply
    reply = run.say("KR 1")
    assert "churn" in reply and questions(reply) == 1
    assert "8 rather than 4" in reply or "8 and not 4" in reply
    reply = run.say("the onboarding emails get answers")
    assert "9" in reply and questions(reply) == 1
    reply = run.say("fewer cancellations in the first week")
    assert "strength" in reply and questions(reply) == 1
    reply = run.say("patience and curiosity")
    assert "small steps" in reply and questions(reply) == 1
    reply = run.say("send the exit survey and book two calls, that's it")
    assert run.moves[-1].done
    for fact in ("churn: 4.6%, confidence 8 out of 10", "NPS: 32, confidence 6 out of 10",
                 "send the exit survey; book two calls", "the onboarding emails get answers",
                 "patience and curiosity"):
        assert fact in reply
    record = record_of(run.state)
    assert [(k["kr_id"], k["value"], k["confidence"], k["flagged"]) for k in record["krs"]] == [
        ("churn", 4.6, 8, True), ("nps", 32, 6, False)]
    assert record["reviews"] == [{"commitment": "call five churned customers",
                                  "note": "called three of them, learned a lot"}]
    assert record["commitments"] == ["send the exit survey", "book two calls"]
    assert record["topic"] == {"kr_id": "churn", "text": "KR 1"}
    assert record["working"] == ["the onboarding emails get answers"]
    assert [(n["about"], n["text"]) for n in record["krs"][0]["notes"]] == [
        ("lower", "the onboarding emails get answers"),
        ("next", "fewer cancellations in the first week")]
    assert run.say("hello") == line(run.moves[-1].parts[0])  # done stays done
    assert all(questions(c) <= 1 for c in run.coach)
    assert run.state["turn"] == 10 + 1  # + the "hello" after the end


def test_a_correction_right_after_the_read_back() -> None:
    run = Checkin([CHURN])
    run.say("3.9")
    reply = run.say("no, 4.1")
    assert "4.1%" in reply and "3.9" not in reply and "0 to 10" in reply
    assert run.state["values"] == {"churn": 4.1} and run.state["spans"] == {"churn": "4.1"}
    run.say("7")
    reply = run.say("not 7, 6")
    assert "6 out of 10" in reply and run.state["confidence"] == {"churn": 6}
    assert "or none)?" in reply  # back to the question it interrupted
    reply = run.say("churn")
    assert "6 rather than 3" in reply or "6 and not 3" in reply


def test_a_bare_no_after_a_read_back_asks_for_the_right_number() -> None:
    run = Checkin([CHURN])
    run.say("3.9")
    reply = run.say("no")
    assert "churn" in reply and questions(reply) == 1 and run.state["values"] == {"churn": 3.9}
    reply = run.say("4.1")
    assert "4.1%" in reply and run.state["values"] == {"churn": 4.1}
    assert "0 to 10" in reply  # back to the question it interrupted


def test_a_skip_leaves_the_kr_without_a_value_and_skips_its_confidence() -> None:
    run = Checkin([CHURN, NPS])
    reply = run.say("skip")
    assert "no number for churn" in reply or "churn stays without a number" in reply
    assert "NPS" in reply and "0 to 10" not in reply
    run.play("31", "5")
    assert run.state["blank"] == ["churn"] and "churn" not in run.state["confidence"]
    reply = run.say("none")  # the scaling pair on the only KR with a confidence
    assert "NPS" in reply and ("5 rather than 2" in reply or "5 and not 2" in reply)
    run.play("the new app", "more promoters", "persistence", "that's it")
    assert "Even one small thing" in run.last and not run.moves[-1].done
    run.say("call one promoter")
    assert run.moves[-1].done
    assert "churn: no number this week" in run.last and "NPS: 31, confidence 5" in run.last


def _to_topic(kr: CheckinKR, value: str, confidence: str) -> Checkin:
    run = Checkin([kr])
    run.play(value, confidence)
    assert run.state["step"] == "topic"
    return run


def test_behind_pace_but_confident_is_named_in_the_topic_question() -> None:
    run = _to_topic(CHURN, "4.6", "8")  # 20 % of the way, the line says 50 %
    assert "KR 1 (churn)" in run.last and "8" in run.last and questions(run.last) == 1
    assert "behind the straight line" in run.last and run.state["flagged"] == ["churn"]


def test_on_pace_but_worried_is_named_in_the_topic_question() -> None:
    run = _to_topic(NPS, "32", "3")  # 60 % of the way, the line says 50 %
    assert "KR 1 (NPS)" in run.last and "3" in run.last and questions(run.last) == 1
    assert "on pace" in run.last or "keeps up" in run.last
    assert run.state["flagged"] == ["nps"]


def test_two_disagreements_are_both_named() -> None:
    run = Checkin([CHURN, NPS])
    run.play("4.6", "8", "32", "3")
    assert "KR 1 (churn) and KR 2 (NPS)" in run.last and questions(run.last) == 1
    assert run.state["flagged"] == ["churn", "nps"]


def test_a_corrected_confidence_updates_the_disagreement() -> None:
    run = Checkin([CHURN])
    run.play("4.6", "8")
    assert run.state["flagged"] == ["churn"]
    reply = run.say("no, 5")
    assert "5 out of 10" in reply and run.state["flagged"] == []
    assert "straight line" not in reply and "or none)?" in reply


@pytest.mark.parametrize(("kr", "value", "confidence"), [
    (CHURN, "3.9", "7"), (CHURN, "4.8", "2"), (NPS, "32", "6"), (NPS, "21", "5")])
def test_no_disagreement_when_they_agree(kr: CheckinKR, value: str, confidence: str) -> None:
    run = _to_topic(kr, value, confidence)
    assert run.state["flagged"] == []
    assert "straight line" not in run.last and "on pace" not in run.last


def test_no_disagreement_without_a_baseline() -> None:
    kr = make_kr("new", "signups", "Reach 500 signups", "signups", None, 500, None,
                 expected=0.8)
    run = _to_topic(kr, "40", "9")
    assert run.state["flagged"] == [] and "straight line" not in run.last


def test_no_topic_scales_the_least_confident_kr() -> None:
    run = Checkin([CHURN, NPS, RATE])
    run.play("3.9", "7", "32", "6", "80%", "4")
    reply = run.say("none")
    assert "answer rate" in reply and ("4 rather than 2" in reply or "4 and not 2" in reply)
    reply = run.say("the new script helps")
    assert "5" in reply and run.state["working"] == ["the new script helps"]
    assert run.state["notes"] == [{"kr_id": "rate", "about": "lower",
                                   "text": "the new script helps"}]


def test_a_topic_of_their_own_scales_the_least_confident_kr() -> None:
    run = Checkin([CHURN, NPS])
    run.play("3.9", "7", "32", "6")
    reply = run.say("the team's mood")
    assert "the team's mood" in reply and "NPS" in reply
    assert "6 rather than 3" in reply or "6 and not 3" in reply
    assert run.state["topic"] == {"kr_id": None, "text": "the team's mood"}


def test_confidence_ten_and_zero_scale_questions() -> None:
    run = Checkin([CHURN])
    run.play("3.9", "10")
    reply = run.say("churn")
    assert "10 rather than 5" in reply or "10 and not 5" in reply
    reply = run.say("we know what works")
    assert "strength" in reply and "11" not in reply  # no "what would 11 look like"
    run = Checkin([CHURN, NPS])
    run.play("3.9", "10", "25", "0")
    reply = run.say("none")  # NPS at 0: nothing lower to compare, so what is working
    assert "NPS" in reply and "rather than" not in reply and "working" in reply
    reply = run.say("we started the survey")
    assert "1 look like" in reply or "sign of a 1" in reply
    assert run.state["working"] == ["we started the survey"]


def test_next_weeks_steps_come_in_one_answer() -> None:
    run = Checkin([NPS])
    run.play("skip", "none", "the team", "kindness")
    assert run.state["step"] == "commitments" and "small steps" in run.last
    run.say("one; two; three")
    assert run.moves[-1].done and run.state["commitments"] == ["one", "two", "three"]
    assert "Next week: one; two; three" in run.last


def test_more_than_three_steps_stay_together_in_the_third() -> None:
    run = Checkin([NPS])
    run.play("skip", "none", "the team", "kindness", "a; b; c; d")
    assert run.moves[-1].done and run.state["commitments"] == ["a", "b", "c; d"]


def test_nothing_working_asks_for_an_exception_once() -> None:
    run = Checkin([NPS])
    run.play("skip", "none", "nothing")
    assert "When was it even slightly better" in run.last or "good moments" in run.last
    run.play("the friday demo", "showing up", "call a promoter")
    assert run.moves[-1].done and "Next week: call a promoter" in run.last
    assert run.state["working"] == ["the friday demo"]


def test_no_commitments_after_asking_once_for_a_small_step() -> None:
    run = Checkin([NPS])
    run.play("skip", "none", "skip", "no")
    assert "small" in run.last and not run.moves[-1].done
    run.say("no")
    assert run.moves[-1].done and "no commitments set" in run.last


def test_a_yes_is_not_a_step() -> None:
    run = Checkin([NPS])
    run.play("skip", "none", "the team", "kindness", "yes")
    assert "small" in run.last and run.state["commitments"] == []
    run.say("call a promoter")
    assert run.moves[-1].done and run.state["commitments"] == ["call a promoter"]


def test_no_previous_commitments_starts_with_the_first_kr() -> None:
    run = Checkin([CHURN])
    assert "churn" in run.last and "last week you" not in run.last.lower()


def test_all_of_last_weeks_commitments_in_one_question() -> None:
    run = Checkin([CHURN], ["ask Anna for data", "write the FAQ"])
    assert "“ask Anna for data” and “write the FAQ”" in run.last and questions(run.last) == 1
    run.say("done, and it helped")
    assert run.state["reviews"] == [{"commitment": "ask Anna for data",
                                     "note": "done, and it helped"},
                                    {"commitment": "write the FAQ",
                                     "note": "done, and it helped"}]
    assert "churn" in run.last


def test_a_review_can_be_skipped_and_noted_as_such() -> None:
    run = Checkin([CHURN], ["ask Anna for data", "write the FAQ"])
    run.say("later")
    assert run.state["reviews"] == [{"commitment": "ask Anna for data", "note": None},
                                    {"commitment": "write the FAQ", "note": None}]
    assert "churn" in run.last


def test_every_captured_value_is_read_back_in_the_next_line() -> None:
    run = Checkin([CHURN, WAIT, RATE])
    for value, confidence in (("3.9", "7"), ("50 minutes", "5"), ("80%", "6")):
        metric = run.state["krs"][run.state["kr_index"]]["metric"]
        assert reads_back(run.say(value), metric, value.split()[0].rstrip("%"))
        assert f"{confidence} out of 10" in run.say(confidence)


def test_a_correction_only_counts_right_after_the_read_back() -> None:
    run = Checkin([CHURN])
    run.play("3.9", "7", "KR 1")
    run.say("no, 4.1")  # two lines later: an answer to the scaling question, not a correction
    assert run.state["values"] == {"churn": 3.9} and run.state["confidence"] == {"churn": 7}
    assert run.state["notes"][-1]["text"] == "no, 4.1"


def test_updates_name_every_state_key_and_only_changed_ones() -> None:
    assert CheckinUpdate.__annotations__.keys() == CheckinState.__annotations__.keys()
    run = Checkin([CHURN])
    updates, _move = next_move(run.state, read_turn(run.state, "3.9"))
    assert set(updates) == {"turn", "values", "spans", "readback", "step"}


def test_the_first_checkin_on_a_set_does_not_greet_as_if_again() -> None:
    first = CheckinKR(**{**CHURN, "last_value": None, "last_confidence": None})
    opening = say(first_move(new_checkin([first]))[1])
    again = say(first_move(new_checkin([CHURN], ["call two customers"]))[1])
    assert "first check-in" in opening and "again" not in opening
    assert "first check-in" not in again


def test_a_bare_yes_where_words_were_asked_for_is_asked_again_never_noted() -> None:
    run = Checkin([NPS])
    run.play("31", "5", "NPS")
    assert run.state["step"] == "working"  # "what puts you at 5 rather than 2?"
    reply = run.say("yes")
    assert "own" in reply and run.state["step"] == "working" and reply.count("?") == 1
    run.say("the new app")
    assert run.state["working"] == ["the new app"]
    run.say("more promoters")  # what 6 would look like
    assert run.state["step"] == "strengths"
    run.say("ok")
    assert run.state["step"] == "strengths"
    run.say("ok")  # a second bare answer: moved on, nothing noted
    assert run.state["step"] == "commitments" and run.state["strengths"] == []


def test_an_exact_value_far_from_the_estimate_just_given_is_asked_about() -> None:
    """A new user said "About 70% this week", was asked for the exact figure and typed "7"
    (the confidence, one question early): it was noted as 7%. Now it is read back as a
    question, and taken only on a yes; a figure near the estimate is taken as said."""
    slip = Checkin([RATE])
    slip.play("about 80% this week")
    asked = slip.say("7")
    assert "7%" in asked and "“about 80% this week”" in asked and asked.count("?") == 1
    assert slip.state["values"] == {}
    slip.say("no")
    assert slip.state["values"] == {}
    slip.say("82%")
    assert slip.state["values"] == {"rate": 82}

    near = Checkin([RATE])
    near.play("about 80% this week", "82")
    assert near.state["values"] == {"rate": 82}

    meant = Checkin([RATE])
    meant.play("about 80% this week", "7", "yes")
    assert meant.state["values"] == {"rate": 7}
