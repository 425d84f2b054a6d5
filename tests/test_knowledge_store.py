"""The Chroma-backed OKR library, on disk and against a real `chroma run` server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coach.settings import Settings
from knowledge import (
    CallableEmbedding,
    ChromaLibrary,
    KRExample,
    OKRSet,
    content_id,
    make_client,
    open_library,
)
from knowledge.embedding import MiniLMEmbedding

pytest_plugins = ["tests.conftest_chroma"]

PHONE = OKRSet(
    id="t-phone",
    objective="Callers reach a helpful person quickly",
    team="Phone Team",
    function="Customer Service",
    period="2024-Q3",
    key_results=[
        KRExample(text="Reduce average hold time from 9 minutes to 3 minutes", score=0.7),
        KRExample(text="Increase calls answered within 60 seconds from 55% to 85%"),
    ],
    learnings="Call-backs at peak hours helped most.",
)
DEPLOY = OKRSet(
    id="t-deploy",
    objective="We ship small changes safely and often",
    team="Platform Team",
    function="software engineering",
    period="2024-Q4",
    key_results=[KRExample(text="Increase deployment frequency from 2 to 15 per week")],
)
BENEFIT = OKRSet(
    id="t-benefit",
    objective="Families receive their housing benefit without delay",
    team="Benefit Office",
    function="benefits administration",
    period="2025-Q1",
    key_results=[KRExample(text="Reduce claim processing time from 42 days to 14 days")],
)
SMALL = [PHONE, DEPLOY, BENEFIT]


@pytest.fixture(params=["local", pytest.param("server", marks=pytest.mark.chroma_server)])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        return Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data", COACH_CHROMA_URL=url)
    return Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")


@pytest.fixture
def make_library(store_settings: Settings, minilm: MiniLMEmbedding) -> Callable[..., ChromaLibrary]:
    name = f"t_{uuid.uuid4().hex[:12]}"  # the server is shared by the session: own collection

    def make(seed: list[OKRSet] | None = SMALL, embedding: Any = minilm) -> ChromaLibrary:
        loader = (lambda: list(seed)) if seed is not None else None
        return ChromaLibrary(make_client(store_settings), embedding, name, seed=loader)

    return make


@pytest.fixture
def library(make_library: Callable[..., ChromaLibrary]) -> ChromaLibrary:
    return make_library()


def test_seed_is_loaded_on_first_use_only(library: ChromaLibrary) -> None:
    assert library.count() == 3
    assert library.remove("t-deploy")
    assert library.count() == 2  # an emptied-by-hand store is not re-seeded behind your back


def test_search_ranks_by_meaning_and_returns_whole_records(library: ChromaLibrary) -> None:
    found = library.search("customers wait too long on the phone", k=2)
    assert found[0].id == "t-phone"
    top = found[0]
    assert top.key_results[0].score == 0.7 and top.learnings == PHONE.learnings
    assert top.similarity is not None and top.similarity > found[1].similarity  # type: ignore[operator]
    assert library.search("deploy", k=10)[0].id == "t-deploy"  # k beyond the count is fine


def test_search_filters_by_function_and_team_case_insensitively(library: ChromaLibrary) -> None:
    only = library.search("customers wait on the phone", k=3, function="SOFTWARE  engineering")
    assert [e.id for e in only] == ["t-deploy"]
    both = library.search("anything", k=3, function="customer service", team="phone team")
    assert [e.id for e in both] == ["t-phone"]
    assert library.search("anything", k=3, team="nobody") == []
    assert [s.id for s in library.list(function="Benefits Administration")] == ["t-benefit"]


def test_add_is_idempotent_and_updates_by_stable_id(library: ChromaLibrary) -> None:
    again = library.add(SMALL)
    assert (again.added, again.updated, len(again.unchanged)) == ([], [], 3)
    scored = DEPLOY.model_copy(
        update={"key_results": [KRExample(text=DEPLOY.key_results[0].text, score=0.8)]}
    )
    changed = library.add([scored])
    assert changed.updated == ["t-deploy"]
    got = library.get("t-deploy")
    assert got is not None and got.key_results[0].score == 0.8
    new = OKRSet(
        objective="Donors stay with us", key_results=[KRExample(text="Raise x from 1 to 2")]
    )
    assert library.add([new]).added == [content_id("Donors stay with us", None, None)]
    assert library.count() == 4


def test_get_list_remove(library: ChromaLibrary) -> None:
    assert library.get("nope") is None
    assert [s.id for s in library.list()] == ["t-benefit", "t-phone", "t-deploy"]
    assert library.remove("t-phone") and not library.remove("t-phone")
    assert library.get("t-phone") is None


def test_reset_reloads_the_seed_or_empties(library: ChromaLibrary) -> None:
    library.remove("t-phone")
    assert library.reset() == 3
    assert library.reset(seed=False) == 0
    assert library.count() == 0


def test_add_is_all_or_nothing_when_embedding_fails(
    make_library: Callable[..., ChromaLibrary], minilm: MiniLMEmbedding
) -> None:
    calls = {"n": 0}

    def flaky(texts: list[str]) -> list[list[float]]:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("embedding service down")
        return [list(map(float, v)) for v in minilm.embed(texts)]

    library = make_library(embedding=CallableEmbedding(flaky))
    assert library.count() == 3
    extra = [BENEFIT.model_copy(update={"id": f"t-x{i}"}) for i in range(3)]
    with pytest.raises(RuntimeError):
        library.add(extra)
    assert library.count() == 3


def test_add_rolls_back_a_partly_written_batch(
    library: ChromaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.count()
    col = library._col()
    real_upsert = col.upsert
    writes = {"n": 0}

    def failing_upsert(**kwargs: Any) -> None:
        writes["n"] += 1
        if writes["n"] == 2:
            raise RuntimeError("server went away")
        real_upsert(**kwargs)

    monkeypatch.setattr(col, "upsert", failing_upsert)
    monkeypatch.setattr(library.client, "get_max_batch_size", lambda: 1)
    changed_phone = PHONE.model_copy(update={"objective": "Callers are helped at once"})
    new = DEPLOY.model_copy(update={"id": "t-new"})
    with pytest.raises(RuntimeError):
        library.add([new, changed_phone])
    monkeypatch.undo()
    assert library.get("t-new") is None
    phone = library.get("t-phone")
    assert phone is not None and phone.objective == PHONE.objective
    assert library.count() == 3


def test_open_library_from_settings_seeds_the_shipped_library(store_settings: Settings) -> None:
    library = open_library(store_settings, collection=f"t_{uuid.uuid4().hex[:12]}")
    assert library.count() >= 80
    top = library.search("customers wait too long on the phone", k=3)
    assert "cs-phone-wait" in [e.id for e in top]
    assert isinstance(library.embedding, MiniLMEmbedding) and library.embedding.loads == 1
    on_disk = store_settings.chroma_dir.exists()
    assert on_disk is (store_settings.chroma_url is None)  # server mode writes nothing locally


def test_injected_embedding_for_openai_mode(tmp_path: Path, minilm: MiniLMEmbedding) -> None:
    seen: list[int] = []

    def embed(texts: list[str]) -> list[list[float]]:
        seen.append(len(texts))
        return [list(map(float, v)) for v in minilm.embed(texts)]

    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path, COACH_EMBEDDINGS="openai")
    library = open_library(settings, embed=embed, seed=False)
    assert library.collection_name == "okr_examples_openai"
    library.add(SMALL)
    assert library.search("phone waiting", k=1)[0].id == "t-phone"
    assert seen == [3, 1]


def test_persisted_store_reopens_in_a_new_process(tmp_path: Path, minilm: MiniLMEmbedding) -> None:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    library = ChromaLibrary(make_client(settings), minilm, "okr_examples_minilm", seed=None)
    library.add(SMALL)
    code = (
        "import json; from coach.settings import Settings; from knowledge import open_library;"
        "lib = open_library(Settings(_env_file=None));"
        "print(json.dumps([lib.count(), [e.id for e in lib.search('hold time on calls', k=1)]]))"
    )
    repo = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (repo, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": path}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [3, ["t-phone"]]
