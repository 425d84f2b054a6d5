"""Time-to-first-token added by `OpenAIChat.stream` over a raw `openai` client stream, and
(``--session``) LLM calls and tokens per user turn of a whole scripted session.

Both talk to the same local fake OpenAI server (tests/support) with the same request (model,
messages, max_tokens, stream_options); runs are interleaved (alternating which goes first)
so that drift hits both alike. Target: added p50 TTFT <= 20 ms.

    .venv/bin/python benchmarks/bench_llm_overhead.py [--runs 60] [--json]
    .venv/bin/python benchmarks/bench_llm_overhead.py --session [--json]

``--session`` plays tests/data/session_prepare.txt through ``coach --backend openai chat
--script … --json`` against the fake server; calls are the server's recorded chat requests,
tokens are counted (o200k) on the recorded request messages and replies. Target <= 2 calls
per user turn.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openai import OpenAI  # noqa: E402

from coach.llm.openai_adapter import OpenAIChat  # noqa: E402
from coach.llm.port import Message, Prompt  # noqa: E402
from coach.llm.tokens import TokenCounter  # noqa: E402
from coach.settings import Settings  # noqa: E402
from tests.support.fake_openai_server import MODEL, FakeOpenAIServer  # noqa: E402

TEXT = "What would your customers notice first if the next four months went really well?"
PROMPT = Prompt(
    task="coach_reply",
    messages=[
        Message(role="system", content="You are a brief Solution-Focused OKR coach."),
        Message(role="user", content="Our phone service is slow and customers complain."),
    ],
)
TARGET_MS = 20.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ttft_adapter(llm: OpenAIChat) -> float:
    started = time.perf_counter()
    pieces = llm.stream(PROMPT)
    next(pieces)
    first = time.perf_counter() - started
    for _ in pieces:
        pass
    return first * 1000


def ttft_raw(client: OpenAI) -> float:
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model=MODEL,
        messages=cast(Any, [{"role": m.role, "content": m.content} for m in PROMPT.messages]),
        stream=True,
        stream_options={"include_usage": True},
        max_tokens=800,
    )
    first = 0.0
    for chunk in stream:
        if not first and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter() - started
    return first * 1000


def run(runs: int) -> dict[str, float | int]:
    server = FakeOpenAIServer().start()
    try:
        settings = Settings(
            OPENAI_API_KEY="sk-bench", OPENAI_BASE_URL=server.base_url, COACH_MODEL=MODEL
        )
        llm = OpenAIChat(settings)
        client = OpenAI(api_key="sk-bench", base_url=server.base_url, max_retries=0, timeout=60)
        server.responder = lambda body: TEXT
        for _ in range(3):  # warm-up: imports, encoding load, connection code paths
            ttft_adapter(llm)
            ttft_raw(client)
        ours: list[float] = []
        raw: list[float] = []
        pairs: list[tuple[Callable[[], float], list[float]]] = [
            (lambda: ttft_adapter(llm), ours),
            (lambda: ttft_raw(client), raw),
        ]
        for i in range(runs):
            for measure, into in pairs if i % 2 == 0 else pairs[::-1]:
                into.append(measure())
        diffs = [a - b for a, b in zip(ours, raw, strict=True)]
        calls = len(server.chat_requests())
    finally:
        server.stop()
    return {
        "runs": runs,
        "adapter_p50_ms": statistics.median(ours),
        "adapter_p95_ms": pct(ours, 0.95),
        "raw_p50_ms": statistics.median(raw),
        "raw_p95_ms": pct(raw, 0.95),
        "added_p50_ms": statistics.median(ours) - statistics.median(raw),
        "added_p95_ms": pct(ours, 0.95) - pct(raw, 0.95),
        "paired_diff_p50_ms": statistics.median(diffs),
        "requests": calls,
    }


def session_costs(script: Path) -> dict[str, float | int]:
    server = FakeOpenAIServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
        env |= {"OPENAI_BASE_URL": server.base_url, "COACH_DATA_DIR": str(ROOT / "var/bench")}
        cmd = [sys.executable, "-c", "from coach.cli.app import main; main()", "--backend"]
        cmd += ["openai", "chat", "--script", str(script), "--json"]
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"coach chat failed: {done.stderr.strip()[-500:]}")
        calls = server.chat_requests()
    finally:
        server.stop()
    count = TokenCounter()
    user_turns = sum(1 for line in script.read_text().splitlines() if line.strip())
    prompt = sum(count.messages([m["content"] for m in c.body["messages"]]) for c in calls)
    completion = sum(count(c.reply or "") for c in calls)
    structured = sum(1 for c in calls if c.body.get("response_format"))
    return {
        "user_turns": user_turns,
        "llm_calls": len(calls),
        "structured_calls": structured,
        "calls_per_turn": len(calls) / user_turns,
        "prompt_tokens_per_turn": prompt / user_turns,
        "completion_tokens_per_turn": completion / user_turns,
        "max_prompt_tokens": max(
            (count.messages([m["content"] for m in c.body["messages"]]) for c in calls), default=0
        ),
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--session", action="store_true", help="calls/tokens per user turn")
    args = parser.parse_args()
    if args.session:
        costs = session_costs(ROOT / "tests" / "data" / "session_prepare.txt")
        print(
            json.dumps(costs) if args.json else "\n".join(f"{k}: {v:.1f}" for k, v in costs.items())
        )
        return 0 if float(costs["calls_per_turn"]) <= 2 else 1
    result = run(max(50, args.runs))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"TTFT over {result['runs']} interleaved runs each (fake server on 127.0.0.1):")
        for who in ("adapter", "raw"):
            p50, p95 = result[f"{who}_p50_ms"], result[f"{who}_p95_ms"]
            print(f"  {who:8} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
        added = float(result["added_p50_ms"])
        verdict = "OK" if added <= TARGET_MS else "OVER TARGET"
        print(
            f"  added    p50 {added:7.2f} ms   p95 {result['added_p95_ms']:7.2f} ms   "
            f"paired p50 {result['paired_diff_p50_ms']:.2f} ms",
            f"(target <= {TARGET_MS:g} ms: {verdict})",
        )
    return 0 if float(result["added_p50_ms"]) <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
