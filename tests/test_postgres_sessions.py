"""Sessions on a PostgreSQL server (`COACH_DATABASE_URL`): checkpoints, the session index and
the one-writer lock live on the team's server, with a real throwaway PostgreSQL and real
`coach` processes. The store's API is checked on both backends."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from coach.events import CoachReplied, TurnFailed
from coach.llm.offline import OfflineCoach
from coach.session import CoachSession, TurnNotSaved
from coach.session_store import SessionStore
from coach.settings import Settings
from coach.storage.errors import SessionInUse, StorageError
from coach.storage.open_sessions import check_session_store, open_session_store
from coach.storage.postgres_sessions import SCHEMA_VERSION, PostgresSessions
from graph.context import Deps
from tests.support.coach_process import Chat, coach, coach_env, user_turns
from tests.support.postgres_server import PASSWORD, PostgresServer

SCRIPT = Path(__file__).parent / "data" / "session_prepare.txt"
FIRST = "Our best hope is a calmer support desk"
SECOND = "It serves the company goal of loyal customers"


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) >= 1 and lines[0].startswith("error: "), stderr
    return lines[0]


def _count(url: str, sql: str, *params: object) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]
    assert row is not None
    return int(row[0])


@pytest.fixture
def env(tmp_path: Path, postgres_url: str) -> dict[str, str]:
    return coach_env(tmp_path / "data", COACH_DATABASE_URL=postgres_url,
                     COACH_DB_BUSY_TIMEOUT="1")


# -- real processes --------------------------------------------------------------------------
def test_a_scripted_session_is_stored_listed_resumed_and_exported_from_the_server(
        env: dict[str, str], postgres_url: str, tmp_path: Path) -> None:
    done = coach(env, "chat", "--script", str(SCRIPT), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    session_id = doc["session_id"]
    assert doc["turns"][-1]["room"] == "done"
    data = Path(env["COACH_DATA_DIR"])
    assert not (data / "sessions.sqlite").exists()  # the server holds the sessions
    assert not (data / "locks").exists()
    assert _count(postgres_url, "SELECT count(*) FROM checkpoints WHERE thread_id = %s",
                  session_id) > 0
    assert _count(postgres_url, "SELECT done FROM coach_sessions WHERE id = %s",
                  session_id) == 1

    listed = coach(env, "sessions")
    assert listed.returncode == 0 and session_id in listed.stdout, listed.stderr
    other_dir = coach_env(tmp_path / "elsewhere", COACH_DATABASE_URL=env["COACH_DATABASE_URL"])
    assert session_id in coach(other_dir, "sessions").stdout  # a teammate's machine sees it

    as_json = coach(env, "export", session_id[:6], "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["okr"] == doc["okr"]
    out = tmp_path / "okr.md"
    as_md = coach(env, "export", session_id, "--format", "md", "--output", str(out))
    assert as_md.returncode == 0 and "from 70% to 90%" in out.read_text()

    resumed = coach(env, "resume", session_id, stdin="quit\n")
    assert resumed.returncode == 0, resumed.stderr
    assert "open again for changes" in resumed.stdout


def test_a_session_started_in_one_process_is_resumed_in_another(env: dict[str, str]) -> None:
    first = Chat(env)
    first.read_until()
    session_id = first.session_id
    first.say(FIRST)
    first.read_until()
    first.say("quit")
    assert first.finish()[0] == 0
    again = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")
    assert again.returncode == 0, again.stderr
    assert FIRST in again.stdout  # the last turns are shown on resume
    assert user_turns(env, session_id) == [FIRST, SECOND]
    assert not (Path(env["COACH_DATA_DIR"]) / "sessions.sqlite").exists()


def test_a_second_process_is_refused_while_the_first_writes_and_a_kill_frees_it(
        env: dict[str, str], tmp_path: Path) -> None:
    first = Chat(env)
    first.read_until()
    session_id = first.session_id
    first.say(FIRST)
    first.read_until()
    # another machine (its own data dir, no shared lock files) is refused by the server
    elsewhere = coach_env(tmp_path / "elsewhere", COACH_DATABASE_URL=env["COACH_DATABASE_URL"])
    for other in (env, elsewhere):
        second = coach(other, "resume", session_id, stdin=SECOND + "\nquit\n")
        assert second.returncode == 2
        line = _one_error_line(second.stderr)
        assert "open in another coach" in line and f"process {first.proc.pid}" in line
    reading = coach(env, "export", session_id)  # reading it meanwhile is fine
    assert reading.returncode == 0 and FIRST in reading.stdout
    os.kill(first.proc.pid, signal.SIGKILL)
    first.proc.wait(timeout=10)
    after = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")  # no stale lock
    assert after.returncode == 0, after.stderr
    assert user_turns(env, session_id) == [FIRST, SECOND]


@pytest.mark.parametrize("wrong", ["stopped", "password", "database"])
def test_an_unusable_server_is_one_line_without_the_password(
        postgres_server: PostgresServer, tmp_path: Path, wrong: str) -> None:
    url = {"stopped": f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/okrs",
           "password": postgres_server.url(password="Wr0ng-" + PASSWORD),
           "database": postgres_server.url("no_such_db")}[wrong]
    env = coach_env(tmp_path / "data", COACH_DATABASE_URL=url)
    for args in (("chat", "--script", str(SCRIPT), "--json"), ("sessions",)):
        done = coach(env, *args)
        assert done.returncode == (1 if wrong == "stopped" else 2), done.stderr
        line = _one_error_line(done.stderr)
        assert "postgresql://postgres:***@127.0.0.1:" in line
        assert PASSWORD not in done.stderr + done.stdout
    assert not (tmp_path / "data" / "sessions.sqlite").exists()


def test_a_connection_lost_mid_chat_is_one_line_and_nothing_half_written(
        env: dict[str, str], postgres_url: str) -> None:
    chat = Chat(env)
    chat.read_until()
    session_id = chat.session_id
    chat.say(FIRST)
    chat.read_until()
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        ended = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              " WHERE application_name LIKE %s",
                              (f"okr-coach process {chat.proc.pid} on %",)).fetchall()
    assert ended == [(True,)]
    chat.say(SECOND)
    code, _, stderr = chat.finish()
    assert code == 1  # a run-time failure: try again
    line = _one_error_line(stderr)
    assert "lost the connection to the sessions database postgresql://postgres:***@" in line
    assert PASSWORD not in stderr
    assert user_turns(env, session_id) == [FIRST]
    again = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")
    assert again.returncode == 0, again.stderr
    assert user_turns(env, session_id) == [FIRST, SECOND]


def test_doctor_names_the_server_with_its_password_masked(env: dict[str, str]) -> None:
    done = coach({**env, "COLUMNS": "240"}, "doctor")  # the table at full width
    assert done.returncode == 0, done.stdout + done.stderr
    assert "postgresql://postgres:***@127.0.0.1:" in done.stdout
    assert PASSWORD not in done.stdout
    assert not (Path(env["COACH_DATA_DIR"]) / "sessions.sqlite").exists()


# -- the store's API on both backends -------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(request.param)


@pytest.fixture
def settings_for(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    extra = {}
    if backend == "postgres":
        extra["COACH_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    return Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",  # type: ignore[call-arg]
                    COACH_DB_BUSY_TIMEOUT=1.0, **extra)


@pytest.fixture
def stores(settings_for: Settings) -> Iterator[list[SessionStore]]:
    """Stores opened by the test, as two processes would (each its own connection)."""
    opened: list[SessionStore] = []
    yield opened
    for store in opened:
        store.close()


def _open(settings: Settings, stores: list[SessionStore]) -> SessionStore:
    settings.ensure_data_dir()
    stores.append(open_session_store(settings))
    return stores[-1]


def test_the_index_api_is_the_same_on_both_backends(
        backend: str, settings_for: Settings, stores: list[SessionStore]) -> None:
    store = _open(settings_for, stores)
    assert (store.path is None) == (backend == "postgres")
    assert store.list() == []
    store.register("abc1230000", "prepare")
    store.register("abd4560000", "prepare", okr_set_id="set-1")
    store.register("abc1230000", "prepare", title="ignored")  # registered once
    assert store.get("abc1230000") == store.get("abc")  # a unique prefix is enough
    assert store.get("ab") is None and store.get("zzz") is None
    store.touch("abc1230000", room="future_gallery", done=False, title="Calm phones")
    store.touch("abc1230000", room="done", done=True, title="later words")  # title kept
    info = store.get("abc")
    assert info is not None and (info.title, info.room, info.done) == (
        "Calm phones", "done", True)
    assert store.list()[0].id == "abc1230000"  # the latest touched first
    linked = store.get("abd")
    assert linked is not None and linked.okr_set_id == "set-1" and linked.title == ""
    store.rename("abd4560000", "  Retro Q2  ")
    assert store.get("abd") is not None and store.get("abd").title == "Retro Q2"  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        store.rename("nope", "x")
    store.delete("abd4560000")
    assert [i.id for i in store.list()] == ["abc1230000"]
    with pytest.raises(KeyError):
        store.delete("abd4560000")
    assert (settings_for.sessions_db.exists()) == (backend == "sqlite")


def test_one_writer_per_session_on_both_backends(
        settings_for: Settings, stores: list[SessionStore]) -> None:
    mine, theirs = _open(settings_for, stores), _open(settings_for, stores)
    mine.lock("s1")
    mine.lock("s1")  # counted within a process
    with pytest.raises(SessionInUse, match="open in another coach") as refused:
        theirs.lock("s1")
    assert refused.value.exit_code == 2 and f"process {os.getpid()}" in str(refused.value)
    theirs.lock("s2")  # another session is free
    mine.unlock("s1")
    assert mine.holds("s1")
    with pytest.raises(SessionInUse):
        theirs.lock("s1")
    mine.unlock("s1")
    assert not mine.holds("s1")
    theirs.lock("s1")
    theirs.close()  # closing frees every lock it held
    stores.remove(theirs)
    mine.lock("s1")
    mine.lock("s2")


def test_a_conversation_is_checkpointed_on_both_backends(
        settings_for: Settings, stores: list[SessionStore]) -> None:
    store = _open(settings_for, stores)
    deps = Deps(llm=OfflineCoach())
    session = CoachSession.create(store, deps)
    assert list(session.start())
    assert list(session.send(FIRST))
    session.close()
    again = _open(settings_for, stores)
    view = CoachSession.open(again, deps, session.id, writer=False).view()
    assert [t["text"] for t in view.turns if t["role"] == "user"] == [FIRST]
    assert again.get(session.id) is not None and again.get(session.id).title  # type: ignore[union-attr]


# -- PostgreSQL specifics --------------------------------------------------------------------
def test_a_checkpoint_write_that_fails_halfway_leaves_nothing(postgres_url: str) -> None:
    store = SessionStore(PostgresSessions(postgres_url, 1.0))
    try:
        deps = Deps(llm=OfflineCoach())
        session = CoachSession.create(store, deps)
        list(session.start())
        blobs = _count(postgres_url, "SELECT count(*) FROM checkpoint_blobs")
        checkpoints = _count(postgres_url, "SELECT count(*) FROM checkpoints")
        saver = store.checkpointer
        # the blobs go first, then the checkpoint row fails: the blobs must not stay
        saver.UPSERT_CHECKPOINTS_SQL = "INSERT INTO no_such_table VALUES (%s, %s, %s, %s, %s, %s)"  # type: ignore[attr-defined]
        try:
            events = list(session.send(FIRST))
        except TurnNotSaved:
            events = []
        assert not any(isinstance(e, CoachReplied) for e in events)
        for event in events:  # the turn failed with one line of ours
            assert isinstance(event, TurnFailed) and "\n" not in event.message
            assert "the sessions database postgresql://postgres:***@" in event.message
        assert _count(postgres_url, "SELECT count(*) FROM checkpoints") == checkpoints
        assert _count(postgres_url, "SELECT count(*) FROM checkpoint_blobs") == blobs
        del saver.UPSERT_CHECKPOINTS_SQL  # type: ignore[attr-defined]
        again = session.retry() if session.awaiting_retry else session.send(FIRST)
        assert any(isinstance(e, CoachReplied) for e in again)
        assert _count(postgres_url, "SELECT count(*) FROM checkpoints") > checkpoints
        assert [t["text"] for t in session.view().turns if t["role"] == "user"] == [FIRST]
    finally:
        store.close()


def test_two_coaches_setting_up_a_new_server_at_once_both_open_it(postgres_url: str) -> None:
    opened: list[SessionStore] = []
    failed: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(SessionStore(PostgresSessions(postgres_url, 5.0)))
        except BaseException as err:
            failed.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for store in opened:
        store.close()
    assert not failed and len(opened) == 3
    assert _count(postgres_url, "SELECT version FROM coach_sessions_schema") == SCHEMA_VERSION
    assert _count(postgres_url, "SELECT count(*) FROM coach_sessions_schema") == 1


def test_a_server_from_a_newer_coach_is_refused_untouched(postgres_url: str) -> None:
    SessionStore(PostgresSessions(postgres_url, 1.0)).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE coach_sessions_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StorageError, match="newer okr-coach") as refused:
        PostgresSessions(postgres_url, 1.0)
    assert refused.value.exit_code == 2 and "\n" not in str(refused.value)
    assert PASSWORD not in str(refused.value)
    assert _count(postgres_url, "SELECT version FROM coach_sessions_schema") == SCHEMA_VERSION + 1


def test_the_sessions_tables_do_not_clash_with_the_okr_store(postgres_url: str,
                                                             tmp_path: Path) -> None:
    from coach.okr_store import open_okr_store

    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",  # type: ignore[call-arg]
                        COACH_DATABASE_URL=postgres_url)
    settings.ensure_data_dir()
    okrs = open_okr_store(settings)
    sessions = open_session_store(settings)
    try:
        assert sessions.list() == [] and okrs.list_sets() == []
        assert "PostgreSQL" in check_session_store(settings)
    finally:
        sessions.close()
        okrs.close()
    assert not settings.sessions_db.exists() and not settings.okr_db.exists()
