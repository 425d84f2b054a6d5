"""The little the store needs from a database connection, the same for SQLite and PostgreSQL.

SQL is written once with `?` placeholders; the PostgreSQL side turns them into `%s`. A
transaction either commits whole or rolls back whole; a driver's error leaves it as a
one-line `StorageError` (see each backend).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Literal, Protocol

Dialect = Literal["sqlite", "postgres"]
Param = str | int | float | None
Row = tuple[Any, ...]


class Tx(Protocol):
    """One open transaction."""

    def rows(self, sql: str, params: tuple[Param, ...] = ()) -> list[Row]:
        """Run a query and return every row."""
        ...

    def run(self, sql: str, params: tuple[Param, ...] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        ...


class Db(Protocol):
    """A connection the store owns; `where` names it in messages (never with a password)."""

    dialect: Dialect
    where: str

    def transaction(self, write: bool = True) -> AbstractContextManager[Tx]:
        """Commit on a normal exit, roll back on any exception (which then propagates)."""
        ...

    def close(self) -> None: ...
