"""Reading one user turn (once, into a `Reading`) and applying it to the state."""

from __future__ import annotations

from typing import Any

from graph.apply import apply_reading
from graph.reading.context import Readback, ReadingContext, kr_views
from graph.reading.models import Reading
from graph.reading.port import Reader
from graph.state import CoachState


def reading_context(state: CoachState) -> ReadingContext:
    pending = state.get("pending_confirm") or {}
    values = pending.get("values") or {}
    readback = None
    kr = pending.get("kr")
    krs = state.get("key_results", [])
    last = state.get("last_kr")
    statement = pending.get("statement") or {}
    if kr is None and last is not None and 0 <= last < len(krs) and statement.get("metric") \
            and krs[last].get("metric") == statement.get("metric"):
        kr = last  # the read-back came with the KR it is about
    if len(values) == 1 and kr is not None:  # the read-back still open
        field, quantity = next(iter(values.items()))
        if quantity.get("value") is not None:
            readback = Readback(kr=kr, field=field, value=quantity["value"],
                                unit=quantity.get("unit"))
    return ReadingContext(asked=state.get("asked"), krs=kr_views(state.get("key_results", [])),
                          objective=state.get("objective"), last_kr=state.get("last_kr"),
                          awaiting_confirm=bool(pending), readback=readback)


def read_turn(state: CoachState, text: str, reader: Reader) -> Reading:
    return reader.read(text, reading_context(state))


def interpret(state: CoachState, text: str, reader: Reader) -> dict[str, Any]:
    """All the state updates one user turn causes (before the planner picks the next move)."""
    reading = read_turn(state, text, reader)
    updates = apply_reading(state, reading)
    updates["reading"] = reading.model_dump(exclude_defaults=True)
    return updates
