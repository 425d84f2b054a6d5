"""One coaching session = the compiled graph + a thread id in the sessions database."""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.types import Command

from coach.events import (
    CoachReplied,
    Event,
    PersonaSpoke,
    SessionView,
    TokenStreamed,
    TurnFailed,
)
from coach.llm.offline import OfflineCoach
from coach.llm.port import LLMError
from coach.okr.models import OKRDraft
from coach.session_store import SessionStore
from coach.session_titles import session_title
from coach.settings import Settings
from coach.storage.errors import StorageError
from coach.storage.open_sessions import open_session_store
from coach.text_safety import strip_controls
from graph.context import Deps
from graph.draft import draft_of
from graph.modes import ModeError, mode_spec
from graph.state import CoachState, Move, with_updates

logger = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 20_000


class SessionError(ValueError):
    """Bad input for a session (empty or oversized message, unknown id, finished session)."""


class TurnNotSaved(SessionError):
    """The user's message could not be saved; `text` is handed back so nothing is lost."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"your message was not saved: {reason}")
        self.reason = reason
        self.text = text


@dataclass(frozen=True)
class _Status:
    """One read of the checkpoint: the state and the nodes still to run."""

    state: CoachState
    pending: tuple[str, ...]

    @property
    def started(self) -> bool:
        return bool(self.state.get("turns"))

    @property
    def awaiting_retry(self) -> bool:
        return bool(self.pending) and "listen" not in self.pending

    @property
    def done(self) -> bool:
        return self.state.get("room") == "done" and not self.pending


class CoachSession:
    """Turn in, turn out; every user turn is durable before the coach is asked to answer."""

    def __init__(self, store: SessionStore, deps: Deps, session_id: str, mode: str, *,
                 writer: bool = False, okr_set_id: str | None = None) -> None:
        """`writer=True`: the caller took `store.lock(session_id)`; `close()` frees it."""
        self.store = store
        self.deps = deps
        self.id = session_id
        self.mode = mode
        self.spec = mode_spec(mode)
        self.okr_set_id = okr_set_id
        self._on_date: str | None = None  # only a new session's first input carries it
        self._carry_over: str | None = None  # the same: a prepare session's `--after` learnings
        self._writer = writer
        self._graph = store.graph_for(mode)
        self._config: RunnableConfig = {"configurable": {"thread_id": session_id}}

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, store: SessionStore, deps: Deps, mode: str = "prepare",
               okr_set_id: str | None = None, on_date: str | None = None,
               carry_over: str | None = None) -> CoachSession:
        """A new session in `mode`, linked to an OKR set if given (`on_date`: the day a
        check-in is for, ISO, when not today; `carry_over`: what a new period's prepare session
        opens with, from the last retrospective); a `ModeError` when the mode cannot run."""
        session = cls(store, deps, uuid.uuid4().hex[:10], mode, writer=True, okr_set_id=okr_set_id)
        session._on_date = on_date
        session._carry_over = carry_over
        if session.spec.needs_okr_set and not okr_set_id:
            raise SessionError(f"a {session.spec.title.lower()} needs an adopted OKR set")
        store.lock(session.id)
        try:
            store.register(session.id, mode, okr_set_id=okr_set_id)
        except StorageError:
            store.unlock(session.id)
            raise
        return session

    @classmethod
    def open(cls, store: SessionStore, deps: Deps, session_id: str, *,
             writer: bool = True) -> CoachSession:
        """The saved session; a writer holds its lock (one writer per session), a reader
        (`writer=False`, for exports) only reads."""
        info = store.get(session_id)
        if info is None:
            raise SessionError(f"no session {session_id!r} (see `coach sessions`)")
        try:
            store.graph_for(info.mode)  # its own mode's graph, before the lock is taken
        except ModeError as err:
            raise SessionError(f"session {info.id} cannot be opened: {err}") from None
        if writer:
            store.lock(info.id)
        return cls(store, deps, info.id, info.mode, writer=writer, okr_set_id=info.okr_set_id)

    def close(self) -> None:
        """Let another process write to this session (also happens when the process ends)."""
        if self._writer:
            self._writer = False
            self.store.unlock(self.id)

    def _writable(self) -> None:
        if not self._writer:
            raise SessionError("this session is open read-only here")

    # -- state ---------------------------------------------------------------------------
    def _status(self) -> _Status:
        try:
            snapshot = self._graph.get_state(self._config)
        except (sqlite3.Error, OSError) as err:
            raise self.store.error(err) from None
        return _Status(with_updates(CoachState(), snapshot.values), tuple(snapshot.next))

    def _state(self) -> tuple[CoachState, tuple[str, ...]]:
        status = self._status()
        return status.state, status.pending

    @property
    def started(self) -> bool:
        return self._status().started

    @property
    def awaiting_retry(self) -> bool:
        return self._status().awaiting_retry

    @property
    def done(self) -> bool:
        return self._status().done

    def view(self) -> SessionView:
        return self._view_of(self._status())

    def _view_of(self, status: _Status) -> SessionView:
        state = status.state
        raw = cast(dict[str, Any], state)  # a mode's own keys (a rehearsal's feedback)
        info = self.store.get(self.id)
        return SessionView(
            session_id=self.id,
            title=(info.title if info and info.title
                   else session_title(state, self.mode) or "New session"),
            mode=self.mode,
            backend=self.deps.llm.backend,
            model=self.deps.llm.model,
            room=state.get("room", "ticket_office"),
            done=status.done,
            turns=[{"role": t["role"], "room": t["room"], "text": t["text"],
                    **({"persona": t["persona"]} if t.get("persona") else {})}
                   for t in state.get("turns", [])],
            okr=dict(state.get("okr", {})),
            findings=list(state.get("findings", [])),
            examples=list(state.get("examples", [])),
            awaiting_retry=status.awaiting_retry,
            feedback=list(raw.get("feedback") or []),
            mode_state=dict(raw.get(key) or {}) if (key := self.spec.panel_state) else {},
        )

    # -- running -------------------------------------------------------------------------
    def _run(self, graph_input: Any, sent: tuple[str, int] | None = None) -> Iterator[Event]:
        """Run the graph; `sent` is the user's message, and how many user turns were saved
        before it, when this run starts by saving it."""
        self._writable()
        try:
            for chunk in self._graph.stream(
                graph_input, self._config, context=self.deps, stream_mode="custom",
                durability="sync",
            ):
                if isinstance(chunk, dict) and "token" in chunk:
                    yield TokenStreamed(str(chunk["token"]))
                elif isinstance(chunk, dict) and "persona" in chunk:
                    yield PersonaSpoke(str(chunk["persona"]), str(chunk.get("text", "")))
        except LLMError as err:
            yield TurnFailed(str(err))
            return
        except (sqlite3.Error, OSError, StorageError) as err:
            yield self._storage_failed(self.store.error(err), sent)
            return
        except Exception as err:  # a bug must not lose the turn: it stays saved for `retry`
            logger.exception("turn failed in session %s", self.id)
            yield TurnFailed(f"the coach hit an internal error ({type(err).__name__}); your "
                             "message is saved — type `retry` to try again")
            return
        status = self._status()  # one read after the run: the reply and the view both use it
        state = status.state
        try:
            self.store.touch(self.id, room=state.get("room", ""), done=status.done,
                             title=session_title(state, self.mode))
        except StorageError as err:  # the turn is saved; only the list's summary lags behind
            logger.info("could not update the session list for %s: %s", self.id, err)
        turns = state.get("turns", [])
        if turns and turns[-1]["role"] in ("coach", "persona"):  # a rehearsal ends on the team
            said = turns[-1]["text"] if turns[-1]["role"] == "coach" else ""
            yield CoachReplied(said, state.get("room", ""), self._view_of(status))

    def _storage_failed(self, err: StorageError, sent: tuple[str, int] | None) -> TurnFailed:
        """After a failed write: say what is saved, never more. When the user's message cannot
        be found in the store it is handed back (`TurnNotSaved`) instead of being claimed."""
        logger.info("storage failed in session %s: %s", self.id, err)
        try:
            status = self._status()
        except StorageError:
            status = None
        if sent is not None:
            text, users_before = sent
            turns = status.state.get("turns", []) if status is not None else []
            users = [t["text"] for t in turns if t["role"] == "user"]
            if status is None or len(users) <= users_before or users[-1] != text:
                raise TurnNotSaved(str(err), text)
        if status is None:
            return TurnFailed(f"{err}; nothing new was saved")
        return TurnFailed(f"{err}; your message is saved — type `retry` once it is resolved")

    def start(self) -> Iterator[Event]:
        """Open the conversation (a new session) or finish a turn a crash interrupted."""
        status = self._status()
        if not status.started and not status.pending:  # a mode on a set starts from it
            okr = ({"okr_set_id": self.okr_set_id, "on_date": self._on_date}
                   if self.spec.needs_okr_set else {})
            if self._carry_over:
                okr["carry_over"] = self._carry_over
            yield from self._run({**self.spec.new_state(), **okr})
        elif status.awaiting_retry:
            yield from self._run(None)

    def retry(self) -> Iterator[Event]:
        """Ask the model again for the reply to the last saved user turn."""
        if not self.awaiting_retry:
            raise SessionError("nothing to retry: the coach has already answered")
        yield from self._run(None)

    def send(self, text: str) -> Iterator[Event]:
        """The user's message; saved before the coach is asked, then the coach's reply."""
        text = strip_controls(text).strip()  # terminal control sequences are never stored
        if not text:
            raise SessionError("empty message")
        if len(text) > MAX_MESSAGE_CHARS:
            raise SessionError(f"message too long ({len(text):,} characters; the limit is "
                               f"{MAX_MESSAGE_CHARS:,})")
        status = self._status()
        if status.awaiting_retry:
            if text.lower() == "retry":
                yield from self._run(None)
                return
            raise SessionError("the coach has not answered your last message yet — type `retry`")
        if status.done:  # a change typed into a finished session opens it again
            self._reopen(status.state, announce=False)
        if not status.started:
            yield from self.start()
        users_before = sum(1 for t in status.state.get("turns", []) if t["role"] == "user")
        yield from self._run(Command(resume=text), sent=(text, users_before))

    def reopen(self) -> Iterator[Event]:
        """Open a finished session again for changes: the coach shows the final draft and
        asks what to change; a yes makes the changed draft final again."""
        status = self._status()
        if not status.done:
            raise SessionError("this session is not finished — just carry on")
        self._reopen(status.state, announce=True)
        yield from self._run(None)

    def _reopen(self, state: CoachState, *, announce: bool) -> None:
        self._writable()
        if self.mode != "prepare":  # only a prepare draft is reopened for changes
            raise SessionError(f"this {self.spec.title.lower()} is finished")
        try:
            self._update_for_reopen(state, announce=announce)
        except (sqlite3.Error, OSError) as err:
            raise self.store.error(err) from None

    def _update_for_reopen(self, state: CoachState, *, announce: bool) -> None:
        values: dict[str, Any] = {"room": "gift_shop", "confirmed": False, "revisit": False,
                                  "reopened": int(state.get("reopened", 0)) + 1, "news": []}
        if announce:  # the coach speaks first: the draft and "what would you like to change?"
            values["move"] = Move(kind="ask", slot="confirm", entered=False, note="reopened")
            self._graph.update_state(self._config, values, as_node="understand")
        else:  # the user's message is the first word: straight back to listening
            values["asked"] = "confirm"
            self._graph.update_state(self._config, values, as_node="respond")
        self.store.touch(self.id, room="gift_shop", done=False,
                         title=session_title(state, self.mode))


def load_okr_draft(settings: Settings, session_id: str) -> OKRDraft:
    """A saved session's OKR draft (for `coach kb add --from-session`); no model is needed."""
    store = open_session_store(settings)
    try:
        session = CoachSession.open(store, Deps(llm=OfflineCoach()), session_id, writer=False)
        state, _ = session._state()
        return draft_of(state)
    finally:
        store.close()
