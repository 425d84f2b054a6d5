"""Text from a person or a model is shown as written: never run as markup, no escape codes.

The hostile text is markup that crashed the app (a stray closing tag), markup that would
act (`[@click=app.quit]`), a colour escape and a window-title escape. Everywhere it is
shown it must read "[/bold] [@click=app.quit] red", and clicking it must do nothing.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from coach.tui.app import CoachApp
from coach.tui.main import create_app
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.conversation import ChatMessage
from coach.tui.widgets.status_bar import StatusBar
from tests.conftest import COACH_BIN, cli_env
from tests.helpers import opening, say
from tests.support.fake_openai_server import Fail, FakeOpenAIServer, Reply
from tests.test_tui_flows import SIZE, chat, idle_chat, open_new_session, wait_until
from tests.test_tui_model_faults import notes

HOSTILE = "[/bold] [@click=app.quit] \x1b[31mred\x1b]0;title\x07"
SHOWN = "[/bold] [@click=app.quit] red"
QUESTION = "What would tell you it works?"


def screen_text(app: CoachApp) -> str:
    """What the terminal shows now, line by line (the screen's rendered strips)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def click_on(pilot: Pilot[None], app: CoachApp, text: str) -> None:
    """Click in the middle of `text` where the screen shows it."""
    for y, line in enumerate(screen_text(app).splitlines()):
        if text in line:
            await pilot.click(offset=(line.index(text) + len(text) // 2, y))
            await pilot.pause()
            return
    raise AssertionError(f"{text!r} is not on the screen")


def still_running(app: CoachApp) -> bool:
    return app.return_code is None and app.is_running


@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-render", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_MODEL="fake-coach-1", COACH_LLM_RETRIES=1, COACH_LLM_TIMEOUT=3)
    fake_openai.scripted_structured = False  # pushed steps are the coach's replies
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


async def test_a_hostile_first_message_is_listed_and_shown_literally(
    runtime: CoachRuntime
) -> None:
    session = runtime.new_session()
    opening(session)
    say(session, HOSTILE)
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[0]) == SHOWN
        assert SHOWN in screen_text(app)
        await click_on(pilot, app, "@click=app.quit")
        assert still_running(app)

        table.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: idle_chat(app))
        screen = chat(app)
        users = [m for m in screen.query(ChatMessage) if m.role == "user"]
        assert [m.text for m in users] == [SHOWN]
        where = screen.query_one(StatusBar).query_one("#where", Label)
        assert str(where.content).endswith(SHOWN)
        shown = screen_text(app)
        assert SHOWN in shown and "\x1b" not in shown and "title" not in shown
        await click_on(pilot, app, "red")
        await click_on(pilot, app, "@click=app.quit")
        assert still_running(app)


async def test_a_hostile_model_reply_is_shown_and_stored_literally(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Reply(f"{HOSTILE} {QUESTION}"))
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_session(pilot, app)
        coach = screen.query(ChatMessage).last()
        assert coach.role == "coach" and coach.text == f"{SHOWN} {QUESTION}"
        assert f"{SHOWN} {QUESTION}" in screen_text(app)
        await click_on(pilot, app, "@click=app.quit")
        assert still_running(app)
        assert screen.session.view().turns[0]["text"] == f"{SHOWN} {QUESTION}"


async def test_a_model_error_with_markup_is_a_literal_notification(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    fake_openai.push(Reply("What are your best hopes?"),
                     *[Fail(500, message=f"{HOSTILE} boom")] * 2)
    app = create_app(openai_runtime)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_new_session(pilot, app)
        screen.query_one("#input").text = "We want calm phones"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.startswith("The model failed") for n in notes(app)))
        failure = next(n for n in notes(app) if n.startswith("The model failed"))
        assert f"{SHOWN} boom" in failure and "\x1b" not in failure
        await wait_until(pilot, lambda: "boom" in screen_text(app))  # the toast, on screen
        assert f"{SHOWN} boom" in screen_text(app)
        assert still_running(app)


async def test_a_model_name_with_markup_is_a_literal_palette_entry(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_BASE_URL="http://127.0.0.1:9/v1",
                        COACH_MODEL="[/bold]m[@click=app.quit]")
    runtime = build_runtime(settings, "offline")
    try:
        app = create_app(runtime)
        async with app.run_test(size=SIZE) as pilot:
            await open_new_session(pilot, app)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"switch")
            await wait_until(pilot, lambda: "Switch backend" in screen_text(app))
            assert "openai ([/bold]m[@click=app.quit])" in screen_text(app)
            assert still_running(app)
    finally:
        runtime.close()


def test_coach_chat_and_export_print_no_escape_codes(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    script = tmp_path / "script.txt"
    script.write_text(f"{HOSTILE} calmer phones\n", encoding="utf-8")
    fake_openai.scripted_structured = False
    fake_openai.push(Reply(f"{HOSTILE} {QUESTION}"))
    env = cli_env(tmp_path / "data", OPENAI_BASE_URL=fake_openai.base_url,
                  OPENAI_API_KEY="sk-test")
    outputs: list[str] = []
    for extra in ([], ["--json"]):
        done = subprocess.run([str(COACH_BIN), "chat", "--backend", "openai", "--script",
                               str(script), *extra], capture_output=True, env=env,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout.decode())
    assert f"coach> {SHOWN} {QUESTION}" in outputs[0]
    assert f"user> {SHOWN} calmer phones" in outputs[0]
    session_id = json.loads(outputs[1])["session_id"]
    for fmt in ("md", "json"):
        exported = subprocess.run([str(COACH_BIN), "export", session_id, "--format", fmt],
                                  env=env, capture_output=True, check=True, timeout=60)
        outputs.append(exported.stdout.decode())
    assert f"{SHOWN} calmer phones" in outputs[2]
    for text in outputs:
        assert "\x1b" not in text and "\x07" not in text and "\\u001b" not in text


def test_coach_chat_interactive_prints_no_escape_codes(tmp_path: Path) -> None:
    typed = f"{HOSTILE} calmer phones for the team\nquit\n".encode()
    done = subprocess.run([str(COACH_BIN), "chat", "--backend", "offline"], input=typed,
                          capture_output=True, env=cli_env(tmp_path / "data"), timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert f"{SHOWN} calmer phones" in out  # the offline coach quotes the person's words
    assert "\x1b" not in out and "\x07" not in out
