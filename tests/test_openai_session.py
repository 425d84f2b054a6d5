"""Whole sessions on the `openai` backend: the real `openai` client over HTTP to a local server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from coach.events import CoachReplied, TurnFailed
from coach.llm.guarded import GuardedLLM
from coach.llm.openai_adapter import OpenAIChat
from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from tests.conftest import COACH_BIN, cli_env
from tests.helpers import opening, rooms_visited, say
from tests.support.fake_openai_server import Fail, FakeOpenAIServer, Hang, Reply, schema_name

SCRIPT = [line for line in (Path(__file__).parent / "data" / "session_prepare.txt")
          .read_text().splitlines() if line.strip()]


def _openai_settings(tmp_path: Path, server: FakeOpenAIServer, **extra: object) -> Settings:
    return Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                    OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-test-secret-123",
                    COACH_LLM_TIMEOUT=extra.get("timeout", 5), COACH_LLM_RETRIES=1)


def _play(runtime: CoachRuntime) -> dict:  # type: ignore[type-arg]
    session = runtime.new_session()
    opening(session)
    for line in SCRIPT:
        say(session, line)
    view = session.view()
    assert view.done
    return {"okr": view.okr, "rooms": rooms_visited(view.turns), "turns": view.turns}


def test_scripted_session_on_openai_matches_the_offline_structure(
    tmp_path: Path, fake_openai: FakeOpenAIServer, runtime: CoachRuntime
) -> None:
    offline = _play(runtime)
    fake_openai.structured_responder = lambda body: (
        {"intent": "other"} if schema_name(body) == "ModelReading"
        else {"objective": "Every caller reaches someone who helps"})
    settings = _openai_settings(tmp_path, fake_openai)
    online_runtime = build_runtime(settings)
    try:
        llm = online_runtime.deps.llm
        assert isinstance(llm, GuardedLLM) and isinstance(llm.inner, OpenAIChat)
        online = _play(online_runtime)
        calls = llm.usage.calls
        guard = llm.guard
    finally:
        online_runtime.close()
    # same structure and the same numbers; only the objective's wording is the model's
    assert online["okr"]["objectives"][0].pop("title") == "Every caller reaches someone who helps"
    offline["okr"]["objectives"][0].pop("title")
    assert online["okr"] == offline["okr"]
    assert online["rooms"] == offline["rooms"]
    # the coach's words came from the server, not from the offline phrase book
    coach_turns = [t["text"] for t in online["turns"] if t["role"] == "coach"]
    assert all("offline coach" not in text for text in coach_turns)
    # one reply and one reading per user turn, plus the opening and the objective draft
    assert calls <= 2 * len(SCRIPT) + 2
    assert guard.replies == guard.passed_first > len(SCRIPT)  # every reply passed the guard
    # the key never travels in a body, nor lands in any file of the data dir
    for request in fake_openai.chat_requests():
        assert "sk-test-secret-123" not in request.raw.decode()
    for path in (tmp_path / "data").rglob("*"):
        if path.is_file():
            assert b"sk-test-secret-123" not in path.read_bytes(), path
    # every request of a kind starts with the same system prompt (a cache-friendly prefix)
    for structured in (False, True):
        systems = {r.body["messages"][0]["content"] for r in fake_openai.chat_requests()
                   if bool(r.body.get("response_format")) == structured
                   and schema_name(r.body) != "ObjectiveProposal"}
        assert len({s.split("\n\nRoom:")[0] for s in systems}) == 1


def test_model_failure_keeps_the_turn_and_retry_continues(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    runtime = build_runtime(_openai_settings(tmp_path, fake_openai))
    try:
        session = runtime.new_session()
        opening(session)
        # the turn is read, then the reply fails: the first try and its one retry
        fake_openai.push(Reply('{"intent": "other"}'), Fail(500), Fail(500))
        events = list(session.send("Our best hope is a calmer support desk"))
        failures = [e for e in events if isinstance(e, TurnFailed)]
        assert len(failures) == 1 and "\n" not in failures[0].message
        assert "sk-test-secret-123" not in failures[0].message
        view = session.view()
        assert view.awaiting_retry
        assert view.turns[-1] == {"role": "user", "room": "ticket_office",
                                  "text": "Our best hope is a calmer support desk"}
        replies = [e for e in session.send("retry") if isinstance(e, CoachReplied)]
        assert len(replies) == 1
        users = [t for t in session.view().turns if t["role"] == "user"]
        assert len(users) == 1  # the retry did not add a second copy of the turn
    finally:
        runtime.close()


def test_kill_9_while_the_model_is_thinking_loses_no_turn(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    env = cli_env(tmp_path / "data", OPENAI_BASE_URL=fake_openai.base_url,
                  OPENAI_API_KEY="sk-test", COACH_LLM_TIMEOUT="30", COACH_LLM_RETRIES="0")
    proc = subprocess.Popen([str(COACH_BIN), "chat"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    deadline = time.monotonic() + 30
    while len(fake_openai.chat_requests()) < 1:  # the opening question
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)
    fake_openai.push(Hang(seconds=20))
    proc.stdin.write(b"We want every caller answered within a minute\n")
    proc.stdin.flush()
    while len(fake_openai.chat_requests()) < 2:  # the model is now "thinking"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    listed = subprocess.run([str(COACH_BIN), "sessions"], env=env, capture_output=True,
                            check=True, timeout=60)
    session_id = listed.stdout.decode().split()[0]
    resumed = subprocess.run([str(COACH_BIN), "resume", session_id], input=b"quit\n", env=env,
                             capture_output=True, timeout=60, check=False)
    assert resumed.returncode == 0, resumed.stderr.decode()
    exported = subprocess.run([str(COACH_BIN), "export", session_id, "--format", "json"],
                              env=env, capture_output=True, check=True, timeout=60)
    turns = json.loads(exported.stdout)["turns"]
    assert [t["text"] for t in turns if t["role"] == "user"] == [
        "We want every caller answered within a minute"]
    assert turns[-1]["role"] == "coach"  # resuming finished the interrupted reply


def test_model_objective_with_numbers_falls_back_to_the_users_words(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.structured_responder = lambda body: {"objective": "Reach 90% response rate"}
    runtime = build_runtime(_openai_settings(tmp_path, fake_openai))
    try:
        session = runtime.new_session()
        opening(session)
        for line in SCRIPT[:5]:
            say(session, line)
        say(session, "yes")
        title = session.view().okr["objectives"][0]["title"]
    finally:
        runtime.close()
    assert title == "Callers get through quickly"  # built from the user's own words
    drafts = [r for r in fake_openai.chat_requests() if schema_name(r.body) == "ObjectiveProposal"]
    assert len(drafts) == 1


def test_cli_script_on_the_openai_backend(tmp_path: Path, fake_openai: FakeOpenAIServer) -> None:
    env = cli_env(tmp_path / "data", OPENAI_BASE_URL=fake_openai.base_url)
    script = Path(__file__).parent / "data" / "session_prepare.txt"
    done = subprocess.run([str(COACH_BIN), "chat", "--backend", "openai", "--script", str(script),
                           "--json"], capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(done.stdout)
    assert doc["backend"] == "openai"
    assert rooms_visited(doc["turns"])[:4] == [
        "ticket_office", "future_gallery", "instances_gallery", "gift_shop"]
    pairs = sorted((kr["baseline"], kr["target"])
                   for kr in doc["okr"]["objectives"][0]["key_results"])
    assert pairs == [(55, 75), (70, 90)]
    refused = subprocess.run([str(COACH_BIN), "chat", "--backend", "gpt"], capture_output=True,
                             env=env, timeout=60, check=False)
    assert refused.returncode == 2 and b"unknown backend" in refused.stderr
    unconfigured = subprocess.run([str(COACH_BIN), "--backend", "openai", "chat", "--script",
                                   str(script), "--json"], capture_output=True,
                                  env=cli_env(tmp_path / "other"), timeout=60, check=False)
    assert unconfigured.returncode == 2 and b"OPENAI_API_KEY" in unconfigured.stderr
