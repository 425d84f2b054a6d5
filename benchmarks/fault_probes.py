"""Fault injection against real `coach` processes: kill -9 mid-chat, a locked database, two
writers on one session, a full disk (before the turn is saved, and while the model answers),
and every bad-input/storage case; prints the counts.

    .venv/bin/python benchmarks/fault_probes.py [--kills 20] [--messages 40]

A message counts as *lost* when the coach acknowledged it (printed a reply, or said it is
saved) but the store does not hold it; *wrongly acknowledged* when it was refused or handed
back yet the output claimed it saved; *duplicated* when it is stored twice. The full-disk and
read-only probes need root (a tmpfs); without it they are reported as skipped.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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


def _stored(env: dict[str, str], session_id: str) -> list[str]:
    return user_turns(env, session_id)


def kill_probe(root: Path, kills: int, rng: random.Random) -> dict[str, int]:
    """kill -9 at a random moment after a line was typed; acknowledged lines must survive."""
    lost = duplicated = 0
    for run in range(kills):
        env = coach_env(root / f"kill{run}" / "data")
        chat = Chat(env)
        chat.read_until()
        acknowledged: list[str] = []
        for n in range(rng.randint(1, 4)):
            line = f"We would notice calmer mornings, note {run}-{n}"
            chat.say(line)
            chat.read_until()
            acknowledged.append(line)
        chat.say(f"A line that may or may not be saved {run}")
        time.sleep(rng.uniform(0, 0.6))
        os.kill(chat.proc.pid, signal.SIGKILL)
        chat.proc.wait(timeout=10)
        stored = _stored(env, chat.session_id)
        lost += sum(1 for line in acknowledged if line not in stored)
        duplicated += sum(1 for line in set(stored) if stored.count(line) > 1)
        again = coach(env, "resume", chat.session_id, stdin="Customers smile again\nquit\n")
        lost += again.returncode != 0 or "Customers smile again" not in _stored(
            env, chat.session_id)
    return {"kills": kills, "lost": lost, "duplicated": duplicated}


def lock_probe(root: Path, messages: int) -> dict[str, int]:
    env = coach_env(root / "lock" / "data", COACH_DB_BUSY_TIMEOUT="0.5")
    session_id = new_session(env, FIRST)
    lost = wrong = handed_back = 0
    with database_locked(root / "lock" / "data" / "sessions.sqlite"):
        for n in range(messages):
            line = f"Under the lock, message {n}"
            done = coach(env, "resume", session_id, stdin=line + "\nquit\n")
            after_banner = done.stdout.split("Type next, back, summary, retry or quit.")[-1]
            claimed = "is saved" in done.stderr or "coach> " in after_banner
            back = "not saved" in done.stderr and line in done.stderr
            handed_back += back
            wrong += claimed and not back
            lost += not back and not claimed
    stored = _stored(env, session_id)
    wrong += sum(1 for n in range(messages) if f"Under the lock, message {n}" in stored)
    return {"messages": messages, "handed back": handed_back, "lost": lost,
            "wrongly acknowledged": wrong}


def writers_probe(root: Path, messages: int) -> dict[str, int]:
    env = coach_env(root / "writers" / "data")
    session_id = new_session(env, FIRST)
    holder = Chat(env, "resume", session_id)
    holder.read_until()
    accepted, refused = [FIRST], 0
    for n in range(messages):
        line = f"Writer {'AB'[n % 2]} says {n}"
        if n % 2 == 0:
            holder.say(line)
            holder.read_until()
            accepted.append(line)
        else:
            done = coach(env, "resume", session_id, stdin=line + "\nquit\n")
            refused += done.returncode == 2 and "open in another coach" in done.stderr
    holder.say("quit")
    holder.finish()
    stored = _stored(env, session_id)
    lost = sum(1 for line in accepted if line not in stored)
    intruders = len(stored) - len(accepted)
    return {"messages": messages, "accepted": len(accepted) - 1, "refused": refused,
            "lost": lost, "written by the second process": intruders}


def full_disk_probe(root: Path) -> dict[str, int | str]:
    disk = root / "disk"
    reason = mount_small_disk(disk)
    if reason is not None:
        return {"skipped": reason}
    try:
        env = coach_env(disk / "data")
        session_id = new_session(env, FIRST)
        chat = Chat(env, "resume", session_id)
        chat.read_until()
        ballast = fill_disk(disk)
        chat.say("Typed on a full disk")
        code, _, stderr = chat.finish()
        ballast.unlink()
        stored = _stored(env, session_id)
        back = "not saved" in stderr and "Typed on a full disk" in stderr
        again = coach(env, "resume", session_id, stdin="Typed on a full disk\nquit\n")
        usable = again.returncode == 0 and _stored(env, session_id)[-1] == "Typed on a full disk"
        return {"handed back": int(back), "wrongly acknowledged": int("is saved" in stderr),
                "lost": int(not back and "Typed on a full disk" not in stored),
                "exit code": code, "usable once space is back": int(usable),
                "tracebacks": int("Traceback" in stderr)}
    finally:
        unmount(disk)


def full_disk_mid_reply_probe(root: Path) -> dict[str, int | str]:
    """The turn is saved, then the disk fills while the model is still talking (the journal
    truncated first by another client, so the reply's write needs new space)."""
    disk = root / "disk-reply"
    reason = mount_small_disk(disk)
    if reason is not None:
        return {"skipped": reason}
    server = FakeOpenAIServer().start()
    server.scripted_structured = False
    try:
        env = coach_env(disk / "data", OPENAI_API_KEY="sk-probe", COACH_LLM_RETRIES="0",
                        OPENAI_BASE_URL=server.base_url)
        session_id = new_session(env, FIRST)
        chat = Chat(env, "resume", session_id)
        chat.read_until(b"retry or quit.")
        chat.read_until()
        asked = len(server.reply_requests())
        server.push(Reply("What would the first calm morning look like?", chunk_delay_s=0.3))
        chat.say("Typed while the disk fills")
        while len(server.reply_requests()) == asked:
            time.sleep(0.05)
        wal_emptied(disk / "data" / "sessions.sqlite")
        ballast = fill_disk(disk)
        chat.read_until()
        kept = _stored(env, session_id)[-1] == "Typed while the disk fills"
        ballast.unlink()
        chat.say("retry")
        answered = b"coach> " in chat.read_until()
        chat.say("quit")
        code, _, stderr = chat.finish()
        return {"turn kept": int(kept), "said saved, retry": int("is saved" in stderr),
                "answered on retry": int(answered), "exit code": code,
                "tracebacks": int("Traceback" in stderr)}
    finally:
        server.stop()
        unmount(disk)


def _commands(root: Path, session_id: str) -> list[list[str]]:
    script = root / "script.txt"
    script.write_text(FIRST + "\n", encoding="utf-8")
    return [["sessions"], ["chat", "--script", str(script)], ["resume", session_id],
            ["export", session_id], ["export", session_id, "-o", str(root / "no" / "x.md")],
            ["kb", "list"], ["kb", "search", "calm"], ["doctor"], []]


def bad_storage_probe(root: Path) -> dict[str, int]:
    """Every command against each broken store: runs, tracebacks, exit 0 where it failed."""
    runs = tracebacks = zero_exits = changed = 0
    base = root / "bad"
    cases: dict[str, Path] = {}
    good = coach_env(base / "good" / "data")
    session_id = new_session(good, FIRST)
    for name in ("middle", "notdb"):
        data = base / name / "data"
        data.mkdir(parents=True)
        db = data / "sessions.sqlite"
        db.write_bytes((base / "good" / "data" / "sessions.sqlite").read_bytes())
        if name == "middle":
            with db.open("r+b") as handle:
                handle.seek(3 * 4096)
                handle.write(b"\xa5" * 5000)
        else:
            db.write_bytes(b"my notes\n" * 100)
        cases[name] = data
    a_file = base / "a-file"
    a_file.write_text("x", encoding="utf-8")
    cases["data dir is a file"] = a_file
    cases["data dir under a file"] = a_file / "below"
    for data in cases.values():
        db = data / "sessions.sqlite"
        before = db.read_bytes() if db.is_file() else None
        for args in _commands(base, session_id):
            done = coach(coach_env(data), *args, stdin="hello\nquit\n")
            runs += 1
            tracebacks += "Traceback" in done.stderr + done.stdout
            # the knowledge base does not use the sessions database: it may work on
            zero_exits += done.returncode == 0 and not (args[:1] == ["kb"] and before)
        changed += before is not None and db.read_bytes() != before
    disk = root / "rodisk"
    if mount_small_disk(disk) is None:
        try:
            env = coach_env(disk / "data")
            ro_session = new_session(env, FIRST)
            remount(disk, "ro")
            for args in _commands(base, ro_session):
                done = coach(env, *args, stdin="hello\nquit\n")
                runs += 1
                tracebacks += "Traceback" in done.stderr + done.stdout
                zero_exits += done.returncode == 0
        finally:
            unmount(disk)
    return {"runs": runs, "tracebacks": tracebacks, "exit 0 on a broken store": zero_exits,
            "damaged files changed": changed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--messages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="coach-faults-") as tmp:
        root = Path(tmp)
        probes = {
            "kill -9 mid-chat": lambda: kill_probe(root, args.kills, rng),
            "locked database": lambda: lock_probe(root, min(args.messages, 10)),
            "two writers": lambda: writers_probe(root, args.messages),
            "full disk": lambda: full_disk_probe(root),
            "full disk mid-reply": lambda: full_disk_mid_reply_probe(root),
            "broken stores x every command": lambda: bad_storage_probe(root),
        }
        for name, probe in probes.items():
            started = time.monotonic()
            counts = probe()
            shown = ", ".join(f"{k} {v}" for k, v in counts.items())
            print(f"{name:<32} {shown}  ({time.monotonic() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
