"""The OKR store: the system of record for adopted OKR sets and their weekly check-ins.

`open_okr_store(settings)` opens it (an SQLite file in the data dir, or PostgreSQL when
`COACH_DATABASE_URL` is set) and returns an `OKRStore`. Also here, pure and without a
database: `periods` (a period label's dates), `progress` (progress, expected line, status
and end-of-period scores; see docs/okr-status.md) and `pictures` (text bars and sparklines).
"""

from __future__ import annotations

from coach.okr_store.errors import InvalidInput, NotFound, SchemaTooNew, mask_url
from coach.okr_store.factory import open_okr_store
from coach.okr_store.models import (
    AuditEntry,
    CheckIn,
    KeyResultRecord,
    KRKind,
    KRValue,
    ObjectiveRecord,
    OKRSetRecord,
)
from coach.okr_store.port import OKRStore
from coach.okr_store.scores import KRScoreValue, RetroScores

__all__ = [
    "AuditEntry",
    "CheckIn",
    "InvalidInput",
    "KRKind",
    "KRScoreValue",
    "KRValue",
    "KeyResultRecord",
    "NotFound",
    "OKRSetRecord",
    "OKRStore",
    "ObjectiveRecord",
    "RetroScores",
    "SchemaTooNew",
    "mask_url",
    "open_okr_store",
]
