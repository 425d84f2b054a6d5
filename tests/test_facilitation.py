"""The facilitation classifier: rules on clear examples, and per-label accuracy on a set
it was never trained or tuned on (tests/data/facilitation_test.csv), with the real MiniLM."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from graph.rehearse.facilitation import analyse, classify, shared_words
from graph.rehearse.facilitation_model import BINARY_LABELS, FacilitationClassifier
from graph.rehearse.models import LeadLabels

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
LABELS = ("question", "open", "focus", "advice", "several_questions", "team_words",
          "concern_to_hope", "invites_voice", "names_strength")
FLOOR = 0.85


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _context(row: dict[str, str]) -> tuple[str, ...]:
    return (row["context"],) if row["context"].strip() else ()


def _gold(row: dict[str, str], label: str) -> str | bool:
    return row[label] if label == "focus" else row[label] == "1"


def _accuracy(predicted: list[LeadLabels], rows: list[dict[str, str]], label: str) -> float:
    right: int = sum(
        1 for p, r in zip(predicted, rows, strict=True) if getattr(p, label) == _gold(r, label))
    return right / len(rows)


@pytest.fixture(scope="module")
def combined() -> FacilitationClassifier:
    classifier = FacilitationClassifier()
    classifier.warm_up()
    return classifier


def test_open_future_question() -> None:
    labels = classify("What are your best hopes for this quarter?")
    assert labels.question and labels.open and labels.focus == "future"
    assert not labels.advice and not labels.several_questions


def test_closed_problem_question() -> None:
    labels = classify("Is the workload a problem for you?")
    assert labels.question and not labels.open and labels.focus == "problem"


def test_advice_and_leading_question() -> None:
    assert classify("You should automate the weekly reports.").advice
    leading = classify("Why don't you set up a shared inbox?")
    assert leading.advice and leading.question and not leading.open
    assert not classify("Let's take a ten-minute break.").advice


def test_several_questions_but_one_linked_question_is_one() -> None:
    assert classify("What do you want? Who needs to be involved?").several_questions
    assert not classify("When did it go well, and what made the difference?").several_questions


def test_team_words_need_the_team_lines() -> None:
    text = "What would calm handovers look like?"
    assert not classify(text).team_words
    assert classify(text, ["The handovers are chaos."]).team_words
    assert shared_words(text, ["The handovers are chaos."]) == ["handovers"]
    assert not classify("What do you think?", ["I think we really need it."]).team_words


def test_concern_to_hope_and_dismissal() -> None:
    worry = ["I'm worried the target is far too high."]
    turned = classify("That's a fair worry. What target could you believe in?", worry)
    assert turned.concern_to_hope and turned.focus == "future"
    assert not classify("Don't worry, it'll be fine.", worry).concern_to_hope
    assert not classify("What are your best hopes?").concern_to_hope


def test_voice_and_strength() -> None:
    sam = analyse("Sam, we haven't heard from you — what would you hope for?")
    assert sam.labels.invites_voice and sam.names == ["Sam"]
    assert classify("Who hasn't spoken yet?").invites_voice
    assert not classify("So, what would you notice first?").invites_voice
    strength = classify("You clearly know your customers inside out.")
    assert strength.names_strength and strength.focus == "resource"
    assert not classify("What strengths can you lean on?").names_strength


def test_logistics_are_neutral() -> None:
    labels = classify("Let's move on to the Future Gallery.")
    assert labels == LeadLabels()


@pytest.mark.parametrize("label", LABELS)
def test_rules_alone_floor_on_the_test_set(label: str) -> None:
    rows = _rows("facilitation_test.csv")
    predicted = [classify(r["text"], _context(r)) for r in rows]
    assert _accuracy(predicted, rows, label) >= FLOOR


def test_combined_floor_on_the_test_set(combined: FacilitationClassifier) -> None:
    rows = _rows("facilitation_test.csv")
    assert len(rows) >= 90
    predicted = [combined.labels(r["text"], _context(r)) for r in rows]
    scores = {label: _accuracy(predicted, rows, label) for label in LABELS}
    assert all(score >= FLOOR for score in scores.values()), scores


def test_the_model_alone_is_a_real_opinion(combined: FacilitationClassifier) -> None:
    rows = _rows("facilitation_test.csv")
    alone = combined.model_labels([r["text"] for r in rows])
    assert _accuracy(alone, rows, "focus") >= 0.7
    for label in ("advice", "invites_voice", "names_strength"):
        assert _accuracy(alone, rows, label) >= 0.8, label


def test_combination_is_deterministic_and_rules_win_on_a_cue(
        combined: FacilitationClassifier) -> None:
    text = "What are your best hopes for the release?"
    first = combined.labels_and_source(text)
    assert first == combined.labels_and_source(text)
    assert first[0].focus == "future" and first[1] == "rules"


def test_the_sets_do_not_share_utterances() -> None:
    test = {r["text"].lower() for r in _rows("facilitation_test.csv")}
    train = {r["text"].lower() for r in _rows("facilitation_train.csv")}
    fresh = {r["text"].lower() for r in _rows("facilitation_fresh.csv")}
    fresh2 = {r["text"].lower() for r in _rows("facilitation_fresh2.csv")}
    assert len(train) >= 300 and len(fresh) >= 80 and len(fresh2) >= 80
    assert not test & train and not fresh & train and not fresh & test
    assert not fresh2 & (train | test | fresh)


def test_the_model_file_covers_every_label() -> None:
    from graph.rehearse.facilitation_model import MODEL_KEYS, load_models

    models = load_models()
    assert set(models) == set(MODEL_KEYS)
    assert set(BINARY_LABELS) <= set(models)
    assert all(m.weights.shape == (384,) for m in models.values())


def test_importing_loads_no_model() -> None:
    code = ("import sys; import graph.rehearse.facilitation_model, graph.rehearse.feedback, "
            "graph.rehearse.tally; "
            "assert 'onnxruntime' not in sys.modules and 'textual' not in sys.modules "
            "and 'openai' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
