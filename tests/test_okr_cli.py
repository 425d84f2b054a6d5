"""`coach okr …` as a real process: adopt a real finished prepare session, show, list,
archive, import; bad input is one line on stderr with exit code 2, nothing written."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.okr_store.models import KRValue
from coach.okr_store.sqlite import open_sqlite_store
from tests.support.coach_process import coach, coach_env, new_session
from tests.support.postgres_server import PASSWORD

SCRIPT = Path(__file__).parent / "data" / "session_prepare.txt"
HOSTILE = "[bold red]loud[/] \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[31mred"

GOOD_YAML = """\
period: Q3 2026
owner: Helpdesk
parent: Customers trust us
objectives:
  - title: Callers get through quickly
    key_results:
      - text: Cut hold time from 8 to 4 minutes
        metric: hold time
        baseline: 8
        target: 4
        unit: min
        kind: committed
      - text: Reach 40 callbacks a week
        metric: callbacks
        target: 40
  - title: A calm team
    key_results:
      - text: Overtime down from 12 to 4 hours a week
        baseline: 12
        target: 4
        unit: h
"""


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return coach(env, *args, timeout=120)


def one_line_error(done: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A data dir holding one finished prepare session (the scripted chat of the tests)."""
    data = tmp_path_factory.mktemp("okr-cli") / "data"
    done = run(coach_env(data), "chat", "--script", str(SCRIPT), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["okr"]["objectives"][0]["key_results"], doc["okr"]
    return data, doc


@pytest.fixture
def env(session: tuple[Path, dict[str, Any]], tmp_path: Path) -> dict[str, str]:
    """The session's data dir with a fresh OKR store for each test."""
    data, _ = session
    (data / "okrs.sqlite").unlink(missing_ok=True)
    for side in ("-wal", "-shm"):
        (data / f"okrs.sqlite{side}").unlink(missing_ok=True)
    return coach_env(data)


def sets(env: dict[str, str]) -> list[dict[str, Any]]:
    done = run(env, "okr", "list", "--all", "--json")
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def test_adopt_a_finished_session(env: dict[str, str],
                                  session: tuple[Path, dict[str, Any]]) -> None:
    _, doc = session
    sid = doc["session_id"]
    assert doc["okr"]["period"] == "end of Q2"  # no year: the dates must be given
    error = one_line_error(run(env, "okr", "adopt", sid))
    assert "--start and --end" in error
    assert "--end" in one_line_error(run(env, "okr", "adopt", sid, "--start", "2026-04-01"))
    assert sets(env) == []

    done = run(env, "okr", "adopt", sid, "--start", "2026-04-01", "--end", "2026-06-30",
               "--owner", "Helpdesk", "--committed", "2", "--json")
    assert done.returncode == 0, done.stderr
    okr = json.loads(done.stdout)
    assert (okr["period"], okr["start"], okr["end"], okr["owner"], okr["source_session"]) == (
        "end of Q2", "2026-04-01", "2026-06-30", "Helpdesk", sid)
    drafted = doc["okr"]["objectives"]
    assert [o["title"] for o in okr["objectives"]] == [o["title"] for o in drafted]
    adopted = [kr for o in okr["objectives"] for kr in o["key_results"]]
    stated = [kr for o in drafted for kr in o["key_results"]]
    assert [(k["text"], k["baseline"], k["target"], k["unit"]) for k in adopted] == [
        (k["text"], k["baseline"], k["target"], k["unit"]) for k in stated]
    assert [k["kind"] for k in adopted] == ["aspirational", "committed"]
    assert okr["parent"] == drafted[0]["parent"]

    again = one_line_error(run(env, "okr", "adopt", sid, "--start", "2026-04-01",
                               "--end", "2026-06-30"))
    assert "already adopted" in again and okr["id"] in again
    listed = run(env, "okr", "list")
    assert listed.returncode == 0
    assert okr["id"] in listed.stdout and drafted[0]["title"] in listed.stdout
    assert "2 KRs" in listed.stdout and "active" in listed.stdout


@pytest.mark.parametrize("args, reason", [
    (["--start", "April", "--end", "2026-06-30"], "--start must be a date"),
    (["--start", "2026-06-30", "--end", "2026-04-01"], "before it starts"),
    (["--start", "2026-04-01", "--end", "2026-06-31"], "--end must be a date"),
    (["--start", "2026-04-01", "--end", "2026-06-30", "--committed", "3"], "2 key results"),
    (["--start", "2026-04-01", "--end", "2026-06-30", "--committed", "2.1"], "no KR 1"),
    (["--start", "2026-04-01", "--end", "2026-06-30", "--committed", "x"], "KR number"),
])
def test_adopt_refuses_bad_options(env: dict[str, str], session: tuple[Path, dict[str, Any]],
                                   args: list[str], reason: str) -> None:
    assert reason in one_line_error(run(env, "okr", "adopt", session[1]["session_id"], *args))
    assert not (Path(env["COACH_DATA_DIR"]) / "okrs.sqlite").exists()  # never even opened


def test_adopt_refuses_unknown_and_unfinished_sessions(env: dict[str, str]) -> None:
    dates = ("--start", "2026-04-01", "--end", "2026-06-30")
    assert "nope" in one_line_error(run(env, "okr", "adopt", "nope", *dates))
    fresh = new_session(env, "We'd like callers to get through quickly.")
    error = one_line_error(run(env, "okr", "adopt", fresh, *dates))
    assert "no objective with key results" in error
    assert sets(env) == []


def test_show_progress_status_pictures_and_history(
        env: dict[str, str], session: tuple[Path, dict[str, Any]]) -> None:
    data, doc = session
    done = run(env, "okr", "adopt", doc["session_id"], "--start", "2026-04-01",
               "--end", "2026-06-30", "--owner", HOSTILE, "--committed", "1.2", "--json")
    okr = json.loads(done.stdout)
    first, second = (kr["id"] for o in okr["objectives"] for kr in o["key_results"])
    store = open_sqlite_store(data / "okrs.sqlite", 5.0)  # the real file the CLI wrote
    try:
        store.record_checkin(okr["id"], [KRValue(kr_id=first, value=72, confidence=6),
                                         KRValue(kr_id=second, value=55, confidence=8)],
                             taken_at=datetime(2026, 4, 10, 12, tzinfo=UTC),
                             commitments=[HOSTILE])
        store.record_checkin(okr["id"], [KRValue(kr_id=first, value=80, confidence=7),
                                         KRValue(kr_id=second, value=58, confidence=4)],
                             taken_at=datetime(2026, 5, 8, 12, tzinfo=UTC),
                             summary=f"What is working: {HOSTILE}\nNext week: call two callers")
    finally:
        store.close()

    shown = run(env, "okr", "show", okr["id"], "--on", "2026-05-10")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold red]loud[/] link red" in out  # markup literal, controls stripped
    assert "\n      What is working: [bold red]loud[/]" in out  # the summary, line by line
    assert "\n      Next week: call two callers\n" in out
    assert "70% → 90%" in out and "last 80% (2026-05-08)" in out
    assert "██████░░░░░░  50%   expected 41% on 2026-05-08: on track" in out
    assert "confidence 7/10" in out and "confidence 4/10" in out
    assert "15%" in out and "off track" in out  # KR 2: 0.15 against 0.41
    assert "Objective 1: Callers get through quickly   off track" in out  # its weakest KR
    assert "values ▂▅   expected line ▂▄" in out  # progress 0.1, 0.5 against 0.1, 0.41
    assert "confidence ▅▆" in out
    assert "2026-04-10  KR 1 72% (6/10), KR 2 55% (8/10)" in out
    assert "suggested score" not in out  # the period is not over

    over = run(env, "okr", "show", okr["id"], "--on", "2026-07-01")
    assert "suggested score 0.5\n" in over.stdout  # aspirational at 0.5: no flag
    assert "suggested score 0.2   committed KR missed: discuss" in over.stdout

    as_json = json.loads(run(env, "okr", "show", okr["id"], "--on", "2026-05-10",
                             "--json").stdout)
    krs = [k for o in as_json["objectives"] for k in o["key_results"]]
    assert [k["status"] for k in krs] == ["on_track", "off_track"]
    assert [k["values"] for k in krs] == [[72.0, 80.0], [55.0, 58.0]]
    assert krs[0]["confidences"] == [6, 7] and as_json["objectives"][0]["status"] == "off_track"
    assert len(as_json["checkins"]) == 2


def test_archive_and_list(env: dict[str, str]) -> None:
    path = Path(env["COACH_DATA_DIR"]).parent / "set.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    okr = json.loads(run(env, "okr", "import", str(path), "--json").stdout)
    done = run(env, "okr", "archive", okr["id"])
    assert done.returncode == 0 and okr["id"] in done.stdout
    assert okr["id"] not in run(env, "okr", "list").stdout
    assert [s["status"] for s in sets(env)] == ["archived"]
    assert "nope" in one_line_error(run(env, "okr", "archive", "nope"))
    assert "nope" in one_line_error(run(env, "okr", "show", "nope"))
    assert "--on" in one_line_error(run(env, "okr", "show", okr["id"], "--on", "soon"))


def test_import_yaml_with_kinds_and_a_missing_baseline(env: dict[str, str]) -> None:
    path = Path(env["COACH_DATA_DIR"]).parent / "set.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    done = run(env, "okr", "import", str(path))
    assert done.returncode == 0, done.stderr
    (okr,) = sets(env)
    assert (okr["start"], okr["end"], okr["owner"], okr["parent"]) == (
        "2026-07-01", "2026-09-30", "Helpdesk", "Customers trust us")  # from "Q3 2026"
    krs = [kr for o in okr["objectives"] for kr in o["key_results"]]
    assert [(k["baseline"], k["target"], k["kind"], k["direction"]) for k in krs] == [
        (8.0, 4.0, "committed", "decrease"), (None, 40.0, "aspirational", None),
        (12.0, 4.0, "aspirational", "decrease")]
    shown = run(env, "okr", "show", okr["id"], "--on", "2026-08-01").stdout
    assert "no baseline yet → 40" in shown and "no value yet" in shown
    assert "8 min → 4 min" in shown and "No check-ins yet." in shown


def test_import_the_json_of_a_scripted_chat(env: dict[str, str],
                                            session: tuple[Path, dict[str, Any]]) -> None:
    path = Path(env["COACH_DATA_DIR"]).parent / "chat.json"
    path.write_text(json.dumps(session[1]), encoding="utf-8")
    assert "--start" in one_line_error(run(env, "okr", "import", str(path)))
    done = run(env, "okr", "import", str(path), "--start", "2026-04-01", "--end",
               "2026-06-30", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["objectives"][0]["title"] == (
        session[1]["okr"]["objectives"][0]["title"])


BAD_FILES = [
    ("set.yaml", GOOD_YAML.replace("baseline: 8", 'baseline: "8"'), "line 9"),
    ("set.yaml", GOOD_YAML.replace("baseline: 8", "baseline: yes"), "baseline"),
    ("set.yaml", GOOD_YAML.replace("metric: hold time", "metrc: hold time"), "metrc"),
    ("set.yaml", GOOD_YAML.replace("kind: committed", "kind: must"), "kind"),
    ("set.yaml", GOOD_YAML.replace("period: Q3 2026", "period: Q3 2026\nstart: soon"),
     "YYYY-MM-DD"),
    ("set.yaml", GOOD_YAML.replace("period: Q3 2026",
                                   "period: Q3 2026\nstart: 2026-09-30\nend: 2026-07-01"),
     "before start"),
    ("set.yaml", "period: Q3 2026\nobjectives: []\n", "objectives"),
    ("set.yaml", "period: Q3 2026\nobjectives:\n  - title: A\n    key_results: []\n",
     "key_results"),
    ("set.yaml", "- a\n- b\n", "one OKR set"),
    ("set.yaml", "period: &p Q3 2026\nowner: *p\nobjectives: []\n", "anchors"),
    ("set.yaml", "period: !!python/object:os.system Q3\n", "tags"),
    ("set.yaml", "period: [unclosed\n", "not valid YAML"),
    ("set.yaml", "x: " + "[" * 40 + "]" * 40 + "\n", "deeper than 32"),
    ("set.json", '{"period": "Q3 2026", "objectives": [', "not valid JSON"),
    ("set.json", '{"a": ' + "[" * 40 + "]" * 40 + "}", "deeper than 32"),
    ("set.json", json.dumps({"period": "Q3", "objectives": [
        {"title": "A", "key_results": [{"text": "B", "baseline": 1, "target": 2}]}]}),
     "does not say"),
    ("set.txt", GOOD_YAML, "unknown file type"),
    ("missing.yaml", None, "no such file"),
    ("set.yaml", b"\xff\xfe bad bytes", "not UTF-8"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES)
def test_bad_import_files_are_one_line_and_write_nothing(
        env: dict[str, str], name: str, content: str | bytes | None, reason: str) -> None:
    path = Path(env["COACH_DATA_DIR"]).parent / "bad" / name
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    error = one_line_error(run(env, "okr", "import", str(path)))
    assert reason in error
    assert not (Path(env["COACH_DATA_DIR"]) / "okrs.sqlite").exists()  # never even opened


def test_a_damaged_store_is_one_line_and_left_alone(env: dict[str, str]) -> None:
    store = Path(env["COACH_DATA_DIR"]) / "okrs.sqlite"
    store.write_bytes(b"not a database at all" * 50)
    error = one_line_error(run(env, "okr", "list"), code=2)
    assert "damaged" in error and str(store) in error
    assert store.read_bytes() == b"not a database at all" * 50
    store.unlink()


def test_an_unreachable_server_is_exit_1_without_the_password(env: dict[str, str]) -> None:
    shared = {**env, "COACH_DATABASE_URL": f"postgresql://coach:{PASSWORD}@127.0.0.1:1/okrs"}
    error = one_line_error(run(shared, "okr", "list"), code=1)
    assert PASSWORD not in error and "postgresql://coach:***@127.0.0.1:1/okrs" in error


def test_the_cli_on_postgres(env: dict[str, str], postgres_url: str) -> None:
    shared = {**env, "COACH_DATABASE_URL": postgres_url}
    path = Path(env["COACH_DATA_DIR"]).parent / "set.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    done = run(shared, "okr", "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    okr = json.loads(done.stdout)
    assert [s["id"] for s in sets(shared)] == [okr["id"]]
    assert sets(env) == []  # the SQLite file is not used
    assert run(shared, "okr", "archive", okr["id"]).returncode == 0
    assert run(shared, "okr", "list", "--json").stdout.strip() == "[]"
    assert PASSWORD not in run(shared, "okr", "show", okr["id"]).stdout
