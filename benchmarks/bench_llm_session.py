"""LLM calls and tokens per user turn for a whole scripted session on the `openai` backend.

The session runs against the local OpenAI-compatible test server (real HTTP, real `openai`
client). Prompt tokens are counted on what was actually sent (o200k when packaged, else the
calibrated estimate); completion tokens on what came back.

Run: .venv/bin/python benchmarks/bench_llm_session.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.events import CoachReplied  # noqa: E402
from coach.llm.tokens import TokenCounter  # noqa: E402
from coach.runtime import build_runtime  # noqa: E402
from coach.settings import Settings  # noqa: E402
from tests.support.fake_openai_server import FakeOpenAIServer  # noqa: E402


def main() -> None:
    script = [line for line in (REPO / "tests/data/session_prepare.txt").read_text().splitlines()
              if line.strip()]
    server = FakeOpenAIServer().start()
    server.default_usage = None
    server.structured_responder = lambda body: {"objective": "Every caller reaches a person"}
    count = TokenCounter()
    per_turn_calls: list[int] = []
    per_turn_prompt: list[int] = []
    per_turn_completion: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, COACH_DATA_DIR=Path(tmp),
                            OPENAI_BASE_URL=server.base_url, COACH_LLM_RETRIES=0)
        runtime = build_runtime(settings)
        session = runtime.new_session()
        list(session.start())
        for line in script:
            before = len(server.chat_requests())
            reply = "".join(e.text for e in session.send(line) if isinstance(e, CoachReplied))
            new = server.chat_requests()[before:]
            per_turn_calls.append(len(new))
            per_turn_prompt.append(sum(
                count.messages([m["content"] for m in r.body["messages"]]) for r in new))
            per_turn_completion.append(count(reply))
        runtime.close()
    server.stop()
    turns = len(script)
    print(f"user turns={turns} llm calls={sum(per_turn_calls)} "
          f"calls/turn mean={sum(per_turn_calls) / turns:.2f} max={max(per_turn_calls)}")
    print(f"prompt tokens/turn mean={statistics.mean(per_turn_prompt):.0f} "
          f"max={max(per_turn_prompt)}; completion tokens/turn "
          f"mean={statistics.mean(per_turn_completion):.0f} (counter: {count.method})")


if __name__ == "__main__":
    main()
