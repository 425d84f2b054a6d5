"""Where sessions live: LangGraph's checkpoints and a small index of the sessions, in one SQLite
file in the data dir (`SqliteSessions`) or on the team's PostgreSQL server
(`coach.storage.postgres_sessions`); `coach.storage.open_sessions` picks one."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.storage.database import BUSY_TIMEOUT_S, make_private, open_database
from coach.storage.errors import BAD_SETUP, StorageError, storage_error
from coach.storage.saver import AtomicSqliteSaver
from coach.storage.session_lock import SessionLock
from coach.storage.sessions_port import Param, SessionBackend, SessionHold
from graph.modes import available_mode

if TYPE_CHECKING:
    from graph.modes.spec import ModeGraph

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
"""The index as the first version made it (`PRAGMA user_version` 0); `MIGRATIONS` follow."""

MIGRATIONS: tuple[str, ...] = (
    # 1: a session may belong to an OKR set (check-in and retro sessions do)
    "ALTER TABLE coach_sessions ADD COLUMN okr_set_id TEXT",
)
SCHEMA_VERSION = len(MIGRATIONS)
"""The `PRAGMA user_version` of an up-to-date sessions database."""

_COLUMNS = "id, title, mode, room, done, created_at, updated_at, okr_set_id"


def _info(row: tuple[Any, ...]) -> SessionInfo:
    return SessionInfo(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], row[7])


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the index up to `SCHEMA_VERSION` in place, each step once; returns the version
    found. Up to date (the usual case) it only reads, so a read-only database still opens;
    otherwise one write transaction, so two processes opening an old file migrate it once.
    A database from a newer okr-coach is refused (one line), never changed."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise StorageError(f"{path} was written by a newer okr-coach (sessions schema {found}, "
                           f"this one knows {SCHEMA_VERSION}) — upgrade okr-coach to open it",
                           BAD_SETUP)
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])  # under the lock
        for statement in MIGRATIONS[version:]:
            conn.execute(statement)
        if version < SCHEMA_VERSION:  # another process may have migrated it meanwhile
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


@dataclass(frozen=True)
class SessionInfo:
    id: str
    title: str
    mode: str
    room: str
    done: bool
    created_at: float
    updated_at: float
    okr_set_id: str | None = None
    """The OKR set the session belongs to (check-in, retro), None for prepare."""


class SqliteSessions:
    """The sessions in one SQLite file (WAL), the one-writer locks as `flock`ed files in
    `locks/` beside it."""

    failures: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)

    def __init__(self, path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = path
        self.where = str(path)
        self.busy_timeout_s = busy_timeout_s
        self._conn = open_database(path, busy_timeout_s)
        self.checkpointer = AtomicSqliteSaver(self._conn)
        self.lock = self.checkpointer.lock  # one lock: our statements never interleave a
        try:  # checkpoint transaction on the shared connection
            self._conn.execute(_SCHEMA)
            migrate(self._conn, path)
            self.checkpointer.setup()
        except (sqlite3.Error, OSError, StorageError) as err:
            self._conn.close()
            raise self.error(err) from None
        make_private(path)

    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, params).fetchall()

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        return self._conn.execute(sql, params).rowcount

    def hold(self, session_id: str) -> SessionLock:
        return SessionLock(self.path.parent / "locks", session_id)

    def error(self, err: BaseException) -> StorageError:
        return storage_error(err, self.path, self.busy_timeout_s)

    def close(self) -> None:
        self._conn.close()


class SessionStore:
    """The sessions: `SessionStore(path)` opens the SQLite file at `path` (WAL, one connection
    shared by the checkpointer); `SessionStore(backend)` uses another backend (PostgreSQL).

    Every failure of the database (busy, full, read-only, damaged, unreachable) surfaces as a
    `StorageError` with one line to show; writes to a session need its one-writer lock (see
    `lock()`).
    """

    def __init__(self, where: Path | SessionBackend, *,
                 busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.backend: SessionBackend = (SqliteSessions(where, busy_timeout_s)
                                        if isinstance(where, Path) else where)
        self.path: Path | None = where if isinstance(where, Path) else None
        """The SQLite file (None on a server)."""
        self.where = self.backend.where
        self.busy_timeout_s = busy_timeout_s
        self.checkpointer = self.backend.checkpointer
        self._held: dict[str, tuple[SessionHold, int]] = {}
        self._held_lock = threading.Lock()
        self._lock = self.backend.lock
        self._graphs: dict[str, ModeGraph] = {}
        self._graphs_lock = threading.Lock()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Database errors as one-line `StorageError`s."""
        try:
            yield
        except self.backend.failures as err:
            raise self.error(err) from None

    def error(self, err: BaseException) -> StorageError:
        return self.backend.error(err)

    def lock(self, session_id: str) -> None:
        """Take the one-writer lock for `session_id`: `SessionInUse` when another process
        holds it. Within this process a session may be opened again (counted)."""
        with self._held_lock:
            held = self._held.get(session_id)
            if held is None:
                with self._guard():
                    held = (self.backend.hold(session_id), 0)
            self._held[session_id] = (held[0], held[1] + 1)

    def unlock(self, session_id: str) -> None:
        with self._held_lock:
            held = self._held.pop(session_id, None)
            if held is not None and held[1] > 1:
                self._held[session_id] = (held[0], held[1] - 1)
            elif held is not None:
                held[0].release()

    def holds(self, session_id: str) -> bool:
        return session_id in self._held

    def graph_for(self, mode: str) -> ModeGraph:
        """`mode`'s graph bound to this database, compiled once for all its sessions; a
        `ModeError` for a mode that is unknown or not available yet."""
        with self._graphs_lock:
            graph = self._graphs.get(mode)
            if graph is None:
                graph = self._graphs[mode] = available_mode(mode).build_graph(self.checkpointer)
        return graph

    @property
    def graph(self) -> ModeGraph:
        """The prepare graph (`graph_for("prepare")`)."""
        return self.graph_for("prepare")

    def register(self, session_id: str, mode: str, title: str = "", *,
                 okr_set_id: str | None = None) -> None:
        now = time.time()
        with self._guard(), self._lock:
            self.backend.run(
                "INSERT INTO coach_sessions"
                " (id, title, mode, created_at, updated_at, okr_set_id)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (session_id, title, mode, now, now, okr_set_id),
            )

    def touch(self, session_id: str, *, room: str, done: bool, title: str | None = None) -> None:
        with self._guard(), self._lock:
            self.backend.run(
                "UPDATE coach_sessions SET room = ?, done = ?, updated_at = ?,"
                " title = CASE WHEN title = '' THEN COALESCE(?, title) ELSE title END"
                " WHERE id = ?",
                (room, int(done), time.time(), title, session_id),
            )

    def rename(self, session_id: str, title: str) -> None:
        with self._guard(), self._lock:
            changed = self.backend.run(
                "UPDATE coach_sessions SET title = ? WHERE id = ?", (title.strip(), session_id)
            )
        if changed == 0:
            raise KeyError(session_id)

    def delete(self, session_id: str) -> None:
        if self.get(session_id) is None:
            raise KeyError(session_id)
        with self._guard():
            self.checkpointer.delete_thread(session_id)
        with self._guard(), self._lock:
            self.backend.run("DELETE FROM coach_sessions WHERE id = ?", (session_id,))

    def get(self, session_id: str) -> SessionInfo | None:
        """The session with this id, or the only one it is a prefix of."""
        with self._guard(), self._lock:
            rows = self.backend.rows(
                f"SELECT {_COLUMNS} FROM coach_sessions WHERE id = ?", (session_id,)
            ) or self.backend.rows(
                f"SELECT {_COLUMNS} FROM coach_sessions"
                " WHERE substr(id, 1, CAST(? AS INTEGER)) = ? LIMIT 2",
                (len(session_id), session_id),
            )
        return _info(rows[0]) if len(rows) == 1 else None

    def list(self) -> list[SessionInfo]:
        with self._guard(), self._lock:
            rows = self.backend.rows(
                f"SELECT {_COLUMNS} FROM coach_sessions ORDER BY updated_at DESC"
            )
        return [_info(r) for r in rows]

    def close(self) -> None:
        with self._held_lock:
            for hold, _ in self._held.values():
                hold.release()
            self._held.clear()
        self.backend.close()
