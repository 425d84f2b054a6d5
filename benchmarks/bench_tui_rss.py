"""Peak RSS of the terminal app after a whole offline prepare session, knowledge base loaded.

A fresh subprocess runs the real app headless (Pilot): it opens a prepare session, sends every
line of tests/data/session_prepare.txt through the message box, waits for each reply, then
reports its peak resident set size (`ru_maxrss`). The knowledge base is opened with
`knowledge.open_library(settings)` (seeded on first use, offline MiniLM embeddings) when the
package provides it; otherwise the run says so and goes on without it.

Run: .venv/bin/python benchmarks/bench_tui_rss.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_MB = 450

CHILD = r"""
import asyncio, json, resource, sys, time
from pathlib import Path
from coach.runtime import build_runtime, library_examples
from coach.settings import Settings
from coach.tui.main import create_app
from coach.tui.screens.chat import ChatScreen

settings = Settings(_env_file=None, COACH_DATA_DIR=Path(sys.argv[1]))
examples = library_examples(settings)
examples.search_examples("warm up: customer service response time", k=3)
runtime = build_runtime(settings, "offline", examples=examples)
lines = [l for l in Path(sys.argv[2]).read_text().splitlines() if l.strip()]

async def wait(pilot, predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)

async def main():
    app = create_app(runtime)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait(pilot, lambda: isinstance(app.screen, ChatScreen) and not app.screen.busy
                   and bool(app.screen.view.turns))
        screen = app.screen
        seen_examples = 0
        for line in lines:
            if screen.view.done:
                break
            before = len(screen.view.turns)
            screen.query_one("#input").text = line
            await pilot.press("enter")
            await wait(pilot, lambda: not screen.busy and len(screen.view.turns) > before)
            seen_examples = max(seen_examples, len(screen.view.examples))
        view = screen.view
    return {"room": view.room, "done": view.done, "turns": len(view.turns),
            "krs": sum(len(o["key_results"]) for o in view.okr.get("objectives", [])),
            "examples_shown": seen_examples, "kb": examples is not None}

result = asyncio.run(main())
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def main() -> None:
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(REPO)}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_BACKEND", "COACH_CHROMA_URL"):
        env.pop(name, None)
    script = REPO / "tests" / "data" / "session_prepare.txt"
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", CHILD, tmp, str(script)], cwd=REPO,
                             env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        sys.exit(f"the run failed:\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result, indent=2))
    verdict = "met" if result["peak_rss_mb"] <= TARGET_MB else "NOT met"
    kb = "with the knowledge base" if result["kb"] else "WITHOUT a knowledge base (not available)"
    print(f"\npeak RSS {result['peak_rss_mb']:.0f} MB after a whole offline prepare session {kb}"
          f" (target ≤ {TARGET_MB} MB: {verdict})")


if __name__ == "__main__":
    main()
