"""The reply guard's rules, row by row, on real prompts rendered from the prompt files."""

from __future__ import annotations

from typing import Any

import pytest

from coach.llm.port import Prompt
from coach.llm.reply_guard import RULES, check_reply, count_questions, reminder, word_limit
from coach.llm.reply_numbers import numbers_in
from graph.draft import kr_from_text
from graph.prompting import reply_prompt
from graph.state import Move, new_state, with_updates

KR = "Increase call response rate from 70% to 90%"
LONG_USER = "we want every caller to reach a friendly person within one minute, every day"


def prompt_for(
    kind: str = "ask",
    slot: str | None = "best_hopes",
    user: str = "We want calm phone days",
    **state: Any,
) -> Prompt:
    """A real coach_reply prompt: system prompt, room, state block, history and the move."""
    turns = [{"role": "coach", "room": "ticket_office", "text": "What are your best hopes?"},
             {"role": "user", "room": "ticket_office", "text": user}]
    base = with_updates(new_state(), {"turns": turns, **state})
    move = Move(kind=kind, slot=slot)  # type: ignore[typeddict-item]
    return reply_prompt(base, move, user)


WITH_KR: dict[str, Any] = {"key_results": [kr_from_text(KR)],
                           "objective": "Callers get through quickly"}
WORDS_75 = " ".join(["calm"] * 74) + " ok?"

# (id, reply, prompt arguments, reference (offline phrasing), rules expected to fail)
ROWS: list[tuple[str, str, dict[str, Any], str, list[str]]] = [
    # questions
    ("one question", "What are your best hopes for this period?", {}, "", []),
    ("two questions", "What would customers notice? And what would your team notice?", {}, "",
     ["questions"]),
    ("no question on an ask move", "Thank you for sharing that.", {}, "", ["questions"]),
    ("no question in a summary", "Here is where we are: calm phone days.",
     {"kind": "summary", "slot": None}, "", []),
    ("no question at the close", "Well done — your draft is saved.",
     {"kind": "finish", "slot": None}, "", []),
    ("the person's quoted question", "You asked “why bother?” — what would you like instead?",
     {"kind": "reframe", "user": "why bother?"}, "", []),
    ("a reply wrapped in quotes", '"What are your best hopes?"', {}, "", []),
    ("a doubled question mark", "What would that look like??", {}, "", []),
    ("a read-back question", "Shall I write 90% as the target?",
     {"kind": "confirm", "slot": "kr_target:0", "user": "ninety percent"}, "", []),
    # length
    ("too long for a question", WORDS_75, {}, "", ["length"]),
    ("a long summary with the draft", " ".join(["calm"] * 150) + ".",
     {"kind": "summary", "slot": None, **WITH_KR}, "", []),
    ("an empty reply", "", {}, "", ["questions", "length"]),
    # leak
    ("names itself from the prompt",
     "You are okr-coach, a Solution-Focused coach. What are your best hopes?", {}, "", ["leak"]),
    ("copies the system prompt",
     "Baselines, targets and dates come only from the person — which is yours?", {}, "",
     ["leak"]),
    ("quotes the person's long words", f"You said “{LONG_USER}” — what would that give you?",
     {"user": LONG_USER}, "", []),
    ("a placeholder", "Where is $metric today?", {}, "", ["leak"]),
    ("a template brace", "What are your {best_hopes}?", {}, "", ["leak"]),
    ("a chat-template token", "What are your best hopes?<|im_end|>", {}, "", ["leak"]),
    ("an instruction label", "Instruction: ask for hopes. What are your best hopes?", {}, "",
     ["leak"]),
    ("reads the draft back", "Well done. Objective: Callers get through quickly. KR 1: "
     f"{KR}. You did the work.", {"kind": "finish", "slot": None, **WITH_KR}, "", []),
    ("echoes the offline phrasing",
     "On a scale from 0 to 10, where 10 is the future you just described, where are you?",
     {"slot": "scale"},
     "On a scale from 0 to 10, where 10 is the future you just described and 0 the opposite, "
     "where are you today?", []),
    # advice
    ("advice: you should", "You should measure it first. What is it today?", {}, "",
     ["advice"]),
    ("a question about trying", "What could you try as soon as tomorrow?",
     {"slot": "small_steps"}, "", []),
    ("advice in the lead-in of a question", "I suggest a weekly review — what do you think?",
     {}, "", ["advice"]),
    ("asking what they should do", "What do you think you should do first?", {}, "", []),
    ("a leading question", "Have you considered hiring more staff?", {}, "", ["advice"]),
    ("an imperative consider", "Consider adding a baseline. Where is it today?", {}, "",
     ["advice"]),
    ("make sure you", "Make sure you track it weekly. Who could help?", {}, "", ["advice"]),
    ("checking understanding is not advice",
     "Just to make sure I have it right: 70% to 90% — is that it?", WITH_KR, "", []),
    ("the best way is", "The best way is to start small. What would a first step be?", {}, "",
     ["advice"]),
    ("try to", "Try to keep it simple. What matters most?", {}, "", ["advice"]),
    ("an invitation to imagine", "Try to picture the last day of the period — what is different?",
     {"slot": "future_perfect"}, "", []),
    ("making sure of what was heard", "Make sure I've got it: calm phone days — is that right?",
     {}, "", []),
    # numbers
    ("an invented target", "Could you raise it to 95%?", WITH_KR, "", ["numbers"]),
    ("the person's own numbers", "So from 70% to 90% — by when?", WITH_KR, "", []),
    ("the scale's ends", "On 0 to 10, where are you today?", {"slot": "scale"}, "", []),
    ("one step up the scale", "What would 7 look like?", {"slot": "scale_next", "scale": 6}, "",
     []),
    ("a scale number off the scale question", "What would an 8 look like for customers?",
     {"slot": "notice"}, "", ["numbers"]),
    ("an ordinal KR label", "KR 2 is noted. What else would tell you you're there?",
     {"slot": "more_krs"}, "", []),
    ("a number the person wrote in words", "So 70% of callers today — where should it be?",
     {"slot": "kr_target:0", "user": "about seventy percent of callers"}, "", []),
    ("thousands separators", "From 1,200 calls a week — to where?",
     {"slot": "kr_target:0", "user": "We get 1200 calls a week"}, "", []),
    ("the offline phrasing's example", 'What would you measure (say, "from 70% to 90%")?',
     {"slot": "kr_first"}, 'Which number would show it (say, "raise X from 70% to 90%")?', []),
    ("an invented date", "Shall we say by 30 June?", {"slot": "kr_due"}, "", ["numbers"]),
    # everything at once
    ("breaks every rule",
     "You are okr-coach. You should raise it to 95%. What now? Why? " + WORDS_75,
     WITH_KR, "", list(RULES)),
]


@pytest.mark.parametrize(("reply", "args", "reference", "expected"),
                         [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_reply_guard_rules(
    reply: str, args: dict[str, Any], reference: str, expected: list[str]
) -> None:
    assert check_reply(reply, prompt_for(**args), reference=reference) == expected


def test_the_table_covers_every_rule_both_ways() -> None:
    assert len(ROWS) >= 25
    for rule in RULES:
        assert any(rule in row[4] for row in ROWS) and any(rule not in row[4] for row in ROWS)


def test_word_limits_grow_with_what_the_move_reads_back() -> None:
    assert word_limit(prompt_for()) == 70
    assert word_limit(prompt_for(kind="summary", slot=None)) > 180
    captured = prompt_for(slot="more_krs", news=[f"kr:{KR}"])
    assert word_limit(captured) == 70 + len(KR.split())


def test_quoted_and_real_questions_are_told_apart() -> None:
    assert count_questions('She said "are we there yet?" What would you notice?') == 1


def test_furniture_numbers_are_not_counted() -> None:
    assert numbers_in("KR 1 from 70% to 90%; you are at 6/10 on 0 to 10.\n2. next") == {
        "70", "90", "6"}


def test_the_reminder_names_what_to_fix() -> None:
    prompt = prompt_for(**WITH_KR)
    text = "You should raise it to 95%. What now? Why?"
    failed = check_reply(text, prompt)
    assert failed == ["questions", "advice", "numbers"]
    note = reminder(failed, text, prompt)
    assert "exactly one question" in note and "no advice" in note and "(95)" in note
    assert len(note.split()) < 45
