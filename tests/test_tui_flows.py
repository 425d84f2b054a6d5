"""The terminal app driven by Pilot over the real graph, SQLite store and offline coach."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from coach.runtime import CoachRuntime
from coach.settings import Settings
from coach.tui.app import CoachApp
from coach.tui.main import create_app
from coach.tui.prefs import Prefs
from coach.tui.screens.chat import ChatScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.modals import ConfirmModal, PromptModal
from coach.tui.widgets.conversation import ChatMessage, Conversation
from coach.tui.widgets.draft_panel import DraftPanel
from coach.tui.widgets.message_input import MessageInput
from tests.helpers import opening, say

SIZE = (120, 40)
SCRIPT = (Path(__file__).parent / "data" / "session_prepare.txt").read_text().splitlines()


async def wait_until(pilot: Pilot[None], predicate: Callable[[], bool],
                     timeout: float = 10.0) -> None:
    """Let the app work (workers, messages) until `predicate` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
        await pilot.pause(0.02)


def chat(app: CoachApp) -> ChatScreen:
    assert isinstance(app.screen, ChatScreen), f"on {app.screen!r}"
    return app.screen


def idle_chat(app: CoachApp) -> bool:
    return isinstance(app.screen, ChatScreen) and app.screen.is_mounted and not app.screen.busy


async def open_new_session(pilot: Pilot[None], app: CoachApp) -> ChatScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.runtime is not None)
    await pilot.press("enter")  # "Prepare OKRs" is focused first
    await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
    return chat(app)


async def send(pilot: Pilot[None], app: CoachApp, text: str) -> None:
    """Put `text` in the box and press Enter, then wait for the coach's whole reply."""
    screen = chat(app)
    before = len(screen.view.turns)
    screen.query_one(MessageInput).text = text
    await pilot.press("enter")
    await wait_until(pilot, lambda: not screen.busy and len(screen.view.turns) > before)


def panel_text(screen: ChatScreen) -> str:
    return "\n".join(str(label.content) for label in screen.query_one(DraftPanel).query(Label))


def current_room_label(screen: ChatScreen) -> str:
    return str(screen.query_one(".room.-current", Label).content)


async def test_prepare_three_turns_rooms_and_export(runtime: CoachRuntime) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        assert "best hopes" in screen.query(ChatMessage).last().text
        assert "Ticket Office" in current_room_label(screen)
        for line in SCRIPT[:3]:
            await send(pilot, app, line)
        assert screen.view.room == "future_gallery"
        assert "Future Gallery" in current_room_label(screen)
        assert len(screen.query(ChatMessage)) == len(screen.view.turns) == 7
        for line in SCRIPT[3:8]:
            await send(pilot, app, line)
        text = panel_text(screen)
        assert "Increase call response rate from 70% to 90% by end of Q2" in text
        assert "70% → 90% · due end of Q2" in text
        assert "55% → 75%" in text
        await send(pilot, app, SCRIPT[8])
        assert screen.view.room == "instances_gallery"

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        await pilot.press("enter")  # the default path, in the data dir
        exported = runtime.settings.data_dir / "exports" / f"{screen.session.id}.md"
        await wait_until(pilot, exported.exists)
        markdown = exported.read_text()
        assert "| 1 | Increase call response rate from 70% to 90% by end of Q2 |" in markdown
        assert "70% → 90%" in markdown and "Raise first-contact resolution" in markdown

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export json")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        await pilot.press("enter")
        as_json = exported.with_suffix(".json")
        await wait_until(pilot, as_json.exists)
        okr = json.loads(as_json.read_text())["okr"]
        assert okr["objectives"][0]["key_results"][0]["target"] == 90


async def test_room_commands_from_the_palette(runtime: CoachRuntime) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        await screen.action_next_room()
        await wait_until(pilot, lambda: not screen.busy and screen.view.room == "future_gallery")
        assert "Future Gallery" in current_room_label(screen)
        await screen.action_previous_room()
        await wait_until(pilot, lambda: not screen.busy and screen.view.room == "ticket_office")


async def test_resume_rename_and_delete_from_home(runtime: CoachRuntime) -> None:
    session = runtime.new_session("prepare")
    opening(session)
    say(session, SCRIPT[1])
    say(session, SCRIPT[2])
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert str(table.get_row_at(0)[0]).startswith("We'd like callers to get")
        cells = [str(cell) for cell in table.get_row_at(0)[1:]]
        assert cells == ["Prepare", "Future Gallery", "just now"]

        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: idle_chat(app))
        screen = chat(app)
        assert screen.session.id == session.id
        assert len(screen.query(ChatMessage)) == 5
        await send(pilot, app, SCRIPT[3])
        assert len(session.view().turns) == 7

        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        app.screen.query_one("#value").value = "Phones team Q2"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: str(table.get_row_at(0)[0]) == "Phones team Q2")
        assert runtime.store.list()[0].title == "Phones team Q2"

        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # keep it
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert len(runtime.store.list()) == 1
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: table.row_count == 0)
        assert runtime.store.list() == []


async def test_input_keys_and_text_never_lost(runtime: CoachRuntime) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        box = screen.query_one(MessageInput)
        await pilot.press(*"first line", "ctrl+j", *"second")
        assert box.text == "first line\nsecond"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.busy and len(screen.view.turns) == 3)
        assert screen.view.turns[1]["text"] == "first line\nsecond"
        assert box.text == ""
        await pilot.press("up")
        assert box.text == "first line\nsecond"  # recalled

        too_long = "x" * 20_001
        box.text = too_long
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.busy and box.text == too_long)
        assert len(screen.query_one(Conversation).query(ChatMessage)) == 3
        assert any("too long" in n.message for n in app._notifications)


async def test_lazy_runtime_theme_and_panel_are_remembered(settings: Settings) -> None:
    app = create_app(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.runtime is not None, timeout=30)
        await wait_until(pilot, lambda: "No sessions yet" in str(
            app.screen.query_one("#sessions-note", Label).content))
        app.theme = "nord"
        screen = await open_new_session(pilot, app)
        await pilot.press("ctrl+b")
        assert not screen.query_one(DraftPanel).display
    prefs = Prefs.load(settings.data_dir / "tui.json")
    assert (prefs.theme, prefs.side_panel) == ("nord", False)
    again = create_app(settings=settings)
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: again.runtime is not None, timeout=30)
        assert again.theme == "nord"


@pytest.mark.parametrize("name", ["chat"])
async def test_help_opens_and_closes(runtime: CoachRuntime, name: str) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        if name == "chat":
            await open_new_session(pilot, app)
        await wait_until(pilot, lambda: app.screen.is_mounted)
        await pilot.press("f1")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpModal")
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ != "HelpModal")
