"""Past OKRs from the knowledge base as conversation examples (the graph's `ExampleSource`).

The library (Chroma + the embedding model) is opened on the first search, so sessions that
never reach the Future Gallery, and every start-up, pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.library import OKRLibrary


class LibraryExamples:
    """Adapts an `OKRLibrary` to the graph: plain dicts, cited by team and period."""

    def __init__(self, open_library: Callable[[], OKRLibrary]) -> None:
        self._open = open_library
        self._library: OKRLibrary | None = None

    def search_examples(
        self, query: str, k: int = 3, function: str | None = None
    ) -> Sequence[dict[str, Any]]:
        if self._library is None:
            self._library = self._open()
        found = self._library.search(query, k=k, function=function)
        return [
            {**example.model_dump(mode="json"), "citation": example.citation()}
            for example in found
        ]
