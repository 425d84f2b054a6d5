"""Starting a check-in from the home screen: it is about the only active OKR set, a picker
asks when there are several, and with none the person is told how to get one — no session is
created for nothing."""

from __future__ import annotations

from datetime import date

from textual.widgets import Label, OptionList

from coach.okr.models import OKRDraft
from coach.okr_store import OKRSetRecord, open_okr_store
from coach.runtime import CoachRuntime
from coach.settings import Settings
from coach.tui.main import create_app
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.set_picker import SetPickerModal
from tests.test_tui_flows import SIZE, chat, idle_chat, wait_until


def adopt(settings: Settings, title: str, period: str) -> OKRSetRecord:
    draft = OKRDraft.model_validate({"period": period, "objectives": [{
        "title": title, "key_results": [{
            "text": "Cut wasted loaves from 40 to 15 per week", "metric": "wasted loaves",
            "baseline": 40, "target": 15, "unit": "/week"}]}]})
    with open_okr_store(settings) as store:
        return store.create_set(draft, start=date(2026, 11, 1), end=date(2027, 3, 31))


async def choose_checkin(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.runtime is not None)
    options = app.screen.query_one("#start", OptionList)
    options.highlighted = [o.id for o in options.options].index("checkin")
    options.focus()
    await pilot.press("enter")


async def test_the_only_active_set_is_used(settings: Settings, runtime: CoachRuntime) -> None:
    okr = adopt(settings, "Fresh [bold]bread[/bold]", "Q1 2027")
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await choose_checkin(pilot, app)
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        session = chat(app).session
        assert session.mode == "checkin" and session.okr_set_id == okr.id
        assert "wasted loaves" in chat(app).view.turns[0]["text"]
        where = chat(app).query_one("#where", Label)  # the mode's title once, then the period
        assert str(where.content) == "okr-coach · Weekly check-in · Q1 2027"


async def test_several_active_sets_ask_which_one(settings: Settings,
                                                 runtime: CoachRuntime) -> None:
    adopt(settings, "Fresh bread", "Q1 2027")
    second = adopt(settings, "Calm [/bold] mornings", "H1 2027")
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await choose_checkin(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, SetPickerModal))
        picker = app.screen.query_one("#sets", OptionList)
        labels = [str(option.prompt) for option in picker.options]
        assert any("Calm [/bold] mornings" in label for label in labels)  # literally
        picker.highlighted = [o.id for o in picker.options].index(second.id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        assert chat(app).session.okr_set_id == second.id


async def test_no_active_set_says_how_to_get_one(runtime: CoachRuntime) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await choose_checkin(pilot, app)
        await wait_until(pilot, lambda: any("coach okr adopt" in str(n.message)
                                            for n in app._notifications))
        assert isinstance(app.screen, HomeScreen)
        assert runtime.store.list() == []  # no session was created for nothing


async def choose(pilot, app, mode: str) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.runtime is not None)
    options = app.screen.query_one("#start", OptionList)
    options.highlighted = [o.id for o in options.options].index(mode)
    options.focus()
    await pilot.press("enter")


async def test_a_retro_before_the_period_ends_asks_first(settings: Settings,
                                                         runtime: CoachRuntime) -> None:
    from datetime import timedelta

    from coach.tui.screens.modals import ConfirmModal

    draft = OKRDraft.model_validate({"period": "Now", "objectives": [{
        "title": "Fresh bread", "key_results": [{
            "text": "Cut wasted loaves from 40 to 15 per week", "metric": "wasted loaves",
            "baseline": 40, "target": 15, "unit": "/week"}]}]})
    end = date.today() + timedelta(days=30)
    with open_okr_store(settings) as store:
        okr = store.create_set(draft, start=date.today() - timedelta(days=60), end=end)
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, app, "retro")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert f"ends on {end}" in app.screen.question
        await pilot.press("n")  # not yet: nothing is started
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert runtime.store.list() == []
        await choose(pilot, app, "retro")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        session = chat(app).session
        assert session.mode == "retro" and session.okr_set_id == okr.id
