"""A throwaway PostgreSQL server for tests: `initdb` + `pg_ctl` in a temp dir, on a free
port of 127.0.0.1 (password login, scram-sha-256) and a unix socket in the same dir.

PostgreSQL refuses to run as root: as root the binaries run as the `postgres` user (the
Debian package creates it) through `runuser`, with the temp dir given to that user.
`find_bindir()` looks at `pg_config --bindir`, then `/usr/lib/postgresql/*/bin`, then PATH.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
PASSWORD = "s3cret-Test-pw"  # a real password: tests check it never appears in messages


def find_bindir() -> Path | None:
    """The folder holding `initdb` and `pg_ctl`, or None."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0 and done.stdout.strip():
            candidates.append(Path(done.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *args]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self._cmd(*args), capture_output=True, text=True,
                              timeout=timeout, check=False, cwd=self.root)

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL (with the password)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                 "-w", "stop", timeout=60)


def _run_as() -> tuple[str | None, str | None]:
    """(user to run the server as, reason it cannot run) for this process."""
    if os.geteuid() != 0:
        return None, None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        return None, "running as root and there is no `postgres` user to run PostgreSQL as"
    if shutil.which("runuser") is None:
        return None, "running as root and `runuser` is not installed"
    return SUPERUSER, None


def start_server() -> tuple[PostgresServer | None, str]:
    """A running server, or None and the reason (no binaries, cannot start)."""
    bindir = find_bindir()
    if bindir is None:
        return None, ("no PostgreSQL server binaries (initdb, pg_ctl) found via pg_config, "
                      "/usr/lib/postgresql/*/bin or PATH")
    run_as, reason = _run_as()
    if reason:
        return None, reason
    root = Path(tempfile.mkdtemp(prefix="okr-pg-"))
    if run_as:
        user = pwd.getpwnam(run_as)
        os.chown(root, user.pw_uid, user.pw_gid)
    server = PostgresServer(bindir, root, _free_port(), run_as)
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
    if run_as:
        os.chown(pwfile, user.pw_uid, user.pw_gid)
    init = server.run(str(bindir / "initdb"), "-D", str(server.data), "-U", SUPERUSER,
                      f"--pwfile={pwfile}", "--auth-local=trust",
                      "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        return None, f"initdb failed: {init.stderr.strip().splitlines()[-1:]}"
    last = ""
    for _ in range(3):  # another program may take the free port first
        options = (f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")
        started = server.run(str(bindir / "pg_ctl"), "-D", str(server.data), "-l",
                             str(root / "log"), "-o", options, "-w", "-t", "60", "start")
        if started.returncode == 0:
            return server, ""
        last = (started.stderr or started.stdout).strip()
        server.port = _free_port()
    shutil.rmtree(root, ignore_errors=True)
    return None, f"pg_ctl start failed: {last[-300:]}"


@contextlib.contextmanager
def running_server() -> Iterator[tuple[PostgresServer | None, str]]:
    """A server for the length of the block (stopped and removed after it)."""
    server, reason = start_server()
    try:
        yield server, reason
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.root, ignore_errors=True)
