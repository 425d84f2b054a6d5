"""The reply guard in whole sessions: the real `openai` client over HTTP to the fake server.

Only the model's words are scripted. A good reply passes; a reply with two questions is asked
for again once; two bad replies give way to the offline phrasing of the same move — and the
session, its `--json` document and the guard's counts all show what the guard accepted.
"""

from __future__ import annotations

import io
import json
import subprocess
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coach.cli.doctor import run_doctor
from coach.events import CoachReplied, TokenStreamed
from coach.llm.guarded import GuardedLLM
from coach.llm.openai_adapter import OpenAIChat
from coach.runtime import CoachRuntime, build_runtime
from coach.session import CoachSession
from coach.settings import Settings
from tests.conftest import COACH_BIN, cli_env
from tests.helpers import opening, say
from tests.support.fake_openai_payloads import default_reply
from tests.support.fake_openai_server import FakeOpenAIServer, Recorded, Reply

LINES = ["We want calm phone days for the support team",
         "It serves our company goal: customers trust us"]
OPENING = "What are your best hopes for the coming period?"
GOOD = "What would calm phone days give you and your team?"
TWO_QUESTIONS = "What would calm days give you? And who would notice first?"
LEAK = ("You are okr-coach, a Solution-Focused coach who helps people write Objectives and "
        "Key Results. What would that mean for you?")
ADVICE_AND_NUMBER = "You should raise it to 95% — what do you think?"


@pytest.fixture
def online(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "online",
                        OPENAI_BASE_URL=fake_openai.base_url, OPENAI_API_KEY="sk-guard",
                        COACH_LLM_TIMEOUT=5, COACH_LLM_RETRIES=0)
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def script_replies(server: FakeOpenAIServer, *texts: str) -> None:
    """The model's words for the next coaching replies, in order (structured requests, such
    as a model reader's, get their usual minimal JSON and take none of them)."""
    queue = deque(texts)

    def words(body: dict[str, Any]) -> str:
        return queue.popleft() if queue else default_reply(body)

    server.responder = words


def replies(server: FakeOpenAIServer) -> list[Recorded]:
    """The requests for coaching words (not structured output)."""
    return [r for r in server.chat_requests() if not r.body.get("response_format")]


def guard_of(runtime: CoachRuntime) -> GuardedLLM:
    llm = runtime.deps.llm
    assert isinstance(llm, GuardedLLM) and isinstance(llm.inner, OpenAIChat)
    return llm


def reply_to(session: CoachSession, text: str) -> tuple[str, str]:
    """The coach's reply to `text`, and the streamed pieces joined."""
    events = list(session.send(text))
    streamed = "".join(e.text for e in events if isinstance(e, TokenStreamed))
    (replied,) = [e for e in events if isinstance(e, CoachReplied)]
    return replied.text, streamed


def offline_reply(runtime: CoachRuntime, lines: list[str]) -> str:
    """What the offline coach says after `lines`: the fallback phrasing of the same move."""
    session = runtime.new_session()
    opening(session)
    return [say(session, line) for line in lines][-1]


def test_a_good_reply_passes_at_the_first_try(
    online: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    script_replies(fake_openai, OPENING, GOOD)
    session = online.new_session()
    assert opening(session) == OPENING
    shown, streamed = reply_to(session, LINES[0])
    assert shown == streamed == GOOD
    stats = guard_of(online).guard
    assert (stats.replies, stats.passed_first, stats.regenerated, stats.fell_back) == (2, 2, 0, 0)
    assert len(replies(fake_openai)) == 2


def test_two_questions_are_asked_for_again_once(
    online: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    script_replies(fake_openai, OPENING, TWO_QUESTIONS, GOOD)
    session = online.new_session()
    opening(session)
    shown, streamed = reply_to(session, LINES[0])
    assert shown == streamed == GOOD
    assert session.view().turns[-1] == {"role": "coach", "room": "ticket_office", "text": GOOD}
    stats = guard_of(online).guard
    assert (stats.replies, stats.passed_first, stats.regenerated, stats.fell_back) == (2, 1, 1, 0)
    assert stats.failures["questions"] == 1
    first, again = replies(fake_openai)[1:]
    assert again.body["messages"][:-1] == first.body["messages"]  # the same prompt, plus:
    assert again.body["messages"][-1]["role"] == "system"
    assert "exactly one question" in again.body["messages"][-1]["content"]


def test_two_bad_replies_give_way_to_the_offline_phrasing(
    online: CoachRuntime, fake_openai: FakeOpenAIServer, runtime: CoachRuntime
) -> None:
    script_replies(fake_openai, OPENING, LEAK, ADVICE_AND_NUMBER)
    session = online.new_session()
    opening(session)
    shown, streamed = reply_to(session, LINES[0])
    assert shown == streamed == offline_reply(runtime, LINES[:1])
    assert "95" not in shown and "okr-coach" not in shown
    assert session.view().turns[-1]["text"] == shown
    stats = guard_of(online).guard
    assert (stats.replies, stats.passed_first, stats.regenerated, stats.fell_back) == (2, 1, 0, 1)
    assert stats.failures == {"questions": 0, "length": 0, "leak": 1, "advice": 1, "numbers": 1}
    assert "do not repeat" in replies(fake_openai)[2].body["messages"][-1]["content"]
    assert len(replies(fake_openai)) == 3  # no third try


def test_cli_json_shows_the_accepted_replies_and_the_guard_counts(
    tmp_path: Path, fake_openai: FakeOpenAIServer, runtime: CoachRuntime
) -> None:
    script = tmp_path / "script.txt"
    script.write_text("\n".join(LINES) + "\n")
    script_replies(fake_openai, OPENING, TWO_QUESTIONS, GOOD, LEAK, ADVICE_AND_NUMBER)
    env = cli_env(tmp_path / "data", OPENAI_BASE_URL=fake_openai.base_url,
                  COACH_LLM_RETRIES="0")
    done = subprocess.run([str(COACH_BIN), "chat", "--backend", "openai", "--script",
                           str(script), "--json"], capture_output=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(done.stdout)
    assert set(doc) >= {"session_id", "mode", "backend", "turns", "okr", "findings", "guard"}
    assert doc["backend"] == "openai"
    coach_turns = [t["text"] for t in doc["turns"] if t["role"] == "coach"]
    assert coach_turns == [OPENING, GOOD, offline_reply(runtime, LINES)]
    assert doc["guard"] == {
        "replies": 3, "passed_first": 1, "regenerated": 1, "fell_back": 1,
        "failures": {"questions": 1, "length": 0, "leak": 1, "advice": 1, "numbers": 1}}
    assert len(replies(fake_openai)) == 5


def test_the_offline_backend_has_no_guard(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(LINES[0] + "\n")
    done = subprocess.run([str(COACH_BIN), "chat", "--script", str(script), "--json"],
                          capture_output=True, env=cli_env(tmp_path / "data"), timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert "guard" not in json.loads(done.stdout)


@pytest.mark.parametrize(("words", "mark", "shown"), [
    ([GOOD], "ok", f"passed: {GOOD!r}"),
    ([TWO_QUESTIONS, GOOD], "ok", "regenerated (rules: questions): 'What would calm phone"),
    ([LEAK, ADVICE_AND_NUMBER], "warn", "fell back (rules: leak; advice, numbers): '“We want"),
], ids=["passed", "regenerated", "fell back"])
def test_doctor_sends_one_turn_through_the_guard(
    tmp_path: Path, fake_openai: FakeOpenAIServer, words: list[str], mark: str, shown: str
) -> None:
    fake_openai.push(Reply("ready"), *[Reply(text) for text in words])
    settings = Settings(_env_file=None, OPENAI_API_KEY="sk-doctor", COACH_MODEL="fake-coach-1",
                        OPENAI_BASE_URL=fake_openai.base_url, COACH_DATA_DIR=tmp_path / "d")
    out = io.StringIO()
    code = run_doctor(settings, Console(file=out, width=200, color_system=None))
    assert code == 0, out.getvalue()
    (line,) = [line for line in out.getvalue().splitlines() if "reply guard" in line]
    assert f" {mark} " in line and shown in line
    guarded = fake_openai.chat_requests()[1:]
    assert len(guarded) == len(words)
    assert guarded[0].body["messages"][0]["content"].startswith("You are okr-coach")
