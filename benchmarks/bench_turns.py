"""Per-turn overhead of the graph: offline backend, real SQLite checkpoints (sync durability).

Run: .venv/bin/python benchmarks/bench_turns.py [--turns 240]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from coach.runtime import build_runtime
from coach.settings import Settings

LINES = (Path(__file__).resolve().parents[1] / "tests/data/session_prepare.txt").read_text()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=240)
    args = parser.parse_args()
    script = [line for line in LINES.splitlines() if line.strip()]
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = build_runtime(Settings(_env_file=None, COACH_DATA_DIR=Path(tmp)), "offline")
        while len(timings) < args.turns:
            session = runtime.new_session()
            list(session.start())
            for line in script:
                if session.done or len(timings) >= args.turns:
                    break
                start = time.perf_counter()
                list(session.send(line))
                timings.append((time.perf_counter() - start) * 1000)
        runtime.close()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"turns={len(timings)} p50={statistics.median(timings):.2f} ms "
          f"p95={p95:.2f} ms max={timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
