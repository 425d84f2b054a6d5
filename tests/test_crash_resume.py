"""kill -9 in the middle of `coach chat`: every committed user turn survives, resume goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import COACH_BIN, cli_env

LINES = ["Our best hope is a calmer support desk",
         "It serves the company goal of loyal customers",
         "Calls are answered quickly and people smile again"]


def _read_until(proc: subprocess.Popen[bytes], marker: bytes, timeout: float = 30) -> bytes:
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"never saw {marker!r} in {seen[-500:]!r}"
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, f"process ended early: {seen[-500:]!r}"
        seen += chunk
    return seen


def test_kill_9_mid_session_then_resume_keeps_every_turn(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data")
    proc = subprocess.Popen([str(COACH_BIN), "chat"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    out = _read_until(proc, b"you> ")
    for line in LINES:
        proc.stdin.write(line.encode() + b"\n")
        proc.stdin.flush()
        out += _read_until(proc, b"you> ")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    session_id = out.split(b"Session ", 1)[1].split(b" ", 1)[0].decode()

    listed = subprocess.run([str(COACH_BIN), "export", session_id, "--format", "json"],
                            capture_output=True, env=env, timeout=60, check=True)
    import json

    doc = json.loads(listed.stdout)
    assert [t["text"] for t in doc["turns"] if t["role"] == "user"] == LINES
    resumed = subprocess.run([str(COACH_BIN), "resume", session_id],
                             input=b"Customers would notice we call back the same day\nquit\n",
                             capture_output=True, env=env, timeout=60, check=False)
    assert resumed.returncode == 0, resumed.stderr.decode()
    after = subprocess.run([str(COACH_BIN), "export", session_id, "--format", "json"],
                           capture_output=True, env=env, timeout=60, check=True)
    users = [t["text"] for t in json.loads(after.stdout)["turns"] if t["role"] == "user"]
    assert users == [*LINES, "Customers would notice we call back the same day"]
