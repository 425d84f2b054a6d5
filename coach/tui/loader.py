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

    runtime = build_runtime(settings, settings.backend, knowledge=True)
    warm_up = getattr(runtime.deps.notice, "warm_up", None)
    if callable(warm_up):
        warm_up()  # this runs in a worker: the first turn does not wait for the model
    return runtime
