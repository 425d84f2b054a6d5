"""Knowledge base benchmarks: seed index time, query latency at 1k/10k/100k, embedding speed.

Run: .venv/bin/python benchmarks/bench_knowledge.py [--sizes 1000,10000,100000] [--json]

- index: a fresh on-disk store seeded with the shipped library on first use, as shipped
  (precomputed seed vectors) and with the model embedding every seed document.
- query: p50/p95 of `library.search(q, k=5)` (query embedding + Chroma + record parsing), and of
  the Chroma query alone, over the labelled user phrasings, on an on-disk store and on a
  `chroma run` server started here (127.0.0.1, free port, temp path). The 1k store holds
  real MiniLM vectors of synthetic OKR texts; 10k and 100k hold precomputed random unit
  vectors (same dimension, same metadata) so that they can be filled in seconds.
- embedding: throughput and peak RSS of `MiniLMEmbedding` vs Chroma's default ONNX function
  (`ONNXMiniLM_L6_V2`, pointed at the same packaged model files; no download) on the same
  1,000 texts, each in its own child process so that peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.settings import Settings  # noqa: E402
from knowledge.chroma_store import ChromaLibrary, _metadata  # noqa: E402
from knowledge.embedding import DIMENSION, MiniLMEmbedding, packaged_model_files  # noqa: E402
from knowledge.factory import make_client, open_library  # noqa: E402
from knowledge.models import KRExample, OKRSet  # noqa: E402

QUERIES = [
    q["query"]
    for q in yaml.safe_load((REPO / "tests/data/retrieval_queries.yaml").read_text())["queries"]
]
FUNCTIONS = [
    "customer service",
    "software engineering",
    "sales",
    "HR",
    "finance",
    "operations",
    "marketing",
    "education",
    "healthcare",
    "non-profit",
    "product management",
]
SUBJECTS = [
    "calls answered within a minute",
    "first-contact resolution",
    "deployment frequency",
    "win rate",
    "voluntary turnover",
    "days sales outstanding",
    "on-time delivery",
    "newsletter open rate",
    "attendance",
    "patient waiting time",
    "donor retention",
    "activation rate",
    "customer churn",
    "scrap rate",
    "candidate satisfaction",
]
HOPES = [
    "Customers feel looked after",
    "We deliver what we promise",
    "People love working here",
    "Our work is calm and predictable",
    "Everyone can rely on us",
    "Our community grows",
]


def synthetic_sets(n: int, seed: int = 7) -> list[OKRSet]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        krs = []
        for _ in range(3):
            a, b = sorted(rnd.sample(range(5, 95), 2))
            verb, (x, y) = rnd.choice([("Increase", (a, b)), ("Reduce", (b, a))])
            krs.append(KRExample(text=f"{verb} {rnd.choice(SUBJECTS)} from {x}% to {y}%"))
        out.append(
            OKRSet(
                id=f"syn-{i:06d}",
                objective=f"{rnd.choice(HOPES)} in unit {i}",
                key_results=krs,
                team=f"Team {i % 500}",
                function=rnd.choice(FUNCTIONS),
                period="2025-Q1",
            )
        )
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; `ru_maxrss` would include the parent's peak,
    which a child inherits across fork + exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- index time -------------------------------------------------------------------------------


def bench_index(runs: int) -> dict[str, Any]:
    """First use of a fresh on-disk store: as shipped (precomputed seed vectors) and with the
    model embedding every seed document (what a changed seed file or another model costs)."""
    out: dict[str, Any] = {}
    for mode in ("shipped_vectors", "model_run"):
        times = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                settings = Settings(_env_file=None, COACH_DATA_DIR=Path(tmp))
                start = time.perf_counter()
                library = open_library(settings)
                if mode == "model_run":
                    library.embedding = MiniLMEmbedding()
                count = library.count()  # first use: (load the model,) embed, write the seed
                times.append(time.perf_counter() - start)
        out[mode] = {"median_s": statistics.median(times), "all_s": times}
    return {"sets": count, "runs": runs, **out}


# -- query latency ----------------------------------------------------------------------------


def fill(library: ChromaLibrary, sets: list[OKRSet], vectors: Any) -> float:
    col = library._col()
    step = library.client.get_max_batch_size()
    start = time.perf_counter()
    for i in range(0, len(sets), step):
        chunk = sets[i : i + step]
        col.add(
            ids=[s.id for s in chunk],
            embeddings=vectors[i : i + step],
            documents=[s.document() for s in chunk],
            metadatas=[_metadata(s) for s in chunk],
        )  # type: ignore[misc]
    return time.perf_counter() - start


def bench_queries(library: ChromaLibrary, rounds: int) -> dict[str, float]:
    qs = QUERIES * rounds
    qvecs = library.embed(QUERIES)
    library.search(QUERIES[0], k=5)  # warm
    full, raw, filtered = [], [], []
    col = library._col()
    for i, q in enumerate(qs):
        t = time.perf_counter()
        library.search(q, k=5)
        full.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        col.query(
            query_embeddings=[qvecs[i % len(QUERIES)]],
            n_results=5,
            include=["metadatas", "distances"],
        )
        raw.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        library.search(q, k=5, function=FUNCTIONS[i % len(FUNCTIONS)])
        filtered.append((time.perf_counter() - t) * 1000)
    return {
        "queries": len(qs),
        "p50_ms": pct(full, 50),
        "p95_ms": pct(full, 95),
        "chroma_only_p50_ms": pct(raw, 50),
        "chroma_only_p95_ms": pct(raw, 95),
        "filtered_p50_ms": pct(filtered, 50),
        "filtered_p95_ms": pct(filtered, 95),
    }


def bench_latency(
    settings: Settings, sizes: list[int], model: MiniLMEmbedding, rounds: int
) -> list[dict[str, Any]]:
    rows = []
    client = make_client(settings)
    for n in sizes:
        library = ChromaLibrary(client, model, f"bench_{n}", seed=None)
        library.reset(seed=False)
        sets = synthetic_sets(n)
        if n <= 1000:
            t = time.perf_counter()
            vectors: Any = model.embed([s.document() for s in sets])
            kind, embed_s = "MiniLM vectors of synthetic OKRs", time.perf_counter() - t
        else:
            rng = np.random.default_rng(n)
            vectors = rng.standard_normal((n, DIMENSION), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            kind, embed_s = "random unit vectors (precomputed)", 0.0
        fill_s = fill(library, sets, vectors)
        row = {
            "size": n,
            "vectors": kind,
            "embed_s": round(embed_s, 2),
            "fill_s": round(fill_s, 2),
            **bench_queries(library, rounds),
        }
        rows.append(row)
        print(f"  {settings.chroma_url or 'local'} n={n}: {row}", file=sys.stderr)
        client.delete_collection(f"bench_{n}")
    return rows


def start_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "chroma"),
            "run",
            "--path",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chroma server did not start")


# -- embedding throughput (child processes) ---------------------------------------------------


def chroma_default_dir(root: Path) -> Path:
    """The six files Chroma's default function looks for, from the packaged model (no download)."""
    model, tokenizer = packaged_model_files()
    onnx = root / "onnx"
    onnx.mkdir(parents=True, exist_ok=True)
    os.symlink(model, onnx / "model.onnx")
    os.symlink(tokenizer, onnx / "tokenizer.json")
    vocab = json.loads(tokenizer.read_text())["model"]["vocab"]
    (onnx / "vocab.txt").write_text("\n".join(sorted(vocab, key=vocab.get)) + "\n")
    (onnx / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_size": 384}))
    (onnx / "special_tokens_map.json").write_text(
        json.dumps(
            {
                "cls_token": "[CLS]",
                "sep_token": "[SEP]",
                "pad_token": "[PAD]",
                "unk_token": "[UNK]",
                "mask_token": "[MASK]",
            }
        )
    )
    (onnx / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": True}))
    return root


def embed_child(which: str, texts_file: str, out_file: str, model_root: str) -> None:
    texts = json.loads(Path(texts_file).read_text())
    base_rss = peak_rss_mb()
    if which == "ours":
        ef: Any = MiniLMEmbedding()
        ef(["warm up"])
    else:
        from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

        class Local(ONNXMiniLM_L6_V2):
            DOWNLOAD_PATH = Path(model_root)

        ef = Local(preferred_providers=["CPUExecutionProvider"])
        ef(["warm up"])
    start = time.perf_counter()
    vectors = np.asarray(ef(texts), dtype=np.float32)
    seconds = time.perf_counter() - start
    np.save(out_file, vectors)
    print(
        json.dumps(
            {
                "which": which,
                "texts": len(texts),
                "seconds": seconds,
                "texts_per_s": len(texts) / seconds,
                "peak_rss_mb": peak_rss_mb(),
                "rss_before_model_mb": base_rss,
            }
        )
    )


def bench_embedding(n: int, tmp: Path) -> dict[str, Any]:
    texts = [kr.text for s in synthetic_sets(n // 3 + 1, seed=11) for kr in s.key_results][:n]
    texts = [f"{t} — {QUERIES[i % len(QUERIES)]}" if i % 4 == 0 else t for i, t in enumerate(texts)]
    (tmp / "texts.json").write_text(json.dumps(texts))
    root = chroma_default_dir(tmp / "chroma_default")
    results = {}
    for which in ("ours", "chroma_default"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--embed-child",
                which,
                str(tmp / "texts.json"),
                str(tmp / f"{which}.npy"),
                str(root),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        results[which] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  embedding {which}: {results[which]}", file=sys.stderr)
    a, b = np.load(tmp / "ours.npy"), np.load(tmp / "chroma_default.npy")
    cos = (a * b).sum(axis=1)
    return {
        **results,
        "speedup": results["ours"]["texts_per_s"] / results["chroma_default"]["texts_per_s"],
        "min_cosine_ours_vs_default": float(cos.min()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the 44 queries")
    parser.add_argument("--index-runs", type=int, default=3)
    parser.add_argument("--embed-texts", type=int, default=1000)
    parser.add_argument("--skip", default="", help="comma list of: index,local,server,embedding")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--embed-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed_child:
        embed_child(*args.embed_child)
        return
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(x) for x in args.sizes.split(",")]
    report: dict[str, Any] = {"cpus": os.cpu_count()}
    tmp = Path(tempfile.mkdtemp(prefix="bench-kb-"))
    try:
        if "index" not in skip:
            report["index_seed"] = bench_index(args.index_runs)
            print(f"  index: {report['index_seed']}", file=sys.stderr)
        model = MiniLMEmbedding()
        if "local" not in skip:
            local = Settings(_env_file=None, COACH_DATA_DIR=tmp / "local")
            report["latency_local"] = bench_latency(local, sizes, model, args.rounds)
        if "server" not in skip:
            proc, url = start_server(tmp / "server")
            try:
                remote = Settings(_env_file=None, COACH_DATA_DIR=tmp / "x", COACH_CHROMA_URL=url)
                report["latency_server"] = bench_latency(remote, sizes, model, args.rounds)
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        if "embedding" not in skip:
            report["embedding"] = bench_embedding(args.embed_texts, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)


def print_report(r: dict[str, Any]) -> None:
    if "index_seed" in r:
        i = r["index_seed"]
        for mode in ("shipped_vectors", "model_run"):
            print(
                f"seed index ({mode}): {i['sets']} sets in {i[mode]['median_s']:.2f} s "
                f"(median of {i['runs']}, fresh on-disk store, from open_library to count)"
            )
    for mode in ("latency_local", "latency_server"):
        for row in r.get(mode, []):
            print(
                f"{mode[8:]:>6} n={row['size']:>6}: search k=5 p50 {row['p50_ms']:.1f} ms "
                f"p95 {row['p95_ms']:.1f} ms | chroma only p50 {row['chroma_only_p50_ms']:.1f}"
                f" p95 {row['chroma_only_p95_ms']:.1f} | filtered p50 "
                f"{row['filtered_p50_ms']:.1f} p95 {row['filtered_p95_ms']:.1f} "
                f"| fill {row['fill_s']} s ({row['vectors']})"
            )
    if "embedding" in r:
        e = r["embedding"]
        for k in ("ours", "chroma_default"):
            print(
                f"embedding {k:>14}: {e[k]['texts_per_s']:.0f} texts/s "
                f"({e[k]['seconds']:.1f} s for {e[k]['texts']}), "
                f"peak RSS {e[k]['peak_rss_mb']:.0f} MB "
                f"(imports alone {e[k]['rss_before_model_mb']:.0f} MB)"
            )
        print(
            f"speed-up {e['speedup']:.1f}x; min cosine ours vs default "
            f"{e['min_cosine_ours_vs_default']:.5f}"
        )


if __name__ == "__main__":
    main()
