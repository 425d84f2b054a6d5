"""The Reader port: one user turn in, one typed `Reading` out (behind the number guard)."""

from __future__ import annotations

from typing import Protocol

from graph.reading.context import ReadingContext
from graph.reading.models import Reading


class Reader(Protocol):
    """Reads a turn; implementations: `RulesReader` (offline) and `ModelReader` (a model)."""

    name: str

    def read(self, text: str, ctx: ReadingContext) -> Reading: ...
