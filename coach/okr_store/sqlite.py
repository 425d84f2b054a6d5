"""The OKR store in an SQLite file (`settings.okr_db`): private (0600), WAL, a bounded wait
on a busy file, foreign keys enforced; opened through `coach.storage.database`, so a damaged
or foreign file is refused and left untouched."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.okr_store.db import Dialect, Param, Row
from coach.okr_store.errors import InvalidInput, one_line
from coach.okr_store.schema import MIGRATIONS, Migration, migrate
from coach.okr_store.sql_store import SqlOKRStore
from coach.storage.database import make_private, open_database
from coach.storage.errors import StorageError, storage_error


def _named(err: StorageError) -> StorageError:
    """`coach.storage`'s messages speak of the sessions database; this one holds OKRs."""
    if type(err) is not StorageError:
        return err
    return StorageError(str(err).replace("the sessions database", "the OKR database"),
                        err.exit_code)


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[Row]:
        return self._conn.execute(sql, params).fetchall()

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        return self._conn.execute(sql, params).rowcount


class SqliteDb:
    dialect: Dialect = "sqlite"

    def __init__(self, path: Path, busy_timeout_s: float) -> None:
        self.path = path
        self.where = str(path)
        self._busy = busy_timeout_s
        try:
            self._conn = open_database(path, busy_timeout_s)
        except StorageError as err:
            raise _named(err) from None
        self._lock = threading.Lock()
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as err:
            self._conn.close()
            raise self._error(err) from None

    def _error(self, err: BaseException) -> StorageError:
        if isinstance(err, sqlite3.IntegrityError):
            return InvalidInput(f"the OKR store refused it: {one_line(str(err))}; nothing "
                                "was stored")
        return _named(storage_error(err, self.path, self._busy))

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[_SqliteTx]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except (sqlite3.Error, OSError) as err:
                raise self._error(err) from None
            try:
                yield _SqliteTx(self._conn)
                self._conn.execute("COMMIT")
            except BaseException as err:
                if self._conn.in_transaction:
                    # an unusable connection: the error below says why
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                if isinstance(err, sqlite3.Error | OSError):
                    raise self._error(err) from None
                raise
        if write:
            make_private(self.path)  # the WAL and shared-memory files appear on writes

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def open_sqlite_store(path: Path, busy_timeout_s: float,
                      migrations: tuple[Migration, ...] = MIGRATIONS) -> SqlOKRStore:
    """The store in the SQLite file at `path`, migrated to the newest schema."""
    db = SqliteDb(path, busy_timeout_s)
    try:
        migrate(db, migrations)
    except BaseException:
        db.close()
        raise
    return SqlOKRStore(db)
