"""The OKR store's API on both backends: a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from coach.okr.models import OKRDraft
from coach.okr_store import (
    InvalidInput,
    KRValue,
    NotFound,
    OKRStore,
    SchemaTooNew,
    open_okr_store,
)
from coach.okr_store.schema import MIGRATIONS, Migration
from coach.okr_store.sqlite import open_sqlite_store
from coach.settings import Settings
from coach.storage.errors import StorageError

Opener = Callable[..., OKRStore]

DRAFT = OKRDraft.model_validate({
    "period": "Q3 2026",
    "objectives": [
        {"title": "Callers get through quickly", "parent": "Customers trust us",
         "key_results": [
             {"text": "Raise response rate from 70% to 90%", "metric": "response rate",
              "baseline": 70, "target": 90, "unit": "%", "due": "end of Q3 2026"},
             {"text": "Cut hold time from 8 to 4 minutes", "metric": "hold time",
              "baseline": 8, "target": 4, "unit": "min"},
         ]},
        {"title": "The team goes home on time",
         "key_results": [{"text": "Overtime hours per week down to 5", "target": 5}]},
    ],
})
START, END = date(2026, 7, 1), date(2026, 9, 30)


@pytest.fixture(params=["sqlite", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens (and reopens) one store, on the backend of the parameter."""
    opened: list[OKRStore] = []
    if request.param == "sqlite":
        path = tmp_path / "data" / "okrs.sqlite"

        def open_store(migrations: tuple[Migration, ...] = MIGRATIONS) -> OKRStore:
            opened.append(open_sqlite_store(path, 2.0, migrations))
            return opened[-1]
    else:
        from coach.okr_store.postgres import open_postgres_store

        url = request.getfixturevalue("postgres_url")

        def open_store(migrations: tuple[Migration, ...] = MIGRATIONS) -> OKRStore:
            opened.append(open_postgres_store(url, 2.0, migrations))
            return opened[-1]

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def store(opener: Opener) -> OKRStore:
    return opener()


def test_create_get_and_list(store: OKRStore) -> None:
    made = store.create_set(DRAFT, start=START, end=END, owner="Helpdesk",
                            source_session="abc123", kinds={3: "committed"})
    got = store.get_set(made.id)
    assert got == made
    assert (got.period, got.start, got.end, got.owner, got.status) == (
        "Q3 2026", START, END, "Helpdesk", "active")
    assert got.parent == "Customers trust us"  # the draft's, as no --parent was given
    assert [o.title for o in got.objectives] == ["Callers get through quickly",
                                                 "The team goes home on time"]
    krs = got.key_results()
    assert [(k.baseline, k.target, k.unit, k.direction, k.kind) for k in krs] == [
        (70.0, 90.0, "%", "increase", "aspirational"),
        (8.0, 4.0, "min", "decrease", "aspirational"),
        (None, 5.0, None, None, "committed"),  # no baseline: none invented
    ]
    assert [k.position for k in krs] == [1, 2, 1]
    assert [s.id for s in store.list_sets()] == [made.id]


def test_archive_hides_from_active_list(store: OKRStore) -> None:
    older = store.create_set(DRAFT, start=date(2026, 4, 1), end=date(2026, 6, 30))
    newer = store.create_set(DRAFT, start=START, end=END, parent="Own parent")
    assert newer.parent == "Own parent"
    assert [s.id for s in store.list_sets()] == [newer.id, older.id]  # newest period first
    archived = store.archive_set(older.id)
    assert archived.status == "archived"
    assert store.archive_set(older.id) == archived  # again: unchanged
    assert [s.id for s in store.list_sets()] == [newer.id]
    assert [s.id for s in store.list_sets(include_archived=True)] == [newer.id, older.id]
    with pytest.raises(InvalidInput, match="archived"):
        store.record_checkin(older.id, [])


@pytest.mark.parametrize("draft, start, end, problem", [
    (OKRDraft(), START, END, "no objective"),
    (OKRDraft.model_validate({"objectives": [{"title": "Calm phones"}]}), START, END,
     "no key results"),
    (DRAFT, END, START, "ends"),
])
def test_bad_sets_are_refused_and_nothing_is_written(
        store: OKRStore, draft: OKRDraft, start: date, end: date, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        store.create_set(draft, start=start, end=end)
    with pytest.raises(InvalidInput, match="KR 4"):
        store.create_set(DRAFT, start=START, end=END, kinds={4: "committed"})
    assert store.list_sets(include_archived=True) == []


def test_unknown_ids_are_not_found(store: OKRStore) -> None:
    for call in (lambda: store.get_set("nope"), lambda: store.archive_set("nope"),
                 lambda: store.list_checkins("nope"), lambda: store.record_checkin("nope", []),
                 lambda: store.set_kr_kind("nope", "committed", actor="t"),
                 lambda: store.delete_value("nope", "kr", actor="t")):
        with pytest.raises(NotFound) as caught:
            call()
        assert "nope" in str(caught.value) and "\n" not in str(caught.value)
        assert caught.value.exit_code == 2


def test_checkins_in_history_order(store: OKRStore) -> None:
    okr = store.create_set(DRAFT, start=START, end=END)
    first, second, _ = okr.key_results()
    week = datetime(2026, 7, 6, 9, tzinfo=UTC)
    later = store.record_checkin(okr.id, [KRValue(kr_id=first.id, value=78, confidence=6)],
                                 taken_at=week + timedelta(days=7), commitments=["callbacks"])
    early = store.record_checkin(
        okr.id, [KRValue(kr_id=second.id, value=7.5, note="busy week"),
                 KRValue(kr_id=first.id, value=72, confidence=7)],
        taken_at=week, session_id="s1", summary="a good start", notes="Tuesday works")
    same_time = store.record_checkin(okr.id, [KRValue(kr_id=second.id, skipped=True)],
                                     taken_at=week + timedelta(days=7))
    history = store.list_checkins(okr.id)
    assert [c.id for c in history] == [early.id, later.id, same_time.id]
    assert history[0] == early
    assert [v.kr_id for v in early.values] == [first.id, second.id]  # in KR order
    assert (early.session_id, early.summary, early.notes) == ("s1", "a good start",
                                                             "Tuesday works")
    assert later.commitments == ["callbacks"]
    assert history[2].values[0].skipped and history[2].values[0].value is None
    assert early.taken_at == week


def test_a_failing_value_in_the_middle_writes_nothing(store: OKRStore) -> None:
    okr = store.create_set(DRAFT, start=START, end=END)
    first, second, third = okr.key_results()
    other = store.create_set(DRAFT, start=START, end=END).key_results()[0]
    bad_middles = [KRValue(kr_id="no-such-kr", value=1),  # unknown KR
                   KRValue(kr_id=other.id, value=1),  # a KR of another set
                   KRValue(kr_id=first.id, value=2)]  # the same KR twice (the database)
    for middle in bad_middles:
        with pytest.raises(InvalidInput) as caught:
            store.record_checkin(okr.id, [KRValue(kr_id=first.id, value=75), middle,
                                          KRValue(kr_id=third.id, value=9)],
                                 commitments=["never stored"])
        assert "nothing was stored" in str(caught.value)
        assert store.list_checkins(okr.id) == []
    done = store.record_checkin(okr.id, [KRValue(kr_id=second.id, value=6)])
    assert [c.id for c in store.list_checkins(okr.id)] == [done.id]


def test_naive_time_and_bad_values_are_refused(store: OKRStore) -> None:
    okr = store.create_set(DRAFT, start=START, end=END)
    kr = okr.key_results()[0]
    with pytest.raises(InvalidInput, match="time zone"):
        store.record_checkin(okr.id, [], taken_at=datetime(2026, 7, 6, 9))
    with pytest.raises(ValueError, match="less than or equal to 10"):
        KRValue(kr_id=kr.id, value=1, confidence=11)
    with pytest.raises(ValueError, match="skipped"):
        KRValue(kr_id=kr.id, value=1, skipped=True)


def test_edit_and_delete_write_audit_entries(store: OKRStore) -> None:
    okr = store.create_set(DRAFT, start=START, end=END)
    first, second, third = okr.key_results()
    check = store.record_checkin(okr.id, [KRValue(kr_id=first.id, value=75, confidence=6),
                                          KRValue(kr_id=second.id, value=7)])
    edit = store.edit_value(check.id, KRValue(kr_id=first.id, value=76, confidence=6,
                                              note="typo: it was 76"), actor="Maija")
    assert edit.action == "edit_value" and edit.actor == "Maija"
    assert edit.before is not None and edit.before["value"] == 75.0
    assert edit.after is not None and edit.after["value"] == 76.0
    added = store.edit_value(check.id, KRValue(kr_id=third.id, value=9), actor="Maija")
    assert added.before is None
    gone = store.delete_value(check.id, second.id, actor="coach okr")
    assert gone.after is None and gone.before is not None and gone.before["value"] == 7.0
    kind = store.set_kr_kind(third.id, "committed", actor="Maija")
    assert kind.kind == "committed"
    assert store.set_kr_kind(third.id, "committed", actor="Maija").kind == "committed"
    (stored,) = store.list_checkins(okr.id)
    assert [(v.kr_id, v.value, v.note) for v in stored.values] == [
        (first.id, 76.0, "typo: it was 76"), (third.id, 9.0, None)]
    log = store.audit_log(okr.id)
    assert [e.action for e in log] == ["edit_value", "edit_value", "delete_value", "set_kind"]
    assert log[0] == edit and log[3].before == {"kind": "aspirational"}  # once: no-op unlogged
    assert [e.id for e in log] == sorted(e.id for e in log)
    with pytest.raises(NotFound):
        store.delete_value(check.id, second.id, actor="t")  # already gone
    with pytest.raises(InvalidInput):
        store.edit_value(check.id, KRValue(kr_id="elsewhere", value=1), actor="t")
    assert len(store.audit_log(okr.id)) == 4


def test_migrations_run_once_and_reopening_changes_nothing(opener: Opener) -> None:
    store = opener()
    assert store.schema_version() == MIGRATIONS[-1].version
    okr = store.create_set(DRAFT, start=START, end=END)
    store.close()
    again = opener()
    assert again.schema_version() == MIGRATIONS[-1].version
    assert again.get_set(okr.id) == okr
    extra = Migration(MIGRATIONS[-1].version + 1, "test: a notes column",
                      ("ALTER TABLE okr_sets ADD COLUMN test_notes TEXT",))
    upgraded = opener((*MIGRATIONS, extra))
    assert upgraded.schema_version() == extra.version
    assert opener((*MIGRATIONS, extra)).schema_version() == extra.version  # not run twice
    assert upgraded.get_set(okr.id) == okr


def test_a_failing_migration_leaves_the_previous_version(opener: Opener) -> None:
    store = opener()
    broken = Migration(MIGRATIONS[-1].version + 1, "test: half-done",
                       ("CREATE TABLE okr_half (x INTEGER)", "THIS IS NOT SQL"))
    with pytest.raises(StorageError):
        opener((*MIGRATIONS, broken))
    assert store.schema_version() == MIGRATIONS[-1].version
    fixed = Migration(broken.version, "test: done", ("CREATE TABLE okr_half (x INTEGER)",))
    assert opener((*MIGRATIONS, fixed)).schema_version() == fixed.version  # table not left


def test_a_newer_schema_is_refused_in_one_line(opener: Opener) -> None:
    newer = Migration(MIGRATIONS[-1].version + 5, "from the future", ("SELECT 1",))
    opener((*MIGRATIONS, newer)).close()
    with pytest.raises(SchemaTooNew) as caught:
        opener()
    message = str(caught.value)
    assert "\n" not in message and f"schema version {newer.version}" in message
    assert "upgrade okr-coach" in message and caught.value.exit_code == 2
    assert "s3cret" not in message


def test_the_factory_picks_the_backend(tmp_path: Path, postgres_url: str) -> None:
    local = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    with open_okr_store(local) as store:
        assert store.where == str(local.okr_db)
    assert local.okr_db.stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(local.okr_db).execute(
        "PRAGMA journal_mode").fetchone() == ("wal",)
    shared = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                      COACH_DATABASE_URL=postgres_url)
    with open_okr_store(shared) as store:
        assert store.where.startswith("postgresql://postgres:***@")
        assert "s3cret" not in store.where
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT MAX(version) FROM okr_schema_version").fetchone() == (
            MIGRATIONS[-1].version,)


def test_a_damaged_file_is_one_line_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "data" / "okrs.sqlite"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as caught:
        open_sqlite_store(path, 1.0)
    assert "\n" not in str(caught.value) and "OKR database" in str(caught.value)
    assert "damaged" in str(caught.value) and caught.value.exit_code == 2
    assert path.read_bytes() == b"this is not a database" * 100


@pytest.mark.parametrize("wrong", ["password", "database", "server"])
def test_postgres_failures_never_show_the_password(
        postgres_server: object, wrong: str) -> None:
    from coach.okr_store.postgres import open_postgres_store
    from tests.support.postgres_server import PASSWORD, PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    url = {"password": postgres_server.url(password="Wr0ng-" + PASSWORD),
           "database": postgres_server.url("no_such_db"),
           "server": f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/okrs"}[wrong]
    with pytest.raises(StorageError) as caught:
        open_postgres_store(url, 1.0)
    message = str(caught.value)
    assert PASSWORD not in message and "\n" not in message
    assert "postgresql://postgres:***@127.0.0.1:" in message
    assert caught.value.exit_code == (1 if wrong == "server" else 2)
