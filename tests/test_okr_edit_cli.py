"""`coach okr edit` / `coach okr history` as a real process on a real OKR store file: a past
value corrected or removed exactly as typed, every change in the audit trail, bad references
one line with exit 2 and nothing changed."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.okr_store.models import KRValue
from coach.okr_store.sqlite import open_sqlite_store
from tests.support.coach_process import coach, coach_env

SET_YAML = """\
period: Q1 2027
start: 2026-11-01
end: 2027-03-31
objectives:
  - title: Fresh bread, nothing thrown away
    key_results:
      - text: Reduce wasted loaves from 40 to 15 per week
        metric: wasted loaves
        baseline: 40
        target: 15
        unit: /week
      - text: Grow weekly regulars from 120 to 180
        metric: weekly regulars
        baseline: 120
        target: 180
"""


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return coach(env, "okr", *args)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[dict[str, str], str, Path]:
    env = coach_env(tmp_path / "data")
    (tmp_path / "set.yaml").write_text(SET_YAML, encoding="utf-8")
    done = run(env, "import", str(tmp_path / "set.yaml"), "--json")
    assert done.returncode == 0, done.stderr
    set_id = json.loads(done.stdout)["id"]
    db = tmp_path / "data" / "okrs.sqlite"
    with open_sqlite_store(db, 5.0) as store:
        loaves, regulars = store.get_set(set_id).key_results()
        store.record_checkin(set_id, [KRValue(kr_id=loaves.id, value=31, confidence=6),
                                      KRValue(kr_id=regulars.id, value=138, confidence=5)],
                             taken_at=datetime(2026, 11, 20, 9, tzinfo=UTC))
    return env, set_id, db


def values(db: Path, set_id: str) -> list[tuple[float | None, int | None]]:
    with open_sqlite_store(db, 5.0) as store:
        (checkin,) = store.list_checkins(set_id)
        return [(v.value, v.confidence) for v in checkin.values]


def test_a_corrected_value_keeps_its_confidence_and_is_audited(
    setup: tuple[dict[str, str], str, Path],
) -> None:
    env, set_id, db = setup
    done = run(env, "edit", set_id, "--checkin", "1", "--kr", "1", "--value", "29")
    assert done.returncode == 0, done.stderr
    assert sorted(values(db, set_id)) == [(29.0, 6), (138.0, 5)]
    history = json.loads(run(env, "history", set_id, "--json").stdout)
    assert [(e["action"], e["before"]["value"], e["after"]["value"]) for e in history] == [
        ("edit_value", 31.0, 29.0)]
    shown = run(env, "show", set_id).stdout
    assert "#1" in shown and "29/week (6/10)" in shown


def test_a_removed_value_is_gone_and_audited(setup: tuple[dict[str, str], str, Path]) -> None:
    env, set_id, db = setup
    done = run(env, "edit", set_id, "--checkin", "#1", "--kr", "1.2", "--delete")
    assert done.returncode == 0, done.stderr
    assert values(db, set_id) == [(31.0, 6)]
    (entry,) = json.loads(run(env, "history", set_id, "--json").stdout)
    assert entry["action"] == "delete_value" and entry["before"]["value"] == 138.0
    assert entry["after"] is None
    assert "delete_value" in run(env, "history", set_id).stdout


@pytest.mark.parametrize("args", [
    ("--checkin", "2", "--kr", "1", "--value", "3"),     # no second check-in
    ("--checkin", "1", "--kr", "3", "--value", "3"),     # no third KR
    ("--checkin", "1", "--kr", "1"),                     # nothing to change
    ("--checkin", "1", "--kr", "1", "--value", "3", "--delete"),
    ("--checkin", "1", "--kr", "1", "--confidence", "11"),
    ("--checkin", "1", "--kr", "1", "--value", "about 30"),
])
def test_bad_references_are_one_line_and_change_nothing(
    setup: tuple[dict[str, str], str, Path], args: tuple[str, ...],
) -> None:
    env, set_id, db = setup
    done = run(env, "edit", set_id, *args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()
    assert sorted(values(db, set_id)) == [(31.0, 6), (138.0, 5)]
    assert json.loads(run(env, "history", set_id, "--json").stdout) == []


def test_an_unknown_set_is_one_line(setup: tuple[dict[str, str], str, Path]) -> None:
    env, _, _ = setup
    done = run(env, "edit", "nope", "--checkin", "1", "--kr", "1", "--value", "3")
    assert done.returncode == 2 and "Traceback" not in done.stderr
