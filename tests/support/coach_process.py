"""Real `coach` processes for fault tests and the fault-probe benchmark: an interactive chat
driven line by line, a process that holds the sessions database locked, a small real disk."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

COACH_BIN = Path(sys.executable).parent / "coach"
# never passed on: no test reaches a real model or a developer's data
MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_BACKEND",
              "COACH_CHROMA_URL", "COACH_EMBEDDINGS", "COACH_DATA_DIR", "COACH_DEBUG")


def coach_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in MODEL_ENV}
    env.update(COACH_DATA_DIR=str(data_dir), ANONYMIZED_TELEMETRY="False", HF_HUB_OFFLINE="1")
    env.update(extra)
    return env


def coach(env: dict[str, str], *args: str, stdin: str = "",
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COACH_BIN), *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=timeout, check=False)


class Chat:
    """`coach chat` or `coach resume ID`, typed into line by line."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.proc = subprocess.Popen([str(COACH_BIN), *(args or ("chat",))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.out = b""

    def read_until(self, marker: bytes = b"you> ", timeout: float = 60) -> bytes:
        assert self.proc.stdout is not None
        start = len(self.out)
        deadline = time.monotonic() + timeout
        while marker not in self.out[start:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {marker!r} in {self.out[-400:]!r}")
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                raise AssertionError(f"process ended early: {self.out[-400:]!r}")
            self.out += chunk
        return self.out[start:]

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    @property
    def session_id(self) -> str:
        return self.out.split(b"Session ", 1)[1].split(b" ", 1)[0].decode()

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        """Close stdin and wait: (exit code, rest of stdout, stderr)."""
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, (self.out + out).decode(), err.decode()


def user_turns(env: dict[str, str], session_id: str) -> list[str]:
    done = coach(env, "export", session_id, "--format", "json")
    assert done.returncode == 0, done.stderr
    return [t["text"] for t in json.loads(done.stdout)["turns"] if t["role"] == "user"]


def new_session(env: dict[str, str], first: str) -> str:
    """A session with one answered user turn; its id."""
    script = Path(env["COACH_DATA_DIR"]).parent / "first.txt"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(first + "\n", encoding="utf-8")
    done = coach(env, "chat", "--script", str(script), "--json")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["session_id"])


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextlib.contextmanager
def database_locked(db: Path, seconds: float = 60) -> Iterator[subprocess.Popen[str]]:
    """Another program holding an exclusive lock on the sessions database."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=10)


def mount_small_disk(where: Path, size: str = "64m") -> str | None:
    """Mount a tmpfs of `size` at `where`; the reason when this machine does not allow it."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(where)], capture_output=True, text=True, check=False)
    return None if done.returncode == 0 else f"cannot mount a tmpfs: {done.stderr.strip()}"


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill_disk(folder: Path) -> Path:
    """Write a ballast file until the disk holding `folder` is full; the ballast's path."""
    ballast = folder / "ballast"
    block = b"\0" * 65536
    with contextlib.suppress(OSError), ballast.open("wb") as handle:
        while True:
            handle.write(block)
            handle.flush()
    with contextlib.suppress(OSError), ballast.open("ab") as handle:  # the last few bytes
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    return ballast


def remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True,
                   capture_output=True)


def wal_emptied(db: Path) -> None:
    """Another SQLite client checkpoints the journal and truncates it to nothing, so the
    next write must take new space on the disk."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        conn.close()
    assert db.with_name(db.name + "-wal").stat().st_size == 0
