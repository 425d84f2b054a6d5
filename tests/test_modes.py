"""The modes registry and what the session store makes of it: one graph per mode, sessions
recorded with their mode and OKR set, the index migrated in place."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.runtime import CoachRuntime
from coach.session import CoachSession, SessionError
from coach.session_store import SCHEMA_VERSION, SessionStore
from coach.storage.errors import StorageError
from coach.storage.saver import AtomicSqliteSaver
from graph.build import build_graph
from graph.modes import (
    ModeError,
    ModeSpec,
    ModeUnavailableError,
    Step,
    UnknownModeError,
    all_modes,
    available_mode,
    mode_ids,
    mode_spec,
    step_title,
)
from graph.modes.spec import no_state, not_available
from graph.state import ROOM_TITLES, ROOMS, new_state
from tests.helpers import opening, say

REPO = Path(__file__).resolve().parents[1]
TITLES = {"prepare": "Prepare OKRs", "checkin": "Weekly check-in", "retro": "Retrospective",
          "rehearse": "Rehearse a workshop"}


def test_every_mode_is_declared_in_display_order_with_its_title() -> None:
    assert mode_ids() == ("prepare", "checkin", "retro", "rehearse")
    assert {spec.id: spec.title for spec in all_modes()} == TITLES
    for spec in all_modes():
        assert spec.blurb and "\n" not in spec.blurb and len(spec.blurb) <= 38  # the start pane
        assert spec.steps and len(set(spec.step_ids)) == len(spec.steps)
        assert mode_spec(spec.id) is spec


def test_every_mode_is_available_and_a_declared_one_would_refuse_to_build() -> None:
    assert [spec.id for spec in all_modes() if spec.available] == [
        "prepare", "checkin", "retro", "rehearse"]
    planned = ModeSpec(id="later", title="Later mode", label="Later", blurb="Not yet",
                       available=False,
                       build_graph=not_available("later"), new_state=no_state("later"),
                       steps=(Step("one", "One"),))
    with pytest.raises(ModeUnavailableError):
        planned.build_graph(None)
    with pytest.raises(ModeUnavailableError):
        planned.new_state()
    assert planned.unavailable_reason == "later mode is not available yet"
    rehearse = available_mode("rehearse")
    assert rehearse.panels == ("feedback",) and rehearse.new_state()["mode"] == "rehearse"
    assert rehearse.step_ids == ("setup", "ticket_office", "future_gallery",
                                 "instances_gallery", "gift_shop")
    assert not rehearse.needs_okr_set
    assert rehearse.panel_state == "rehearsal"  # what its panel reads as the view's mode_state
    assert all(spec.panel_state is None for spec in all_modes() if spec.id != "rehearse")
    retro = available_mode("retro")
    assert retro.panels == ("checkin",) and retro.new_state()["mode"] == "retro"
    assert retro.step_ids == ("scores", "proud", "strengths", "learning", "next_period")
    assert mode_spec("checkin").needs_okr_set and mode_spec("retro").needs_okr_set
    assert not mode_spec("prepare").needs_okr_set and not mode_spec("rehearse").needs_okr_set


def test_an_unknown_mode_is_a_clear_error_listing_the_known_ids() -> None:
    with pytest.raises(UnknownModeError) as unknown:
        mode_spec("planning")
    assert str(unknown.value) == ("unknown mode 'planning' (known modes: prepare, checkin, "
                                  "retro, rehearse)")
    assert isinstance(unknown.value, ModeError) and isinstance(unknown.value, ValueError)
    with pytest.raises(UnknownModeError):
        available_mode("")


def test_prepare_is_the_gallery_with_the_draft_panel() -> None:
    prepare = available_mode("prepare")
    assert prepare.step_ids == ROOMS
    assert [s.title for s in prepare.steps] == [ROOM_TITLES[r] for r in ROOMS]
    assert prepare.step_title("done") == "Done" and prepare.step_title("elsewhere") == "elsewhere"
    assert step_title("prepare", "gift_shop") == "Gift Shop"
    assert step_title("from-a-newer-coach", "some_step") == "some_step"
    assert prepare.panels == ("draft",)
    assert prepare.new_state() == new_state("prepare")
    assert set(prepare.build_graph(None).nodes) == set(build_graph(None).nodes)


def test_the_registry_loads_no_langgraph() -> None:
    """The CLI reads it to parse `--mode` before anything heavy is imported."""
    code = "import sys, graph.modes; print(sorted(m for m in sys.modules if 'langgraph' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"


def test_the_store_compiles_each_mode_once(runtime: CoachRuntime) -> None:
    store = runtime.store
    graph = store.graph_for("prepare")
    assert store.graph_for("prepare") is graph and store.graph is graph
    first, second = runtime.new_session("prepare"), runtime.new_session()
    assert first._graph is graph and second._graph is graph
    assert store.graph_for("checkin") is store.graph_for("checkin") is not graph
    assert store.graph_for("retro") is store.graph_for("retro") is not graph
    assert store.graph_for("rehearse") is store.graph_for("rehearse") is not graph
    with pytest.raises(UnknownModeError):
        store.graph_for("nope")


def test_an_unknown_mode_creates_no_session(runtime: CoachRuntime) -> None:
    with pytest.raises(UnknownModeError, match="unknown mode 'nope'"):
        runtime.new_session("nope")
    assert runtime.store.list() == []


def test_a_session_records_its_mode_and_okr_set(runtime: CoachRuntime) -> None:
    linked = runtime.new_session("prepare", okr_set_id="okrs-2025-q3")
    plain = runtime.new_session("prepare")
    opening(linked)
    infos = {info.id: info for info in runtime.store.list()}
    assert infos[linked.id].okr_set_id == "okrs-2025-q3" and infos[linked.id].mode == "prepare"
    assert infos[plain.id].okr_set_id is None
    linked.close()
    again = runtime.open_session(linked.id)
    assert again.okr_set_id == "okrs-2025-q3" and again.mode == "prepare"
    assert runtime.store.get(linked.id[:6]) == infos[linked.id]


def test_a_session_index_row_of_an_unknown_mode_is_refused_on_open(tmp_path: Path,
                                                                   runtime: CoachRuntime) -> None:
    runtime.store.register("abc123", "planning")
    with pytest.raises(SessionError, match="unknown mode 'planning'"):
        runtime.open_session("abc123")
    assert not runtime.store.holds("abc123")


# the index as the first version of okr-coach wrote it (PRAGMA user_version 0)
OLD_SCHEMA = """
CREATE TABLE coach_sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL,
    room TEXT NOT NULL DEFAULT 'ticket_office',
    done INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


def _old_sessions_db(path: Path) -> None:
    """A sessions.sqlite made by the old schema, with one real prepare conversation in it."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(OLD_SCHEMA)
    conn.execute("INSERT INTO coach_sessions (id, title, mode, created_at, updated_at)"
                 " VALUES ('old0000001', 'Calm phones', 'prepare', 1.0, 2.0)")
    saver = AtomicSqliteSaver(conn)
    saver.setup()
    graph = build_graph(saver)
    from coach.llm.offline import OfflineCoach
    from graph.context import Deps

    config = {"configurable": {"thread_id": "old0000001"}}
    for _ in graph.stream(new_state("prepare"), config,  # type: ignore[arg-type]
                          context=Deps(llm=OfflineCoach()), durability="sync"):
        pass
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()


def test_an_old_sessions_database_is_migrated_in_place(runtime: CoachRuntime,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "old" / "sessions.sqlite"
    path.parent.mkdir()
    _old_sessions_db(path)
    store = SessionStore(path)
    try:
        conn = sqlite3.connect(str(path))
        columns = [row[1] for row in conn.execute("PRAGMA table_info(coach_sessions)")]
        assert columns[-1] == "okr_set_id"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
        conn.close()
        (info,) = store.list()
        assert (info.id, info.title, info.mode, info.okr_set_id) == (
            "old0000001", "Calm phones", "prepare", None)
        session = CoachSession.open(store, runtime.deps, "old0000001")
        assert [t["role"] for t in session.view().turns] == ["coach"]
        assert say(session, "We'd like callers to get help on the first try")
        assert len(session.view().turns) == 3
        linked = CoachSession.create(store, runtime.deps, "prepare", okr_set_id="set-7")
        recorded = store.get(linked.id)
        assert recorded is not None and recorded.okr_set_id == "set-7"
    finally:
        store.close()
    again = SessionStore(path)  # already migrated: opening again changes nothing
    try:
        assert {i.okr_set_id for i in again.list()} == {None, "set-7"}
    finally:
        again.close()


def test_a_sessions_database_from_a_newer_coach_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer" / "sessions.sqlite"
    SessionStore(path).close()
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer okr-coach") as refused:
        SessionStore(path)
    assert refused.value.exit_code == 2 and "\n" not in str(refused.value)
    assert path.read_bytes() == before
