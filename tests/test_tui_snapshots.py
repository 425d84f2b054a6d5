"""Snapshots of the terminal app at 120×40 with the cursor blink off (pytest-textual-snapshot).

Update after an intended change: `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from coach.runtime import CoachRuntime
from coach.tui.main import create_app
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.conversation import Conversation
from tests.helpers import opening, say
from tests.test_tui_flows import SCRIPT, SIZE, idle_chat, open_new_session, send, wait_until

SnapCompare = Callable[..., bool]


@pytest.fixture
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text cursors stay still, so a snapshot never catches one mid-blink."""
    for widget in (TextArea, Input):
        original = widget.__init__

        def init(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> None:
            __original(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", init)
    yield


def test_home(snap_compare: SnapCompare, runtime: CoachRuntime, no_cursor_blink: None) -> None:
    session = runtime.new_session("prepare")
    opening(session)
    say(session, SCRIPT[1])

    async def listed(pilot: Pilot[None]) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen)
                         and pilot.app.screen.query_one("#sessions", DataTable).row_count == 1)

    assert snap_compare(create_app(runtime), terminal_size=SIZE, run_before=listed)


def test_chat_with_the_draft(snap_compare: SnapCompare, runtime: CoachRuntime,
                             no_cursor_blink: None) -> None:
    async def draft_filled(pilot: Pilot[None]) -> None:
        app: Any = pilot.app
        await open_new_session(pilot, app)
        for line in SCRIPT[:8]:
            await send(pilot, app, line)
        await wait_until(pilot, lambda: idle_chat(app))
        log = app.screen.query_one(Conversation)
        await pilot.wait_for_scheduled_animations()
        # the view has followed the newest message once its layout has settled (under load
        # the last reply could otherwise be caught half scrolled in)
        await wait_until(pilot, lambda: log.max_scroll_y > 0 and log.scroll_y >= log.max_scroll_y)
        await pilot.pause(0.2)

    assert snap_compare(create_app(runtime), terminal_size=SIZE, run_before=draft_filled)


def test_help(snap_compare: SnapCompare, runtime: CoachRuntime, no_cursor_blink: None) -> None:
    assert snap_compare(create_app(runtime), terminal_size=SIZE, press=["_", "f1", "_"])
