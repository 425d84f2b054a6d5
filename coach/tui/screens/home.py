"""Home: start a session, or resume, rename or delete a past one.

Session titles are the person's own words: shown as plain text (a `Text` per cell — the
table would read a plain string as markup), control sequences stripped.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, OptionList
from textual.widgets.option_list import Option

from coach.text_safety import strip_controls
from coach.tui.screens.modals import ConfirmModal, PromptModal
from coach.tui.widgets.status_bar import StatusBar
from graph.modes import DONE_STEP, ModeSpec, UnknownModeError, all_modes, mode_spec, step_title

if TYPE_CHECKING:
    from coach.session_store import SessionInfo
    from coach.tui.app import CoachApp

COMING_SOON = " · coming soon"


def mode_label(spec: ModeSpec) -> str:
    """The mode's entry in the start list: its title, marked when it is not available yet."""
    return spec.title if spec.available else spec.title + COMING_SOON


def ago(then: float, now: float) -> str:
    """`just now`, `5 min ago`, `3 h ago`, `yesterday`, else the date."""
    seconds = max(0.0, now - then)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 2 * 86400:
        return "yesterday"
    return time.strftime("%Y-%m-%d", time.localtime(then))


def short(title: str, limit: int = 30) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _mode_label(mode_id: str) -> str:
    """"Check-in" for a known mode; an id this version does not know is shown as it is."""
    try:
        return mode_spec(mode_id).label
    except UnknownModeError:
        return mode_id


def room_name(info: SessionInfo) -> str:
    if info.done or info.room == DONE_STEP:
        return "✓ Done"
    return step_title(info.mode, info.room)


class HomeScreen(Screen[None]):
    """The first screen: paints before the sessions database is even open."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_session", "New session"),
        Binding("r", "rename", "Rename"),
        Binding("d,delete", "delete", "Delete"),
        Binding("f1", "app.help", "Help"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    _ready_to_list = False

    @property
    def coach_app(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield StatusBar("sessions")
        with Horizontal(id="home-body"):
            with Vertical(id="start-pane"):
                yield Label("Start a session", classes="pane-title")
                yield OptionList(*(Option(mode_label(spec), id=spec.id, disabled=not spec.available)
                                   for spec in all_modes()), id="start")
                yield Label(all_modes()[0].blurb, id="mode-blurb", classes="hint",
                            markup=False)
                yield Label("Enter starts · Tab: your sessions", classes="hint")
            with Vertical(id="sessions-pane"):
                yield Label("Your sessions", classes="pane-title")
                table: DataTable[Text] = DataTable(id="sessions", cursor_type="row",
                                                  zebra_stripes=True)
                yield table
                yield Label("Loading your sessions…", id="sessions-note", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column("Title", key="title")
        table.add_column("Mode", key="mode")
        table.add_column("Room", key="room")
        table.add_column("Last activity", key="when")
        self.query_one("#start", OptionList).focus()
        self._ready_to_list = True
        self.refresh_sessions()
        self.call_after_refresh(self.coach_app.start_loading)

    def on_screen_resume(self) -> None:
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Re-read the list (a quick SQLite query) once the runtime is there."""
        runtime = self.coach_app.runtime
        if runtime is None or not self._ready_to_list:
            return
        self.query_one(StatusBar).set_backend(runtime.deps.llm.backend, runtime.deps.llm.model)
        table = self.query_one("#sessions", DataTable)
        selected = self.selected_id()
        table.clear()
        now = time.time()
        sessions = runtime.store.list()
        for info in sessions:
            title = short(strip_controls(info.title or "New session"))
            cells = (title, _mode_label(info.mode), room_name(info), ago(info.updated_at, now))
            table.add_row(*(Text(strip_controls(c)) for c in cells), key=info.id)
        note = self.query_one("#sessions-note", Label)
        note.update("Enter resumes · r renames · d deletes" if sessions else
                    "No sessions yet — start one on the left.")
        if selected is not None and selected in {s.id for s in sessions}:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_id(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.query_one("#mode-blurb", Label).update(mode_spec(event.option.id).blurb)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.coach_app.open_chat(None, event.option.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.coach_app.open_chat(str(event.row_key.value))

    def action_new_session(self) -> None:
        self.coach_app.open_chat(None, "prepare")

    def _selected_info(self) -> SessionInfo | None:
        runtime = self.coach_app.runtime
        session_id = self.selected_id()
        if runtime is None or session_id is None:
            self.notify("Select a session in the list first.", severity="warning", markup=False)
            return None
        return runtime.store.get(session_id)

    def action_rename(self) -> None:
        info = self._selected_info()
        if info is None:
            return

        def renamed(title: str | None) -> None:
            runtime = self.coach_app.runtime
            if title and runtime is not None:
                runtime.store.rename(info.id, title)
                self.refresh_sessions()

        self.app.push_screen(PromptModal("Rename the session", strip_controls(info.title)),
                             renamed)

    def action_delete(self) -> None:
        info = self._selected_info()
        if info is None:
            return

        def confirmed(yes: bool | None) -> None:
            runtime = self.coach_app.runtime
            if yes and runtime is not None:
                runtime.store.delete(info.id)
                self.notify(f"Deleted “{strip_controls(info.title or info.id)}”.", markup=False)
                self.refresh_sessions()

        title = strip_controls(info.title or "New session")
        question = f"Delete “{title}” and its whole conversation?"
        self.app.push_screen(ConfirmModal(question), confirmed)
