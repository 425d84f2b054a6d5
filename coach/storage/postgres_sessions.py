"""The sessions on a PostgreSQL server (`COACH_DATABASE_URL`, the OKR store's server), so a
team shares one server: LangGraph's checkpoints (`PostgresSaver`), the session index
`coach_sessions` (its schema version in `coach_sessions_schema`) and the one-writer locks.

- **Atomic checkpoints.** The stock saver writes a checkpoint (blobs, then the checkpoint
  row) and a task's writes in pipeline mode on an autocommit connection; here every such
  write is one explicit transaction (`BEGIN … COMMIT`, rolled back whole on any error), as
  `AtomicSqliteSaver` does for SQLite.
- **One writer per session.** A session-level advisory lock
  (`pg_try_advisory_lock(hashtextextended('okr-coach/session/' || id, 0))`) on the store's
  connection: it belongs to that connection, so a process that ends — kill -9 included —
  frees it with its connection; another process is refused with `SessionInUse`.
- **One line per failure.** Server down, wrong password, lost connection: a `StorageError`
  naming the server by its URL with the password masked (2 for the setup, 1 at run time).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from langgraph.checkpoint.postgres import PostgresSaver
from psycopg import errors as pg_errors
from psycopg.rows import DictRow, dict_row, tuple_row

from coach.okr_store.errors import mask_url, one_line, password_of
from coach.storage.errors import BAD_SETUP, RUNTIME, SessionInUse, StorageError
from coach.storage.sessions_port import Param, in_use

CONNECT_TIMEOUT_S = 10
SETUP_LOCK = "okr-coach/sessions-setup"
"""The advisory lock two coaches opening a new server at once take to set it up once."""
LOCK_PREFIX = "okr-coach/session/"
_SETUP_STATES = {"28P01", "28000", "3D000", "42501"}
"""Wrong password, role not allowed, no such database, no privilege: fix the setup."""

MIGRATIONS: tuple[str, ...] = (
    # 1: the index as SQLite's version 1 has it (okr_set_id included)
    """CREATE TABLE IF NOT EXISTS coach_sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT 'ticket_office',
        done INTEGER NOT NULL DEFAULT 0,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        okr_set_id TEXT
    )""",
)
SCHEMA_VERSION = len(MIGRATIONS)


def _sql(statement: str) -> str:
    return statement.replace("%", "%%").replace("?", "%s")


class AtomicPostgresSaver(PostgresSaver):
    """`PostgresSaver` whose writes are each one transaction, and whose failures are
    `StorageError`s (`error` turns a driver error into one line)."""

    def __init__(self, conn: psycopg.Connection[DictRow],
                 error: Callable[[BaseException], StorageError]) -> None:
        super().__init__(conn)
        self._error = error

    @contextmanager
    def _cursor(self, *, pipeline: bool = False) -> Iterator[psycopg.Cursor[DictRow]]:
        conn = self.conn
        assert isinstance(conn, psycopg.Connection)
        with self.lock:
            try:
                # `pipeline=True` marks the saver's writes: one transaction each
                tx = conn.transaction() if pipeline else contextlib.nullcontext()
                with tx, conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur
            except psycopg.Error as err:
                raise self._error(err) from None


class _AdvisoryHold:
    def __init__(self, backend: PostgresSessions, key: int) -> None:
        self._backend = backend
        self._key = key

    def release(self) -> None:
        self._backend.release(self._key)


class PostgresSessions:
    """The sessions backend on the server at `url` (set up and migrated on open)."""

    failures: tuple[type[BaseException], ...] = (psycopg.Error,)

    def __init__(self, url: str, busy_timeout_s: float) -> None:
        self.where = mask_url(url)
        self._secret = password_of(url)
        self.busy_timeout_s = busy_timeout_s
        self._conn: psycopg.Connection[DictRow] = _connect(url, self.where, self._secret,
                                                          busy_timeout_s)
        self.checkpointer = AtomicPostgresSaver(self._conn, self.error)
        self.lock = self.checkpointer.lock
        try:
            self._set_up()  # no other thread has the connection yet
        except BaseException as err:
            self._conn.close()
            if isinstance(err, psycopg.Error):
                raise self.error(err) from None
            raise

    # -- setup ---------------------------------------------------------------------------
    def _set_up(self) -> None:
        """Our index migrated and the checkpointer's tables made, by one coach at a time.
        The setup lock is tried, not waited for: the checkpointer's `CREATE INDEX
        CONCURRENTLY` waits for other transactions, a blocked lock wait among them."""
        deadline = time.monotonic() + max(self.busy_timeout_s, 10.0)
        while not self._try_lock(self._key(SETUP_LOCK)):
            if time.monotonic() > deadline:
                raise StorageError(f"the sessions database {self.where} is being set up by "
                                   "another coach — try again in a moment")
            time.sleep(0.05)
        try:
            self._migrate()
            self.checkpointer.setup()
        finally:
            with contextlib.suppress(psycopg.Error):
                self._unlock(self._key(SETUP_LOCK))

    def _migrate(self) -> None:
        with self._conn.transaction(), self._conn.cursor(row_factory=tuple_row) as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS coach_sessions_schema"
                        " (version INTEGER NOT NULL)")
            row = cur.execute("SELECT max(version) FROM coach_sessions_schema").fetchone()
            found = int(row[0]) if row and row[0] is not None else 0
            if found > SCHEMA_VERSION:
                raise StorageError(
                    f"the sessions database {self.where} was written by a newer okr-coach "
                    f"(sessions schema {found}, this one knows {SCHEMA_VERSION}) — upgrade "
                    "okr-coach to use it", BAD_SETUP)
            for statement in MIGRATIONS[found:]:
                cur.execute(statement)
            if found < SCHEMA_VERSION:
                cur.execute("DELETE FROM coach_sessions_schema")
                cur.execute("INSERT INTO coach_sessions_schema (version) VALUES (%s)",
                            (SCHEMA_VERSION,))

    # -- statements ----------------------------------------------------------------------
    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[tuple[Any, ...]]:
        with self._conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(_sql(sql), params)
            return cur.fetchall() if cur.description is not None else []

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        with self._conn.cursor(row_factory=tuple_row) as cur:
            cur.execute(_sql(sql), params)
            return cur.rowcount

    # -- the one-writer locks ------------------------------------------------------------
    def _key(self, name: str) -> int:
        with self._conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute("SELECT hashtextextended(%s, 0)", (name,)).fetchone()
        assert row is not None
        return int(row[0])

    def _try_lock(self, key: int) -> bool:
        with self._conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
        return bool(row and row[0])

    def _unlock(self, key: int) -> None:
        with self._conn.cursor(row_factory=tuple_row) as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def hold(self, session_id: str) -> _AdvisoryHold:
        with self.lock:
            key = self._key(LOCK_PREFIX + session_id)
            if not self._try_lock(key):
                raise SessionInUse(in_use(session_id, self._holder(key)))
        return _AdvisoryHold(self, key)

    def release(self, key: int) -> None:
        """Unlock (nothing to do when the connection is gone: the lock went with it)."""
        with self.lock, contextlib.suppress(psycopg.Error):
            if not self._conn.closed:
                self._unlock(key)

    def _holder(self, key: int) -> str:
        """" (process PID on HOST)" of the coach holding the lock, when the server says."""
        with contextlib.suppress(psycopg.Error), \
                self._conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute(
                "SELECT a.application_name FROM pg_locks l"
                " JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                " AND l.classid::bigint = (%s::bigint >> 32) & 4294967295"
                " AND l.objid::bigint = %s::bigint & 4294967295 LIMIT 1",
                (key, key)).fetchone()
            name = str(row[0]) if row and row[0] else ""
            if name.startswith("okr-coach "):
                return f" ({name.removeprefix('okr-coach ')})"
        return ""

    # -- failures ------------------------------------------------------------------------
    def _line(self, err: BaseException) -> str:
        return one_line(str(err), self._secret)

    def error(self, err: BaseException) -> StorageError:
        if isinstance(err, StorageError):
            return err
        if isinstance(err, pg_errors.LockNotAvailable):
            return StorageError(f"the sessions database {self.where} is locked by another "
                                f"client (waited {self.busy_timeout_s:g} s) — try again when "
                                "it is free")
        if getattr(err, "sqlstate", None) in _SETUP_STATES:
            return StorageError(f"cannot use the sessions database {self.where}: "
                                f"{self._line(err)} — check COACH_DATABASE_URL", BAD_SETUP)
        if isinstance(err, psycopg.OperationalError) or self._conn.closed:
            return StorageError(f"lost the connection to the sessions database {self.where}: "
                                f"{self._line(err)} — is the server running?", RUNTIME)
        return StorageError(f"the sessions database {self.where} failed: {self._line(err)}")

    def close(self) -> None:
        with self.lock:
            self._conn.close()  # frees every advisory lock this connection holds


def _connect(url: str, where: str, secret: str | None,
             busy_timeout_s: float) -> psycopg.Connection[DictRow]:
    """An autocommit connection (as `PostgresSaver` needs) that names this process to the
    server (`application_name`, shown when another coach is refused a session)."""
    name = f"okr-coach process {os.getpid()} on {socket.gethostname()}"[:63]
    try:
        conn = psycopg.connect(url, autocommit=True, prepare_threshold=0,
                               row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name=name)
    except psycopg.ProgrammingError as err:  # a malformed URL or option
        raise StorageError(f"COACH_DATABASE_URL ({where}) is not a usable PostgreSQL URL: "
                           f"{one_line(str(err), secret)}", BAD_SETUP) from None
    except psycopg.Error as err:
        line = one_line(str(err), secret)
        if getattr(err, "sqlstate", None) in _SETUP_STATES or _is_setup(line):
            raise StorageError(f"cannot use the sessions database {where}: {line} — check "
                               "COACH_DATABASE_URL", BAD_SETUP) from None
        raise StorageError(f"cannot reach the sessions database {where}: {line} — is the "
                           "server running?", RUNTIME) from None
    try:
        with conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(busy_timeout_s * 1000)}")
    except psycopg.Error as err:
        conn.close()
        raise StorageError(f"cannot use the sessions database {where}: "
                           f"{one_line(str(err), secret)}") from None
    return conn


def _is_setup(text: str) -> bool:
    words = ("password authentication failed", "does not exist", "no password supplied",
             "role ", "permission denied", "invalid ")
    return any(word in text for word in words)


def probe(url: str, busy_timeout_s: float) -> str:
    """`coach doctor`: the server answers, and how many sessions it holds (nothing written)."""
    where = mask_url(url)
    conn = _connect(url, where, password_of(url), busy_timeout_s)
    try:
        with conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute("SELECT to_regclass('coach_sessions') IS NOT NULL").fetchone()
            if not (row and row[0]):
                return f"{where} (PostgreSQL; created at the first session)"
            count = cur.execute("SELECT count(*) FROM coach_sessions").fetchone()
        return f"{where} (PostgreSQL, {count[0] if count else 0} session(s))"
    except psycopg.Error as err:
        raise StorageError(f"cannot use the sessions database {where}: "
                           f"{one_line(str(err), password_of(url))}") from None
    finally:
        conn.close()

