"""Problem-talk throughput: the lexicon detector and the MiniLM classifier, utterances/s.

Run: .venv/bin/python benchmarks/bench_reframe.py [--n 2000] [--repeats 3] [--batch 64]

The utterances are the labelled rows of tests/data/problem_talk_*.csv, repeated until there
are `--n` of them. Each figure is the best of `--repeats` passes:
- detect: `coach.reframe.detector.detect`, one utterance per call (as on every user turn).
  Figure for comparison: the unit suite used to demand >= 2,000/s (measured ~3,000/s).
- classifier, one per call: `ProblemTalkClassifier.probability`, as the noticer calls it.
- classifier, batched: `ProblemTalkClassifier.probabilities`, `--batch` utterances per call.
The classifier's sentence model is loaded (and timed) before the passes.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.reframe.classifier import ProblemTalkClassifier  # noqa: E402
from coach.reframe.detector import detect  # noqa: E402

DATA = REPO / "tests" / "data"
FILES = ("problem_talk_cases.csv", "problem_talk_holdout.csv", "problem_talk_test.csv")


def utterances(n: int) -> list[str]:
    """`n` labelled utterances, cycling through the three CSV files."""
    texts: list[str] = []
    for name in FILES:
        with (DATA / name).open(newline="", encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    return list(itertools.islice(itertools.cycle(texts), n))


def best_rate(run: Callable[[], object], count: int, repeats: int) -> float:
    """The best utterances/s over `repeats` runs of `run`, which handles `count` utterances."""
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = max(best, count / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="utterances per pass")
    parser.add_argument("--repeats", type=int, default=3, help="passes; the best one counts")
    parser.add_argument("--batch", type=int, default=64, help="utterances per batched call")
    args = parser.parse_args()
    if min(args.n, args.repeats, args.batch) < 1:
        parser.error("--n, --repeats and --batch must be at least 1")
    texts = utterances(args.n)

    def detect_all() -> None:
        for text in texts:
            detect(text)

    print(f"utterances={len(texts)} repeats={args.repeats}")
    print(f"detect: {best_rate(detect_all, len(texts), args.repeats):,.0f} utterances/s")

    classifier = ProblemTalkClassifier()
    start = time.perf_counter()
    classifier.warm_up()
    print(f"classifier load: {time.perf_counter() - start:.2f} s")

    def classify_each() -> None:
        for text in texts:
            classifier.probability(text)

    each = best_rate(classify_each, len(texts), args.repeats)
    print(f"classifier, one per call: {each:,.0f} utterances/s")
    def classify_batches() -> None:
        for first in range(0, len(texts), args.batch):
            classifier.probabilities(texts[first : first + args.batch])

    batched = best_rate(classify_batches, len(texts), args.repeats)
    print(f"classifier, {args.batch} per call: {batched:,.0f} utterances/s")


if __name__ == "__main__":
    main()
