"""The rehearsal's numbers: a tally per room, a scorecard per SF principle, and a debrief.

Replayed moments (`Feedback.replayed`) stay in the record but are never counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from graph.rehearse.facilitation import question_sentences, sentences
from graph.rehearse.models import ROOMS, Feedback

TALLY_KEYS: tuple[str, ...] = (
    "turns", "open_questions", "future_or_resource", "problem_focused", "advice",
    "several_questions", "concerns_to_hopes", "team_words")

PRINCIPLES: tuple[str, ...] = (
    "Ask, don't tell",
    "Future and resources before problems",
    "The team's own words",
    "Concerns into hopes",
    "Every voice invited",
    "Strengths named",
    "Small next steps",
    "No advice unless asked",
)
_SMALL_STEP = re.compile(
    r"\b(?:small|smallest|first|next) (?:step|thing)s?\b|\btomorrow\b|\bnext week\b|"
    r"\bthis (?:afternoon|week)\b|\bon monday\b|\bby friday\b|\bstart(?:ed)?\b|\btry\b|"
    r"\ba month in\b", re.I)


def counted(feedback: Sequence[Feedback]) -> list[Feedback]:
    """The feedback that counts: replayed moments left out."""
    return [f for f in feedback if not f.replayed]


def room_tally(feedback: Sequence[Feedback]) -> dict[str, dict[str, int]]:
    """Per room (the four gallery rooms first, in order, then any other room seen)."""
    rooms = list(ROOMS) + [f.room for f in feedback if f.room not in ROOMS]
    tally = {room: dict.fromkeys(TALLY_KEYS, 0) for room in dict.fromkeys(rooms)}
    for f in counted(feedback):
        row = tally[f.room]
        labels = f.labels
        row["turns"] += 1
        row["open_questions"] += labels.open
        row["future_or_resource"] += labels.focus in ("future", "resource")
        row["problem_focused"] += labels.focus == "problem"
        row["advice"] += labels.advice
        row["several_questions"] += labels.several_questions
        row["concerns_to_hopes"] += labels.concern_to_hope
        row["team_words"] += labels.team_words
    return tally


def _total(feedback: Sequence[Feedback]) -> dict[str, int]:
    total = dict.fromkeys(TALLY_KEYS, 0)
    for row in room_tally(feedback).values():
        for key, value in row.items():
            total[key] += value
    return total


def _small_step_asked(f: Feedback) -> bool:
    return f.labels.question and f.labels.focus == "future" and bool(_SMALL_STEP.search(f.text))


def _count(n: int, noun: str) -> str:
    """`1 turn`, `2 turns`: the evidence reads as a sentence."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def scorecard(feedback: Sequence[Feedback], voices_invited: bool | None = None
              ) -> list[tuple[str, bool, str]]:
    """One row per SF facilitation principle: (principle, kept?, evidence).

    `voices_invited`: whether every persona was invited or spoke (the graph knows); when
    None, the lead inviting a voice at least once counts."""
    turns = counted(feedback)
    total = _total(feedback)
    n = total["turns"]
    rows: list[tuple[str, bool, str]] = []

    asked = sum(f.labels.question for f in turns)
    ask_ok = n > 0 and total["open_questions"] * 2 >= n and total["several_questions"] * 4 <= n
    rows.append((PRINCIPLES[0], ask_ok,
                 f"{total['open_questions']} of {n} turns were open questions, "
                 f"{asked} asked something, {total['several_questions']} asked several at once"))

    first_focused = next((f.labels.focus for f in turns if f.labels.focus != "neutral"), None)
    sf_ok = total["future_or_resource"] > total["problem_focused"] and first_focused != "problem"
    first = "; the first focused turn was on the problem" if first_focused == "problem" else ""
    rows.append((PRINCIPLES[1], sf_ok,
                 f"{_count(total['future_or_resource'], 'future/resource turn')}, "
                 f"{total['problem_focused']} problem-focused{first}"))

    rows.append((PRINCIPLES[2], total["team_words"] > 0,
                 f"{_count(total['team_words'], 'turn')} picked up the team's words"))

    rows.append((PRINCIPLES[3], total["concerns_to_hopes"] > 0,
                 f"{_count(total['concerns_to_hopes'], 'concern')} turned into hopes"))

    invited = sum(f.labels.invites_voice for f in turns)
    voice_ok = voices_invited if voices_invited is not None else invited > 0
    voice_note = ("" if voices_invited is None else
                  ("; every voice was heard" if voices_invited else "; not every voice was heard"))
    rows.append((PRINCIPLES[4], voice_ok,
                 f"{_count(invited, 'turn')} invited a voice in{voice_note}"))

    named = sum(f.labels.names_strength for f in turns)
    rows.append((PRINCIPLES[5], named > 0, f"{_count(named, 'turn')} named a strength"))

    shop = [f for f in turns if f.room == "gift_shop"]
    steps = sum(_small_step_asked(f) for f in shop)
    step_note = (f"{steps} of {len(shop)} Gift Shop turns asked for a small step" if shop
                 else "the Gift Shop was not reached")
    rows.append((PRINCIPLES[6], steps > 0, step_note))

    rows.append((PRINCIPLES[7], total["advice"] == 0,
                 "no advice given" if total["advice"] == 0
                 else f"{total['advice']} turns gave advice or proposed a solution"))
    return rows


QUOTE_WORDS = 30


def _quote(f: Feedback) -> str:
    """A verbatim piece of the lead's turn: its best question, else its first sentence."""
    questions = question_sentences(f.text)
    piece = questions[0] if questions else (sentences(f.text) or [f.text])[0]
    words = piece.split()
    if len(words) > QUOTE_WORDS:  # verbatim, but a debrief line stays a line
        return f"“{' '.join(words[:QUOTE_WORDS])} …”"
    return f"“{piece.strip()}”"


_WELL_DONE: tuple[tuple[str, str], ...] = (
    ("concern_to_hope", "You turned a worry into a hope"),
    ("future", "You asked about the future they want"),
    ("resource", "You looked for what already works"),
    ("team_words", "You built on the team's own words"),
    ("invites_voice", "You brought another voice in"),
    ("names_strength", "You named a strength of the team"),
    ("open", "You asked an open question"),
)


def _shows(f: Feedback, key: str) -> bool:
    labels = f.labels
    if key in ("future", "resource"):
        return labels.focus == key and labels.question and not labels.several_questions
    if key == "open":
        return labels.open and not labels.several_questions and not labels.advice
    return bool(getattr(labels, key))


def debrief(feedback: Sequence[Feedback]) -> tuple[list[str], list[str]]:
    """(what the lead did well — 2–4 items, each quoting the lead verbatim; 1–2 things to try)."""
    turns = counted(feedback)
    well: list[str] = []
    used: set[int] = set()
    for key, phrase in _WELL_DONE:
        for f in turns:
            if f.turn not in used and _shows(f, key):
                well.append(f"{phrase}: {_quote(f)}")
                used.add(f.turn)
                break
        if len(well) == 4:
            break
    if len(well) < 2:
        for f in turns:
            if f.turn not in used and f.labels.question:
                well.append(f"You asked the team rather than telling them: {_quote(f)}")
                used.add(f.turn)
            if len(well) == 2:
                break
    if len(well) < 2:
        for f in turns:
            if f.turn not in used:
                well.append(f"You kept the workshop moving: {_quote(f)}")
                used.add(f.turn)
            if len(well) == 2:
                break

    tries = Counter(item for f in turns for item in f.to_try)
    to_try: list[str] = []
    for item, _ in tries.most_common(2):
        example = next((f for f in turns if item in f.to_try and f.better), None)
        if example is not None:
            to_try.append(f"{item[0].upper()}{item[1:]} — e.g. instead of {_quote(example)}: "
                          f"“{example.better}”")
        else:
            to_try.append(f"{item[0].upper()}{item[1:]}")
    if not to_try:
        to_try.append("Keep it up — next time, try a scale question (0–10) in the Instances "
                      "Gallery to find what already works")
    return well, to_try
