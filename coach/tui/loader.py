"""Building the runtime (store, model, knowledge base) — imported lazily, run in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.runtime import CoachRuntime
    from coach.settings import Settings


def load_runtime(settings: Settings) -> CoachRuntime:
    """What `coach` needs behind the first screen: sessions, the model, the examples.

    The knowledge base is opened on its first search (in the Future Gallery), never at start.
    """
    from coach.runtime import build_runtime

    return build_runtime(settings, settings.backend, knowledge=True)
