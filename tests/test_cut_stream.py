"""Nothing lost, nothing invented: a model reply that does not arrive whole is not stored.

The real `openai` client streams from the fake server, which cuts replies off in the ways a
real connection does (see `tests.support.fake_openai_faults`), or never stops talking.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from coach.clean_text import StreamCleaner
from coach.events import CoachReplied, TokenStreamed, TurnFailed
from coach.export import export_text
from coach.llm.reply_limits import REPLY_CHAR_CAP, ReplyCutOff
from coach.runtime import CoachRuntime, build_runtime
from coach.session import CoachSession
from coach.settings import Settings
from coach.text_safety import strip_controls
from tests.conftest import COACH_BIN, cli_env
from tests.helpers import opening
from tests.support.fake_openai_server import Cut, FakeOpenAIServer, Huge, Pieces, Reply
from tests.test_openai_adapter import make, prompt

ENDINGS = ("close", "drop", "error", "length")
PARTIAL = "Imagine the calmest possible week on the phones"
HOSTILE = "[/bold] [@click=app.quit] \x1b[31mred\x1b]0;title\x07"


@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-cut", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_LLM_RETRIES=0, COACH_LLM_TIMEOUT=5)
    fake_openai.scripted_structured = False  # pushed steps are the coach's replies
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def started(runtime: CoachRuntime) -> CoachSession:
    session = runtime.new_session()
    opening(session)
    return session


# -- the adapter ---------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ENDINGS)
def test_a_reply_cut_off_raises_one_clear_line(
    fake_openai: FakeOpenAIServer, ending: str
) -> None:
    llm = make(fake_openai, retries=0)
    fake_openai.push(Cut(PARTIAL, keep=3, ending=ending))  # type: ignore[arg-type]
    pieces: list[str] = []
    with pytest.raises(ReplyCutOff) as info:
        pieces.extend(llm.stream(prompt()))
    message = str(info.value)
    assert "reply was cut off" in message and "type `retry`" in message
    assert "\n" not in message


def test_a_runaway_reply_stops_at_the_cap(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.push(Huge(chars=1_000_000, word="calm "))
    reply = "".join(make(fake_openai).stream(prompt()))
    assert len(reply) == REPLY_CHAR_CAP and reply.endswith("…")


def test_a_reply_at_our_cap_that_the_server_calls_length_is_kept(
    fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Cut("x" * (2 * REPLY_CHAR_CAP) + " more", keep=1, ending="length"))
    reply = "".join(make(fake_openai).stream(prompt()))
    assert len(reply) == REPLY_CHAR_CAP  # we stopped reading at the cap: no cut-off error


def test_a_control_sequence_split_across_chunks_never_comes_out(
    fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Pieces(("What \x1b[3", "1mred\x1b]0;ti", "tle\x07 now\r", "\n\x1b", "[0m?")))
    pieces = list(make(fake_openai).stream(prompt()))
    assert not any("\x1b" in p or "\x07" in p or "\r" in p for p in pieces)
    assert "".join(pieces) == "What red now\n?"


class Objective(BaseModel):
    title: str
    notes: list[str]


def test_structured_words_are_cleaned_too(fake_openai: FakeOpenAIServer) -> None:
    raw = {"title": "Calm \u001b[5mphones\u001b]8;;http://x\u0007", "notes": ["a\u009b2Jb"]}
    fake_openai.push(Reply(json.dumps(raw)))
    got = make(fake_openai).structured(prompt(), Objective)
    assert got == Objective(title="Calm phones", notes=["ab"])


def test_the_cleaner_joins_to_the_cleaned_whole_at_every_split() -> None:
    whole = "a\x1b[31mb\x1b]0;t\x1b\\c\r\nd\x9b2Je\x1b(Bf\x1b]8;;u\x07g\rh\x1b"
    for i in range(len(whole) + 1):
        for j in range(i, len(whole) + 1):
            cleaner = StreamCleaner()
            out = [cleaner.feed(whole[:i]), cleaner.feed(whole[i:j]), cleaner.feed(whole[j:])]
            assert "".join([*out, cleaner.flush()]) == strip_controls(whole), (i, j)


# -- a session -----------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["close", "drop"])
def test_a_cut_reply_keeps_the_turn_stores_nothing_and_retry_regenerates(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer, ending: str
) -> None:
    session = started(openai_runtime)
    fake_openai.push(Cut(PARTIAL, keep=4, ending=ending))  # type: ignore[arg-type]
    events = list(session.send("We want calm phones"))
    failed = [e for e in events if isinstance(e, TurnFailed)]
    assert len(failed) == 1 and "cut off" in failed[0].message
    assert not any(isinstance(e, CoachReplied) for e in events)
    view = session.view()
    assert view.awaiting_retry
    assert view.turns[-1]["role"] == "user" and view.turns[-1]["text"] == "We want calm phones"
    assert not any("calmest" in t["text"] for t in view.turns)

    fake_openai.push(Reply("What would calm phones give you?"))
    replies = [e.text for e in session.send("retry") if isinstance(e, CoachReplied)]
    assert replies == ["What would calm phones give you?"]
    turns = session.view().turns
    assert [t["text"] for t in turns[-2:]] == ["We want calm phones",
                                               "What would calm phones give you?"]


def test_a_megabyte_reply_is_never_stored_whole(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    session = started(openai_runtime)
    # one endless word and a question mark: only the cap keeps it from passing the guard
    fake_openai.push(Huge(chars=1_000_000, end="?"), Huge(chars=1_000_000, end="?"))
    events = list(session.send("We want calm phones"))
    assert any(isinstance(e, CoachReplied) for e in events)
    streamed = "".join(e.text for e in events if isinstance(e, TokenStreamed))
    assert len(streamed) <= REPLY_CHAR_CAP
    exported = json.loads(export_text(session.view(), "json"))
    assert all(len(t["text"]) <= REPLY_CHAR_CAP for t in exported["turns"])
    database = openai_runtime.settings.sessions_db  # with its write-ahead log
    stored = sum(f.stat().st_size for f in database.parent.glob(f"{database.name}*"))
    assert stored < 1_000_000  # was 27 MB after three such turns


def test_coach_chat_script_prints_the_error_and_exits_non_zero(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    script = tmp_path / "script.txt"
    script.write_text("We want calm phones\nAnd fewer dropped calls\n", encoding="utf-8")
    fake_openai.scripted_structured = False
    fake_openai.push(Reply("What are your best hopes?"), Cut(PARTIAL, keep=4, ending="drop"))
    env = cli_env(tmp_path / "data", OPENAI_BASE_URL=fake_openai.base_url,
                  OPENAI_API_KEY="sk-test", COACH_LLM_RETRIES="0")
    done = subprocess.run([str(COACH_BIN), "chat", "--backend", "openai", "--script",
                           str(script)], capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 1
    errors = done.stderr.decode().strip().splitlines()
    assert errors[-1].startswith("error: The model's reply was cut off")
    out = done.stdout.decode()
    assert "user> We want calm phones" in out and "calmest" not in out
    assert "fewer dropped calls" not in out  # the script stopped at the failed turn
