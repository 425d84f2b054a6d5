"""Chat: the conversation, the mode's steps, its side panels, and the message box.

The screen is a shell for every mode: the step strip shows `ModeSpec.steps`, and the side
panels are the mode's `panels`, built by name from `coach.tui.panels`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer

from coach.text_safety import strip_controls
from coach.tui.cancel import CancellableLLM
from coach.tui.messages import (
    CoachReplied,
    PersonaArrived,
    ReplyCancelled,
    SendRefused,
    TokensArrived,
    TurnFailed,
)
from coach.tui.panels import make_panels, show_view
from coach.tui.runs import TurnRuns, run_lock
from coach.tui.screens.chat_actions import ChatActions
from coach.tui.turns import Kind, run_turn
from coach.tui.widgets.conversation import ChatMessage, Conversation
from coach.tui.widgets.message_input import MessageInput
from coach.tui.widgets.personas import cast_names
from coach.tui.widgets.room_strip import RoomStrip
from coach.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from coach.events import SessionView
    from coach.session import CoachSession

IDLE_HINT = "Your message… (Enter sends · Ctrl+J new line · Up recalls · Ctrl+P commands)"
QUIT_WORDS = frozenset({"quit", "exit", "/quit"})
BUSY_HINT = "The coach is answering… (Esc cancels)"


class ChatScreen(ChatActions):
    """One session. Turns run in a thread worker; results come back as messages."""

    CSS_PATH = "chat.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_reply", "Cancel reply"),
        Binding("ctrl+r", "retry", "Retry"),
        Binding("ctrl+b", "toggle_panel", "Side panel"),
        Binding("ctrl+s", "export('md')", "Export"),
        Binding("ctrl+o", "sessions", "Sessions"),
        Binding("f1", "app.help", "Help"),
    ]

    busy: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, session: CoachSession, view: SessionView) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self._run_id = 0
        self._current: int | None = None
        self._kind: Kind = "start"
        self._lock = run_lock(session.id)
        self._runs = TurnRuns(session)

    def compose(self) -> ComposeResult:
        yield StatusBar(self._where(self.view), "")
        yield RoomStrip(self.view.room, self.session.spec.steps)
        with Horizontal(id="chat-body"):
            yield Conversation(id="conversation")
            yield from make_panels(self.session.spec.panels)
        yield MessageInput(id="input", placeholder=IDLE_HINT)
        yield Footer()

    def _where(self, view: SessionView) -> str:
        title, mode = strip_controls(view.title), self.session.spec.title
        return title if title.startswith(mode) else f"{mode} · {title}"

    def on_unmount(self) -> None:
        """Leaving the chat lets another coach process write to this session — once no reply
        runs under it: a running one is cancelled (the user's message is saved; opening the
        session again answers it) and the session closes when that run has ended."""
        if self._runs.close_when_idle():
            return
        self._current = None
        llm = self._llm()
        if llm is not None:
            llm.cancel()

    def _llm(self) -> CancellableLLM | None:
        return self.coach_app.llm

    async def on_mount(self) -> None:
        self.query_one(StatusBar).set_backend(self.view.backend, self.view.model)
        for panel in self.side_panels():
            panel.display = self.coach_app.prefs.side_panel
        conversation = self.query_one(Conversation)
        conversation.colours.set_cast(cast_names(self.view.mode_state))
        await conversation.load(self.view.turns)
        await self._show(self.view)
        self.query_one(MessageInput).focus()
        if not self.view.turns or self.view.awaiting_retry:
            await self._launch("start", "")

    # -- running turns -------------------------------------------------------------------
    def _is_current(self, run_id: int) -> bool:
        return run_id == self._current

    async def _launch(self, kind: Kind, text: str) -> None:
        self._run_id += 1
        self._current = self._run_id
        self._kind = kind
        self.busy = True
        await self.query_one(Conversation).begin_reply()
        self._runs.started()  # the app runs it: leaving this screen never drops a turn
        self.app.run_worker(partial(self._work, kind, text, self._run_id, self._llm()),
                            thread=True, group="turn", exit_on_error=False)

    def _work(self, kind: Kind, text: str, run_id: int, llm: CancellableLLM | None) -> None:
        try:
            run_turn(self, self.session, kind, text, run_id=run_id,
                     is_current=self._is_current, llm=llm, lock=self._lock)
        finally:
            self._runs.finished()

    def watch_busy(self, busy: bool) -> None:
        box = self.query_one(MessageInput)
        box.set_class(busy, "-busy")
        box.placeholder = BUSY_HINT if busy else IDLE_HINT

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_reply":
            return self.busy
        if action == "retry":
            return not self.busy and self.view.awaiting_retry
        if action == "toggle_panel":
            return bool(self.session.spec.panels)
        return True

    async def send_text(self, text: str) -> bool:
        """Send a message (or a room command); False when it cannot be sent now."""
        if self.busy:
            self.notify("The coach is still answering — Esc cancels the reply.",
                        severity="warning", markup=False)
            return False
        if text.strip().lower() == "retry":
            await self.action_retry()
            return True
        if text.strip().lower() in QUIT_WORDS:
            self.app.exit()
            return True
        await self.query_one(Conversation).add(text.strip(), "user")
        await self._launch("send", text)
        return True

    async def on_message_input_submitted(self, event: MessageInput.Submitted) -> None:
        box = self.query_one(MessageInput)
        if await self.send_text(event.text):
            box.last_sent = event.text
            box.clear()

    async def action_retry(self) -> None:
        if self.busy:
            return
        await self._launch("retry", "")

    async def action_cancel_reply(self) -> None:
        if not self.busy:
            return
        llm = self.coach_app.llm
        if llm is not None:
            llm.cancel()
        self._current = None
        self.busy = False
        await self.query_one(Conversation).end_reply(None)
        self.notify("Reply cancelled. Your message is saved — Ctrl+R asks the coach again.",
                    title="Cancelled", markup=False)

    # -- results -------------------------------------------------------------------------
    async def _show(self, view: SessionView) -> None:
        self.view = view
        self.query_one(Conversation).colours.set_cast(cast_names(view.mode_state))
        self.query_one(RoomStrip).show(view.room)
        self.query_one(StatusBar).set_where(self._where(view))
        for panel in self.side_panels():
            await show_view(panel, view)
        self.refresh_bindings()

    async def _sync(self, view: SessionView) -> None:
        """After a stale run: make the screen match what the session saved."""
        conversation = self.query_one(Conversation)
        if not conversation.streaming and len(conversation.query(ChatMessage)) != len(view.turns):
            await conversation.load(view.turns)
        await self._show(view)

    async def _finish(self, message: Any, final: str | None, *, failed: bool = False) -> bool:
        """Common end of a run; False when the message belongs to a stale run. A failed run
        leaves what arrived of the reply on screen, marked interrupted."""
        if message.run_id != self._current:
            await self._sync(message.view)
            return False
        self._current = None
        conversation = self.query_one(Conversation)
        if failed:
            await conversation.interrupt()
        else:
            await conversation.end_reply(final)
            saved = message.view.turns
            if final is not None and len(conversation.query(ChatMessage)) != len(saved):
                await conversation.load(saved)  # the screen shows what the session saved
        await self._show(message.view)
        self.busy = False  # last: the screen has settled when `busy` drops
        return True

    async def on_tokens_arrived(self, message: TokensArrived) -> None:
        if message.run_id == self._current:
            await self.query_one(Conversation).stream(message.text)

    async def on_persona_arrived(self, message: PersonaArrived) -> None:
        if message.run_id == self._current:
            await self.query_one(Conversation).persona(message.persona, message.text)

    async def on_coach_replied(self, message: CoachReplied) -> None:
        kind = self._kind
        if await self._finish(message, message.text) and kind == "retry":
            self.notify("Retry worked — the coach answered.", title="Retry", markup=False)

    async def on_turn_failed(self, message: TurnFailed) -> None:
        kind = self._kind
        if await self._finish(message, None, failed=True):
            title = "Retry failed" if kind == "retry" else "The model failed"
            reason = strip_controls(message.reason)
            saved = "is saved" in reason  # the model's messages say so already
            hint = "Ctrl+R retries." if saved else "Your message is saved — Ctrl+R retries."
            self.notify(f"{reason}\n{hint}", title=title, severity="error", timeout=12,
                        markup=False)

    async def on_reply_cancelled(self, message: ReplyCancelled) -> None:
        await self._finish(message, None)

    async def on_send_refused(self, message: SendRefused) -> None:
        if message.run_id != self._current:
            return
        self._current = None
        self.busy = False
        conversation = self.query_one(Conversation)
        await conversation.end_reply(None)
        await conversation.remove_last_user(message.text.strip())
        box = self.query_one(MessageInput)
        if message.text.strip():  # never lost: put it back, before anything typed since
            typed = box.text.strip()
            box.restore(f"{message.text.rstrip()}\n{typed}" if typed else message.text)
        self.notify(strip_controls(message.reason), title="Not sent", severity="warning",
                    markup=False)
