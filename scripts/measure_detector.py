"""Measure the problem-talk detector: figures on each of our CSVs, recall on the shared dev set.

Usage: .venv/bin/python scripts/measure_detector.py [--errors]

Every ``tests/data/problem_talk_*.csv`` (``text,problem_talk``) is measured on its own.
The shared dev set (read-only, never copied into the repo) is used only to measure.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.reframe.detector import detect  # noqa: E402

DATA = ROOT / "tests/data"
SHARED = ROOT.parent / "shared/data/positive-frames-dev.csv"


def _rate(texts: list[str]) -> float:
    return sum(detect(t) is not None for t in texts) / max(len(texts), 1)


def _load(path: Path) -> list[tuple[str, bool]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [(r["text"], r["problem_talk"] == "1") for r in csv.DictReader(fh)]


def _report(path: Path, rows: list[tuple[str, bool]], show_errors: bool) -> None:
    tp = fp = fn = tn = 0
    errors: list[str] = []
    for text, gold in rows:
        pred = detect(text) is not None
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
        if pred != gold:
            errors.append(f"    {'FN' if gold else 'FP'}  {text}")
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows ({tp + fn} problem talk)")
    print(f"  accuracy {(tp + tn) / max(len(rows), 1):.3f}  precision {precision:.3f}  ", end="")
    print(f"recall {recall:.3f}  F1 {f1:.3f}  (tp={tp} fp={fp} fn={fn} tn={tn})")
    if show_errors:
        print("\n".join(errors))


def main() -> None:
    show_errors = "--errors" in sys.argv[1:]
    texts: list[str] = []
    for path in sorted(DATA.glob("problem_talk_*.csv")):
        rows = _load(path)
        _report(path, rows, show_errors)
        texts += [text for text, _ in rows]

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
