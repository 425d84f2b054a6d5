"""What each room of the art gallery gathers, and the planner that picks the next move.

A room ends when it has gathered what it is for (no open slot left) or when its turn
cap is reached; a slot asked twice without an answer is let go, so nobody is stuck.
"""

from __future__ import annotations

from typing import Any

from graph.draft import MAX_KRS
from graph.state import ROOMS, CoachState, Move, with_updates

# Each room's slots in the order the coach asks for them.
AGENDA: dict[str, tuple[str, ...]] = {
    "ticket_office": ("best_hopes", "meaning"),
    "future_gallery": ("future_perfect", "notice", "objective", "kr_first", "kr_target",
                       "kr_due", "more_krs"),
    "instances_gallery": ("scale", "scale_why", "kr_baseline", "scale_next", "resources"),
    "gift_shop": ("small_steps", "confirm"),
}
TURN_CAP: dict[str, int] = {
    "ticket_office": 5,
    "future_gallery": 14,
    "instances_gallery": 10,
    "gift_shop": 6,
}
FREE_TEXT_SLOTS = frozenset(
    {"best_hopes", "meaning", "future_perfect", "notice", "scale_why", "scale_next",
     "resources", "small_steps"}
)
MAX_ASKS = 2
_MAX_ASKS = {"kr_first": 3}  # an OKR without a Key Result is no OKR: ask once more


def _kr_missing(state: CoachState, field: str) -> int | None:
    for index, kr in enumerate(state.get("key_results", [])):
        if kr.get(field) is None and not (field == "baseline" and kr.get("baseline_unknown")):
            return index
    return None


def _slot_key(slot: str, state: CoachState) -> str:
    """The concrete slot id, e.g. ``kr_target`` becomes ``kr_target:1`` for the second KR: the
    KR the person named last when it lacks the value (they are thinking of it), else the
    first one that lacks it and was not asked about enough yet."""
    if slot not in ("kr_target", "kr_baseline"):
        return slot
    field = "target" if slot == "kr_target" else "baseline"
    krs = state.get("key_results", [])
    counts = state.get("asked_counts", {})
    missing = [i for i, kr in enumerate(krs) if kr.get(field) is None
               and not (field == "baseline" and kr.get("baseline_unknown"))]
    if not missing:
        return slot
    fresh = [i for i in missing if counts.get(f"{slot}:{i}", 0) < MAX_ASKS]
    last = state.get("last_kr")
    index = last if last in fresh else (fresh or missing)[0]
    return f"{slot}:{index}"


def _is_open(slot: str, state: CoachState) -> bool:
    answers = state.get("answers", {})
    krs = state.get("key_results", [])
    if slot in FREE_TEXT_SLOTS and slot != "small_steps":
        return not answers.get(slot)
    match slot:
        case "small_steps":
            return not state.get("steps") and not answers.get("small_steps")
        case "objective":
            return not state.get("objective")
        case "kr_first":
            return not krs
        case "kr_target":
            return _kr_missing(state, "target") is not None
        case "kr_baseline":
            return _kr_missing(state, "baseline") is not None
        case "kr_due":
            return bool(krs) and not state.get("period") and any(not k.get("due") for k in krs)
        case "more_krs":
            return bool(krs) and not state.get("krs_closed") and len(krs) < MAX_KRS
        case "scale":
            return state.get("scale") is None
        case "confirm":
            return not state.get("confirmed")
    return False


def open_slot(state: CoachState, room: str) -> str | None:
    """The first slot of `room` still to ask, as a concrete id; None when the room is complete."""
    counts = state.get("asked_counts", {})
    for slot in AGENDA.get(room, ()):
        if not _is_open(slot, state):
            continue
        key = _slot_key(slot, state)
        if counts.get(key, 0) >= _MAX_ASKS.get(slot, MAX_ASKS) and slot != "confirm":
            continue  # let go — except the final check, which waits for a yes
        return key
    return None


def next_room(room: str) -> str:
    index = ROOMS.index(room) if room in ROOMS else len(ROOMS) - 1
    return ROOMS[index + 1] if index + 1 < len(ROOMS) else "done"


def previous_room(room: str) -> str:
    if room == "done":
        return ROOMS[-1]
    index = ROOMS.index(room) if room in ROOMS else 0
    return ROOMS[max(index - 1, 0)]


def plan(state: CoachState) -> tuple[Move, dict[str, Any]]:
    """Choose the next move; returns it with the state updates that go with it (room changes)."""
    room = state.get("room", ROOMS[0])
    if state.get("confirmed") or room == "done":
        return Move(kind="finish", slot=None, entered=room != "done", note=None), {"room": "done"}
    if state.get("revisit"):
        first = AGENDA[room][0]
        return Move(kind="ask", slot=first, entered=True, note="revisit"), {"revisit": False}
    updates: dict[str, Any] = {}
    entered = False
    while True:
        slot = open_slot(state, room)
        if slot is not None and state.get("room_turns", 0) < TURN_CAP[room]:
            return Move(kind="ask", slot=slot, entered=entered, note=None), updates
        if room == "gift_shop":  # the draft is final only on a yes
            return Move(kind="ask", slot="confirm", entered=entered, note=None), updates
        room = next_room(room)
        entered = True
        updates.update(room=room, room_turns=0)
        if room == "done":
            return Move(kind="finish", slot=None, entered=True, note=None), updates
        state = with_updates(state, updates)
