"""The OKR store on a PostgreSQL server (`COACH_DATABASE_URL`), through psycopg 3.

The same tables and SQL as the SQLite file (see `coach.okr_store.schema`). A lock held by
another client is waited for at most `db_busy_timeout_s` (`lock_timeout`). Messages name
the server by its URL with the password masked, and a driver's message has any password
blotted out before it is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import errors as pg_errors

from coach.okr_store.db import Dialect, Param, Row
from coach.okr_store.errors import InvalidInput, mask_url, one_line, password_of
from coach.okr_store.schema import MIGRATIONS, Migration, migrate
from coach.okr_store.sql_store import SqlOKRStore
from coach.storage.errors import BAD_SETUP, RUNTIME, StorageError

CONNECT_TIMEOUT_S = 10
_SETUP_STATES = {"28P01", "28000", "3D000", "42501"}
"""Wrong password, role not allowed, no such database, no privilege: fix the setup."""


def _sql(statement: str) -> str:
    return statement.replace("%", "%%").replace("?", "%s")


class _PostgresTx:
    def __init__(self, conn: psycopg.Connection[Row]) -> None:
        self._conn = conn

    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[Row]:
        with self._conn.cursor() as cur:
            cur.execute(_sql(sql), params)
            return cur.fetchall() if cur.description is not None else []

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        with self._conn.cursor() as cur:
            cur.execute(_sql(sql), params)
            return cur.rowcount


class PostgresDb:
    dialect: Dialect = "postgres"

    def __init__(self, url: str, busy_timeout_s: float) -> None:
        self.where = mask_url(url)
        self._secret = password_of(url)
        self._busy = busy_timeout_s
        self._lock = threading.Lock()
        try:
            self._conn: psycopg.Connection[Row] = psycopg.connect(
                url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.ProgrammingError as err:  # a malformed URL or option
            raise StorageError(f"COACH_DATABASE_URL ({self.where}) is not a usable "
                               f"PostgreSQL URL: {self._line(err)}", BAD_SETUP) from None
        except psycopg.Error as err:
            raise self._error(err, connecting=True) from None
        try:
            with self._conn.cursor() as cur:
                cur.execute(f"SET lock_timeout = {int(busy_timeout_s * 1000)}")
        except psycopg.Error as err:
            self._conn.close()
            raise self._error(err) from None

    def _line(self, err: BaseException) -> str:
        return one_line(str(err), self._secret)

    def _error(self, err: BaseException, connecting: bool = False) -> StorageError:
        state = getattr(err, "sqlstate", None)
        if isinstance(err, psycopg.IntegrityError):
            return InvalidInput(f"the OKR store refused it: {self._line(err)}; nothing was "
                                "stored")
        if isinstance(err, pg_errors.LockNotAvailable):
            return StorageError(f"the OKR database {self.where} is locked by another client "
                                f"(waited {self._busy:g} s) — try again when it is free")
        if state in _SETUP_STATES or (connecting and _is_setup(str(err))):
            return StorageError(f"cannot use the OKR database {self.where}: "
                                f"{self._line(err)} — check COACH_DATABASE_URL", BAD_SETUP)
        if connecting or isinstance(err, psycopg.OperationalError):
            return StorageError(f"cannot reach the OKR database {self.where}: "
                                f"{self._line(err)} — is the server running?", RUNTIME)
        return StorageError(f"the OKR database {self.where} failed: {self._line(err)}")

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[_PostgresTx]:
        del write  # PostgreSQL's MVCC: readers and writers do not block each other
        with self._lock:
            try:
                with self._conn.transaction():
                    yield _PostgresTx(self._conn)
            except psycopg.Error as err:
                raise self._error(err) from None

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _is_setup(text: str) -> bool:
    words = ("password authentication failed", "does not exist", "no password supplied",
             "role ", "permission denied", "invalid ")
    return any(word in text for word in words)


def open_postgres_store(url: str, busy_timeout_s: float,
                        migrations: tuple[Migration, ...] = MIGRATIONS) -> SqlOKRStore:
    """The store on the PostgreSQL server at `url`, migrated to the newest schema."""
    db = PostgresDb(url, busy_timeout_s)
    try:
        migrate(db, migrations)
    except BaseException:
        db.close()
        raise
    return SqlOKRStore(db)
