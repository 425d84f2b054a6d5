"""Reading the OKR store's rows back into records (shared by both backends)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import cast

from coach.okr_store.db import Param, Row, Tx
from coach.okr_store.errors import NotFound
from coach.okr_store.models import (
    AuditEntry,
    CheckIn,
    KeyResultRecord,
    KRKind,
    KRValue,
    ObjectiveRecord,
    OKRSetRecord,
)

SET_COLS = ("id, period, start_date, end_date, owner, parent, status, source_session, "
            "created_at")
KR_COLS = "id, objective_id, position, text, metric, baseline, target, unit, kind, due"
CHECKIN_COLS = "id, set_id, session_id, taken_at, commitments, summary, notes"
VALUE_COLS = "v.checkin_id, v.kr_id, v.value, v.confidence, v.note, v.skipped"
AUDIT_COLS = "id, at, set_id, actor, action, target, before_json, after_json"


def num(value: float | None) -> float | None:
    return None if value is None else float(value)


def load_set(tx: Tx, set_id: str) -> OKRSetRecord:
    found = tx.rows(f"SELECT {SET_COLS} FROM okr_sets WHERE id = ?", (set_id,))
    if not found:
        raise NotFound(f"no OKR set with id {set_id!r} (see `coach okr list --all`)")
    sid, period, start, end, owner, parent, status, session, created = found[0]
    krs: dict[str, list[KeyResultRecord]] = {}
    for row in tx.rows(f"SELECT {KR_COLS} FROM okr_key_results WHERE set_id = ? "
                       "ORDER BY position", (set_id,)):
        krs.setdefault(row[1], []).append(kr_record(row))
    objectives = [ObjectiveRecord(id=oid, position=pos, title=title, key_results=krs.get(oid, []))
                  for oid, pos, title in tx.rows(
                      "SELECT id, position, title FROM okr_objectives WHERE set_id = ? "
                      "ORDER BY position", (set_id,))]
    return OKRSetRecord(id=sid, period=period, start=date.fromisoformat(start),
                        end=date.fromisoformat(end), owner=owner, parent=parent, status=status,
                        source_session=session, created_at=datetime.fromisoformat(created),
                        objectives=objectives)


def kr_record(row: Row) -> KeyResultRecord:
    kid, _, position, text, metric, baseline, target, unit, kind, due = row
    return KeyResultRecord(id=kid, position=position, text=text, metric=metric,
                           baseline=num(baseline), target=num(target), unit=unit,
                           kind=cast(KRKind, kind), due=due)


def value_record(row: Row) -> KRValue:
    _, kr_id, value, confidence, note, skipped = row
    return KRValue(kr_id=kr_id, value=num(value), confidence=confidence, note=note,
                   skipped=bool(skipped))


def value_row(tx: Tx, checkin_id: str, kr_id: str) -> KRValue | None:
    rows = tx.rows(f"SELECT {VALUE_COLS} FROM okr_kr_values v "
                   "WHERE v.checkin_id = ? AND v.kr_id = ?", (checkin_id, kr_id))
    return value_record(rows[0]) if rows else None


def load_checkins(tx: Tx, set_id: str, only: str | None = None) -> list[CheckIn]:
    params: tuple[Param, ...] = (set_id,) if only is None else (set_id, only)
    extra = "" if only is None else " AND c.id = ?"
    values: dict[str, list[KRValue]] = {}
    for row in tx.rows(f"SELECT {VALUE_COLS} FROM okr_kr_values v "
                       "JOIN okr_checkins c ON c.id = v.checkin_id "
                       "JOIN okr_key_results k ON k.id = v.kr_id "
                       "JOIN okr_objectives o ON o.id = k.objective_id "
                       f"WHERE c.set_id = ?{extra} ORDER BY o.position, k.position", params):
        values.setdefault(row[0], []).append(value_record(row))
    rows = tx.rows(f"SELECT {', '.join('c.' + c for c in CHECKIN_COLS.split(', '))} "
                   f"FROM okr_checkins c WHERE c.set_id = ?{extra} ORDER BY c.taken_at, c.seq",
                   params)
    return [CheckIn(id=cid, set_id=sid, session_id=session, taken_at=datetime.fromisoformat(at),
                    commitments=json.loads(promised), summary=summary, notes=notes,
                    values=values.get(cid, []))
            for cid, sid, session, at, promised, summary, notes in rows]


def audit_entry(row: Row) -> AuditEntry:
    aid, at, set_id, actor, action, target, before, after = row
    return AuditEntry(id=aid, at=datetime.fromisoformat(at), set_id=set_id, actor=actor,
                      action=action, target=target,
                      before=None if before is None else json.loads(before),
                      after=None if after is None else json.loads(after))
