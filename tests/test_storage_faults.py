"""Storage faults with real processes and real files: a locked database, two writers, a full
disk, a read-only or unusable data dir, a damaged database, a bad export path. A message is
acknowledged only when it is saved; every failure is one line; nothing is half-written."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.coach_process import (
    Chat,
    coach,
    coach_env,
    database_locked,
    fill_disk,
    mount_small_disk,
    new_session,
    remount,
    unmount,
    user_turns,
    wal_emptied,
)
from tests.support.fake_openai_server import FakeOpenAIServer, Reply

FIRST = "Our best hope is a calmer support desk"
SECOND = "It serves the company goal of loyal customers"
OKRS_JSON = ('[{"objective": "A calm support desk", "key_results": [{"text": "Raise the share '
             'of calls answered within a minute from 70% to 90% by June"}]}]')


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) >= 1 and lines[0].startswith("error: "), stderr
    return lines[0]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return coach_env(tmp_path / "data", COACH_DB_BUSY_TIMEOUT="1")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "disk"
    reason = mount_small_disk(where)
    if reason is not None:
        pytest.skip(reason)
    try:
        yield where
    finally:
        unmount(where)


def test_a_message_sent_while_the_database_is_locked_is_handed_back_not_claimed(
    env: dict[str, str], tmp_path: Path,
) -> None:
    session_id = new_session(env, FIRST)
    with database_locked(tmp_path / "data" / "sessions.sqlite"):
        done = coach(env, "resume", session_id, stdin=SECOND + "\n")
    assert done.returncode == 1
    line = _one_error_line(done.stderr)
    assert "not saved" in line and "locked" in line
    assert SECOND in done.stderr  # printed back, so it can be sent again
    assert "is saved" not in done.stderr
    assert user_turns(env, session_id) == [FIRST]
    again = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")  # lock gone: it works
    assert again.returncode == 0, again.stderr
    assert user_turns(env, session_id) == [FIRST, SECOND]


def test_a_second_process_cannot_write_to_a_session_in_use_and_a_kill_frees_it(
    env: dict[str, str],
) -> None:
    first = Chat(env)
    first.read_until()
    session_id = first.session_id
    first.say(FIRST)
    first.read_until()
    second = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")
    assert second.returncode == 2
    assert "open in another coach" in _one_error_line(second.stderr)
    assert f"process {first.proc.pid}" in second.stderr
    reading = coach(env, "export", session_id)  # reading it meanwhile is fine
    assert reading.returncode == 0 and FIRST in reading.stdout
    os.kill(first.proc.pid, signal.SIGKILL)
    first.proc.wait(timeout=10)
    after = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")  # no stale lock
    assert after.returncode == 0, after.stderr
    assert user_turns(env, session_id) == [FIRST, SECOND]


def test_two_processes_typing_into_one_session_lose_nothing(env: dict[str, str]) -> None:
    session_id = new_session(env, FIRST)
    holder = Chat(env, "resume", session_id)
    holder.read_until()
    accepted = [FIRST]
    for n in range(4):
        words = f"We would notice calm mornings number {n}"
        holder.say(words)
        holder.read_until()
        accepted.append(words)
        refused = coach(env, "resume", session_id, stdin=f"the other window {n}\n")
        assert refused.returncode == 2 and "open in another coach" in refused.stderr
    holder.say("quit")
    assert holder.finish()[0] == 0
    assert user_turns(env, session_id) == accepted


def test_a_full_disk_hands_the_message_back_and_the_session_works_once_space_is_back(
    small_disk: Path,
) -> None:
    env = coach_env(small_disk / "data", COACH_DB_BUSY_TIMEOUT="1")
    session_id = new_session(env, FIRST)
    chat = Chat(env, "resume", session_id)
    chat.read_until()
    ballast = fill_disk(small_disk)
    chat.say(SECOND)
    code, _, stderr = chat.finish()
    assert code == 1
    line = _one_error_line(stderr)
    assert "not saved" in line and "full" in line
    assert SECOND in stderr
    ballast.unlink()
    assert user_turns(env, session_id) == [FIRST]
    again = coach(env, "resume", session_id, stdin=SECOND + "\nquit\n")
    assert again.returncode == 0, again.stderr
    assert user_turns(env, session_id) == [FIRST, SECOND]


def test_a_disk_that_fills_while_the_coach_answers_keeps_the_message_for_retry(
    small_disk: Path, fake_openai: FakeOpenAIServer,
) -> None:
    """The user's turn is saved, then the disk fills while the model is still talking: the
    reply cannot be saved, the coach says so (exit 1 if left like that), and once space is
    back `retry` answers the same message in the same chat."""
    env = coach_env(small_disk / "data", COACH_DB_BUSY_TIMEOUT="1", OPENAI_API_KEY="sk-test-disk",
                    OPENAI_BASE_URL=fake_openai.base_url, COACH_LLM_RETRIES="0")
    fake_openai.scripted_structured = False  # pushed steps are the coach's replies
    session_id = new_session(env, FIRST)
    chat = Chat(env, "resume", session_id)
    chat.read_until(b"retry or quit.")  # past the transcript of the earlier turns
    chat.read_until()
    asked = len(fake_openai.reply_requests())
    fake_openai.push(Reply("What would the first calm morning look like to you?",
                           chunk_delay_s=0.3))
    chat.say(SECOND)
    deadline = time.monotonic() + 60
    while len(fake_openai.reply_requests()) == asked:  # the turn is saved; the model talks
        assert time.monotonic() < deadline, "the coach never asked the model"
        time.sleep(0.05)
    wal_emptied(small_disk / "data" / "sessions.sqlite")  # no slack left in the journal
    ballast = fill_disk(small_disk)
    chat.read_until()  # the coach says what happened and waits
    kept = json.loads(coach(env, "export", session_id, "--format", "json").stdout)["turns"]
    assert kept[-1] == {**kept[-1], "role": "user", "text": SECOND}  # saved, not answered
    ballast.unlink()
    chat.say("retry")
    assert b"coach> " in chat.read_until()
    chat.say("quit")
    code, _, stderr = chat.finish()
    assert code == 0, stderr
    assert "Traceback" not in stderr
    error_lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 1 and "full" in error_lines[0] and "retry" in error_lines[0]
    assert "is saved" in error_lines[0]
    done = coach(env, "export", session_id, "--format", "json")
    turns = json.loads(done.stdout)["turns"]
    assert [t["text"] for t in turns if t["role"] == "user"] == [FIRST, SECOND]
    assert [t["role"] for t in turns[-2:]] == ["user", "coach"]  # answered once, on retry
    assert turns[-2]["text"] == SECOND and turns[-1]["text"].strip()


def _every_command(tmp_path: Path, session_id: str) -> list[list[str]]:
    script = tmp_path / "script.txt"
    script.write_text(FIRST + "\n", encoding="utf-8")
    okrs = tmp_path / "okrs.json"
    okrs.write_text(OKRS_JSON, encoding="utf-8")
    return [["sessions"], ["chat", "--script", str(script)], ["resume", session_id],
            ["export", session_id], ["kb", "list"], ["kb", "search", "calm"],
            ["kb", "import", str(okrs)], ["doctor"], []]


def test_a_read_only_data_dir_gives_one_line_for_every_command(
    small_disk: Path, tmp_path: Path,
) -> None:
    env = coach_env(small_disk / "data")
    session_id = new_session(env, FIRST)
    remount(small_disk, "ro")
    try:
        results = {" ".join(args) or "(the app)": coach(env, *args, stdin="hi\nquit\n")
                   for args in _every_command(tmp_path, session_id)}
    finally:
        remount(small_disk, "rw")
    for name, done in results.items():
        assert "Traceback" not in done.stderr + done.stdout, name
        assert done.returncode != 0, name
        if name != "doctor":  # the doctor prints its table of checks, one failing
            assert "read-only" in _one_error_line(done.stderr).lower(), (name, done.stderr)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["middle", "not a database"])
def test_a_damaged_database_is_refused_in_one_line_and_never_overwritten(
    env: dict[str, str], tmp_path: Path, damage: str,
) -> None:
    session_id = new_session(env, FIRST)
    db = tmp_path / "data" / "sessions.sqlite"
    if damage == "middle":
        with db.open("r+b") as handle:  # a few pages in, past the header
            handle.seek(3 * 4096)
            handle.write(b"\xa5" * 5000)
    else:
        db.write_bytes(b"these are my notes, not a database\n" * 40)
    before = _digest(db)
    for args in (["sessions"], ["resume", session_id], ["export", session_id], []):
        done = coach(env, *args, stdin="hello\nquit\n")
        assert done.returncode == 2, (args, done.stderr)
        line = _one_error_line(done.stderr)
        assert "damaged" in line and str(db) in line and "start afresh" in line
    assert _digest(db) == before


def test_an_unusable_data_dir_and_a_bad_export_path_are_one_line(
    env: dict[str, str], tmp_path: Path,
) -> None:
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("x", encoding="utf-8")
    for data_dir in (a_file, a_file / "below"):
        bad = coach_env(data_dir)
        for args in (["sessions"], ["kb", "list"], ["chat"], []):
            done = coach(bad, *args, stdin="quit\n")
            assert done.returncode in (1, 2), (data_dir, args)
            assert str(a_file) in _one_error_line(done.stderr)
    session_id = new_session(env, FIRST)
    for target in (tmp_path / "missing" / "x.md", tmp_path):
        done = coach(env, "export", session_id, "-o", str(target))
        assert done.returncode == 2
        assert "cannot write the export" in _one_error_line(done.stderr)
    assert not list(tmp_path.glob("**/.*.part"))


def test_debug_shows_the_traceback_that_is_otherwise_one_line(
    env: dict[str, str], tmp_path: Path,
) -> None:
    db = tmp_path / "data" / "sessions.sqlite"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all\n")
    assert "Traceback" not in coach(env, "sessions").stderr
    assert "Traceback" in coach(env, "--debug", "sessions").stderr


def test_the_data_dir_and_its_files_are_private(env: dict[str, str], tmp_path: Path) -> None:
    new_session(env, FIRST)
    okrs = tmp_path / "okrs.json"
    okrs.write_text(OKRS_JSON, encoding="utf-8")
    assert coach(env, "kb", "import", str(okrs)).returncode == 0
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    loose = [p for p in data.rglob("*")
             if stat.S_IMODE(p.stat().st_mode) & 0o077]  # anything group/other can touch
    assert loose == []
    assert (data / "sessions.sqlite").exists()


def test_retry_typed_when_the_coach_has_answered_is_a_command_not_a_message(
    env: dict[str, str],
) -> None:
    session_id = new_session(env, FIRST)
    done = coach(env, "resume", session_id, stdin="retry\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "nothing to retry" in done.stderr
    assert user_turns(env, session_id) == [FIRST]  # "retry" never reached the coach
