"""`OKRStore`: the system of record for adopted OKR sets, their weekly check-ins and their
end-of-period scores.

Two backends implement it with the same SQL (`coach.okr_store.sqlite`, an SQLite file in the
data dir, and `coach.okr_store.postgres`, a shared PostgreSQL server); `open_okr_store`
picks one from the settings. Every method either does all it says or nothing; failures are
`StorageError`s (`NotFound` and `InvalidInput` for bad ids and refused input, exit code 2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from coach.okr.models import OKRDraft
from coach.okr_store.models import (
    AuditEntry,
    CheckIn,
    KeyResultRecord,
    KRKind,
    KRValue,
    OKRSetRecord,
)
from coach.okr_store.scores import KRScoreValue, RetroScores


class OKRStore(Protocol):
    """Adopted OKR sets, check-ins and the audit trail. Open it at the entry point and pass
    it down; `close()` when done (it is also a context manager)."""

    where: str
    """Where the data lives, for messages (a path, or a URL with its password masked)."""

    def create_set(
        self,
        draft: OKRDraft,
        *,
        start: date,
        end: date,
        period: str | None = None,
        owner: str | None = None,
        parent: str | None = None,
        source_session: str | None = None,
        kinds: Mapping[int, KRKind] | None = None,
    ) -> OKRSetRecord:
        """Adopt `draft` for the period `start`..`end` (inclusive). `period` is the label
        (default: the draft's, else the two dates); `kinds` maps a KR's number in the set
        (from 1, objective by objective) to its kind (default aspirational). Baselines and
        targets are taken from the draft as they are: missing stays missing."""
        ...

    def get_set(self, set_id: str) -> OKRSetRecord:
        """The set with its objectives and KRs; `NotFound` for an unknown id."""
        ...

    def list_sets(self, *, include_archived: bool = False) -> list[OKRSetRecord]:
        """Active sets (or all), newest period first."""
        ...

    def archive_set(self, set_id: str) -> OKRSetRecord:
        """Mark the set archived (already archived: unchanged)."""
        ...

    def set_kr_kind(self, kr_id: str, kind: KRKind, *, actor: str) -> KeyResultRecord:
        """Make a KR aspirational or committed; audited."""
        ...

    def record_checkin(
        self,
        set_id: str,
        values: Sequence[KRValue],
        *,
        session_id: str | None = None,
        taken_at: datetime | None = None,
        commitments: Sequence[str] = (),
        summary: str | None = None,
        notes: str | None = None,
    ) -> CheckIn:
        """Store a check-in with all its values, or nothing at all (a KR that is not in the
        set, twice the same KR, an archived set: `InvalidInput`). `taken_at` defaults to
        now and must carry a time zone."""
        ...

    def list_checkins(self, set_id: str) -> list[CheckIn]:
        """The set's check-ins, oldest first (by `taken_at`, then by when they were stored)."""
        ...

    def record_scores(
        self,
        set_id: str,
        scores: Sequence[KRScoreValue],
        *,
        session_id: str,
        learnings: Sequence[str] = (),
        strengths: Sequence[str] = (),
        proud: Sequence[str] = (),
        next_period: bool | None = None,
        scored_at: datetime | None = None,
    ) -> RetroScores:
        """Store a retrospective's end-of-period scores with its learnings, strengths and
        what the team is proud of, all or nothing (a KR that is not in the set, twice the
        same KR, an archived set: `InvalidInput`); `next_period`: the answer to the offer
        to start the next period's OKRs; `scored_at`: when it was held (default now).
        Once per `session_id`: a second call for the same
        session stores nothing and returns what the first stored."""
        ...

    def list_scores(self, set_id: str) -> list[RetroScores]:
        """The set's retrospectives (scores per KR, learnings, strengths), oldest first."""
        ...

    def edit_value(self, checkin_id: str, value: KRValue, *, actor: str) -> AuditEntry:
        """Replace (or add) one KR's value in a past check-in; the audit entry written."""
        ...

    def delete_value(self, checkin_id: str, kr_id: str, *, actor: str) -> AuditEntry:
        """Remove one KR's value from a past check-in; the audit entry written."""
        ...

    def audit_log(self, set_id: str) -> list[AuditEntry]:
        """Every audited change to the set, oldest first."""
        ...

    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> OKRStore: ...

    def __exit__(self, *exc: object) -> None: ...
