"""Storage failures as one line a person can act on, with the exit code the CLI returns."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

_NEARLY_FULL = 256 * 1024
"""Free bytes below which an I/O error is taken for a full disk (SQLite often reports only
"disk I/O error" when a file it needs, such as the WAL index, cannot grow)."""

BAD_SETUP = 2
"""Exit code for bad input or configuration: fix it, then run again."""
RUNTIME = 1
"""Exit code for a failure at run time (a busy database, a full disk): try again later."""


class StorageError(Exception):
    """The sessions store cannot do what was asked; `str()` is the one-line reason."""

    def __init__(self, message: str, exit_code: int = RUNTIME) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class SessionInUse(StorageError):
    """Another coach process has this session open for writing."""

    def __init__(self, message: str) -> None:
        super().__init__(message, BAD_SETUP)


def _code(err: BaseException) -> int:
    """SQLite's primary result code (extended codes such as SQLITE_IOERR_WRITE folded)."""
    code = getattr(err, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def _is_full(err: BaseException, path: Path) -> bool:
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    code = _code(err)
    if code == sqlite3.SQLITE_FULL or "disk is full" in str(err):
        return True
    if code == sqlite3.SQLITE_IOERR or "disk I/O error" in str(err):
        try:
            return shutil.disk_usage(path.parent).free < _NEARLY_FULL
        except OSError:
            return False
    return False


def _is_busy(err: BaseException) -> bool:
    code = _code(err)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in str(
        err)


def _is_read_only(err: BaseException, path: Path) -> bool:
    if isinstance(err, OSError) and err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    code = _code(err)
    if code == sqlite3.SQLITE_READONLY or "readonly database" in str(err):
        return True
    if code == sqlite3.SQLITE_CANTOPEN or "unable to open database" in str(err):
        return _dir_read_only(path.parent)
    return False


def _dir_read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def storage_error(err: BaseException, path: Path, busy_wait_s: float) -> StorageError:
    """What `err`, raised while using the database at `path`, means for the person."""
    if isinstance(err, StorageError):
        return err
    if _is_full(err, path):
        return StorageError(f"the disk holding {path.parent} is full — free some space, "
                            "then try again")
    if _is_busy(err):
        return StorageError(f"the sessions database {path} is locked by another program "
                            f"(waited {busy_wait_s:g} s) — try again when it is free")
    if _is_read_only(err, path):
        return StorageError(f"the data directory {path.parent} is read-only or not yours "
                            "— set COACH_DATA_DIR to a writable directory", BAD_SETUP)
    if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
        return damaged(path, str(err))
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return StorageError(f"could not use the sessions database {path}: {reason}")


def damaged(path: Path, detail: str) -> StorageError:
    first = detail.strip().splitlines()[0] if detail.strip() else "unreadable"
    return StorageError(
        f"the sessions database {path} is damaged ({first}); it was left untouched — "
        f"move it aside (mv '{path}' '{path}.damaged') to start afresh", BAD_SETUP)


def outside_error(err: BaseException, data_dir: Path) -> StorageError | None:
    """A storage failure raised by a library (the knowledge store, a file write) as our
    one-line error; None when `err` is not about storage."""
    text = str(err)
    storage_words = ("readonly database", "disk is full", "disk I/O error",
                     "database is locked", "unable to open database")
    if isinstance(err, OSError) or any(word in text for word in storage_words):
        where = data_dir / "store"  # messages name the folder: `where.parent`
        found = storage_error(err, where, 0)
        if isinstance(err, OSError) and err.filename and not _is_full(err, where):
            reason = err.strerror or text
            return StorageError(f"cannot use {err.filename}: {reason}", found.exit_code)
        return found
    return None
