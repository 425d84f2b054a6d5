"""The offline coach's retro lines (prompts/retro_offline.yaml) and the model prompt.

Every line renders with exactly the placeholders the planner gives it; every line the planner
can ask for exists; questions ask one thing and read-backs ask nothing; retros don't all
sound alike.
"""

from __future__ import annotations

import string

import pytest

from coach.prompt_files import placeholders
from graph.retro.models import Part
from graph.retro.wording import SYSTEM_FILE, line, lines, model_prompt, say
from tests.test_retro_planner import CHURN, FRESH, HALF, NPS, USERS, Retro

_FACTS = {"kr_text", "kind", "target", "last"}
_SCORED = _FACTS | {"score", "band"}
_ALLOWED: dict[str, set[str]] = {
    "open": {"key_results"}, "ask_score": _SCORED, "scored": _SCORED, "corrected_score": _SCORED,
    "kept_score": _SCORED, "praise_good": _SCORED, "praise_kept": _SCORED,
    "confirm_score": _FACTS | {"said", "proposal", "band"}, "score_again": _FACTS | {"said"},
    "summary_kr": {"kr_text", "score", "band"}, "summary_kr_unscored": {"kr_text"},
    "summary_objective": {"objective", "mean", "band", "scored"},
    "summary_set": {"mean", "band", "scored"}, "summary_proud": {"proud"},
    "summary_strengths": {"strengths"}, "summary_learnings": {"learnings"},
    "offer_start": {"set_id"},
}
_PER_KR = ("ask_score_no_value", "fix_score", "ask_own_score", "offer_unscored",
           "skipped_score", "left_unscored", "ask_stretch", "ask_missed", "ask_learning")
_ASKS = ("ask_", "score_again", "confirm_", "fix_", "offer_unscored", "offer_again")


def _allowed(key: str) -> set[str]:
    group = key.split(".")[0]
    if group in _ALLOWED:
        return _ALLOWED[group]
    return _FACTS if key.startswith(_PER_KR) else set()


@pytest.mark.parametrize("key", sorted(lines()))
def test_every_offline_line_renders_with_its_placeholders(key: str) -> None:
    for i, template in enumerate(lines()[key]):
        names = {m.group("named") or m.group("braced")
                 for m in string.Template.pattern.finditer(template)} - {None}
        assert names <= _allowed(key), (key, names - _allowed(key))
        text = line(Part(key=key, values={n: f"<{n}>" for n in _allowed(key)}), i)
        assert "$" not in text and text
        for name in names:
            assert f"<{name}>" in text


@pytest.mark.parametrize("key", sorted(lines()))
def test_questions_ask_one_thing_and_acknowledgements_ask_nothing(key: str) -> None:
    asks = key.startswith(_ASKS)
    for template in lines()[key]:
        assert template.count("?") == (1 if asks else 0), (key, template)


_REASONS = ["empty", "no_number", "approximate", "range", "several", "out_of_range", "tenths",
            "unclear", "no_suggestion", "last_try"]


def test_every_line_the_planner_can_ask_for_exists() -> None:
    keys = set(lines())
    assert {f"score_again.{r}" for r in _REASONS} <= keys
    for key in ("ask_proud", "ask_strengths", "ask_set_learnings", "ask_offer",
                "proud_noted", "strengths_noted", "set_learnings_noted", "offer_yes",
                "offer_no", "offer_open", *_PER_KR, *_ALLOWED):
        assert key in keys or any(k.startswith(f"{key}.") for k in keys), key


def test_most_lines_have_several_phrasings() -> None:
    many = [k for k, v in lines().items() if len(v) > 1]
    assert len(many) >= len(lines()) // 2


@pytest.mark.parametrize("key", ["score_again.approximate", "score_again.range",
                                 "score_again.several", "score_again.out_of_range",
                                 "score_again.tenths", "confirm_score"])
def test_a_follow_up_names_what_was_unclear(key: str) -> None:
    assert all("$said" in template for template in lines()[key])


@pytest.mark.parametrize("key", ["scored", "corrected_score"])
def test_every_read_back_says_scored_with_the_score_and_band(key: str) -> None:
    for i in range(len(lines()[key])):
        text = line(Part(key=key, values={n: f"<{n}>" for n in _SCORED}), i)
        assert "Scored <score> (<band>)" in text


def test_the_choice_of_variant_is_deterministic() -> None:
    part = Part(key="ask_learning", values={n: "x" for n in _FACTS})
    assert line(part, 4) == line(part, 4)
    a, b = Retro([NPS, CHURN], seed=2), Retro([NPS, CHURN], seed=2)
    a.play("yes", "x", "ok")
    b.play("yes", "x", "ok")
    assert a.coach == b.coach


def test_scripted_retros_only_use_lines_that_exist() -> None:
    runs = [Retro([NPS, CHURN, USERS], ["Delight customers"]), Retro([FRESH, HALF], seed=3)]
    runs[0].play("", "0.6 or 0.7", "about 0.6", "no", "0.7", "no", "0.8", "x", "nothing",
                 "six tenths", "no", "skip", "1.0", "no", "keep it", "a bigger one", "y",
                 "proud", "none", "helpful", "fewer KRs", "hmm", "yes")
    runs[1].play("yes", "seven", "0.65", "0.2", "0.3", "learned", "7", "1.5", "x", "a", "b",
                 "c", "not now")
    used = {p.key for r in runs for m in r.moves for p in m.parts}
    assert used <= set(lines())
    assert all(r.moves[-1].done for r in runs)
    assert all(c.count("?") <= 1 for r in runs for c in r.coach)


def test_the_model_prompt_words_the_planners_move() -> None:
    run = Retro([NPS])
    run.say("0.6")
    prompt = model_prompt(run.moves[-1], "0.6")
    assert say(run.moves[-1]) in prompt and "score=0.6" in prompt and "band=yellow" in prompt
    assert "$" not in prompt and "0.6" in prompt
    assert placeholders(SYSTEM_FILE) == {"step", "draft", "facts", "user_text"}


def test_the_model_prompt_has_a_fact_line_even_without_facts() -> None:
    run = Retro([NPS])
    run.play("yes", "x", "a")
    assert [p.key for p in run.moves[-1].parts] == ["proud_noted", "ask_strengths"]
    assert "- (none)" in model_prompt(run.moves[-1], "a")


def test_the_summary_ends_each_answer_with_one_full_stop() -> None:
    """A new user's retro read "… without being asked.." and "…owns it.; Pick …"."""
    run = Retro([NPS])
    run.play("yes", "Weekly calls move NPS.", "The crews texted customers themselves!",
             "Owning things.", "Count from day one.")
    close = next(c for c in reversed(run.coach) if "proud of" in c)
    assert ".." not in close and ".;" not in close and "!." not in close
    assert "Weekly calls move NPS; Count from day one." in close
