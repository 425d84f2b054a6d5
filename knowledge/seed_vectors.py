"""Precomputed MiniLM vectors of the seed library, so that first use needs no model run.

`knowledge/seed/vectors.npz` holds one vector per seed document, keyed by `text_key`, and
the size of the model file that computed them; a different model file means no cache.
A test checks that the shipped vectors match what the model computes now. Regenerate after
editing the seed files with
`.venv/bin/python -c "from knowledge.seed_vectors import write_seed_vectors as w; w()"`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.embedding import MiniLMEmbedding, Vector, text_key
from knowledge.minilm import packaged_model_files
from knowledge.seed_data import SEED_DIR, load_seed

VECTORS_FILE = SEED_DIR / "vectors.npz"


def load_seed_vectors(path: Path = VECTORS_FILE) -> dict[str, Vector]:
    """Vectors by text key; empty when the file is missing or from another model file."""
    if not path.is_file():
        return {}
    with np.load(path) as data:
        if int(data["model_size"]) != packaged_model_files()[0].stat().st_size:
            return {}
        return {str(k): v for k, v in zip(data["keys"], data["vectors"], strict=True)}


def write_seed_vectors(path: Path = VECTORS_FILE) -> int:
    docs = sorted({s.document() for s in load_seed()})
    vectors = MiniLMEmbedding().embed(docs)  # the model itself, no cache
    np.savez_compressed(
        path,
        keys=np.array([text_key(d) for d in docs]),
        vectors=vectors,
        model_size=np.int64(packaged_model_files()[0].stat().st_size),
    )
    return len(docs)
