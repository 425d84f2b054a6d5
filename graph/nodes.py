"""The graph's nodes. Verbs; the only `interrupt()` lives in `listen`, and no node that
calls the model also waits for the human (a resumed node re-runs from its start)."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph.agenda import plan
from graph.context import Deps
from graph.draft import draft_updates
from graph.drafting import propose_objective
from graph.prompting import reply_prompt
from graph.state import CoachState, Move, Turn, with_updates
from graph.understand import interpret

EXAMPLE_ROOMS = frozenset({"future_gallery", "gift_shop"})
EXAMPLE_SLOTS = frozenset({"objective", "kr_first", "confirm"})


def listen(state: CoachState) -> dict[str, Any]:
    """Wait for the user's next message; it is checkpointed as soon as this node ends."""
    text = interrupt({"room": state.get("room"), "asked": state.get("asked")})
    return {"turns": [Turn(role="user", room=state.get("room", ""), text=str(text))]}


def understand(state: CoachState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Read the user's turn into the state, refresh the draft, and plan the next move."""
    text = state["turns"][-1]["text"] if state.get("turns") else ""
    updates = interpret(state, text, runtime.context.reading_port())
    merged = with_updates(state, updates)
    if "move" not in updates:
        move, room_updates = plan(merged)
        updates.update(room_updates)
        if updates.get("room", state.get("room")) != state.get("room"):
            move = Move(**{**move, "entered": True})
        updates["move"] = move
        merged = with_updates(merged, updates)
    adopted = adopt_candidate(merged)
    if adopted:
        updates.update(adopted)
        merged = with_updates(merged, updates)
    updates.update(draft_updates(merged))
    return updates


def adopt_candidate(state: CoachState) -> dict[str, Any]:
    """Past the Future Gallery with no Objective named: the candidate built from the user's
    own words becomes a working Objective (said aloud, and changeable with "Objective: …")."""
    if state.get("objective") or not state.get("objective_candidate"):
        return {}
    if state.get("room") in ("ticket_office", "future_gallery"):
        return {}
    title = state.get("objective_candidate")
    return {"objective": title, "news": [*state.get("news", []), f"objective_adopted:{title}"]}


def plan_opening(state: CoachState) -> dict[str, Any]:
    """A new session (or one resumed right after `back`/`next`): plan the first question."""
    move, room_updates = plan(state)
    return {**room_updates, "move": move}


def draft_objective(state: CoachState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Let the model word the Objective candidate (structured output, checked)."""
    return propose_objective(state, runtime.context)


def _examples(state: CoachState, deps: Deps, move: Move) -> list[dict[str, Any]] | None:
    if deps.examples is None or state.get("room") not in EXAMPLE_ROOMS:
        return None
    slot = str(move.get("slot") or "")
    if slot.partition(":")[0] not in EXAMPLE_SLOTS or state.get("asked_counts", {}).get(slot):
        return None  # offered once, when the question is first asked
    if state.get("room") == "future_gallery" and state.get("examples"):
        return None  # one offer in the Future Gallery, one more in the Gift Shop
    answers = state.get("answers", {})
    query = " ".join([*answers.get("best_hopes", []), *state.get("wishes", []),
                      *answers.get("future_perfect", []), state.get("objective") or ""]).strip()
    if not query:
        return None
    try:
        return [dict(e) for e in deps.examples.search_examples(query, k=3)]
    except Exception:  # the knowledge base is a help, never a reason to fail a turn
        return None


def respond(state: CoachState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The coach's words for the planned move, streamed token by token."""
    deps = runtime.context
    move = state.get("move") or Move(kind="ask", slot=None)
    updates: dict[str, Any] = {}
    examples = _examples(state, deps, move)
    if examples is not None:
        updates["examples"] = examples
    turns = state.get("turns", [])
    user_text = turns[-1]["text"] if turns and turns[-1]["role"] == "user" else ""
    prompt = reply_prompt(with_updates(state, updates), move, user_text,
                          budget=deps.context_tokens, count=deps.count_tokens,
                          fresh_examples=bool(examples))
    writer = get_stream_writer()
    pieces: list[str] = []
    carry_over = state.get("carry_over") if not turns else None
    if carry_over:  # the person's learnings, as they were recorded, before the first question
        pieces.append(f"{carry_over}\n\n")
        writer({"token": pieces[-1]})
    for piece in deps.llm.stream(prompt):
        pieces.append(piece)
        writer({"token": piece})
    room = state.get("room", "")
    updates["turns"] = [Turn(role="coach", room=room, text="".join(pieces).strip())]
    if move.get("kind") == "confirm":
        pass  # the read-back question: the asked slot stays as it was
    elif move.get("kind") == "ask" and move.get("slot"):
        slot = str(move["slot"])
        counts = dict(state.get("asked_counts", {}))
        counts[slot] = counts.get(slot, 0) + 1
        updates.update(asked=slot, asked_counts=counts)
    elif move.get("kind") == "finish":
        updates.update(asked=None, room="done")
    return updates
