"""One writer per session: an advisory file lock that dies with the process holding it.

`flock` locks belong to the open file, so a killed process (kill -9 included) never leaves a
stale lock behind; the file itself may stay and is simply locked again by the next writer.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from coach.storage.errors import SessionInUse, StorageError


class SessionLock:
    """Held while a process may write to one session; `release()` (or exit) frees it."""

    def __init__(self, locks_dir: Path, session_id: str) -> None:
        self.path = locks_dir / f"{session_id}.lock"
        self._fd: int | None = None
        try:
            locks_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as err:
            raise StorageError(f"could not lock session {session_id} in {locks_dir}: "
                               f"{err.strerror or err}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise SessionInUse(
                f"session {session_id} is open in another coach{holder} — close it there "
                f"first (to read it meanwhile: coach export {session_id})") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
