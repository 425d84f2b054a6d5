"""The `checkin` object of `coach chat --mode checkin --json`: what the OKR store now holds
for the session's check-in (read back from the store, so it shows what was saved)."""

from __future__ import annotations

from typing import Any

from coach.okr_store.port import OKRStore
from coach.okr_store.progress import kr_status


def checkin_json(store: OKRStore, set_id: str, session_id: str) -> dict[str, Any]:
    """Per KR: id, text, value (None: skipped), confidence and status (on the day it was
    taken); the commitments and the summary. `saved` is False while the session has not
    finished (nothing is stored before the end)."""
    okr = store.get_set(set_id)
    found = [c for c in store.list_checkins(set_id) if c.session_id == session_id]
    if not found:
        return {"set_id": set_id, "saved": False, "id": None, "key_results": [],
                "commitments": [], "summary": None}
    checkin = found[-1]
    on = checkin.taken_at.astimezone().date()  # the day as `coach okr show` shows it
    rows: list[dict[str, Any]] = []
    for kr in okr.key_results():
        value = checkin.value_of(kr.id)
        if value is None:
            continue
        status = kr_status(value.value, kr.baseline, kr.target, on=on, start=okr.start,
                           end=okr.end)
        rows.append({"kr_id": kr.id, "text": kr.text, "value": value.value,
                     "confidence": value.confidence, "status": status.status,
                     "skipped": value.skipped})
    return {"set_id": set_id, "saved": True, "id": checkin.id, "key_results": rows,
            "commitments": list(checkin.commitments), "summary": checkin.summary}
