"""Long sessions stay inside the prompt budget and never drop the OKR draft."""

from __future__ import annotations

from pathlib import Path

from coach.llm.budget import MESSAGE_OVERHEAD, REPLY_PRIMING
from coach.llm.tokens import TokenCounter
from coach.runtime import build_runtime
from coach.settings import Settings
from tests.helpers import opening, say
from tests.support.fake_openai_server import FakeOpenAIServer

BUDGET = 2500
RAMBLE = ("We talked at length about the queue, the rota, the callbacks, the weekend cover, "
          "the training plan and the new starters, and everyone had a view on it. ") * 6


def test_long_session_keeps_prompts_in_budget_and_pins_the_draft(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.default_usage = None  # no made-up usage figures to calibrate the counter on
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_BASE_URL=fake_openai.base_url, COACH_CONTEXT_TOKENS=BUDGET,
                        COACH_LLM_RETRIES=0)
    runtime = build_runtime(settings)
    script = (Path(__file__).parent / "data" / "session_prepare.txt").read_text().splitlines()
    try:
        session = runtime.new_session()
        opening(session)
        for number, line in enumerate(script):
            say(session, f"{line} {RAMBLE}" if number in (1, 3, 4, 10, 11, 12) else line)
        assert session.done
    finally:
        runtime.close()
    count = TokenCounter()
    # the coach's replies (the turn readings are short structured requests of their own)
    requests = [r for r in fake_openai.chat_requests() if not r.body.get("response_format")]
    late = requests[-5:]
    for request in late:
        messages = request.body["messages"]
        tokens = REPLY_PRIMING + sum(count(m["content"]) + MESSAGE_OVERHEAD for m in messages)
        assert tokens <= BUDGET
        pinned = "\n".join(m["content"] for m in messages if m["role"] == "system")
        assert "Increase call response rate from 70% to 90%" in pinned
        assert "Raise first-contact resolution from 55% to 75%" in pinned
    # early turns were dropped from the history, yet their content survives in the summary
    best_hopes = script[1]
    assert all(not any(m["content"].startswith(best_hopes) for m in r.body["messages"])
               for r in late)
    assert all(best_hopes in r.body["messages"][1]["content"] for r in late)
