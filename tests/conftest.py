"""Shared fixtures: every test gets its own data dir and can never reach a real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from tests.support.coach_process import COACH_BIN, MODEL_ENV, coach_env
from tests.support.postgres_server import PostgresServer

__all__ = ["COACH_BIN", "REPO", "cli_env"]

pytest_plugins = ["tests.support.fake_openai_server"]

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_real_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test talks to a real model or writes outside its temp dir unless it says so."""
    for name in MODEL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)  # a developer's .env is never read by tests


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")


@pytest.fixture
def runtime(settings: Settings) -> Iterator[CoachRuntime]:
    rt = build_runtime(settings, "offline")
    yield rt
    rt.close()


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a `coach` subprocess: clean of model settings, own data dir."""
    return coach_env(data_dir, **extra)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole run (`tests/support/postgres_server.py`);
    the tests that use it are skipped, with the reason, where no server binaries exist."""
    from tests.support.postgres_server import running_server

    with running_server() as (server, reason):
        if server is None:
            pytest.skip(reason)
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL (with its password) of a fresh, empty database on the test server."""
    return postgres_server.new_database()


@pytest.fixture(autouse=True)
def _no_shared_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's COACH_DATABASE_URL is never used by tests (they pass their own)."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
