"""The weekly check-in's `CheckinSource` over the OKR store.

The store is opened on first use (a check-in session needs it; prepare never does) and
closed with the runtime. Every number handed to the check-in is one a person stated: the
set's baselines and targets, and the values of earlier check-ins; a KR without a target has
nothing to check against and is left out of the conversation (it still shows in `okr`).
"""

from __future__ import annotations

import calendar
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from coach.okr.dates import relative_to_today
from coach.okr_store.models import CheckIn, KeyResultRecord, KRValue, OKRSetRecord
from coach.okr_store.port import OKRStore
from coach.okr_store.progress import expected_progress
from graph.checkin.models import CheckinKR, CheckinRecord, KRRecord


def period_end(end: date, today: date) -> str:
    """How the deadline reads: "the end of June" (the month's last day), else "15 June";
    the year only when it is not this year's."""
    year = f" {end.year}" if end.year != today.year else ""
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"the end of {end:%B}{year}"
    return f"{end.day} {end:%B}{year}"


def deadline(kr_due: str | None, end: date, today: date) -> str:
    """The KR's own deadline as said, unless it was said relative to when it was said ("this
    quarter" reads wrong weeks later, and as "by this quarter"): then the set's end."""
    if kr_due and not relative_to_today(kr_due):
        return kr_due
    return period_end(end, today)


def noon_of(on: date | None) -> datetime | None:
    """When a backdated (`--date`) check-in or retrospective is stored: that day's noon,
    UTC, which is that same day from UTC−12 to UTC+11; None: now."""
    return datetime.combine(on, time(12), UTC) if on is not None else None


def _latest(checkins: list[CheckIn], kr_id: str, field: str) -> Any:
    for checkin in reversed(checkins):  # oldest first in the store
        value = checkin.value_of(kr_id)
        if value is not None and getattr(value, field) is not None:
            return getattr(value, field)
    return None


def checkin_kr(kr: KeyResultRecord, okr: OKRSetRecord, checkins: list[CheckIn],
               today: date) -> CheckinKR | None:
    """The KR as the check-in needs it; None without a target."""
    if kr.target is None:
        return None
    return CheckinKR(
        kr_id=kr.id, text=kr.text, metric=kr.metric or kr.text, unit=kr.unit,
        baseline=kr.baseline, target=kr.target, direction=kr.direction or "increase",
        last_value=_latest(checkins, kr.id, "value"),
        last_confidence=_latest(checkins, kr.id, "confidence"),
        expected_progress=expected_progress(today, okr.start, okr.end),
        period_end=deadline(kr.due, okr.end, today))


def okr_json(okr: OKRSetRecord) -> dict[str, Any]:
    """The set in the CLI contract's `okr` shape (DESIGN §3)."""
    return {"period": okr.period, "objectives": [
        {"title": o.title, "key_results": [
            {"text": k.text, "metric": k.metric, "baseline": k.baseline, "target": k.target,
             "unit": k.unit, "due": k.due} for k in o.key_results]}
        for o in okr.objectives]}


def _values(record: CheckinRecord) -> list[KRValue]:
    def one(kr: KRRecord) -> KRValue:
        note = "; ".join(n["text"] for n in kr["notes"]) or None
        return KRValue(kr_id=kr["kr_id"], value=kr["value"], confidence=kr["confidence"],
                       note=note, skipped=kr["value"] is None)

    return [one(kr) for kr in record["krs"]]


def notes_of(record: CheckinRecord) -> str | None:
    """What was said besides the numbers, as a few readable lines."""
    lines = [f"Last week “{r['commitment']}”: {r['note'] or 'later'}" for r in record["reviews"]]
    if record["topic"] is not None:
        lines.append(f"Topic: {record['topic']['text']}")
    lines += [f"Working: {w}" for w in record["working"]]
    lines += [f"Strengths: {s}" for s in record["strengths"]]
    return "\n".join(lines) or None


class StoreCheckins:
    """`graph.checkin.port.CheckinSource` over an `OKRStore` opened on first use."""

    def __init__(self, open_store: Callable[[], OKRStore],
                 today: Callable[[], date] = date.today) -> None:
        self._open = open_store
        self._today = today
        self._store: OKRStore | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> OKRStore:
        with self._lock:
            if self._store is None:
                self._store = self._open()
            return self._store

    def checkin_krs(self, set_id: str, on: date | None = None
                    ) -> tuple[list[CheckinKR], list[str]]:
        okr = self.store.get_set(set_id)
        today = on or self._today()
        checkins = [c for c in self.store.list_checkins(set_id) if c.taken_at.date() < today
                    or on is None]  # a backdated check-in follows the ones before its day
        krs = [c for kr in okr.key_results() if (c := checkin_kr(kr, okr, checkins, today))]
        return krs, list(checkins[-1].commitments) if checkins else []

    def okr_of(self, set_id: str) -> dict[str, Any]:
        return okr_json(self.store.get_set(set_id))

    def saved(self, set_id: str, session_id: str) -> CheckIn | None:
        """The check-in session `session_id` stored, if any."""
        found = [c for c in self.store.list_checkins(set_id) if c.session_id == session_id]
        return found[-1] if found else None

    def save_checkin(self, set_id: str, session_id: str, record: CheckinRecord, *,
                     summary: str | None = None, on: date | None = None) -> None:
        if self.saved(set_id, session_id) is not None:
            return  # stored before a crash or a failed checkpoint: never twice
        self.store.record_checkin(set_id, _values(record), session_id=session_id,
                                  taken_at=noon_of(on),
                                  commitments=record["commitments"], summary=summary,
                                  notes=notes_of(record))

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
