"""`coach due` as a real process: sets with no check-in in the last 7 days, one line each, and
nothing at all when every set is up to date (for a shell prompt or cron)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from coach.okr.models import OKRDraft
from coach.okr_store.models import KRValue
from coach.okr_store.sqlite import open_sqlite_store
from tests.support.coach_process import coach, coach_env

DRAFT = OKRDraft.model_validate({"period": "Q1 2027", "objectives": [{
    "title": "Fresh bread", "key_results": [{
        "text": "Cut wasted loaves from 40 to 15 per week", "baseline": 40, "target": 15}]}]})


def test_due_lists_sets_without_a_recent_checkin(tmp_path: Path) -> None:
    env = coach_env(tmp_path / "data")
    (tmp_path / "data").mkdir(mode=0o700)
    with open_sqlite_store(tmp_path / "data" / "okrs.sqlite", 5.0) as store:
        fresh = store.create_set(DRAFT, start=date(2026, 11, 1), end=date(2027, 3, 31))
        stale = store.create_set(DRAFT, start=date(2026, 11, 1), end=date(2027, 3, 31),
                                 owner="Night shift")
        never = store.create_set(DRAFT, start=date(2026, 11, 1), end=date(2027, 3, 31),
                                 owner="Weekend team")
        store.create_set(DRAFT, start=date(2027, 4, 1), end=date(2027, 6, 30))  # not begun
        for okr, day in ((fresh, 30), (stale, 20)):
            (kr,) = okr.key_results()
            store.record_checkin(okr.id, [KRValue(kr_id=kr.id, value=30)],
                                 taken_at=datetime(2026, 11, day, 9, tzinfo=UTC))
    done = coach(env, "due", "--date", "2026-12-03", "--json")
    assert done.returncode == 0, done.stderr
    assert {(d["id"], d["last_checkin"]) for d in json.loads(done.stdout)} == {
        (stale.id, "2026-11-20"), (never.id, None)}
    lines = coach(env, "due", "--date", "2026-12-03").stdout.splitlines()
    assert len(lines) == 2 and any("never" in line for line in lines)
    assert coach(env, "due", "--date", "2026-12-03", "--days", "30").stdout.count("\n") == 1
    recent = coach(env, "due", "--date", "2026-11-30", "--days", "14").stdout
    assert recent.splitlines() == [f"{never.id}  Q1 2027  last check-in: never — coach checkin "
                                   f"{never.id}"]
    assert coach(env, "due", "--date", "2026-10-30").stdout == ""  # nothing has begun yet
    bad = coach(env, "due", "--date", "next week")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
