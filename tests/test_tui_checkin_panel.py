"""The check-in side panel: the session's OKR set from a real OKR store file, shown literally,
with status, progress, confidence and sparklines; no linked set and a damaged store are one
line each, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Label

from coach.events import SessionView
from coach.okr.models import OKRDraft
from coach.okr_store import KRValue, OKRSetRecord, open_okr_store
from coach.session_store import SessionInfo
from coach.settings import Settings
from coach.tui import panels
from coach.tui.widgets.checkin_panel import NO_SET_HINT, CheckinPanel, Loader, store_loader
from coach.tui.widgets.scaled_sparkline import ScaledSparkline

DRAFT = OKRDraft.model_validate({
    "period": "Q3 2026",
    "objectives": [
        {"title": "Callers get through [bold]quickly[/bold]",
         "key_results": [
             {"text": "Raise response rate [/bold] from 70% to 90%", "metric": "response rate",
              "baseline": 70, "target": 90, "unit": "%"},
             {"text": "Cut hold time from 8 to 4 minutes", "metric": "hold time",
              "baseline": 8, "target": 4, "unit": "min"},
         ]},
        {"title": "The team goes home on time",
         "key_results": [{"text": "Overtime hours per week down to 5", "target": 5}]},
    ],
})
START, END = date(2026, 7, 1), date(2026, 9, 30)
TODAY = date(2026, 7, 20)
SESSION = "s-checkin"


def adopt(settings: Settings) -> OKRSetRecord:
    """A set with two check-ins: response rate 72 → 75 (confidence 7 → 6), hold time 7.5 →
    skipped (confidence 5 → none), overtime never given."""
    with open_okr_store(settings) as store:
        okr = store.create_set(DRAFT, start=START, end=END)
        rate, hold, _ = okr.key_results()
        week = datetime(2026, 7, 6, 9, tzinfo=UTC)
        store.record_checkin(okr.id, [KRValue(kr_id=rate.id, value=72, confidence=7),
                                      KRValue(kr_id=hold.id, value=7.5, confidence=5)],
                             taken_at=week)
        store.record_checkin(okr.id, [KRValue(kr_id=rate.id, value=75, confidence=6),
                                      KRValue(kr_id=hold.id, skipped=True)],
                             taken_at=week + timedelta(days=7))
        return okr


def view(session_id: str = SESSION) -> SessionView:
    return SessionView(session_id=session_id, title="Check-in", mode="checkin",
                       backend="offline", model="offline", room="numbers", done=False)


class PanelHost(App[None]):
    """One panel, nothing else; `settings` and `runtime` as the coach app has them."""

    def __init__(self, make: Callable[[], Widget], settings: Settings,
                 links: dict[str, str] | None = None) -> None:
        super().__init__()
        self.make = make
        self.settings = settings
        infos = {sid: SessionInfo(id=sid, title="", mode="checkin", room="numbers", done=False,
                                  created_at=0.0, updated_at=0.0, okr_set_id=set_id)
                 for sid, set_id in (links or {}).items()}
        self.runtime = SimpleNamespace(store=SimpleNamespace(get=infos.get))

    def compose(self) -> ComposeResult:
        yield self.make()


def loader_for(settings: Settings, links: dict[str, str]) -> Loader:
    return store_loader(lambda: settings, links.get, today=lambda: TODAY)


async def shown(pilot: Pilot[Any], panel: Widget, session_id: str = SESSION) -> list[str]:
    assert isinstance(panel, CheckinPanel)
    await panel.show_view(view(session_id))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return [str(label.content) for label in panel.query(Label)]


async def test_each_kr_shows_its_text_literally_with_value_bar_status_and_confidence(
    settings: Settings,
) -> None:
    okr = adopt(settings)
    app = PanelHost(lambda: CheckinPanel(loader_for(settings, {SESSION: okr.id}), id="checkin"),
                    settings)
    async with app.run_test(size=(120, 60)) as pilot:
        panel = app.query_one(CheckinPanel)
        texts = await shown(pilot, panel)
        assert texts[:2] == ["Check-in · Q3 2026", "as of 20 Jul 2026 · 2 check-ins"]
        # user text, as written: never read as markup
        assert "KR 1. Raise response rate [/bold] from 70% to 90%" in texts
        assert "Callers get through [bold]quickly[/bold]" in texts
        rate = texts.index("KR 1. Raise response rate [/bold] from 70% to 90%")
        assert texts[rate + 1] == "now 75% → 90% · baseline 70 · 13 Jul"
        assert texts[rate + 2].endswith(" 25%")  # (75 − 70) / (90 − 70)
        assert texts[rate + 3].startswith("on track · confidence 6/10")
        hold = texts.index("KR 2. Cut hold time from 8 to 4 minutes")
        assert texts[hold + 1] == "now 7.5 min → 4 min · baseline 8 · 06 Jul"
        assert texts[hold + 2].endswith(" 12%")
        assert texts[hold + 3].startswith("on track · confidence 5/10")  # the last given
        overtime = texts.index("KR 3. Overtime hours per week down to 5")
        assert texts[overtime + 1] == "no value yet · target 5"
        assert texts[overtime + 3] == "no data · confidence —"
        assert "Objective 1 · on track" in texts and "Objective 2 · no data" in texts
        # colours come from classes by status
        status = [label for label in panel.query(".status")]
        assert [s.has_class("-on_track") for s in status] == [True, True, False]
        assert status[2].has_class("-no_data")
        # one sparkline point per check-in: value, expected line, confidence
        sparks = list(panel.query(ScaledSparkline))
        assert len(sparks) == 9
        assert all(len(s.points) == 2 for s in sparks)
        value, line, confidence = sparks[:3]
        assert value.points == [0.1, 0.25] and (value.low, value.high) == (0.0, 1.0)
        assert (line.low, line.high) == (value.low, value.high)  # one scale: comparable
        assert confidence.points == [7.0, 6.0] and (confidence.low, confidence.high) == (0, 10)
        assert sparks[5].points == [5.0, None]  # skipped: no number that week
        assert line.has_class("-expected")
        drawn = value.render().plain  # stretched over its width, the first half for week 1
        assert len(drawn) == value.size.width > 4
        assert set(drawn[: len(drawn) // 2]) == {"▂"} and set(drawn[-2:]) == {"▃"}
        assert set(sparks[5].render().plain[-2:]) == {"·"}
        assert panel.set_view is not None and panel.set_view.okr_set.id == okr.id


async def test_a_session_without_a_linked_set_shows_the_hint(settings: Settings) -> None:
    app = PanelHost(lambda: CheckinPanel(loader_for(settings, {}), id="checkin"), settings)
    async with app.run_test() as pilot:
        texts = await shown(pilot, app.query_one(CheckinPanel))
        assert texts == [NO_SET_HINT]
        assert not app.query(ScaledSparkline)


async def test_a_damaged_store_is_one_line_and_no_crash(settings: Settings) -> None:
    settings.ensure_data_dir()
    settings.okr_db.write_bytes(b"this is not a database" * 100)
    app = PanelHost(lambda: CheckinPanel(loader_for(settings, {SESSION: "set-1"}),
                                         id="checkin"), settings)
    async with app.run_test() as pilot:
        panel = app.query_one(CheckinPanel)
        (text,) = await shown(pilot, panel)
        assert text.startswith("Could not read the OKR set: ") and "\n" not in text
        assert "damaged" in text
        assert app.is_running and panel.set_view is None
        # the next turn tries again, and still does not crash
        assert len(await shown(pilot, panel)) == 1


async def test_an_unknown_set_id_is_one_line(settings: Settings) -> None:
    app = PanelHost(lambda: CheckinPanel(loader_for(settings, {SESSION: "nope"}),
                                         id="checkin"), settings)
    async with app.run_test() as pilot:
        (text,) = await shown(pilot, app.query_one(CheckinPanel))
        assert text.startswith("Could not read the OKR set: ")


async def test_the_registered_panel_reads_the_apps_session_index_and_store(
    settings: Settings,
) -> None:
    okr = adopt(settings)
    app = PanelHost(lambda: panels.make_panel("checkin"), settings, {SESSION: okr.id})
    async with app.run_test(size=(120, 60)) as pilot:
        panel = app.query_one("#checkin")
        assert isinstance(panel, CheckinPanel) and panel.has_class(panels.PANEL_CLASS)
        texts = await shown(pilot, panel)
        assert "KR 1. Raise response rate [/bold] from 70% to 90%" in texts
        assert await shown(pilot, panel, "other-session") == [NO_SET_HINT]


async def test_a_checkin_chat_mounts_the_panel_with_the_linked_set(settings: Settings) -> None:
    from coach.runtime import build_runtime
    from coach.tui.main import create_app
    from coach.tui.screens.chat import ChatScreen
    from tests.test_tui_flows import SIZE, wait_until

    okr = adopt(settings)
    runtime = build_runtime(settings, "offline")
    try:
        session = runtime.new_session("checkin", okr.id)
        session_id = session.id
        session.close()
        app = create_app(runtime, prefs_path=settings.data_dir / "prefs.json")
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: app.runtime is not None)
            app.open_chat(session_id)

            def panel_texts() -> list[str]:
                screen = app.screen
                if not isinstance(screen, ChatScreen) or screen.busy:
                    return []
                return [str(label.content) for panel in screen.query(CheckinPanel)
                        for label in panel.query(Label)]

            # the panel is re-read after the opening turn too: wait for the settled content
            await wait_until(pilot, lambda: "KR 1. Raise response rate [/bold] from 70% to 90%"
                             in panel_texts())
            panel = app.screen.query_one("#checkin", CheckinPanel)
            assert panel.set_view is not None and panel.set_view.okr_set.id == okr.id
    finally:
        runtime.close()


def test_a_per_unit_value_reads_as_in_the_chat() -> None:
    """"31/week → 10/week", as the coach writes it (a new user's panel read "31 /week")."""
    from coach.tui.widgets.checkin_panel import value_line
    record = SimpleNamespace(unit="/week", target=10.0, baseline=40.0)
    kr: Any = SimpleNamespace(kr=record, last_value=31.0, last_taken=date(2026, 12, 4))
    assert value_line(kr) == "now 31/week → 10/week · baseline 40 · 04 Dec"
    kr.last_value = kr.last_taken = None
    assert value_line(kr) == "no value yet · target 10/week · baseline 40"
