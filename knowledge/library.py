"""The port the graph and the CLI use: a library of past OKR sets to learn from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from knowledge.models import Example, OKRSet


@dataclass
class AddResult:
    """What an `add` changed. Re-adding identical sets changes nothing (all `unchanged`)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged"
        )


class OKRLibrary(Protocol):
    """Past OKR sets, searchable by meaning and filterable by function and team."""

    def search(
        self, query: str, k: int = 3, function: str | None = None, team: str | None = None
    ) -> list[Example]:
        """The `k` sets most similar to `query`, best first; filters are case-insensitive."""
        ...

    def add(self, sets: Sequence[OKRSet]) -> AddResult:
        """Insert or update sets by id, all or nothing."""
        ...

    def remove(self, set_id: str) -> bool:
        """Delete one set; `False` when there was no such id."""
        ...

    def list(self, function: str | None = None, team: str | None = None) -> list[OKRSet]:
        """All sets (optionally filtered), sorted by function, team, period and id."""
        ...

    def get(self, set_id: str) -> OKRSet | None: ...

    def count(self) -> int: ...

    def reset(self, seed: bool = True) -> int:
        """Drop everything; reload the shipped seed library unless `seed` is false.

        Returns the number of sets afterwards.
        """
        ...
