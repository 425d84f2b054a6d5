"""Per-turn time of a workshop rehearsal with the offline coach: real graph, real SQLite
checkpoints, the facilitation classifier with the offline MiniLM (loaded once, before timing).

Run: .venv/bin/python benchmarks/bench_rehearse.py [--rehearsals 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from coach.runtime import build_runtime
from coach.settings import Settings

TEAM = ("A finance team of 6 in a retail group; we align to \"cash we can count on\". "
        "They worry about month-end overtime. 90 minutes.")
LEAD = [
    "What are your best hopes for today?",
    "Is the month-end close a problem for you?",
    "You mentioned overtime — what would you like instead?",
    "Imagine the year went perfectly. What would the store managers notice?",
    "You should automate the reconciliations.",
    "replay",
    "What would tell us, in numbers, that we got there?",
    "When has a close already gone smoothly, even once?",
    "On a scale of 0 to 10, where are we today?",
    "What would one point higher look like?",
    "What small step could we take next week?",
    "What do you appreciate in how we worked today?",
    "finish",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rehearsals", type=int, default=10)
    args = parser.parse_args()
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = build_runtime(Settings(_env_file=None, COACH_DATA_DIR=Path(tmp)), "offline")
        assert runtime.deps.facilitation is not None
        runtime.deps.facilitation("warming up the sentence model", [])
        for _ in range(args.rehearsals):
            session = runtime.new_session("rehearse")
            list(session.start())
            for line in [TEAM, "start", *LEAD]:
                start = time.perf_counter()
                list(session.send(line))
                timings.append((time.perf_counter() - start) * 1000)
        runtime.close()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"rehearsal turns={len(timings)} p50={statistics.median(timings):.1f} ms "
          f"p95={p95:.1f} ms max={timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
