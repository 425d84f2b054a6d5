"""`SqlOKRStore`: the `OKRStore` over any `Db` (SQLite or PostgreSQL), one SQL for both.

Every public method is one transaction. Text from outside is stored without terminal
control sequences (`strip_controls`); numbers are stored exactly as given.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from coach.okr.models import OKRDraft
from coach.okr_store.db import Db, Tx
from coach.okr_store.errors import InvalidInput, NotFound
from coach.okr_store.models import (
    AuditAction,
    AuditEntry,
    CheckIn,
    KeyResultRecord,
    KRKind,
    KRValue,
    OKRSetRecord,
)
from coach.okr_store.schema import stored_version
from coach.okr_store.scores import KRScoreValue, RetroScores, insert_scores, load_retros
from coach.okr_store.sql_reads import (
    AUDIT_COLS,
    CHECKIN_COLS,
    KR_COLS,
    SET_COLS,
    audit_entry,
    kr_record,
    load_checkins,
    load_set,
    num,
    value_row,
)
from coach.text_safety import strip_controls


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _clean(text: str | None) -> str | None:
    return None if text is None else strip_controls(text)


def _common_parent(draft: OKRDraft) -> str | None:
    parents = {o.parent for o in draft.objectives if o.parent}
    return parents.pop() if len(parents) == 1 else None


class SqlOKRStore:
    """See `coach.okr_store.port.OKRStore` for what each method promises."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self.where = db.where

    def __enter__(self) -> SqlOKRStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        with self._db.transaction(write=False) as tx:
            return stored_version(tx)

    # --- sets ------------------------------------------------------------------------------
    def create_set(self, draft: OKRDraft, *, start: date, end: date, period: str | None = None,
                   owner: str | None = None, parent: str | None = None,
                   source_session: str | None = None,
                   kinds: Mapping[int, KRKind] | None = None) -> OKRSetRecord:
        _check_draft(draft, start, end)
        total = sum(len(o.key_results) for o in draft.objectives)
        for number in kinds or {}:
            if not 1 <= number <= total:
                raise InvalidInput(f"KR {number}: the set has {total} key results (1–{total})")
        label = period or draft.period or f"{start.isoformat()} – {end.isoformat()}"
        set_id = new_id()
        number = 0
        with self._db.transaction() as tx:
            tx.run(f"INSERT INTO okr_sets ({SET_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (set_id, _clean(label), start.isoformat(), end.isoformat(), _clean(owner),
                    _clean(parent or _common_parent(draft)), "active", source_session, _now()))
            for o_pos, objective in enumerate(draft.objectives, 1):
                objective_id = new_id()
                tx.run("INSERT INTO okr_objectives (id, set_id, position, title) "
                       "VALUES (?, ?, ?, ?)",
                       (objective_id, set_id, o_pos, strip_controls(objective.title)))
                for k_pos, kr in enumerate(objective.key_results, 1):
                    number += 1
                    kind = (kinds or {}).get(number, "aspirational")
                    tx.run(f"INSERT INTO okr_key_results ({KR_COLS}, set_id) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (new_id(), objective_id, k_pos, strip_controls(kr.text),
                            _clean(kr.metric), num(kr.baseline), num(kr.target),
                            _clean(kr.unit), kind, _clean(kr.due), set_id))
            return load_set(tx, set_id)

    def get_set(self, set_id: str) -> OKRSetRecord:
        with self._db.transaction(write=False) as tx:
            return load_set(tx, set_id)

    def list_sets(self, *, include_archived: bool = False) -> list[OKRSetRecord]:
        where = "" if include_archived else " WHERE status = 'active'"
        with self._db.transaction(write=False) as tx:
            ids = tx.rows(f"SELECT id FROM okr_sets{where} "
                          "ORDER BY start_date DESC, created_at DESC, id")
            return [load_set(tx, row[0]) for row in ids]

    def archive_set(self, set_id: str) -> OKRSetRecord:
        with self._db.transaction() as tx:
            load_set(tx, set_id)
            tx.run("UPDATE okr_sets SET status = 'archived' WHERE id = ?", (set_id,))
            return load_set(tx, set_id)

    def set_kr_kind(self, kr_id: str, kind: KRKind, *, actor: str) -> KeyResultRecord:
        with self._db.transaction() as tx:
            found = tx.rows("SELECT set_id, kind FROM okr_key_results WHERE id = ?", (kr_id,))
            if not found:
                raise NotFound(f"no key result with id {kr_id!r}")
            set_id, before = found[0]
            if before != kind:
                tx.run("UPDATE okr_key_results SET kind = ? WHERE id = ?", (kind, kr_id))
                _audit(tx, set_id, actor, "set_kind", f"kr {kr_id}", {"kind": before},
                       {"kind": kind})
            row = tx.rows(f"SELECT {KR_COLS} FROM okr_key_results WHERE id = ?", (kr_id,))[0]
            return kr_record(row)

    # --- check-ins -------------------------------------------------------------------------
    def record_checkin(self, set_id: str, values: Sequence[KRValue], *,
                       session_id: str | None = None, taken_at: datetime | None = None,
                       commitments: Sequence[str] = (), summary: str | None = None,
                       notes: str | None = None) -> CheckIn:
        if taken_at is not None and taken_at.tzinfo is None:
            raise InvalidInput("a check-in's time needs a time zone (taken_at is naive)")
        when = (taken_at or datetime.now(UTC)).astimezone(UTC).isoformat()
        checkin_id = new_id()
        promised = json.dumps([strip_controls(c) for c in commitments], ensure_ascii=False)
        with self._db.transaction() as tx:
            if load_set(tx, set_id).status == "archived":
                raise InvalidInput(f"OKR set {set_id} is archived: no new check-ins")
            tx.run(f"INSERT INTO okr_checkins ({CHECKIN_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (checkin_id, set_id, session_id, when, promised, _clean(summary),
                    _clean(notes)))
            for value in values:
                _kr_in_set(tx, value.kr_id, set_id)
                _insert_value(tx, checkin_id, value)
            return load_checkins(tx, set_id, checkin_id)[0]

    def list_checkins(self, set_id: str) -> list[CheckIn]:
        with self._db.transaction(write=False) as tx:
            load_set(tx, set_id)
            return load_checkins(tx, set_id)

    def edit_value(self, checkin_id: str, value: KRValue, *, actor: str) -> AuditEntry:
        with self._db.transaction() as tx:
            set_id = _checkin_set(tx, checkin_id)
            _kr_in_set(tx, value.kr_id, set_id)
            before = value_row(tx, checkin_id, value.kr_id)
            if before is not None:
                tx.run("DELETE FROM okr_kr_values WHERE checkin_id = ? AND kr_id = ?",
                       (checkin_id, value.kr_id))
            _insert_value(tx, checkin_id, value)
            return _audit(tx, set_id, actor, "edit_value",
                          f"checkin {checkin_id}/kr {value.kr_id}",
                          before.model_dump(mode="json") if before else None,
                          value.model_copy(update={"note": _clean(value.note)})
                          .model_dump(mode="json"))

    def delete_value(self, checkin_id: str, kr_id: str, *, actor: str) -> AuditEntry:
        with self._db.transaction() as tx:
            set_id = _checkin_set(tx, checkin_id)
            before = value_row(tx, checkin_id, kr_id)
            if before is None:
                raise NotFound(f"check-in {checkin_id} has no value for KR {kr_id!r}")
            tx.run("DELETE FROM okr_kr_values WHERE checkin_id = ? AND kr_id = ?",
                   (checkin_id, kr_id))
            return _audit(tx, set_id, actor, "delete_value", f"checkin {checkin_id}/kr {kr_id}",
                          before.model_dump(mode="json"), None)

    # --- end-of-period scores (coach.okr_store.scores) ----------------------------------------
    def record_scores(self, set_id: str, scores: Sequence[KRScoreValue], *, session_id: str,
                      learnings: Sequence[str] = (), strengths: Sequence[str] = (),
                      proud: Sequence[str] = (), next_period: bool | None = None,
                      scored_at: datetime | None = None) -> RetroScores:
        with self._db.transaction() as tx:
            if load_set(tx, set_id).status == "archived":
                raise InvalidInput(f"OKR set {set_id} is archived: no new scores")
            return insert_scores(tx, set_id, scores, session_id=session_id,
                                 learnings=learnings, strengths=strengths, proud=proud,
                                 next_period=next_period, scored_at=scored_at)

    def list_scores(self, set_id: str) -> list[RetroScores]:
        with self._db.transaction(write=False) as tx:
            load_set(tx, set_id)
            return load_retros(tx, set_id)

    def audit_log(self, set_id: str) -> list[AuditEntry]:
        with self._db.transaction(write=False) as tx:
            load_set(tx, set_id)
            rows = tx.rows(f"SELECT {AUDIT_COLS} FROM okr_audit WHERE set_id = ? ORDER BY id",
                           (set_id,))
            return [audit_entry(row) for row in rows]


def _check_draft(draft: OKRDraft, start: date, end: date) -> None:
    if not draft.objectives:
        raise InvalidInput("the draft has no objective")
    for i, objective in enumerate(draft.objectives, 1):
        if not objective.title.strip():
            raise InvalidInput(f"objective {i} has no title")
        if not objective.key_results:
            raise InvalidInput(f"objective {i} ({objective.title!r}) has no key results")
    if end < start:
        raise InvalidInput(f"the period ends ({end}) before it starts ({start})")


def _kr_in_set(tx: Tx, kr_id: str, set_id: str) -> None:
    found = tx.rows("SELECT set_id FROM okr_key_results WHERE id = ?", (kr_id,))
    if not found or found[0][0] != set_id:
        raise InvalidInput(f"KR {kr_id!r} is not in OKR set {set_id}: nothing was stored")


def _insert_value(tx: Tx, checkin_id: str, value: KRValue) -> None:
    tx.run("INSERT INTO okr_kr_values (checkin_id, kr_id, value, confidence, note, skipped) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           (checkin_id, value.kr_id, num(value.value), value.confidence, _clean(value.note),
            int(value.skipped)))


def _checkin_set(tx: Tx, checkin_id: str) -> str:
    found = tx.rows("SELECT set_id FROM okr_checkins WHERE id = ?", (checkin_id,))
    if not found:
        raise NotFound(f"no check-in with id {checkin_id!r}")
    return str(found[0][0])


def _audit(tx: Tx, set_id: str, actor: str, action: AuditAction, target: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None) -> AuditEntry:
    def dumped(data: dict[str, Any] | None) -> str | None:
        return None if data is None else json.dumps(data, sort_keys=True, ensure_ascii=False)

    row = tx.rows("INSERT INTO okr_audit (at, set_id, actor, action, target, before_json, "
                  f"after_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {AUDIT_COLS}",
                  (_now(), set_id, strip_controls(actor), action, target, dumped(before),
                   dumped(after)))
    return audit_entry(row[0])


