"""Where a check-in's Key Results come from and where its outcome goes (the OKR store).

`coach.checkin_source` implements it over the OKR store; tests may give any object with
these methods. It reaches the check-in graph's nodes through `Deps.checkins`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from graph.checkin.models import CheckinKR, CheckinRecord


class CheckinSource(Protocol):
    """An adopted OKR set as the weekly check-in reads and writes it."""

    def checkin_krs(self, set_id: str, on: date | None = None
                    ) -> tuple[list[CheckinKR], list[str]]:
        """The set's Key Results (the last value and confidence before `on`, the expected
        progress on `on`; default today) and the commitments of the check-in before it."""
        ...

    def okr_of(self, set_id: str) -> dict[str, Any]:
        """The set's objectives and KRs in the CLI contract's `okr` shape (DESIGN §3)."""
        ...

    def save_checkin(self, set_id: str, session_id: str, record: CheckinRecord, *,
                     summary: str | None = None, on: date | None = None) -> None:
        """Store the check-in of session `session_id`, once: a second call for the same
        session (a retry, a resume after a crash right after saving) stores nothing."""
        ...
