"""Where sessions live: one SQLite file holding LangGraph's checkpoints and a small index."""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph.state import CompiledStateGraph

from graph.build import build_graph
from graph.context import Deps
from graph.state import CoachState

_SCHEMA = """
CREATE TABLE IF NOT EXISTS coach_sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL,
    room TEXT NOT NULL DEFAULT 'ticket_office',
    done INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


_COLUMNS = "id, title, mode, room, done, created_at, updated_at"


def _info(row: tuple[Any, ...]) -> SessionInfo:
    return SessionInfo(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6])


@dataclass(frozen=True)
class SessionInfo:
    id: str
    title: str
    mode: str
    room: str
    done: bool
    created_at: float
    updated_at: float


class SessionStore:
    """Opens the sessions database (WAL, one connection shared by the checkpointer)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(_SCHEMA)
        self._lock = threading.Lock()
        self.checkpointer = SqliteSaver(self._conn)
        self.checkpointer.setup()
        self._graph: CompiledStateGraph[CoachState, Deps, CoachState, CoachState] | None = None

    @property
    def graph(self) -> CompiledStateGraph[CoachState, Deps, CoachState, CoachState]:
        """The coaching graph bound to this database, compiled once for all its sessions."""
        if self._graph is None:
            self._graph = build_graph(self.checkpointer)
        return self._graph

    def register(self, session_id: str, mode: str, title: str = "") -> None:
        now = time.time()
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO coach_sessions (id, title, mode, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, title, mode, now, now),
            )

    def touch(self, session_id: str, *, room: str, done: bool, title: str | None = None) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE coach_sessions SET room = ?, done = ?, updated_at = ?,"
                " title = CASE WHEN title = '' AND ? IS NOT NULL THEN ? ELSE title END"
                " WHERE id = ?",
                (room, int(done), time.time(), title, title, session_id),
            )

    def rename(self, session_id: str, title: str) -> None:
        with self._lock:
            cursor = self._conn.execute(
                "UPDATE coach_sessions SET title = ? WHERE id = ?", (title.strip(), session_id)
            )
        if cursor.rowcount == 0:
            raise KeyError(session_id)

    def delete(self, session_id: str) -> None:
        if self.get(session_id) is None:
            raise KeyError(session_id)
        self.checkpointer.delete_thread(session_id)
        with self._lock:
            self._conn.execute("DELETE FROM coach_sessions WHERE id = ?", (session_id,))

    def get(self, session_id: str) -> SessionInfo | None:
        """The session with this id, or the only one it is a prefix of."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM coach_sessions WHERE id = ?", (session_id,)
            ).fetchall() or self._conn.execute(
                f"SELECT {_COLUMNS} FROM coach_sessions WHERE substr(id, 1, ?) = ? LIMIT 2",
                (len(session_id), session_id),
            ).fetchall()
        return _info(rows[0]) if len(rows) == 1 else None

    def list(self) -> list[SessionInfo]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM coach_sessions ORDER BY updated_at DESC"
            ).fetchall()
        return [_info(r) for r in rows]

    def close(self) -> None:
        self._conn.close()
