"""The Textual app: the first screen paints at once; the runtime is built in a worker."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from coach.text_safety import strip_controls
from coach.tui.cancel import CancellableLLM
from coach.tui.commands import CoachCommands
from coach.tui.messages import BackendSwitched, RuntimeFailed, RuntimeLoaded
from coach.tui.prefs import PREFS_FILE, Prefs
from coach.tui.screens.help import HelpModal
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from coach.runtime import CoachRuntime
    from coach.settings import Settings

RUNTIME_WAIT_S = 60.0
LOAD_DELAY_S = 0.05  # let the first frame reach the terminal before the heavy imports


def openai_configured(settings: Settings) -> bool:
    return settings.openai_api_key is not None or bool(settings.openai_base_url)


class CoachApp(App[None]):
    """okr-coach in the terminal. Build it with `coach.tui.main.create_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "okr-coach"
    COMMANDS = App.COMMANDS | {CoachCommands}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f1", "help", "Help", show=False)]

    def __init__(
        self,
        settings: Settings,
        *,
        runtime: CoachRuntime | None = None,
        loader: Callable[[Settings], CoachRuntime] | None = None,
        prefs_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.runtime: CoachRuntime | None = None
        self._given_runtime = runtime
        self._loader = loader
        self._runtime_ready = threading.Event()
        self._loading = False
        self.prefs_path = prefs_path or settings.data_dir / PREFS_FILE
        self.prefs = Prefs.load(self.prefs_path)

    @property
    def llm(self) -> CancellableLLM | None:
        llm = self.runtime.deps.llm if self.runtime is not None else None
        return llm if isinstance(llm, CancellableLLM) else None

    # -- start and stop ------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.prefs.theme in self.available_themes:
            self.theme = self.prefs.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        if self._given_runtime is not None:
            self._install(self._given_runtime)

    def start_loading(self) -> None:
        """Build the runtime in a worker; the home screen calls this once it has painted."""
        if self.runtime is None and self._loader is not None and not self._loading:
            self._loading = True
            self.set_timer(LOAD_DELAY_S, self._load_runtime)

    @work(thread=True, group="runtime", exit_on_error=False)
    def _load_runtime(self) -> None:
        assert self._loader is not None
        try:
            runtime = self._loader(self.settings)
        except Exception as err:
            self.post_message(RuntimeFailed(f"{type(err).__name__}: {err}"))
            return
        self.post_message(RuntimeLoaded(runtime))

    def on_runtime_loaded(self, message: RuntimeLoaded) -> None:
        self._install(message.runtime)

    def on_runtime_failed(self, message: RuntimeFailed) -> None:
        self.notify(strip_controls(message.reason), title="Could not open the sessions",
                    severity="error", timeout=30, markup=False)

    def _install(self, runtime: CoachRuntime) -> None:
        if not isinstance(runtime.deps.llm, CancellableLLM):
            runtime.deps = replace(runtime.deps, llm=CancellableLLM(runtime.deps.llm))
        self.runtime = runtime
        self._runtime_ready.set()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_sessions()

    def on_unmount(self) -> None:
        if self.runtime is not None and self._given_runtime is None:
            self.runtime.close()

    # -- preferences ---------------------------------------------------------------------
    def _remember_theme(self, theme: Theme) -> None:
        self.prefs.theme = theme.name
        self.prefs.save(self.prefs_path)

    def set_side_panel(self, shown: bool) -> None:
        self.prefs.side_panel = shown
        self.prefs.save(self.prefs_path)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal())

    # -- sessions ------------------------------------------------------------------------
    def open_chat(self, session_id: str | None, mode: str = "prepare",
                  okr_set_id: str | None = None, *, early: bool = False) -> None:
        """Open a saved session (or a new one) in a worker, then show the chat screen. A new
        check-in or retrospective is about the only active OKR set, or the one picked."""
        if not self._runtime_ready.is_set():
            self.notify("Opening the sessions database…", timeout=3, markup=False)
        self._open_chat(session_id, mode, okr_set_id, early)

    def _pick_set(self, mode: str) -> str | None:
        """The active set a new `mode` session is about; None when the person must pick one
        (a picker is shown) or there is none (said in a notification). Runs in a worker."""
        from coach.okr_choice import NO_ACTIVE_SET, active_sets
        from coach.tui.screens.set_picker import SetPickerModal
        from graph.modes import mode_spec

        assert self.runtime is not None
        sets = active_sets(self.runtime.okr_store())
        if len(sets) == 1:
            return sets[0].id
        if not sets:
            self.call_from_thread(self.notify, NO_ACTIVE_SET.capitalize(), severity="warning",
                                  markup=False, timeout=8)
            return None

        def chosen(set_id: str | None) -> None:
            if set_id is not None:
                self.open_chat(None, mode, set_id)

        title = f"{mode_spec(mode).title}: which OKR set?"
        self.call_from_thread(self.push_screen, SetPickerModal(title, sets), chosen)
        return None

    def _period_not_over(self, mode: str, set_id: str) -> bool:
        """A retrospective before its set's end date: ask first (a modal); True when the
        person must answer before the session opens. Runs in a worker."""
        from coach.tui.screens.modals import ConfirmModal

        assert self.runtime is not None
        okr = self.runtime.okr_store().get_set(set_id)
        if date.today() >= okr.end:
            return False

        def chosen(go: bool | None) -> None:
            if go:
                self.open_chat(None, mode, set_id, early=True)

        question = (f"The period of OKR set {okr.id} ends on {okr.end}. "
                    "Start the retrospective early?")
        self.call_from_thread(self.push_screen, ConfirmModal(question, confirm="Start early",
                                                           cancel="Not yet"),
                              chosen)
        return True

    @work(thread=True, group="open", exclusive=True, exit_on_error=False)
    def _open_chat(self, session_id: str | None, mode: str, okr_set_id: str | None,
                   early: bool = False) -> None:
        from coach.session import SessionError
        from coach.storage.errors import StorageError
        from graph.modes import mode_spec

        if not self._runtime_ready.wait(RUNTIME_WAIT_S) or self.runtime is None:
            return
        try:
            if session_id is None:
                if okr_set_id is None and mode_spec(mode).needs_okr_set:
                    okr_set_id = self._pick_set(mode)
                    if okr_set_id is None:
                        return
                if mode == "retro" and okr_set_id and not early and self._period_not_over(
                        mode, okr_set_id):
                    return
                session = self.runtime.new_session(mode, okr_set_id)
            else:
                session = self.runtime.open_session(session_id)
            view = session.view()
        except (SessionError, ValueError, StorageError) as err:  # e.g. open in another coach
            self.call_from_thread(self.notify, strip_controls(str(err)), severity="error",
                                  markup=False)
            return
        from coach.tui.screens.chat import ChatScreen

        self.call_from_thread(self.push_screen, ChatScreen(session, view))

    # -- backend -------------------------------------------------------------------------
    def switch_backend(self, backend: str | None, model: str | None) -> None:
        """Switch to `backend` (offline/openai) and/or `model` for the next turns."""
        if self.runtime is None:
            return
        chosen = backend or self.runtime.deps.llm.backend
        if chosen == "openai" and not openai_configured(self.settings):
            self.notify("Set OPENAI_API_KEY or OPENAI_BASE_URL to use the openai backend.",
                        severity="warning", markup=False)
            return
        settings = self.settings.model_copy(update={"model": model}) if model else self.settings
        self._build_llm(chosen, settings)

    @work(thread=True, group="backend", exclusive=True, exit_on_error=False)
    def _build_llm(self, backend: str, settings: Settings) -> None:
        from coach.llm.factory import build_llm

        try:
            llm = build_llm(settings, "openai" if backend == "openai" else "offline")
        except Exception as err:
            self.call_from_thread(self.notify, strip_controls(str(err)), title="Could not switch",
                                  severity="error", markup=False)
            return
        self.post_message(BackendSwitched(CancellableLLM(llm), settings))

    def on_backend_switched(self, message: BackendSwitched) -> None:
        if self.runtime is None:
            return
        self.settings = message.settings
        self.runtime.deps = replace(self.runtime.deps, llm=message.llm)
        for screen in self.screen_stack:
            session = getattr(screen, "session", None)
            if session is not None:
                session.deps = self.runtime.deps
            for bar in screen.query(StatusBar):
                bar.set_backend(message.llm.backend, message.llm.model)
        self.notify(strip_controls(f"Now answering: {message.llm.backend} · {message.llm.model}"),
                    title="Backend", markup=False)
