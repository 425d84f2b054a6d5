"""Time to first paint of the terminal app, against `python -c "import textual"` as the floor.

Each run is a fresh subprocess (cold interpreter, warm OS cache). A run's time is from just
before the spawn to the moment the child's first screen has been composed and refreshed
(headless, 120×40); the child then exits. Runs of the kinds are interleaved so that load
from other processes hits them alike.

Kinds:
  floor     python -c "import textual"            (the brief's floor)
  textual   a bare Textual app with one Label      (the framework's own first paint)
  tui       coach.tui.main.create_app(settings=…)  (what `run_tui` paints)
  cli       import coach.cli.app, then the tui     (the `coach` entry point as it is today)

Run: .venv/bin/python benchmarks/bench_tui_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("langgraph", "chromadb", "openai", "graph.build", "coach.runtime")

PAINT = """
import asyncio, sys, time, json
{imports}
async def first_paint(pilot):
    app = pilot.app
    while not app.screen.query("#sessions, Label"):  # the first screen is composed
        await asyncio.sleep(0.001)
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)  # and has been drawn once
    await painted.wait()
    heavy = [m for m in {heavy!r} if m in sys.modules]
    print(json.dumps({{"t": time.time(), "heavy": heavy}}), flush=True)
    pilot.app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=first_paint)
"""

CHILDREN = {
    "floor": "import textual, time, json; print(json.dumps({'t': time.time(), 'heavy': []}))",
    "textual": PAINT.format(heavy=HEAVY, imports=(
        "from textual.app import App\nfrom textual.widgets import Label\n"
        "class Bare(App):\n    def compose(self):\n        yield Label('hello')\n"
        "app = Bare()")),
    "tui": PAINT.format(heavy=HEAVY, imports=(
        "from coach.settings import Settings\nfrom coach.tui.main import create_app\n"
        "app = create_app(settings=Settings(_env_file=None, COACH_DATA_DIR=sys.argv[1]))")),
    "cli": PAINT.format(heavy=HEAVY, imports=(
        "import coach.cli.app\n"
        "from coach.settings import Settings\nfrom coach.tui.main import create_app\n"
        "app = create_app(settings=Settings(_env_file=None, COACH_DATA_DIR=sys.argv[1]))")),
}


def one_run(kind: str, data_dir: str) -> tuple[float, list[str]]:
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "PYTHONPATH": str(REPO)}
    start = time.time()
    out = subprocess.run([sys.executable, "-c", CHILDREN[kind], data_dir], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    result = json.loads(line)
    return float(result["t"]) - start, list(result["heavy"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--kinds", default="floor,textual,tui,cli")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    heavy: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:  # one warm-up each (OS cache, .pyc), not counted
            one_run(kind, tmp)
        for _ in range(args.runs):
            for kind in kinds:
                seconds, loaded = one_run(kind, tmp)
                times[kind].append(seconds)
                heavy[kind] = loaded
    print(f"{'kind':8} {'p50':>7} {'p90':>7} {'min':>7}  heavy modules at first paint")
    for kind in kinds:
        values = sorted(times[kind])
        p90 = values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]
        print(f"{kind:8} {statistics.median(values):7.3f} {p90:7.3f} {values[0]:7.3f}  "
              f"{', '.join(heavy[kind]) or '-'}")
    tui = statistics.median(times.get("tui", [0.0]))
    if "floor" in times and "tui" in times:
        over = tui - statistics.median(times["floor"])
        print(f"\ntui first paint p50 {tui:.3f} s = floor + {over:.3f} s"
              f" (target ≤ 0.8 s: {'met' if tui <= 0.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
