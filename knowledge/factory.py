"""Build the library from `Settings` (no module-level state): local dir or Chroma server."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.config import Settings as ChromaSettings

from coach.settings import Settings
from knowledge.chroma_store import WRITE_BATCH, ChromaLibrary
from knowledge.embedding import CallableEmbedding, EmbedFn, MiniLMEmbedding
from knowledge.import_journal import ImportJournal
from knowledge.seed_data import load_seed
from knowledge.seed_vectors import load_seed_vectors

COLLECTION_PREFIX = "okr_examples"
WRITE_BATCH_ENV = "COACH_KB_WRITE_BATCH"
"""Sets per Chroma write in an add (default `WRITE_BATCH`); the kill tests use small ones."""


class ChromaUrlError(ValueError):
    """`COACH_CHROMA_URL` is not an `http(s)://host:port` URL."""


class KnowledgeUnavailable(RuntimeError):
    """The Chroma server cannot be reached; callers may go on without examples."""


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma server client when `COACH_CHROMA_URL` is set, else on-disk in the data dir."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ChromaUrlError(
                f"COACH_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}"
            )
        ssl = url.scheme == "https"
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if ssl else 8000),
                ssl=ssl,
                settings=chroma_settings,
            )
        except ValueError as err:  # chromadb's "Could not connect to a Chroma server"
            raise KnowledgeUnavailable(
                f"cannot reach the Chroma server at {settings.chroma_url} (COACH_CHROMA_URL)"
            ) from err
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def make_embedding(
    settings: Settings, embed: EmbedFn | None = None
) -> EmbeddingFunction[Documents]:
    """Offline MiniLM for `local`; for `openai`, the injected `embed` (or the HTTP endpoint)."""
    if settings.embeddings == "local":
        return MiniLMEmbedding(known=load_seed_vectors)
    if embed is None:
        from knowledge.openai_http import http_embedder

        if settings.openai_api_key is None and not settings.openai_base_url:
            raise KnowledgeUnavailable(
                "COACH_EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL"
            )
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        embed = http_embedder(key, settings.openai_base_url)
    return CallableEmbedding(embed)


def journal_path(settings: Settings, collection: str) -> Path:
    """The import journal of a collection: next to the on-disk store, or, for a Chroma
    server, in the data dir under the server's host and port (so the same logic applies)."""
    place = "local"
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        place = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{url.hostname}_{url.port or ''}").strip("_")
    return settings.data_dir / "kb-journal" / f"{place}--{collection}.json"


def write_batch() -> int:
    raw = os.environ.get(WRITE_BATCH_ENV, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else WRITE_BATCH


def open_library(
    settings: Settings,
    *,
    embed: EmbedFn | None = None,
    seed: bool = True,
    collection: str | None = None,
) -> ChromaLibrary:
    """The library the coach uses. The model and the collection load on first use; in
    server mode the server is contacted here (`KnowledgeUnavailable` when it is down).

    settings: where the store lives (`chroma_dir` / `COACH_CHROMA_URL`) and which embeddings.
    embed: the embedding callable for `COACH_EMBEDDINGS=openai` (ignored for `local`).
    seed: load the shipped seed library into a new, empty store on first use.
    collection: override the collection name (benchmarks, tests).
    """
    name = (
        collection
        or f"{COLLECTION_PREFIX}_{'minilm' if settings.embeddings == 'local' else 'openai'}"
    )
    return ChromaLibrary(
        make_client(settings),
        make_embedding(settings, embed),
        name,
        seed=load_seed if seed else None,
        journal=ImportJournal(journal_path(settings, name)),
        write_batch=write_batch(),
    )
