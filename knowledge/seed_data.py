"""The seed library shipped in `knowledge/seed/*.yaml`: example OKR sets across functions."""

from __future__ import annotations

from pathlib import Path

from knowledge.fmt_structured import read_yaml
from knowledge.models import OKRSet
from knowledge.records import build_sets

SEED_DIR = Path(__file__).with_name("seed")


def seed_files() -> list[Path]:
    return sorted(SEED_DIR.glob("*.yaml"))


def load_seed(*, validate: bool = False) -> list[OKRSet]:
    """Every seed set (source `seed`). The test suite runs the full validator over them;
    at run time only the schema is checked, which keeps first use fast."""
    sets: list[OKRSet] = []
    for path in seed_files():
        raws = read_yaml(path.read_text(encoding="utf-8"), path.name)
        sets.extend(build_sets(raws, path.name, source="seed", validate=validate))
    return sets
