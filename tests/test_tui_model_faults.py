"""The app against a real OpenAI-compatible HTTP server (the fake one): cancel and failures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Label

from coach.llm.guarded import GuardedLLM
from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from coach.tui.main import create_app
from coach.tui.widgets.conversation import INTERRUPTED, ChatMessage, Conversation
from coach.tui.widgets.message_input import MessageInput
from coach.tui.widgets.status_bar import StatusBar
from tests.support.fake_openai_server import Cut, Fail, FakeOpenAIServer, Reply
from tests.test_tui_flows import SIZE, chat, open_new_session, wait_until

SLOW_WORDS = [f"w{i}" for i in range(60)]


@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-tui", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_MODEL="fake-coach-1", COACH_LLM_RETRIES=1, COACH_LLM_TIMEOUT=3)
    fake_openai.scripted_structured = False  # pushed steps are the coach's replies
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def notes(app: object) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]  # type: ignore[attr-defined]


async def test_cancel_drops_the_partial_reply_and_retry_continues(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Reply("What are your best hopes?"),
                     Reply(" ".join(SLOW_WORDS), chunk_delay_s=0.05))
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        assert str(screen.query_one(StatusBar).query_one("#backend", Label).content) == \
            "openai · fake-coach-1"
        conversation = screen.query_one(Conversation)
        screen.query_one("#input").text = "We want calm phones"  # type: ignore[attr-defined]
        await pilot.press("enter")
        # the reply guard reads the model's whole reply before showing it: cancel mid-reply
        await wait_until(pilot, lambda: len(fake_openai.reply_requests()) == 2)
        await pilot.pause(0.4)
        assert screen.busy and conversation.streaming and "w3" not in conversation._stream_text
        await pilot.press("escape")
        assert not screen.busy and not conversation.streaming
        assert any("Reply cancelled" in n for n in notes(app))
        # the worker stops at the next piece; the user's turn is saved, the reply is not
        await wait_until(pilot, lambda: screen.session.view().awaiting_retry)
        await pilot.pause(0.3)
        texts = [m.text for m in screen.query(ChatMessage)]
        assert texts[-1] == "We want calm phones"
        assert not any("w40" in t for t in texts)  # no stale tokens after the cancel
        assert [t["role"] for t in screen.session.view().turns] == ["coach", "user"]
        assert len(fake_openai.reply_requests()) == 2  # no second try after the cancel

        fake_openai.push(Reply("What would calm phones give you?"))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: any("Retry worked" in n for n in notes(app)))
        assert not screen.busy and len(screen.view.turns) == 3
        assert screen.query(ChatMessage).last().text == "What would calm phones give you?"


async def test_model_failure_is_a_notification_and_retry_recovers(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Reply("What are your best hopes?"), *[Fail(500)] * 2)
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_session(pilot, app)
        screen = chat(app)
        screen.query_one("#input").text = "We want calm phones"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.startswith("The model failed") for n in notes(app)))
        assert not screen.busy and screen.view.awaiting_retry
        failure = [n for n in notes(app) if n.startswith("The model failed")]
        assert failure and "saved" in failure[0]
        assert screen.query(ChatMessage).last().text == "We want calm phones"
        assert screen.check_action("retry", ()) is True

        await pilot.press("ctrl+r")  # the server answers again
        await wait_until(pilot, lambda: any("Retry worked" in n for n in notes(app)))
        assert not screen.busy and not screen.view.awaiting_retry
        assert screen.query(ChatMessage).last().role == "coach"


async def test_switch_backend_from_the_palette(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        backend = screen.query_one(StatusBar).query_one("#backend", Label)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"switch backend")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: str(backend.content) == "offline coach")
        assert screen.session.deps.llm.backend == "offline"
        screen.query_one("#input").text = "We want calm phones"  # type: ignore[attr-defined]
        requests = len(fake_openai.reply_requests())
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.busy and len(screen.view.turns) == 3)
        assert len(fake_openai.reply_requests()) == requests  # the offline coach answered


async def test_a_cut_reply_is_marked_interrupted_and_retry_typed_in_the_box_replaces_it(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Reply("What are your best hopes?"),
                     Cut("Imagine the calmest week on the phones", keep=3, ending="drop"))
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        box = screen.query_one(MessageInput)
        box.text = "We want calm phones"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("cut off" in n for n in notes(app)))
        conversation = screen.query_one(Conversation)
        note = conversation.query_one(".interrupted-note", Label)
        assert str(note.content) == INTERRUPTED
        assert screen.query(ChatMessage).last().text == "We want calm phones"
        assert not screen.busy and screen.view.awaiting_retry

        fake_openai.push(Reply("What would calm phones give you?"))
        box.text = "retry"  # the box still works: typing retry asks again
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Retry worked" in n for n in notes(app)))
        assert not conversation.query(".interrupted-note")
        texts = [m.text for m in screen.query(ChatMessage)]
        assert texts[-2:] == ["We want calm phones", "What would calm phones give you?"]


async def test_what_arrived_of_a_cut_reply_stays_visible_marked_interrupted(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    guarded = openai_runtime.deps.llm
    assert isinstance(guarded, GuardedLLM)  # without the guard the words show as they arrive
    openai_runtime.deps = replace(openai_runtime.deps, llm=guarded.inner)
    fake_openai.push(Reply("What are your best hopes?"),
                     Cut("Imagine the calmest week on the phones", keep=4, ending="close"))
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        screen.query_one(MessageInput).text = "We want calm phones"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("cut off" in n for n in notes(app)))
        partial = screen.query(ChatMessage).last()
        assert partial.text == "Imagine the calmest week " and partial.has_class("-interrupted")
        assert screen.query_one(Conversation).last_coach_text() == "What are your best hopes?"
        assert [t["role"] for t in screen.session.view().turns] == ["coach", "user"]
