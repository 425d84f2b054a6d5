"""The offline coach's check-in lines (prompts/checkin_offline.yaml) and the model prompt.

Every line renders with exactly the placeholders the planner gives it; every line the planner
can ask for exists; the weeks don't all sound alike.
"""

from __future__ import annotations

import string

import pytest

from graph.checkin.models import Part
from graph.checkin.wording import line, lines, model_prompt, say
from tests.test_checkin_planner import Checkin, questions
from tests.test_checkin_reading import CHURN, NPS, RATE, WAIT


def test_the_weeks_sound_different() -> None:
    a, b = Checkin([CHURN, NPS], ["x"], seed=0), Checkin([CHURN, NPS], ["x"], seed=1)
    turns = ["ok", "3.9", "7", "a", "b", "30", "6", "c", "d"]
    a.play(*turns)
    b.play(*turns)
    assert a.coach != b.coach


_FACTS = {"metric", "kr_text", "target", "end", "previous", "unit"}
_ALLOWED: dict[str, set[str]] = {
    "open": {"key_results"}, "open_first": {"key_results"}, "ask_review_one": {"commitments"},
    "ask_review_several": {"commitments"},
    "readback_value": _FACTS | {"value"}, "readback_value_baseline": _FACTS | {"value"},
    "readback_value_first": _FACTS | {"value"}, "corrected_value": _FACTS | {"value"},
    "confirm_value": _FACTS | {"said", "proposal"},
    "confirm_far": _FACTS | {"estimate", "proposal"},
    "confirm_confidence": _FACTS | {"said", "proposal"},
    "readback_confidence": _FACTS | {"confidence"}, "corrected_confidence": _FACTS | {
        "confidence"}, "readback_confidence_last": _FACTS | {"confidence", "last"},
    "ask_scale_lower": _FACTS | {"confidence", "lower"},
    "ask_scale_next": _FACTS | {"confidence", "next"},
    "ask_scale_from_zero": _FACTS | {"confidence", "next"},
    "value_again": _FACTS | {"said", "said_unit"},
    "confidence_again": _FACTS | {"said", "said_unit"}, "ask_topic": {"choices"},
    "ask_topic_flagged": {"choices", "number", "metric", "confidence", "flagged"},
    "topic_again": {"choices", "said"},
    "topic_taken": _FACTS, "topic_own": {"topic"}, "ask_working_topic": {"topic"},
    "summary_kr": _FACTS | {"value", "confidence"}, "summary_kr_no_confidence": _FACTS | {
        "value"}, "summary_kr_blank": _FACTS, "summary_working": {"working"},
    "summary_strengths": {"strengths"}, "summary_commitments": {"commitments"},
}
_PER_KR = ("fix_", "kept_", "skipped_", "left_blank_", "offer_blank_", "ask_value",
           "ask_confidence")


def _allowed(key: str) -> set[str]:
    group = key.split(".")[0]
    if group in _ALLOWED:
        return _ALLOWED[group]
    return _FACTS if key.startswith(_PER_KR) else set()


@pytest.mark.parametrize("key", sorted(lines()))
def test_every_offline_line_renders_with_its_placeholders(key: str) -> None:
    for i, template in enumerate(lines()[key]):
        assert not template.startswith("$"), "a line opening with a metric starts in lower case"
        names = {m.group("named") or m.group("braced")
                 for m in string.Template.pattern.finditer(template)} - {None}
        assert names <= _allowed(key), (key, names - _allowed(key))
        text = line(Part(key=key, values={n: f"<{n}>" for n in _allowed(key)}), i)
        assert "$" not in text and text.count("?") <= 1


_REASONS = ["empty", "no_number", "unknown", "approximate", "range", "several", "unit",
            "out_of_range", "whole", "scale", "no_such_kr", "ambiguous", "not_confirmed",
            "last_try"]


def test_every_line_the_planner_can_ask_for_exists() -> None:
    keys = set(lines())
    for group in ("value_again", "confidence_again"):
        assert {f"{group}.{r}" for r in _REASONS} <= keys
    assert {"topic_again.no_such_kr", "topic_again.ambiguous",
            "ask_topic_flagged.behind_confident", "ask_topic_flagged.ahead_worried",
            "ask_topic_flagged.several", "fix_both", "kept_both"} <= keys
    for kind in ("value", "confidence"):
        for prefix in ("fix", "kept", "skipped", "left_blank", "offer_blank", "confirm"):
            assert f"{prefix}_{kind}" in keys


def test_scripted_checkins_only_use_lines_that_exist() -> None:
    runs = [Checkin([CHURN, NPS], ["x"]), Checkin([WAIT, RATE], seed=3),
            Checkin([CHURN, NPS], ["x", "y"], seed=1)]
    runs[0].play("later", "4.6", "no", "4.5", "8", "roughly 30", "30", "3", "KR 9", "the mood",
                 "nothing", "nothing", "skip", "that's it", "one")
    runs[1].play("3 hours", "no idea", "no", "dunno", "two thirds", "no", "about two thirds",
                 "yes", "70%", "yes", "a", "b", "none", "x", "y", "a, b and c")
    runs[2].play("both done", "4.6, confidence 8", "no", "hmm", "32 — a 6", "no, 7",
                 "confidence 7", "KR 1", "the team", "fewer calls", "patience",
                 "call Anna and write the FAQ")
    used = {p.key for r in runs for m in r.moves for p in m.parts}
    assert used <= set(lines())
    assert {"ask_topic_flagged.several", "fix_both", "kept_both", "ask_review_several",
            "ask_exception", "ask_small_step", "topic_again.no_such_kr"} <= used
    assert all(r.moves[-1].done for r in runs)
    assert all(questions(c) <= 1 for r in runs for c in r.coach)


def test_the_model_prompt_words_the_planners_move() -> None:
    run = Checkin([CHURN])
    run.say("3.9")
    prompt = model_prompt(run.moves[-1], "3.9")
    assert say(run.moves[-1]) in prompt and "value=3.9%" in prompt
    assert "$" not in prompt


@pytest.mark.parametrize("key", ["value_again.approximate", "value_again.range",
                                 "value_again.several", "value_again.unit",
                                 "confidence_again.out_of_range", "confidence_again.approximate",
                                 "confidence_again.range", "confidence_again.whole"])
def test_a_follow_up_names_what_was_unclear(key: str) -> None:
    assert all("$said" in template for template in lines()[key])


def test_questions_ask_one_thing_and_acknowledgements_ask_nothing() -> None:
    for key, templates in lines().items():
        asks = key.startswith(("ask_", "value_again", "confidence_again", "topic_again",
                               "confirm_", "fix_", "offer_blank_"))
        for template in templates:
            assert template.count("?") == (1 if asks else 0), (key, template)


def test_a_one_kr_set_is_greeted_in_the_singular() -> None:
    """A new user's one-KR set was greeted with "1 Key Results to look at"."""
    for seed in range(6):  # every opening line
        (greeting,) = Checkin([CHURN], seed=seed).coach
        assert "1 Key Results" not in greeting and "1 Key Result" in greeting
    assert "2 Key Results" in Checkin([CHURN, NPS]).coach[0]
