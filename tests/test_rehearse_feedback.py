"""Feedback on a lead turn, the room tally, the SF scorecard and the debrief."""

from __future__ import annotations

from graph.rehearse.facilitation import classify
from graph.rehearse.feedback import best_question, feedback_for, topic
from graph.rehearse.models import Feedback
from graph.rehearse.tally import PRINCIPLES, debrief, room_tally, scorecard


def _feedback(turn: int, room: str, text: str, team: tuple[str, ...] = (),
              concerns: tuple[str, ...] = (), replayed: bool = False) -> Feedback:
    f = feedback_for(turn, room, text, classify(text, team), team, concerns)
    return f.model_copy(update={"replayed": replayed})


def test_closed_question_gets_an_open_one_in_the_leads_words() -> None:
    f = _feedback(1, "ticket_office", "Is the workload a problem for you?")
    assert f.better == "What would you like instead of the workload as it is now?"
    assert any("open question" in t for t in f.to_try)
    assert f.reason and f.reason.endswith(".")


def test_advice_is_named_and_turned_into_a_question() -> None:
    f = _feedback(2, "instances_gallery", "You should automate the weekly reports")
    assert "ask before suggesting" in f.to_try
    assert f.better == "What have you already tried with the weekly reports that helped a little?"
    assert "expert" in (f.reason or "")


def test_several_questions_keep_the_best_one_verbatim() -> None:
    text = "Why did the campaign flop? What would you like customers to say instead? Who owns it?"
    f = _feedback(3, "future_gallery", text)
    assert "one question at a time" in f.to_try
    assert f.better == "What would you like customers to say instead?"
    assert best_question("Is it done? When did it go well?") == "When did it go well?"


def test_problem_question_looks_for_an_exception() -> None:
    f = _feedback(4, "instances_gallery", "Why are deadlines always missed?")
    assert f.better == "When did a deadline go well recently, and what made the difference?"
    assert f.went_well == ["an open question"]


def test_room_shapes_the_question() -> None:
    assert _feedback(5, "gift_shop", "Did you finish the audit?").better == (
        "What small step could you take on the audit as soon as tomorrow?")
    assert "best hopes" in (_feedback(6, "ticket_office", "Do you like the plan?").better or "")
    future = _feedback(7, "future_gallery", "Do you agree with this objective?").better or ""
    assert future.startswith("Imagine") and "this objective" in future


def test_a_good_turn_gets_no_rewrite() -> None:
    team = ("The handover chaos is killing us.",)
    f = _feedback(8, "ticket_office",
                  "That sounds hard. What would you like instead of the handover chaos?", team)
    assert f.better is None and f.reason is None and f.to_try == []
    assert "you used their words 'the handover chaos'" in f.went_well
    assert "you turned the worry into a hope" in f.went_well
    sam = _feedback(9, "ticket_office", "Sam, what would you hope for?")
    assert "you invited Sam in" in sam.went_well and sam.better is None


def test_a_dismissed_worry_is_named() -> None:
    f = _feedback(10, "future_gallery", "Don't worry, it'll be fine.",
                  ("I'm worried we'll miss the deadline again.",), ("missing deadlines",))
    assert any("worry" in t for t in f.to_try)
    assert f.better and "instead" in f.better


def test_topic_comes_from_the_leads_words() -> None:
    assert topic("Let's just add a second reviewer to every pull request.") == "pull requests"
    assert topic("I'd suggest you hire a contractor for the migration.") == "the migration"
    assert topic("Why are deadlines always missed?") == "deadlines"


def _rehearsal() -> list[Feedback]:
    return [
        _feedback(1, "ticket_office", "What are your best hopes for this quarter?"),
        _feedback(2, "ticket_office", "Why is the backlog so bad?"),
        _feedback(3, "ticket_office", "Why is the backlog so bad? Who caused it?", replayed=True),
        _feedback(4, "future_gallery", "So you don't want more meetings. What would you want "
                  "in their place?", ("We don't want more meetings.",)),
        _feedback(5, "instances_gallery", "You should hire a tester."),
        _feedback(6, "instances_gallery", "Priya, when did a release go smoothly?"),
        _feedback(7, "gift_shop", "What small step could you take tomorrow?"),
    ]


def test_tally_per_room_ignores_replayed() -> None:
    tally = room_tally(_rehearsal())
    assert list(tally)[:4] == ["ticket_office", "future_gallery", "instances_gallery",
                               "gift_shop"]
    assert tally["ticket_office"]["turns"] == 2
    assert tally["ticket_office"]["problem_focused"] == 1
    assert tally["ticket_office"]["several_questions"] == 0
    assert tally["future_gallery"]["concerns_to_hopes"] == 1
    assert tally["future_gallery"]["team_words"] == 1
    assert tally["instances_gallery"]["advice"] == 1
    assert sum(row["turns"] for row in tally.values()) == 6


def test_scorecard_has_one_row_per_principle() -> None:
    rows = scorecard(_rehearsal())
    assert [r[0] for r in rows] == list(PRINCIPLES)
    kept = {name: ok for name, ok, _ in rows}
    assert kept["Ask, don't tell"] and kept["Future and resources before problems"]
    assert kept["Concerns into hopes"] and kept["Every voice invited"]
    assert kept["Small next steps"] and not kept["No advice unless asked"]
    assert not kept["Strengths named"]
    assert all(evidence for _, _, evidence in rows)
    assert not dict((n, ok) for n, ok, _ in scorecard(_rehearsal(), voices_invited=False))[
        "Every voice invited"]
    empty = {n: e for n, _, e in scorecard([])}
    assert empty["Small next steps"] == "the Gift Shop was not reached"


def test_debrief_quotes_the_lead() -> None:
    feedback = _rehearsal()
    well, to_try = debrief(feedback)
    assert 2 <= len(well) <= 4 and 1 <= len(to_try) <= 2
    texts = [f.text for f in feedback if not f.replayed]
    for item in well:
        quoted = item.split("“", 1)[1].rstrip("”")
        assert any(quoted in t for t in texts), item
    assert not any("Who caused it" in item for item in well + to_try)


def test_a_worry_already_turned_into_a_hope_is_not_raised_again() -> None:
    """Found in a new user's rehearsal: after the persona said "instead of that worry, I'd
    want …", inviting a quiet voice was told to take the worry seriously, with the garbled
    "What would you like to happen with that worry I'd want instead?"."""
    hoped = ("Okay. Put like that, I can work with it. Instead of that worry, I'd want a "
             "quarter where the day-to-day work fits into normal working hours.")
    text = "Who hasn't spoken yet?"
    item = feedback_for(4, "ticket_office", text, classify(text, [hoped]), [hoped],
                        ["it'll be more paperwork"])
    assert item.to_try == [] and item.better is None
    worried = "It will just be more paperwork, I'm worried."
    item = feedback_for(4, "ticket_office", text, classify(text, [worried]), [worried],
                        ["more paperwork"])
    assert any("worry" in t for t in item.to_try)
    assert item.better is not None and "I'd" not in item.better


def test_scorecard_evidence_reads_as_a_sentence() -> None:
    one = _feedback(1, "ticket_office", "Who hasn't spoken yet?")
    rows = {principle: evidence for principle, _, evidence in scorecard([one])}
    assert rows["Every voice invited"].startswith("1 turn invited a voice in")
    assert rows["Concerns into hopes"] == "0 concerns turned into hopes"
