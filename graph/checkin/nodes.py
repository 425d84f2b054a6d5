"""The check-in graph's nodes. Verbs; the only `interrupt()` lives in `listen`, and the
nodes that call the model (`respond`) or the store (`open_checkin`, `record_checkin`) never
wait for the human (a resumed node re-runs from its start)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from langgraph.config import get_config, get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph.checkin.model_words import model_words
from graph.checkin.models import CheckinState, Move, new_checkin, record_of
from graph.checkin.planner import first_move, next_move, read_turn
from graph.checkin.port import CheckinSource
from graph.checkin.state import CheckinGraphState
from graph.checkin.wording import say
from graph.context import Deps
from graph.state import Turn

ROOM_OF: dict[str, str] = {
    "review": "review", "value": "value", "confidence": "confidence",
    "scale_lower": "confidence", "scale_next": "confidence", "disagreement": "confidence",
    "topic": "topic", "working": "working", "strengths": "strengths",
    "commitments": "commitments", "done": "done"}
"""The planner's step -> the mode's step (`room`): the scaling follow-ups belong to the
confidence of the KR they are about."""


class CheckinSetupError(RuntimeError):
    """A check-in graph run without an OKR set or without a check-in source."""


def _source(deps: Deps) -> CheckinSource:
    if deps.checkins is None:
        raise CheckinSetupError("the check-in needs the OKR store (Deps.checkins)")
    return deps.checkins


def _checkin(state: CheckinGraphState) -> CheckinState:
    return cast(CheckinState, state["checkin"])


def _last_user_text(state: CheckinGraphState) -> str:
    turns = state.get("turns") or []
    return str(turns[-1]["text"]) if turns and turns[-1]["role"] == "user" else ""


def _planned(checkin: CheckinState, update: dict[str, Any], move: Move) -> dict[str, Any]:
    return {"checkin": {**checkin, **update}, "move": move.model_dump(mode="json"),
            "room": ROOM_OF.get(move.step, move.step)}


def _on_date(state: CheckinGraphState) -> date | None:
    on = state.get("on_date")
    return date.fromisoformat(on) if on else None


def open_checkin(state: CheckinGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Read the set's KRs and last week's commitments; plan the opening line."""
    set_id = state.get("okr_set_id")
    if not set_id:
        raise CheckinSetupError("a check-in session belongs to an OKR set (okr_set_id)")
    source = _source(runtime.context)
    on = _on_date(state)
    krs, previous = source.checkin_krs(str(set_id), on)
    checkin = new_checkin(krs, previous, seed=(on or date.today()).isocalendar().week)
    update, move = first_move(checkin)
    return {**_planned(checkin, dict(update), move), "okr": source.okr_of(str(set_id))}


def respond(state: CheckinGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The coach's words for the planned move: the offline line, or the model's wording of
    it when a model is configured (the offline line whenever the model's reply fails)."""
    llm = runtime.context.llm
    move = Move.model_validate(state["move"])
    offline = say(move)
    writer = get_stream_writer()
    if llm.backend == "offline":
        text = offline
        for piece in re.finditer(r"\S+\s*", text):
            writer({"token": piece.group(0)})
    else:  # checked whole before it is shown, so it comes in one piece
        text = model_words(llm, move, offline, _last_user_text(state),
                           first=not state.get("turns"))
        writer({"token": text})
    return {"turns": [Turn(role="coach", room=str(state.get("room", "")), text=text)]}


def listen(state: CheckinGraphState) -> dict[str, Any]:
    """Wait for the person's next message; it is checkpointed as soon as this node ends."""
    room = str(state.get("room", ""))
    text = interrupt({"room": room, "step": _checkin(state)["step"]})
    return {"turns": [Turn(role="user", room=room, text=str(text))]}


def read_and_plan(state: CheckinGraphState) -> dict[str, Any]:
    """One reading of the turn, applied once: the check-in's updates and the next move."""
    checkin = _checkin(state)
    reading = read_turn(checkin, _last_user_text(state))
    update, move = next_move(checkin, reading)
    return {**_planned(checkin, dict(update), move), "reading": reading.model_dump(mode="json")}


def summary_of(move: Move) -> str:
    """The closing summary in the offline coach's words (numbers exactly as taken)."""
    parts = [p for p in move.parts if p.key.startswith("summary_")]
    return say(Move(step=move.step, parts=parts, done=True, variant=move.variant)).strip()


def record_checkin(state: CheckinGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Save the finished check-in to the OKR store. The source stores a session's check-in
    once, so a retry after a failed save, or a resume after a crash between the store's
    commit and this node's checkpoint, never stores it twice."""
    session_id = str(get_config()["configurable"]["thread_id"])
    record = record_of(_checkin(state))
    _source(runtime.context).save_checkin(
        str(state["okr_set_id"]), session_id, record,
        summary=summary_of(Move.model_validate(state["move"])) or None, on=_on_date(state))
    return {"saved": True}
