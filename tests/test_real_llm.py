"""A real model in the loop (`make test-llm` / scripts/test_llm.sh): llama.cpp + SmolLM2-135M.

Skipped unless COACH_TEST_LLM_URL points at an OpenAI-compatible server. The model is weak:
these tests check plumbing and robustness (every room reached, valid OKR JSON, the
json_schema → JSON-mode fallback), not coaching quality.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import BaseModel

from coach.llm.openai_adapter import OpenAIChat
from coach.llm.port import Message, Prompt
from coach.settings import Settings

URL = os.environ.get("COACH_TEST_LLM_URL")
REPO = Path(__file__).resolve().parents[1]
ROOMS = {"ticket_office", "future_gallery", "instances_gallery", "gift_shop"}
KR_KEYS = {"text", "metric", "baseline", "target", "unit", "due"}

pytestmark = [
    pytest.mark.llm,
    pytest.mark.skipif(not URL, reason="COACH_TEST_LLM_URL not set (run scripts/test_llm.sh)"),
]


class Hope(BaseModel):
    best_hope: str
    confidence: int


def llm() -> OpenAIChat:
    return OpenAIChat(Settings(OPENAI_BASE_URL=URL, COACH_LLM_TIMEOUT=120, COACH_LLM_RETRIES=1))


def ask(text: str) -> Prompt:
    system = Message(role="system", content="You are a brief coach. Ask one short question.")
    return Prompt(task="coach_reply", messages=[system, Message(role="user", content=text)])


def test_complete_and_stream_against_the_real_server() -> None:
    model = llm()
    assert model.list_models()
    reply = model.complete(ask("We want happier customers."))
    assert reply.strip()
    pieces = list(model.stream(ask("Our team wants calmer phone days.")))
    assert len(pieces) > 1 and "".join(pieces).strip()
    assert model.usage.calls == 2 and model.usage.prompt_tokens > 0


def test_structured_output_falls_back_from_json_schema() -> None:
    model = llm()
    prompt = ask("Best hope: callers get through fast. Confidence 6 of 10. Give the JSON.")
    started = time.monotonic()
    hope = model.structured(prompt, Hope)
    assert isinstance(hope.best_hope, str) and isinstance(hope.confidence, int)
    print(f"structured via {model.quirks} in {time.monotonic() - started:.1f} s")


def test_scripted_session_completes_every_room(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env |= {
        "OPENAI_BASE_URL": str(URL),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "COACH_LLM_TIMEOUT": "120",
        "ANONYMIZED_TELEMETRY": "False",
    }
    script = REPO / "tests" / "data" / "session_prepare.txt"
    cmd = [sys.executable, "-c", "from coach.cli.app import main; main()"]
    cmd += ["--backend", "openai", "chat", "--script", str(script), "--json"]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-2000:]
    doc = json.loads(done.stdout)
    out = os.environ.get("COACH_TEST_LLM_OUT")  # scripts/test_llm.sh keeps the last session
    (Path(out) if out else tmp_path / "session.json").write_text(done.stdout)
    print(f"session in {time.monotonic() - started:.0f} s; stderr: {done.stderr[-500:]}")
    assert doc["backend"] == "openai" and doc["mode"] == "prepare"
    rooms = {t["room"] for t in doc["turns"]}
    assert rooms >= ROOMS, rooms
    assert all(t["role"] in ("coach", "user") and isinstance(t["text"], str) for t in doc["turns"])
    assert all(t["text"].strip() for t in doc["turns"] if t["role"] == "coach")
    objectives = doc["okr"]["objectives"]
    assert 1 <= len(objectives) <= 5
    for objective in objectives:
        assert objective["title"].strip()
        assert 1 <= len(objective["key_results"]) <= 5
        for kr in objective["key_results"]:
            assert set(kr) >= KR_KEYS, kr
    assert isinstance(doc["findings"], list)
    # every reply went through the reply guard, and none carries our own instructions
    guard = doc["guard"]
    assert guard["replies"] == guard["passed_first"] + guard["regenerated"] + guard["fell_back"]
    assert guard["replies"] >= len([t for t in doc["turns"] if t["role"] == "user"])
    ours = _instruction_runs()
    for turn in doc["turns"]:
        if turn["role"] == "coach":
            words = re.findall(r"[a-z0-9']+", turn["text"].lower())
            runs = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
            assert not runs & ours, turn["text"]


def _instruction_runs() -> set[str]:
    """Every 8-word run of our own instruction prompts (a reply holding one leaks them)."""
    from coach.prompt_files import _text, template_names

    runs: set[str] = set()
    for name in template_names():
        words = re.findall(r"[a-z0-9']+", re.sub(r"\$\w+", " ", _text(name)).lower())
        runs |= {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
    return runs
