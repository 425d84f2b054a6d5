"""The check-in side panel: the session's OKR set as it stands today, read from the OKR store.

Per objective its status; per KR its text, the last value against the target, a progress
bar, the status beside the self-rated confidence, and three sparklines: the value's progress
at each check-in and the expected line on one shared scale, and the confidence on 0–10
(`ScaledSparkline`; a check-in without a value is `·`).

The panel is given a loader, `(session_id) -> SetView | None` (None: no OKR set linked to
the session), and calls it in a thread worker on every `show_view`: the store may be a
file on a slow disk or a PostgreSQL server. A failing store is one line in the panel.
`app_loader(app)` is the loader the chat uses: the app's session index names the set, the
app's settings name the store (`coach.tui.panels` builds it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label
from textual.worker import get_current_worker

from coach.formatting import number_with_unit
from coach.okr_store.pictures import percent, progress_bar, trend_scale
from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside
from coach.tui.widgets.scaled_sparkline import ScaledSparkline

if TYPE_CHECKING:
    from textual.app import App

    from coach.events import SessionView
    from coach.okr_store.progress import Status
    from coach.okr_store.report import KRView, SetView
    from coach.settings import Settings
    from coach.tui.app import CoachApp

Loader = Callable[[str], "SetView | None"]
"""The OKR set linked to a session as of today; None when the session has none."""

NO_SET_HINT = "No OKR set linked — adopt one with `coach okr adopt SESSION`"
LOADING = "Reading the OKR set…"
STATUS_WORDS: dict[str, str] = {
    "on_track": "on track", "at_risk": "at risk", "off_track": "off track",
    "no_data": "no data",
}


def store_loader(settings: Callable[[], Settings], okr_set_of: Callable[[str], str | None],
                 today: Callable[[], date] = date.today) -> Loader:
    """A loader that finds the session's set with `okr_set_of` and reads it (and its
    check-ins) from the OKR store the settings name, opened and closed on each call."""

    def load(session_id: str) -> SetView | None:
        set_id = okr_set_of(session_id)
        if set_id is None:
            return None
        from coach.okr_store import open_okr_store
        from coach.okr_store.report import build_view

        with open_okr_store(settings()) as store:
            okr = store.get_set(set_id)
            checkins = store.list_checkins(set_id)
        return build_view(okr, checkins, today())

    return load


def app_loader(app: App[Any]) -> Loader:
    """The loader for the coach app: the set from its session index, the store from its
    settings (both read when called: the runtime may still be loading)."""
    coach_app = cast("CoachApp", app)

    def okr_set_of(session_id: str) -> str | None:
        runtime = coach_app.runtime
        info = runtime.store.get(session_id) if runtime is not None else None
        return None if info is None else info.okr_set_id

    return store_loader(lambda: coach_app.settings, okr_set_of)


def one_line(err: BaseException) -> str:
    """A store failure as one line for the panel."""
    lines = strip_controls(str(err)).strip().splitlines()
    return f"Could not read the OKR set: {lines[0] if lines else type(err).__name__}"


def _plain(text: str, classes: str) -> Label:
    """Words from the OKR set: shown as written, never read as markup."""
    return Label(strip_controls(text), classes=classes, markup=False)


def _number(value: float) -> str:
    return f"{value:g}"


def value_line(kr: KRView) -> str:
    """`now 74% → 90% · baseline 70 · 06 Jul`, `no value yet · target 90%`."""
    record = kr.kr
    target = "no target" if record.target is None else number_with_unit(record.target,
                                                                         record.unit)
    if kr.last_value is None:
        line = f"no value yet · target {target}"
    else:  # either direction reads
        line = f"now {number_with_unit(kr.last_value, record.unit)} → {target}"
    if record.baseline is not None:
        line += f" · baseline {_number(record.baseline)}"
    if kr.last_taken is not None:
        line += f" · {kr.last_taken:%d %b}"
    return line


def status_line(status: Status, confidence: int | None, expected: float | None) -> str:
    """`at risk · confidence 6/10 · line  70%`."""
    words = [STATUS_WORDS.get(status, status)]
    words.append("confidence —" if confidence is None else f"confidence {confidence}/10")
    if expected is not None:
        words.append(f"line {percent(expected).strip()}")
    return " · ".join(words)


def _spark_row(name: str, points: Sequence[float | None], scale: tuple[float, float],
               classes: str) -> Horizontal:
    return Horizontal(Label(name, classes="spark-name"),
                      ScaledSparkline(points, *scale, classes=f"spark {classes}"),
                      classes="spark-row")


def kr_widgets(kr: KRView) -> list[Widget]:
    widgets: list[Widget] = [
        _plain(f"KR {kr.number}. {kr.kr.text}", "kr"),
        _plain(value_line(kr), "value"),
        Label(progress_bar(kr.progress, width=16), classes=f"bar -{kr.status}", markup=False),
        Label(status_line(kr.status, kr.confidence, kr.expected),
              classes=f"status -{kr.status}", markup=False),
    ]
    if kr.values:  # value and line on one scale, confidence on 0–10: comparable rows
        scale = trend_scale(kr.progress_series, kr.expected_series)
        widgets += [
            _spark_row("value", kr.progress_series, scale, "-value"),
            _spark_row("line", kr.expected_series, scale, "-expected"),
            _spark_row("conf.", [None if c is None else float(c) for c in kr.confidences],
                       (0.0, 10.0), "-confidence"),
        ]
    return widgets


def set_widgets(view: SetView) -> list[Widget]:
    """The panel's content for one OKR set on one day."""
    okr = view.okr_set
    count = len(view.checkins)
    widgets: list[Widget] = [
        _plain(f"Check-in · {okr.period}", "title"),
        _plain(f"as of {view.on:%d %b %Y} · {count} check-in{'' if count == 1 else 's'}"
               + (" · period over" if view.period_over else ""), "meta"),
    ]
    if not view.objectives:
        widgets.append(Label("The set has no objectives.", classes="empty"))
    for number, objective in enumerate(view.objectives, start=1):
        widgets.append(Label(f"Objective {number} · {STATUS_WORDS.get(objective.status, '')}",
                             classes=f"heading -{objective.status}", markup=False))
        widgets.append(_plain(objective.title, "objective"))
        if not objective.key_results:
            widgets.append(Label("no key results", classes="empty"))
        for kr in objective.key_results:
            widgets += kr_widgets(kr)
    return widgets


class CheckinPanel(VerticalScroll, can_focus=False):
    """The KR table of the session's OKR set, re-read after every turn."""

    DEFAULT_CSS = tcss_beside(__file__)

    class Loaded(Message):
        """What a load found: the set, None (no set linked) or a one-line error."""

        def __init__(self, result: SetView | str | None) -> None:
            super().__init__()
            self.result = result

    def __init__(self, loader: Loader, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.loader = loader
        self.set_view: SetView | None = None
        """The set last shown (None: none yet, no set linked, or the store failed)."""

    def compose(self) -> Any:
        yield Label(LOADING, classes="empty")

    async def show_view(self, view: SessionView) -> None:
        """The side panel's update after a turn: re-read the set off the UI thread."""
        self._load(view.session_id)

    @work(thread=True, exclusive=True, group="checkin-panel", exit_on_error=False)
    def _load(self, session_id: str) -> None:
        result: SetView | str | None
        try:
            result = self.loader(session_id)
        except Exception as err:  # a store failure is a line in the panel, never a crash
            result = one_line(err)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(result))

    async def on_checkin_panel_loaded(self, message: CheckinPanel.Loaded) -> None:
        message.stop()
        result = message.result
        if result is None:
            widgets: list[Widget] = [Label(NO_SET_HINT, classes="empty", markup=False)]
        elif isinstance(result, str):
            widgets = [Label(result, classes="error", markup=False)]
        else:
            widgets = set_widgets(result)
        async with self.batch():
            await self.remove_children()
            await self.mount_all(widgets)
        self.set_view = result if not isinstance(result, str) else None  # once it shows
