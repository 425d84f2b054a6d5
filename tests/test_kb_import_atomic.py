"""`coach kb import` is all or nothing, even under kill -9: real `coach` subprocesses, real files,
a real on-disk Chroma store. The import writes in batches of 10 (COACH_KB_WRITE_BATCH) so that
a kill lands between batches; the next command rolls back what the killed one wrote."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from coach.settings import Settings
from knowledge import KRExample, OKRSet, export_sets, open_library
from knowledge.chroma_writes import plan_add, roll_back, write_sets
from knowledge.factory import journal_path
from knowledge.import_journal import ImportJournal
from tests.conftest import COACH_BIN, cli_env

pytest_plugins = ["tests.conftest_chroma"]

COLLECTION = "okr_examples_minilm"
WORDS = ["north", "harbour", "maple", "river", "summit", "cedar", "meadow", "atlas"]


def make_sets(n: int, start: int = 0, revision: int = 0) -> list[OKRSet]:
    """`n` valid sets; the same `start + i` gives the same id whatever the `revision`, and a new
    revision changes the KR text (so the set is updated and embedded again)."""
    out = []
    for i in range(start, start + n):
        a, b = 10 + i % 40, 60 + (i + revision) % 35
        out.append(
            OKRSet(
                objective=f"Customers near the {WORDS[i % len(WORDS)]} office feel looked after",
                team=f"Team {i}",
                period="2025-Q2",
                function="customer service",
                key_results=[
                    KRExample(text=f"Increase calls answered within a minute from {a}% to {b}%"),
                    KRExample(text=f"Reduce average hold time from {a} minutes to {revision + 2}"
                              " minutes"),
                ],
            )
        )
    return out


def coach(data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COACH_BIN), *args], capture_output=True, text=True, timeout=timeout,
        env=cli_env(data_dir, COACH_KB_WRITE_BATCH="10"), check=False,
    )


def stored(data_dir: Path) -> tuple[dict[str, Any], str]:
    """Every stored set by id (as `kb list --json` prints it) and the command's stderr."""
    done = coach(data_dir, "kb", "list", "--json")
    assert done.returncode == 0, done.stderr
    return {s["id"]: s for s in json.loads(done.stdout)}, done.stderr


def rows_in_store(data_dir: Path) -> int:
    """Rows Chroma has written so far, read from its SQLite file while the import runs."""
    path = data_dir / "chroma" / "chroma.sqlite3"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as db:
            return int(db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])
    except sqlite3.Error:
        return -1


def import_and_kill(data_dir: Path, source: Path, rows_before: int, grown_by: int) -> None:
    """Start `coach kb import`, wait for its journal and `grown_by` more rows, kill -9 it."""
    journal = journal_path(Settings(_env_file=None, COACH_DATA_DIR=data_dir), COLLECTION)
    proc = subprocess.Popen(
        [str(COACH_BIN), "kb", "import", str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=cli_env(data_dir, COACH_KB_WRITE_BATCH="10"),
    )
    try:
        deadline = time.monotonic() + 120
        while not (journal.exists() and rows_in_store(data_dir) >= rows_before + grown_by):
            assert proc.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert journal.exists()  # the killed import left its journal


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed and 150 imported sets, copied by each test."""
    root = tmp_path_factory.mktemp("kb-atomic")
    source = root / "first.yaml"
    source.write_text(export_sets(make_sets(150), "yaml"), encoding="utf-8")
    done = coach(root / "data", "kb", "import", str(source))
    assert done.returncode == 0 and "150 added" in done.stdout, done.stderr
    return root / "data"


@pytest.fixture
def data_dir(base_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    subprocess.run(["cp", "-a", str(base_dir), str(copy)], check=True)
    return copy


@pytest.mark.parametrize("grown_by", [0, 60, 200], ids=["at-journal", "after-6-batches",
                                                        "after-20-batches"])
def test_a_killed_import_leaves_the_store_exactly_as_before(
    data_dir: Path, tmp_path: Path, grown_by: int
) -> None:
    before, _ = stored(data_dir)
    # 150 updated sets (new KR texts: they are embedded and written again) and 250 new ones
    source = tmp_path / "second.yaml"
    source.write_text(export_sets(make_sets(400, revision=1), "yaml"), encoding="utf-8")
    import_and_kill(data_dir, source, rows_in_store(data_dir), grown_by)

    after, note = stored(data_dir)
    assert note.startswith("note: an interrupted import was rolled back (250 new sets removed, "
                           "150 restored)")
    assert after == before  # the same ids, and every updated set back to its old version
    assert not journal_path(Settings(_env_file=None, COACH_DATA_DIR=data_dir), COLLECTION).exists()
    again, note = stored(data_dir)
    assert again == before and "rolled back" not in note  # rolled back once

    found = coach(data_dir, "kb", "search", "calls answered within a minute", "--k", "50",
                  "--json")
    assert found.returncode == 0
    assert {r["id"] for r in json.loads(found.stdout)["results"]} <= set(before)


def test_an_import_that_completes_is_all_there_and_idempotent(
    data_dir: Path, tmp_path: Path
) -> None:
    before, _ = stored(data_dir)
    sets = make_sets(400, revision=1)
    source = tmp_path / "second.yaml"
    source.write_text(export_sets(sets, "yaml"), encoding="utf-8")
    done = coach(data_dir, "kb", "import", str(source))
    assert done.returncode == 0 and done.stdout.endswith("250 added, 150 updated, 0 unchanged\n")
    after, _ = stored(data_dir)
    assert set(after) == set(before) | {s.id for s in sets}
    assert all(after[s.id]["key_results"][1]["text"].endswith("to 3 minutes") for s in sets)
    done = coach(data_dir, "kb", "import", str(source))
    assert done.stdout.endswith("0 added, 0 updated, 400 unchanged\n")
    assert stored(data_dir)[0] == after


def test_a_rollback_cut_short_is_finished_by_the_next_open(tmp_path: Path) -> None:
    """A kill during the rollback leaves the journal: the next open rolls back again (each
    step can be repeated); a temp file left by a kill while writing the journal is ignored."""
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    library = open_library(settings, seed=False)
    library.add(make_sets(20))
    before = {s.id: s for s in library.list()}
    assert library.journal is not None
    journal: ImportJournal = library.journal
    (journal.path.parent / f"{journal.path.name}.999.tmp").write_bytes(b'{"version": 1, "ne')

    sets = make_sets(30, revision=1)  # 20 updated, 10 new
    plan_library = open_library(settings, seed=False)
    col = plan_library._col()
    plan = plan_add(col, sets, 100)
    journal.write(plan.pending(COLLECTION))
    write_sets(col, plan, plan_library.embed, 10)  # the add "was killed" after writing it all
    roll_back(col, plan.pending(COLLECTION), 7)  # and the first rollback "was killed" here

    reopened = open_library(settings, seed=False)
    assert {s.id: s for s in reopened.list()} == before
    assert reopened.rolled_back is not None and reopened.rolled_back.removed == 10
    assert not journal.exists() and not list(journal.path.parent.glob("*.tmp"))


@pytest.mark.chroma_server
def test_an_interrupted_import_on_a_chroma_server_is_rolled_back_through_the_client(
    tmp_path: Path, chroma_server: str
) -> None:
    """COACH_CHROMA_URL: the journal lives in the data dir, the rollback goes through the client."""
    name = f"t_atomic_{tmp_path.name[-8:].replace('_', '')}"
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        COACH_CHROMA_URL=chroma_server)
    library = open_library(settings, seed=False, collection=name)
    library.add(make_sets(12))
    before = {s.id: s for s in library.list()}
    assert library.journal is not None and "127.0.0.1" in library.journal.path.name
    plan = plan_add(library._col(), make_sets(25, revision=1), 100)  # 12 updated, 13 new
    library.journal.write(plan.pending(name))
    write_sets(library._col(), plan, library.embed, 5)  # then the process "died"

    reopened = open_library(settings, seed=False, collection=name)
    assert {s.id: s for s in reopened.list()} == before
    assert reopened.rolled_back is not None
    assert (reopened.rolled_back.removed, reopened.rolled_back.restored) == (13, 12)
