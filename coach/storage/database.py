"""Opening the sessions database safely: a private directory, a real SQLite file that passes
its integrity check, a bounded wait on a busy file, and files only the owner can read."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from coach.storage.errors import BAD_SETUP, StorageError, damaged, storage_error

SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")
BUSY_TIMEOUT_S = 5.0
"""How long a write waits for another program's lock on the database before it fails."""


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (0700) or check an existing one is a directory we can use; made 0700."""
    if path.exists() and not path.is_dir():
        raise StorageError(f"COACH_DATA_DIR {path} is not a directory — point it at a "
                           "directory (it is created when missing)", BAD_SETUP)
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(f"cannot create the data directory {path}: "
                           f"{err.strerror or err} — set COACH_DATA_DIR to a writable "
                           "directory", BAD_SETUP) from None
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        with contextlib.suppress(OSError):  # not ours to change (e.g. a shared mount)
            path.chmod(PRIVATE_DIR)
    return path


def make_private(path: Path) -> None:
    """The database and its WAL/shared-memory files readable by their owner only."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if candidate.stat().st_mode & 0o777 != PRIVATE_FILE:
                candidate.chmod(PRIVATE_FILE)


def _check_header(path: Path) -> bool:
    """True when the file exists and has content (an empty file is a new database)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise StorageError(f"{path} is a directory, not the sessions database — move it "
                           "aside", BAD_SETUP) from None
    except OSError as err:
        raise storage_error(err, path, 0) from None
    if head and head != SQLITE_HEADER:
        raise damaged(path, "not an SQLite database")
    return bool(head)


def open_database(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """A checked, private connection in WAL mode; a `StorageError` when that cannot be."""
    ensure_private_dir(path.parent)
    existed = _check_header(path)
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_s, check_same_thread=False,
                               isolation_level=None)
    except (sqlite3.Error, OSError) as err:
        raise storage_error(err, path, busy_timeout_s) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        if existed:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise damaged(path, "; ".join(str(p) for p in problems))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException as err:
        conn.close()
        if isinstance(err, sqlite3.Error | OSError):
            raise storage_error(err, path, busy_timeout_s) from None
        raise
    make_private(path)
    return conn
