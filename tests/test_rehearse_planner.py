"""The rehearsal planner turn by turn (reading + planner, no graph): the set-up, how the team
reacts to what the lead does, replay, rooms and timings."""

from __future__ import annotations

import json

import pytest

from graph.rehearse.facilitation import classify
from graph.rehearse.models import Feedback
from graph.rehearse.plan_models import Move, Rehearsal
from graph.rehearse.planner import first_move, next_move
from graph.rehearse.reading import read_turn, rules_labeller
from graph.rehearse.timings import room_minutes
from graph.rehearse.wording import say

TEAM = ("A sales team of 6 in a B2B software company. They worry about workload. "
        "We have 90 minutes.")


class Run:
    def __init__(self) -> None:
        planned = first_move(Rehearsal())
        self.r = planned.rehearsal
        self.feedback: list[Feedback] = []
        self.moves: list[Move] = [planned.move]

    def say(self, text: str) -> Move:
        reading = read_turn(self.r, text, rules_labeller(classify))
        planned = next_move(self.r, reading, self.feedback)
        self.r = planned.rehearsal
        if planned.replayed is not None:
            self.feedback[planned.replayed] = self.feedback[planned.replayed].model_copy(
                update={"replayed": True})
        if planned.feedback is not None:
            self.feedback.append(planned.feedback)
        json.loads(planned.rehearsal.model_dump_json())  # plain JSON, checkpoint-safe
        self.moves.append(planned.move)
        return planned.move

    def started(self) -> Run:
        self.say(TEAM)
        self.say("start")
        return self


def test_the_set_up_asks_for_the_length_and_never_invents_it() -> None:
    run = Run()
    move = run.say("A support team of 5; they worry that OKRs become paperwork.")
    assert say(move.before).startswith("How long") or "how many minutes" in say(move.before)
    assert run.r.team.minutes is None and run.r.phase == "team"
    move = run.say("Two hours.")
    assert run.r.team.minutes == 120 and str(run.r.phase) == "cast"
    text = say(move.before)
    assert "120-minute" in text and text.count("\n• ") == len(run.r.cards) >= 3
    assert any("paperwork" in c.concern for c in run.r.cards)  # the lead's worry, voiced


def test_cast_edits_and_refusals_then_the_first_room() -> None:
    run = Run()
    run.say(TEAM)
    first = run.r.cards[0].name
    move = run.say(f"make {first} terse")
    assert run.r.cards[0].voice == "terse" and "Done" in say(move.before)
    move = run.say("drop Nobody-Such")
    assert run.r.phase == "cast" and say(move.before)  # the reason, in one line
    move = run.say("start")
    assert str(run.r.phase) == "rooms" and move.room == "ticket_office"
    assert "Ticket Office — 20 of your 90 minutes" in say(move.before)


def test_advice_is_named_in_the_feedback_and_a_persona_pushes_back() -> None:
    run = Run().started()
    move = run.say("You should just send a weekly report to every customer.")
    (item,) = run.feedback
    assert item.labels.advice and any("advice" in t.lower() or "ask" in t.lower()
                                      for t in item.to_try)
    assert item.better and ("weekly report" in item.better or "customers" in item.better)
    assert any(line.kind == "pushback_on_advice" for line in move.lines)


def test_a_concern_turned_into_a_hope_is_noticed_and_the_strength_needs_a_resource_question(
) -> None:
    run = Run().started()
    run.say("Is workload a problem for you?")  # closed: the worry comes up
    assert any("workload" in h.text for h in run.r.heard["concerns"])
    move = run.say("You mentioned workload — what would you like to have instead?")
    assert run.feedback[-1].labels.concern_to_hope
    assert not run.r.revealed  # no strength yet: nobody asked what already works
    move = run.say("When has this already worked a little, even for one week?")
    surfaced = [line for line in move.lines if line.kind == "strength_surfaces"]
    assert surfaced and run.r.revealed
    card = next(c for c in run.r.cards if c.name == surfaced[0].persona)
    assert card.name in run.r.revealed


def test_replay_takes_the_moment_again_and_the_first_try_is_not_counted() -> None:
    run = Run().started()
    run.say("What are your best hopes for today?")
    before = run.r.model_copy(deep=True)
    run.say("You should all just work faster.")
    move = run.say("replay")
    assert "take that moment again" in say(move.before)
    assert run.r.moods == before.moods and run.r.heard == before.heard
    assert run.r.spoke == before.spoke  # who spoke only in the replayed moment is not heard
    assert run.r.room_turns == before.room_turns
    assert [f.replayed for f in run.feedback] == [False, True]
    run.say("What would a good quarter look like for you?")
    assert len(run.feedback) == 3 and run.feedback[-1].turn == 3
    assert run.say("replay").before and run.say("replay").before[0].key == "nothing_to_replay"


def test_three_lead_turns_per_room_then_the_debrief_after_the_gift_shop() -> None:
    run = Run().started()
    rooms = []
    for i in range(12):
        move = run.say(f"What would make quarter {i} a success for you?")
        rooms.append(move.room)
    assert rooms == ["ticket_office"] * 3 + ["future_gallery"] * 3 + \
        ["instances_gallery"] * 3 + ["gift_shop"] * 3
    assert move.done and run.r.phase == "done" and move.after_room == "done"
    text = say(move.after)
    assert "Scorecard" in text and text.count("• yes · ") + text.count("• no · ") == 8
    assert run.say("anything else?").before[0].key == "already_done"


@pytest.mark.parametrize("total", [30, 45, 60, 90, 120, 180, 240])
def test_room_minutes_sum_to_the_workshop_length(total: int) -> None:
    minutes = room_minutes(total)
    assert list(minutes) == ["ticket_office", "future_gallery", "instances_gallery",
                             "gift_shop"]
    assert sum(minutes.values()) == total and all(m > 0 for m in minutes.values())
    assert minutes["future_gallery"] >= minutes["ticket_office"]


def test_a_team_of_three_gets_three_personas_and_long_turns_are_quoted_short() -> None:
    run = Run()
    run.say("We are a team of 3 in finance, 60 minutes.")
    assert len(run.r.cards) == 3
    run.say("start")
    for _ in range(12):
        move = run.say("why " * 400 + "?")
    assert move.done
    text = say(move.after)
    assert max(len(line) for line in text.splitlines()) < 400
    assert "why why why …”" in text


def test_when_has_it_gone_well_is_a_resource_question_and_a_strength_surfaces() -> None:
    """Found in a new user's rehearsal: "When has a week gone well at the desk?" drew a hope,
    not what already works."""
    run = Run().started()
    move = run.say("When has a week gone well at the desk?")
    assert run.feedback[-1].labels.focus == "resource"
    assert any(line.kind == "strength_surfaces" for line in move.lines)
