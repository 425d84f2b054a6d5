"""What the sessions store needs from where it keeps sessions: an SQLite file in the data dir
(`coach.session_store.SqliteSessions`) or a PostgreSQL server shared by a team
(`coach.storage.postgres_sessions.PostgresSessions`).

A backend owns one connection, shared by LangGraph's checkpointer and the session index; its
`lock` (the checkpointer's own) keeps our statements from interleaving a checkpoint's
transaction. Index SQL is written once, portable, with `?` placeholders.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from langgraph.checkpoint.base import BaseCheckpointSaver

from coach.storage.errors import StorageError

Param = str | int | float | None


class SessionHold(Protocol):
    """One process's right to write one session (`release()` ends it; so does exiting)."""

    def release(self) -> None: ...


class SessionBackend(Protocol):
    @property
    def where(self) -> str:
        """The database as shown in messages (a path, or a URL with its password masked)."""
        ...

    @property
    def failures(self) -> tuple[type[BaseException], ...]:
        """The driver's errors, turned into one line by `error()`."""
        ...

    @property
    def checkpointer(self) -> BaseCheckpointSaver[Any]: ...

    @property
    def lock(self) -> AbstractContextManager[Any]:
        """Held around every statement on the shared connection (the checkpointer's own)."""
        ...

    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        """Execute one statement (autocommitted); the number of rows it changed."""
        ...

    def hold(self, session_id: str) -> SessionHold:
        """The one-writer lock of `session_id`; `SessionInUse` when another process has it."""
        ...

    def error(self, err: BaseException) -> StorageError: ...

    def close(self) -> None: ...


def in_use(session_id: str, holder: str = "") -> str:
    """The refusal when another coach writes to `session_id` (`holder`: " (process …)")."""
    return (f"session {session_id} is open in another coach{holder} — close it there "
            f"first (to read it meanwhile: coach export {session_id})")
