"""Measure the problem-talk detector: accuracy on our CSV, recall on the shared dev set.

Usage: .venv/bin/python scripts/measure_detector.py
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.reframe.detector import detect  # noqa: E402

CASES = ROOT / "tests/data/problem_talk_cases.csv"
SHARED = ROOT.parent / "shared/data/positive-frames-dev.csv"


def _rate(texts: list[str]) -> float:
    return sum(detect(t) is not None for t in texts) / max(len(texts), 1)


def main() -> None:
    with CASES.open(newline="", encoding="utf-8") as fh:
        rows = [(r["text"], r["problem_talk"] == "1") for r in csv.DictReader(fh)]
    tp = fp = fn = tn = 0
    for text, gold in rows:
        pred = detect(text) is not None
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"cases: {len(rows)} ({tp + fn} problem talk) from {CASES.relative_to(ROOT)}")
    print(f"accuracy {(tp + tn) / len(rows):.3f}  precision {precision:.3f}  ", end="")
    print(f"recall {recall:.3f}  F1 {f1:.3f}  (tp={tp} fp={fp} fn={fn} tn={tn})")

    texts = [text for text, _ in rows]
    if SHARED.exists():
        with SHARED.open(newline="", encoding="utf-8") as fh:
            shared = list(csv.DictReader(fh))
        originals = [r["original_text"] for r in shared]
        reframed = [r["reframed_text"] for r in shared]
        print(f"shared dev set ({len(shared)} pairs): recall on original_text ", end="")
        print(f"{_rate(originals):.3f}; detector rate on reframed_text {_rate(reframed):.3f}")
        texts += originals + reframed
    else:
        print(f"shared dev set not found at {SHARED}; skipped")

    start = time.perf_counter()
    rounds = 3
    for _ in range(rounds):
        for text in texts:
            detect(text)
    elapsed = time.perf_counter() - start
    print(f"throughput: {rounds * len(texts) / elapsed:,.0f} utterances/s ({len(texts)} texts)")


if __name__ == "__main__":
    main()
