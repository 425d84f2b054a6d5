"""Where a retrospective's Key Results come from and where its outcome goes: the OKR store
(the scores) and the knowledge base (the scored set with its learnings).

`coach.retro_source` implements it; tests may give any object with these methods. It
reaches the retro graph's nodes through `Deps.retros`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from graph.retro.models import RetroKR, RetroRecord


class RetroSource(Protocol):
    """An adopted OKR set as the end-of-period retrospective reads and writes it."""

    def retro_krs(self, set_id: str) -> tuple[list[RetroKR], list[str]]:
        """The set's Key Results (each with the last check-in's value, its kind and the
        index of its objective) and the objectives' titles."""
        ...

    def okr_of(self, set_id: str) -> dict[str, Any]:
        """The set's objectives and KRs in the CLI contract's `okr` shape (DESIGN §3)."""
        ...

    def save_retro(self, set_id: str, session_id: str, record: RetroRecord, *,
                   on: date | None = None) -> None:
        """Store the scores of session `session_id`, once: a second call for the same
        session (a retry, a resume after a crash right after saving) stores nothing. `on`:
        the day the retrospective is for (`--date`); None: today."""
        ...

    def learn_from(self, set_id: str, session_id: str, record: RetroRecord) -> None:
        """Add the scored set with its learnings to the knowledge base (the same set again
        updates its record, never duplicates it). Raises when the knowledge base cannot
        take it; the scores are already saved then."""
        ...
