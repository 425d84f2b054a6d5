"""`COACH_EMBEDDINGS=openai` without an injected callable: the embeddings endpoint over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.settings import Settings
from knowledge import KnowledgeUnavailable, KRExample, OKRSet, open_library
from tests.support.fake_openai_server import FakeOpenAIServer

pytest_plugins = ["tests.support.fake_openai_server"]


def test_http_embeddings_against_an_openai_compatible_server(
    tmp_path: Path, fake_openai: FakeOpenAIServer
) -> None:
    settings = Settings(
        _env_file=None,
        COACH_DATA_DIR=tmp_path,
        COACH_EMBEDDINGS="openai",
        OPENAI_BASE_URL=fake_openai.base_url,
        OPENAI_API_KEY="sk-test-knowledge",
    )
    library = open_library(settings, seed=False)
    okr = OKRSet(objective="Callers reach us", key_results=[KRExample(text="Cut wait 9 to 3")])
    library.add([okr])
    assert [e.id for e in library.search("Callers reach us", k=1)] == [okr.id]
    posts = [r for r in fake_openai.requests if r.path.endswith("/embeddings")]
    assert len(posts) == 2 and posts[0].body["input"] == [okr.document()]
    assert posts[0].headers.get("Authorization") == "Bearer sk-test-knowledge"


def test_openai_mode_without_endpoint_is_reported(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path, COACH_EMBEDDINGS="openai")
    with pytest.raises(KnowledgeUnavailable, match="needs OPENAI_API_KEY or OPENAI_BASE_URL"):
        open_library(settings)
