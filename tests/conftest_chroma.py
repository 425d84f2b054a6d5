"""Fixtures for knowledge tests: one shared embedding model and a real `chroma run` server.

Test modules opt in with `pytest_plugins = ["tests.conftest_chroma"]`.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from knowledge.embedding import MiniLMEmbedding

CHROMA_BIN = Path(sys.executable).parent / "chroma"


class CachedMiniLM(MiniLMEmbedding):
    """The real model, run once per distinct text in a test session (the seed library is
    embedded by several tests; the model itself is exercised by every first occurrence)."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, np.ndarray[Any, np.dtype[np.float32]]] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            self.cache.update(zip(missing, super().embed(missing), strict=True))
        if not texts:
            return super().embed(texts)
        return np.stack([self.cache[t] for t in texts])


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedding:
    """One loaded model for the whole run, caching vectors per text."""
    return CachedMiniLM()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` on 127.0.0.1 (free port, temp path); yields its URL; stopped at the end."""
    path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            str(CHROMA_BIN),
            "run",
            "--path",
            str(path / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {proc.returncode}; see {log.name}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chroma run did not answer its heartbeat within 30 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
