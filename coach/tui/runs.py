"""A chat's turns in flight, and closing its session only once none runs any more.

Leaving a chat frees the session's one-writer lock for other coach processes. A reply may
still be running in a worker thread then; closing under it would let another process write
to the session while this one still does. So the chat counts its runs, and the last run to
end closes the session when the chat has been left.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.session import CoachSession

_RUN_LOCKS: dict[str, threading.Lock] = {}
_RUN_LOCKS_GUARD = threading.Lock()


def run_lock(session_id: str) -> threading.Lock:
    """One graph run per session at a time in this process, across chat screens: a chat left
    while its cancelled reply winds down and opened again waits for that run to end."""
    with _RUN_LOCKS_GUARD:
        return _RUN_LOCKS.setdefault(session_id, threading.Lock())


class TurnRuns:
    """Counts the runs of one chat's session; closes the session when it is left and idle."""

    def __init__(self, session: CoachSession) -> None:
        self.session = session
        self._running = 0
        self._leaving = False
        self._guard = threading.Lock()

    @property
    def running(self) -> bool:
        with self._guard:
            return self._running > 0

    def started(self) -> None:
        """A run was launched (call before its worker starts)."""
        with self._guard:
            self._running += 1

    def finished(self) -> None:
        """A run ended (from its worker thread); the last one closes a left session."""
        with self._guard:
            self._running -= 1
            close = self._leaving and self._running == 0
        if close:
            self.session.close()

    def close_when_idle(self) -> bool:
        """The chat is left: close the session now if no run is going (True), else when the
        last one ends (False)."""
        with self._guard:
            self._leaving = True
            idle = self._running == 0
        if idle:
            self.session.close()
        return idle
