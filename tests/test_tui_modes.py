"""The terminal app as a shell for modes: the home screen lists the registry, the chat screen
mounts the mode's steps and side panels by name, and leaving a chat mid-reply loses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, OptionList

from coach.events import SessionView
from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from coach.storage.errors import SessionInUse
from coach.storage.session_lock import SessionLock
from coach.tui import panels
from coach.tui.main import create_app
from coach.tui.screens.chat import ChatScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.draft_panel import DraftPanel
from coach.tui.widgets.message_input import MessageInput
from coach.tui.widgets.room_strip import RoomStrip
from graph.modes import Step, all_modes
from tests.support.fake_openai_server import FakeOpenAIServer, Reply
from tests.test_tui_flows import SIZE, chat, idle_chat, open_new_session, wait_until


async def test_home_lists_the_modes_from_the_registry(runtime: CoachRuntime) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        options = app.screen.query_one("#start", OptionList)
        shown = [(str(option.prompt), option.id, option.disabled) for option in options.options]
        assert [(option_id, disabled) for _, option_id, disabled in shown] == [
            (spec.id, not spec.available) for spec in all_modes()]
        assert shown[0] == ("Prepare OKRs", "prepare", False)
        assert [title for title, _, _ in shown] == [
            spec.title + ("" if spec.available else " · coming soon") for spec in all_modes()]
        assert options.highlighted == 0
        blurb = app.screen.query_one("#mode-blurb", Label)
        assert str(blurb.content) == "Draft a period's OKRs, room by room"


async def test_the_sessions_table_names_each_mode_in_a_word(runtime: CoachRuntime) -> None:
    runtime.new_session("prepare")
    runtime.new_session("rehearse")
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await wait_until(pilot, lambda: table.row_count == 2)
        modes = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert modes == {"Prepare", "Rehearse"}
    assert [spec.label for spec in all_modes()] == ["Prepare", "Check-in", "Retro", "Rehearse"]


def _strip_labels(screen: ChatScreen) -> list[str]:
    return [str(label.content) for label in screen.query_one(RoomStrip).query(".room")]


async def test_the_chat_shell_mounts_prepares_draft_panel_and_rooms_from_the_registry(
    runtime: CoachRuntime,
) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        assert screen.session.spec.panels == ("draft",)
        (panel,) = screen.side_panels()
        assert isinstance(panel, DraftPanel) and panel.id == "draft"
        assert panel.has_class(panels.PANEL_CLASS) and panel.display
        assert _strip_labels(screen) == ["● 1 Ticket Office", "2 Future Gallery",
                                         "3 Instances Gallery", "4 Gift Shop", "✓ Done"]
        where = screen.query_one("#where", Label)
        assert str(where.content) == "okr-coach · Prepare OKRs · New session"
        assert screen.check_action("toggle_panel", ()) is True


class NotesPanel(Label):
    """A panel a mode could register: it shows how many turns the session has."""

    async def show_view(self, view: SessionView) -> None:
        self.update(f"{len(view.turns)} turns")


async def test_a_panel_registered_by_name_is_mounted_for_a_mode_that_names_it(
    runtime: CoachRuntime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(panels._PANELS, "notes", lambda panel_id: NotesPanel(id=panel_id))
    session = runtime.new_session()
    session.spec = replace(session.spec, panels=("notes", "draft"),
                           steps=(Step("ticket_office", "Welcome"), Step("gift_shop", "Wrap")))
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                         and app.runtime is not None)
        await app.push_screen(ChatScreen(session, session.view()))
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        screen = chat(app)
        assert [p.id for p in screen.side_panels()] == ["notes", "draft"]
        assert str(screen.query_one("#notes", NotesPanel).content) == "1 turns"
        assert _strip_labels(screen) == ["● 1 Welcome", "2 Wrap", "✓ Done"]
        await pilot.press("ctrl+b")  # the toggle hides (and shows) every side panel
        assert not any(p.display for p in screen.side_panels())
        assert app.prefs.side_panel is False
        await pilot.press("ctrl+b")
        assert all(p.display for p in screen.side_panels())


async def test_a_mode_without_panels_has_no_panel_toggle(runtime: CoachRuntime) -> None:
    session = runtime.new_session()
    session.spec = replace(session.spec, panels=())
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                         and app.runtime is not None)
        await app.push_screen(ChatScreen(session, session.view()))
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        screen = chat(app)
        assert screen.side_panels() == [] and not screen.query(DraftPanel)
        assert screen.check_action("toggle_panel", ()) is False


def test_every_panel_a_mode_names_is_registered_and_an_unknown_name_is_clear() -> None:
    for spec in all_modes():
        assert set(spec.panels) <= set(panels.panel_names()), spec.id
    assert "draft" in panels.panel_names()
    with pytest.raises(panels.UnknownPanelError) as unknown:
        panels.make_panel("kr_table")
    assert str(unknown.value) == ("no side panel named 'kr_table' "
                                  "(registered: draft, checkin, feedback)")


@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-tui", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_MODEL="fake-coach-1", COACH_LLM_RETRIES=1, COACH_LLM_TIMEOUT=3)
    fake_openai.scripted_structured = False  # pushed steps are the coach's replies
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


async def test_leaving_the_chat_while_a_reply_streams_loses_nothing_and_frees_the_lock_after(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer,
) -> None:
    # a piece every 2 s: a cancelled reply stops at its next piece, so the run goes on a while
    fake_openai.push(Reply("What are your best hopes?"),
                     Reply("Imagine the calmest week on the phones", chunk_delay_s=2.0))
    store = openai_runtime.store
    locks = store.path.parent / "locks"
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        session_id = screen.session.id
        screen.query_one(MessageInput).text = "We want calm phones"
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(fake_openai.reply_requests()) == 2)
        await pilot.pause(0.3)
        assert screen.busy
        await pilot.press("ctrl+o")  # back to the sessions while the reply streams
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        llm = app.llm
        assert llm is not None
        await wait_until(pilot, lambda: llm.cancelled)  # the chat has unmounted: cancelled
        # the reply's run still writes to the session: no other process may take it yet
        assert store.holds(session_id)
        with pytest.raises(SessionInUse):
            SessionLock(locks, session_id)
        await wait_until(pilot, lambda: not store.holds(session_id), timeout=15)
        SessionLock(locks, session_id).release()  # now another process can
        view = openai_runtime.open_session(session_id, writer=False).view()
        assert [(t["role"], t["text"]) for t in view.turns][1:] == [
            ("user", "We want calm phones")]
        assert view.awaiting_retry  # the cancelled reply is not kept; the message is
        assert len(fake_openai.reply_requests()) == 2

        fake_openai.push(Reply("What would calm phones give you?"))
        table = app.screen.query_one("#sessions", DataTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        table.focus()
        await pilot.press("enter")  # opened again, the coach answers the saved message
        await wait_until(pilot, lambda: idle_chat(app) and len(chat(app).view.turns) == 3)
        again = chat(app)
        assert again is not screen and again.session.id == session_id
        assert [t["text"] for t in again.view.turns][1:] == [
            "We want calm phones", "What would calm phones give you?"]
        assert store.holds(session_id)
