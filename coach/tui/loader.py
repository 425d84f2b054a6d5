"""Building the runtime (store, model, knowledge base) — imported lazily, run in a worker."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.runtime import CoachRuntime
    from coach.settings import Settings
    from graph.context import ExampleSource


class LibraryExamples:
    """Adapts a knowledge library (`search` → OKR sets) to the graph's `ExampleSource`."""

    def __init__(self, library: Any) -> None:
        self.library = library

    def search_examples(
        self, query: str, k: int = 3, function: str | None = None
    ) -> Sequence[dict[str, Any]]:
        found = self.library.search(query, k=k, function=function)
        return [e.model_dump(mode="json") if hasattr(e, "model_dump") else dict(e)
                for e in found]


def knowledge_examples(settings: Settings, *, force: bool = False) -> ExampleSource | None:
    """The knowledge base as an example source, when there is one (never a reason to fail).

    Without `force`, only a store that already exists (a Chroma server, or a local store in
    the data dir) is opened, so a first run does not build one in the background.
    """
    if not force and not (settings.chroma_url or settings.chroma_dir.exists()):
        return None
    try:
        knowledge = importlib.import_module("knowledge")
        library = knowledge.open_library(settings)
    except Exception:  # absent, misconfigured or unreachable: the coach works without it
        return None
    if hasattr(library, "search_examples"):
        return library  # type: ignore[no-any-return]
    return LibraryExamples(library)


def load_runtime(settings: Settings) -> CoachRuntime:
    """What `coach` needs behind the first screen: sessions, the model, the examples."""
    from coach.runtime import build_runtime

    return build_runtime(settings, settings.backend, examples=knowledge_examples(settings))
