"""LangGraph's SQLite checkpointer with every write in one transaction.

The stock saver commits after each statement when the connection is in autocommit mode, and
commits even when a write failed halfway. A checkpoint or a task's writes could then be stored
in part (a full disk, a lock timeout), which can leave a session that never answers again.
Here a write is `BEGIN IMMEDIATE … COMMIT`, rolled back whole on any error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from sqlite3 import Cursor

from langgraph.checkpoint.sqlite import SqliteSaver


class AtomicSqliteSaver(SqliteSaver):
    @contextmanager
    def cursor(self, transaction: bool = True) -> Iterator[Cursor]:
        with self.lock:
            self.setup()
            cur = self.conn.cursor()
            try:
                if transaction:
                    cur.execute("BEGIN IMMEDIATE")
                yield cur
                if transaction:
                    cur.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise
            finally:
                cur.close()
