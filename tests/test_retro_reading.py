"""The retro reader, one turn at a time: accepting, adjusting and skipping a suggested score,
derived scores, hedges, out-of-range numbers, corrections, learnings and the offer.

Every row is a turn as people type it and what a careful coach must read from it. A score
enters only when its words are in the person's text; derived forms come back `approx` (read
back as a question first); anything that would need a guess is `unusable` with its reason.
"""

from __future__ import annotations

import pytest

from graph.retro.reading import Expecting, read_retro_turn

# (expecting, correctable, text, kind, value, approx or reason)
ROWS: list[tuple[Expecting, bool, str, str, float | None, object]] = [
    # accepting the suggestion
    ("score", False, "yes", "accept", None, None),
    ("score", False, "ok", "accept", None, None),
    ("score", False, "Fine.", "accept", None, None),
    ("score", False, "sounds about right", "accept", None, None),
    ("score", False, "yes, that's fair", "accept", None, None),
    ("score", False, "keep it", "accept", None, None),
    ("score", False, "leave it as is", "accept", None, None),
    ("score", False, "agreed", "accept", None, None),
    # adjusting: plain scores
    ("score", False, "0.6", "score", 0.6, False),
    ("score", False, ".6", "score", 0.6, False),
    ("score", False, "0,6", "score", 0.6, False),
    ("score", False, "make it 0.5", "score", 0.5, False),
    ("score", False, "I'd say 0.4", "score", 0.4, False),
    ("score", False, "no, 0.5", "score", 0.5, False),
    ("score", False, "yes, 0.7", "score", 0.7, False),
    ("score", False, "1.0", "score", 1.0, False),
    ("score", False, "1", "score", 1.0, False),
    ("score", False, "0", "score", 0.0, False),
    ("score", False, "0.6 rather than 0.7", "score", 0.6, False),
    ("score", False, "not 0.8 but 0.6", "score", 0.6, False),
    # derived: read back as a question
    ("score", False, "six tenths", "score", 0.6, True),
    ("score", False, "6/10", "score", 0.6, True),
    ("score", False, "7 out of 10", "score", 0.7, True),
    ("score", False, "60%", "score", 0.6, True),
    ("score", False, "point six", "score", 0.6, True),
    ("score", False, "zero point four", "score", 0.4, True),
    ("score", False, "half", "score", 0.5, True),
    ("score", False, "one", "score", 1.0, True),
    # never a guessed score
    ("score", False, "0.6 or 0.7", "unusable", None, "range"),
    ("score", False, "0.6-0.7", "unusable", None, "range"),
    ("score", False, "between 0.5 and 0.7", "unusable", None, "range"),
    ("score", False, "six or seven tenths", "unusable", None, "range"),
    ("score", False, "about 0.6", "unusable", None, "approximate"),
    ("score", False, "0.6ish", "unusable", None, "approximate"),
    ("score", False, "maybe 0.6", "unusable", None, "approximate"),
    ("score", False, "7", "unusable", None, "out_of_range"),
    ("score", False, "1.5", "unusable", None, "out_of_range"),
    ("score", False, "-0.2", "unusable", None, "out_of_range"),
    ("score", False, "seven", "unusable", None, "out_of_range"),
    ("score", False, "120%", "unusable", None, "out_of_range"),
    ("score", False, "0.65", "unusable", None, "tenths"),
    ("score", False, "0.6, no wait, 0.4", "unusable", None, "several"),
    # a new user named the score among other numbers: the named one is the score
    ("score", False, "Honestly we got to 86% in the end, I'd give it 0.8", "score", 0.8, False),
    ("score", False, "we ended on 31 a week, call it 0.5", "score", 0.5, False),
    ("score", False, "I'd give it 0.6, or maybe give it 0.7", "unusable", None, "several"),
    ("score", False, "it was a hard quarter", "unusable", None, "no_number"),
    ("score", False, "not sure", "unusable", None, "unclear"),
    ("score", False, "   ", "unusable", None, "empty"),
    # no, and skipping
    ("score", False, "no", "no", None, None),
    ("score", False, "nope", "no", None, None),
    ("score", False, "skip", "skip", None, None),
    ("score", False, "leave it unscored", "skip", None, None),
    ("score", False, "let's skip this one", "skip", None, None),
    ("score_value", False, "0.3", "score", 0.3, False),
    ("score_value", False, "keep it", "accept", None, None),
    # a derived score read back as a question
    ("yes_no", False, "yes", "yes", None, None),
    ("yes_no", False, "correct", "yes", None, None),
    ("yes_no", False, "no", "no", None, None),
    ("yes_no", False, "no, 0.7", "score", 0.7, False),
    ("yes_no", False, "hmm", "unusable", None, "unclear"),
    # right after a read-back: corrections
    ("text", True, "no, 0.7", "correction", 0.7, False),
    ("text", True, "no", "correction", None, None),
    ("text", True, "that's wrong", "correction", None, None),
    ("text", True, "make that 0.5", "correction", 0.5, False),
    ("text", True, "actually 0.4", "correction", 0.4, False),
    ("text", True, "0.8", "correction", 0.8, False),
    ("text", True, "no, seven tenths", "correction", 0.7, True),
    ("text", True, "we learned to measure earlier", "text", None, None),
    ("text", True, "not 2 people but 5 helped", "text", None, None),
    # learnings, pride, strengths
    ("text", False, "we learned to ship smaller", "text", None, None),
    ("text", False, "no, 0.7", "text", None, None),
    ("text", False, "nothing", "nothing", None, None),
    ("text", False, "skip", "nothing", None, None),
    ("text", False, "nothing really", "nothing", None, None),
    ("text", False, "no", "nothing", None, None),
    # the offer
    ("offer", False, "yes", "yes", None, None),
    ("offer", False, "let's do it", "yes", None, None),
    ("offer", False, "sure", "yes", None, None),
    ("offer", False, "no", "no", None, None),
    ("offer", False, "not now", "no", None, None),
    ("offer", False, "maybe later", "no", None, None),
    ("offer", False, "what would that mean", "unusable", None, "unclear"),
]


@pytest.mark.parametrize(("expecting", "correctable", "text", "kind", "value", "extra"), ROWS)
def test_a_turn_reads_as_a_careful_coach_would(expecting: Expecting, correctable: bool,
                                               text: str, kind: str, value: float | None,
                                               extra: object) -> None:
    r = read_retro_turn(text, expecting, correctable=correctable)
    assert r.kind == kind, (text, r)
    if value is None:
        assert r.value is None
    else:
        assert r.value == pytest.approx(value)
    if isinstance(extra, bool):
        assert r.approx is extra
    elif isinstance(extra, str):
        assert r.reason == extra


def test_there_are_plenty_of_rows() -> None:
    assert len(ROWS) >= 40


@pytest.mark.parametrize("text", ["0.6", "make it 0.5", "six tenths", "6/10", "60%",
                                  "no, 0.7", "point six"])
def test_a_score_keeps_the_words_it_came_from(text: str) -> None:
    cases: list[tuple[Expecting, bool]] = [("score", False), ("text", True)]
    for expecting, correctable in cases:
        r = read_retro_turn(text, expecting, correctable=correctable)
        if r.value is not None:
            assert r.span and r.span in text


@pytest.mark.parametrize(("text", "said"), [("0.6 or 0.7", "0.6 or 0.7"), ("7", "7"),
                                            ("0.65", "0.65"), ("1.5", "1.5")])
def test_the_unclear_words_are_named(text: str, said: str) -> None:
    assert read_retro_turn(text, "score").said == said
