"""Whole end-of-period retrospectives, scripted through reading + planner + wording (no model,
no graph).

Each test plays the person's turns and checks what the offline coach says: per KR the score
the values suggest (accepted, adjusted, hedged, out of range, skipped), its read-back and
correction, what the score means for an aspirational or a committed KR, the learning; then
pride, strengths, learnings about setting OKRs, the summary and the next-period offer.
"""

from __future__ import annotations

import json
from typing import cast

import pytest

from graph.retro.models import Move, RetroKR, RetroState, RetroUpdate, new_retro
from graph.retro.planner import first_move, next_move, read_turn, record_of
from graph.retro.wording import say


def make_kr(kr_id: str, text: str, unit: str | None, baseline: float | None,
            target: float | None, last: float | None, kind: str = "aspirational",
            objective: int = 0) -> RetroKR:
    direction = "decrease" if (baseline is not None and target is not None
                               and target < baseline) else "increase"
    return RetroKR(kr_id=kr_id, text=text, unit=unit, baseline=baseline, target=target,
                   last_value=last, kind="committed" if kind == "committed" else "aspirational",
                   direction="decrease" if direction == "decrease" else "increase",
                   objective=objective)


NPS = make_kr("nps", "Increase NPS from 20 to 40", None, 20, 40, 34)  # 0.7, aspirational
USERS = make_kr("users", "Grow weekly users from 1,200 to 2,000", "users", 1200, 2000, 2100)
CHURN = make_kr("churn", "Reduce churn from 5% to 3%", "%", 5, 3, 3.4, "committed")  # 0.8
UPTIME = make_kr("uptime", "Raise uptime from 99.0% to 99.9%", "%", 99.0, 99.9, 99.9,
                 "committed")
CLOSE = make_kr("close", "Cut wait time from 90 min to 30 min", "min", 90, 30, 31.5,
                "committed")  # 0.975: rounds to 1.0, still short of the target
FRESH = make_kr("fresh", "Reach 500 newsletter readers", "readers", None, 500, None)
HALF = make_kr("half", "Raise the answer rate from 70% to 90%", "%", 70, 90, 80)  # 0.5


class Retro:
    """A retro played turn by turn; `coach` holds every coach line."""

    def __init__(self, krs: list[RetroKR], titles: list[str] | None = None,
                 seed: int = 0) -> None:
        self.state = new_retro(krs, titles, seed=seed)
        self.moves: list[Move] = []
        self.coach: list[str] = []
        self._apply(*first_move(self.state))

    def _apply(self, updates: RetroUpdate, move: Move) -> str:
        before = self.state
        self.state = cast(RetroState, {**before, **updates})
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

    @property
    def step(self) -> str:
        return self.state["step"]


def questions(text: str) -> int:
    return text.count("?")


def test_the_opening_shows_the_suggested_score_its_band_and_last_value_vs_target() -> None:
    run = Retro([NPS, CHURN])
    assert "2 Key Results" in run.last
    assert "0.7 (green)" in run.last and "34" in run.last and "40" in run.last
    assert questions(run.last) == 1 and run.step == "score"


def test_accepting_an_aspirational_07_is_read_back_and_praised() -> None:
    run = Retro([NPS])
    reply = run.say("yes")
    assert reply.startswith("Scored 0.7 (green)") and "Increase NPS" in reply
    assert "good result" in reply or "strong result" in reply
    assert run.step == "learning" and questions(reply) == 1
    assert record_of(run.state)["krs"][0]["flag"] == "good"


@pytest.mark.parametrize("accept", ["ok", "fine", "sounds right", "keep it"])
def test_every_way_of_accepting_takes_the_suggestion(accept: str) -> None:
    run = Retro([NPS])
    assert run.say(accept).startswith("Scored 0.7 (green)")
    assert run.state["adjusted"] == []


def test_adjusting_takes_their_score_and_marks_it_adjusted() -> None:
    run = Retro([NPS])
    assert run.say("0.6").startswith("Scored 0.6 (yellow)")
    assert "good result" not in run.last
    kr = record_of(run.state)["krs"][0]
    assert kr["score"] == 0.6 and kr["suggested"] == 0.7 and kr["adjusted"] and kr["flag"] is None


def test_make_it_and_a_no_with_a_number_adjust_too() -> None:
    run = Retro([NPS, HALF])
    assert run.say("make it 0.5").startswith("Scored 0.5 (yellow)")
    run.say("we learned to ask earlier")
    assert run.say("no, 0.6").startswith("Scored 0.6 (yellow)")


def test_a_derived_score_is_read_back_as_a_question_and_taken_on_a_yes() -> None:
    run = Retro([NPS])
    reply = run.say("six tenths")
    assert "six tenths" in reply and "0.6" in reply and questions(reply) == 1
    assert run.state["scores"] == {}
    assert run.say("yes").startswith("Scored 0.6 (yellow)")


def test_skip_leaves_it_unscored_and_moves_on() -> None:
    run = Retro([NPS, HALF])
    reply = run.say("skip")
    assert "Increase NPS" in reply and "Raise the answer rate" in reply
    assert run.state["unscored"] == ["nps"] and "nps" not in run.state["scores"]
    assert record_of(run.state)["krs"][0]["score"] is None


def test_an_aspirational_10_is_a_cue_to_stretch_more() -> None:
    run = Retro([USERS])
    assert "1.0 (green)" in run.last
    reply = run.say("yes")
    assert reply.startswith("Scored 1.0 (green)") and "stretch" in reply
    assert questions(reply) == 1 and run.step == "reflect"
    run.say("double the target")
    assert run.step == "learning"
    rec = record_of(run.state)["krs"][0]
    assert rec["flag"] == "stretch" and rec["reflection"] == "double the target"


def test_a_committed_08_is_discussed_as_a_commitment() -> None:
    run = Retro([CHURN])
    reply = run.say("ok")
    assert reply.startswith("Scored 0.8 (green)")
    assert "commit" in reply and ("got in the way" in reply or "stood in the way" in reply)
    assert "good result" not in reply and questions(reply) == 1
    run.play("the pricing change came late", "call customers earlier")
    rec = record_of(run.state)["krs"][0]
    assert rec["flag"] == "missed" and rec["reflection"] == "the pricing change came late"
    assert rec["learning"] == "call customers earlier"


def test_a_committed_kr_that_rounds_to_10_but_missed_its_target_is_still_discussed() -> None:
    run = Retro([CLOSE])
    assert "1.0 (green)" in run.last
    reply = run.say("yes")
    assert "commitment" in reply and run.step == "reflect"
    assert run.state["flags"]["close"] == "missed"


def test_a_committed_kr_reached_in_full_is_acknowledged() -> None:
    run = Retro([UPTIME])
    reply = run.say("yes")
    assert reply.startswith("Scored 1.0 (green)") and "commitment" in reply
    assert run.step == "learning" and run.state["flags"]["uptime"] == "kept"


def test_a_kr_without_values_has_no_suggestion_and_is_scored_together() -> None:
    run = Retro([FRESH])
    assert "no value" in run.last or "no numbers" in run.last
    reply = run.say("yes")
    assert "no suggested score" in reply and run.state["scores"] == {}
    assert run.say("0.3").startswith("Scored 0.3 (red)")


def _whole_retro() -> Retro:
    run = Retro([NPS, CHURN, HALF], ["Delight our customers"])
    run.play("yes", "listening beats guessing",
             "ok", "the pricing change came late", "nothing",
             "0.6", "measure before we start",
             "the team kept going", "patience and curiosity", "fewer KRs, clearer baselines")
    return run


def test_the_summary_shows_scores_bands_mean_strengths_and_learnings() -> None:
    run = _whole_retro()
    summary = run.last
    assert "“Increase NPS from 20 to 40”: 0.7 (green)" in summary
    assert "“Reduce churn from 5% to 3%”: 0.8 (green)" in summary
    assert "“Raise the answer rate from 70% to 90%”: 0.6 (yellow)" in summary
    assert "0.7 (green)" in summary and "Delight our customers" in summary
    assert "3 scored KRs" in summary
    assert "patience and curiosity" in summary and "the team kept going" in summary
    for learning in ("listening beats guessing", "measure before we start",
                     "fewer KRs, clearer baselines"):
        assert learning in summary
    assert summary.strip().endswith("?") and questions(summary) == 1
    assert "next period" in summary.split("\n")[-1]
    rec = record_of(run.state)
    assert rec["objectives"][0]["mean"] == 0.7 and rec["objectives"][0]["band"] == "green"


def test_the_mean_is_over_the_scored_krs_only() -> None:
    run = Retro([NPS, HALF, USERS])
    run.play("0.6", "x", "skip", "1.0", "w", "z")
    rec = record_of(run.state)
    assert rec["objectives"][0]["mean"] == 0.8
    run.play("a", "b", "c")
    assert "not scored" in run.last and "mean score of 0.8 (green) over 2 scored KRs" in run.last


def test_two_objectives_each_have_their_mean() -> None:
    other = make_kr("o", "Cut costs from 100 to 50", "k€", 100, 50, 80, objective=1)
    run = Retro([NPS, other], ["Delight customers", "Spend wisely"])
    run.play("yes", "x", "yes", "w", "a", "b", "c")
    means = [(o["title"], o["mean"]) for o in record_of(run.state)["objectives"]]
    assert means == [("Delight customers", 0.7), ("Spend wisely", 0.4)]
    assert "“Spend wisely”" in run.last and "0.4 (yellow)" in run.last
    assert "1 scored KR." in run.last


@pytest.mark.parametrize(("answer", "recorded"), [("yes", True), ("let's do it", True),
                                                  ("no", False), ("not now", False)])
def test_the_next_period_offer_is_recorded(answer: str, recorded: bool) -> None:
    run = _whole_retro()
    reply = run.say(answer)
    assert run.moves[-1].done and questions(reply) == 0
    assert record_of(run.state)["next_period"] is recorded
    assert record_of(run.state)["learnings"] == ["fewer KRs, clearer baselines"]


def test_an_unclear_answer_to_the_offer_is_asked_once_more_then_left_open() -> None:
    run = _whole_retro()
    assert "yes or no" in run.say("hmm")
    run.say("what do you mean")
    assert run.moves[-1].done and record_of(run.state)["next_period"] is None


def test_nothing_and_skip_move_the_set_questions_on() -> None:
    run = Retro([NPS])
    run.play("yes", "nothing", "skip")
    assert run.step == "strengths"
    reply = run.say("none")  # strengths: asked once more, from another angle
    assert run.step == "strengths" and questions(reply) == 1
    run.play("nothing", "skip")
    assert run.step == "offer" and ("Shall we" in run.last or "Would you" in run.last)
    rec = record_of(run.state)
    assert rec["proud"] == [] and rec["strengths"] == [] and rec["learnings"] == []


def test_every_turn_asks_at_most_one_question_and_the_done_retro_stays_done() -> None:
    run = _whole_retro()
    run.play("yes")
    assert all(questions(c) <= 1 for c in run.coach)
    reply = run.say("hello?")
    assert run.moves[-1].done and "complete" in reply


def test_a_retro_without_krs_goes_straight_to_the_set() -> None:
    run = Retro([])
    assert "proud" in run.last


def test_the_wording_varies_with_the_seed() -> None:
    a, b = Retro([NPS, CHURN], seed=0), Retro([NPS, CHURN], seed=1)
    turns = ["yes", "x", "yes", "y", "z"]
    a.play(*turns)
    b.play(*turns)
    assert a.coach != b.coach
    assert a.state["scores"] == b.state["scores"]


def test_a_bare_yes_where_words_were_asked_for_is_asked_again_never_noted() -> None:
    """Found in a new user's retro: "yes" to "what do you take with you?" was stored as the
    learning, and "yes" to "what are you proud of?" as the pride."""
    run = Retro([NPS])
    run.say("yes")  # the suggested 0.7 accepted: what do you take with you from it?
    assert run.step == "learning"
    reply = run.say("yes")
    assert run.step == "learning" and "own" in reply
    assert questions(reply) == 1
    run.say("ok")  # a second bare answer: moved on, nothing noted
    assert run.step == "proud"
    run.say("yes")
    assert run.step == "proud"
    run.say("that the team owned the numbers")
    rec = record_of(run.state)
    assert rec["proud"] == ["that the team owned the numbers"]
    assert rec["krs"][0]["learning"] is None
