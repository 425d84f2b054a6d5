"""The shipped seed library: enough variety, and every set valid under the OKR validator."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest

from coach.okr.validator import check_kr, check_objective
from knowledge import load_seed
from knowledge.embedding import MiniLMEmbedding, text_key
from knowledge.models import ID_PATTERN, OKRSet, facet_key
from knowledge.seed_data import seed_files
from knowledge.seed_vectors import load_seed_vectors

pytest_plugins = ["tests.conftest_chroma"]

SEED = load_seed(validate=False)


def test_seed_size_and_spread() -> None:
    assert len(SEED) >= 80
    functions = Counter(facet_key(s.function) for s in SEED)
    assert len(functions) >= 12 and min(functions.values()) >= 5
    scored = [s for s in SEED if s.scored]
    assert 0.28 <= len(scored) / len(SEED) <= 0.4  # about a third with past-period scores
    assert all(s.learnings and all(kr.score is not None for kr in s.key_results) for s in scored)
    assert len({s.id for s in SEED}) == len(SEED)
    assert all(s.source == "seed" and s.team and s.period for s in SEED)
    assert len(seed_files()) >= 12


@pytest.mark.parametrize("okr", SEED, ids=[s.id for s in SEED])
def test_every_seed_set_is_valid(okr: OKRSet) -> None:
    assert re.match(ID_PATTERN, okr.id)
    errors = [f for f in check_objective(okr.objective) if f.severity == "error"]
    for kr in okr.key_results:
        errors += [f for f in check_kr(kr.text, okr.objective)[1] if f.severity == "error"]
    assert errors == [], [f.message for f in errors]
    assert 1 <= len(okr.key_results) <= 5


def test_load_with_validation_passes() -> None:
    assert len(load_seed(validate=True)) == len(SEED)


def test_shipped_seed_vectors_are_current(minilm: MiniLMEmbedding) -> None:
    """The precomputed vectors cover every seed document and equal the model's output."""
    known = load_seed_vectors()
    docs = [s.document() for s in SEED]
    assert {text_key(d) for d in docs} <= set(known), "regenerate knowledge/seed/vectors.npz"
    fresh = minilm.embed(docs)
    cached = np.stack([known[text_key(d)] for d in docs])
    assert np.allclose(fresh, cached, atol=1e-4)
    lazy = MiniLMEmbedding(known=load_seed_vectors)
    assert np.allclose(lazy.embed(docs), cached) and lazy.loads == 0  # no model run needed
