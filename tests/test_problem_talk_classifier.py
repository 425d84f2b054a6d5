"""The classifier behind the lexicon: measured on utterances it was never trained on."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from coach.reframe.classifier import LinearModel, ProblemTalkClassifier, train
from coach.reframe.detector import detect
from coach.reframe.noticing import ProblemTalkNoticer
from knowledge.minilm import shared_encoder
from tests.conftest import COACH_BIN, cli_env

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "positive-frames-dev.csv"


def _load(name: str) -> tuple[list[str], list[int]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [
        1 if r["problem_talk"].strip().lower() in ("1", "true", "yes") else 0 for r in rows]


@pytest.fixture(scope="module")
def noticer() -> ProblemTalkNoticer:
    return ProblemTalkNoticer(ProblemTalkClassifier())


def test_combined_noticer_beats_the_lexicon_on_the_unseen_set(noticer: ProblemTalkNoticer) -> None:
    texts, labels = _load("problem_talk_test.csv")  # not in the classifier's training data
    said = [noticer(t) is not None for t in texts]
    lexicon = [detect(t) is not None for t in texts]
    tp = sum(s and y for s, y in zip(said, labels, strict=True))
    precision = tp / max(sum(said), 1)
    recall = tp / sum(labels)
    accuracy = sum(s == bool(y) for s, y in zip(said, labels, strict=True)) / len(labels)
    lexicon_recall = sum(s and y for s, y in zip(lexicon, labels, strict=True)) / sum(labels)
    assert accuracy >= 0.77 and precision >= 0.88 and recall >= 0.6  # measured 0.79/0.91/0.64
    assert recall > lexicon_recall + 0.1


@pytest.mark.skipif(not SHARED.exists(), reason="the shared dev set is not beside the repo")
def test_shared_dev_set_recall_and_reframed_rate(noticer: ProblemTalkNoticer) -> None:
    with SHARED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    recall = sum(noticer(r["original_text"]) is not None for r in rows) / len(rows)
    reframed = sum(noticer(r["reframed_text"]) is not None for r in rows) / len(rows)
    assert recall >= 0.70 and reframed <= 0.38  # measured 0.721 and 0.359


@pytest.mark.parametrize("text", [
    "At the end of March callers are answered quickly, nobody hangs up in frustration, and "
    "the vets get fewer angry walk-ins.",
    "no one is angry with the front desk any more",
    "Nobody waits on hold and there are no more complaints about the queue",
])
def test_a_future_without_the_problem_is_not_problem_talk(noticer: ProblemTalkNoticer,
                                                          text: str) -> None:
    """Problems named only to say they are gone: a wish, not a complaint (found when a new
    user described the end of the period this way and was asked to imagine the opposite)."""
    assert noticer(text) is None


@pytest.mark.parametrize("text", [
    "nobody listens to us",
    "we have fewer angry customers but the queue is still a mess",
    "the backlog is a nightmare and nobody owns it",
])
def test_a_problem_beside_a_wish_is_still_heard(noticer: ProblemTalkNoticer, text: str) -> None:
    assert noticer(text) is not None


def test_short_answers_and_numbers_never_reach_the_classifier(noticer: ProblemTalkNoticer) -> None:
    for text in ["no", "6", "that's all", "yes please", "Increase NPS from 30 to 45 by June"]:
        assert noticer(text) is None


def test_shipped_weights_are_what_training_on_our_own_data_gives() -> None:
    shipped = json.loads((Path(__file__).resolve().parents[1] / "coach" / "reframe"
                          / "problem_talk_model.json").read_text())
    texts: list[str] = []
    labels: list[int] = []
    for name in shipped["trained_on"]:
        t, y = _load(name)
        texts += t
        labels += y
    assert shipped["examples"] == len(texts)
    retrained = train(shared_encoder().encode(texts), labels)
    model = LinearModel.load()
    assert np.allclose(retrained.weights, model.weights, atol=1e-3)
    assert abs(retrained.bias - model.bias) < 1e-3


def test_reframe_cli_notices_what_only_the_classifier_catches(tmp_path: Path) -> None:
    line = "It feels like we're going in circles."
    assert detect(line) is None
    done = subprocess.run([str(COACH_BIN), "reframe", "--jsonl"], input=line.encode(),
                          capture_output=True, env=cli_env(tmp_path), timeout=60, check=True)
    record = json.loads(done.stdout)
    assert record["problem_talk"] is True
    assert record["reframe"].endswith("?") and "circles" in record["reframe"]
