"""The retro graph's nodes. Verbs; the only `interrupt()` lives in `listen`, and the nodes
that call the model (`respond`), the store (`open_retro`, `record_retro`) or the knowledge
base (`learn_from_retro`) never wait for the human (a resumed node re-runs from its start).

The outcome goes out in two steps, each its own node: first the scores to the OKR store
(the system of record), then the scored set to the knowledge base. A knowledge base that
fails leaves the scores saved; `retry` runs only the knowledge base's step again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from langgraph.config import get_config, get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph.checkin.model_words import Words, model_words
from graph.context import Deps
from graph.retro import wording
from graph.retro.models import Move, Part, RetroState, new_retro, record_of
from graph.retro.planner import first_move, next_move, read_turn
from graph.retro.port import RetroSource
from graph.retro.state import RetroGraphState
from graph.retro.wording import say
from graph.state import Turn

ROOM_OF: dict[str, str] = {
    "score": "scores", "reflect": "scores", "learning": "scores", "proud": "proud",
    "strengths": "strengths", "set_learnings": "learning", "offer": "next_period",
    "done": "done"}
"""The planner's step -> the mode's step (`room`): a KR's reflection and learning belong to
the scoring of that KR; the learnings about setting OKRs are "What we learned"."""

RETRO_WORDS = Words(task="retro_reply", line=wording.line, prompt=wording.model_prompt,
                    read_back=("scored", "corrected_score", "kept_score"), name="retro")
"""A read-back restates the score just taken: the model's wording must keep it."""


class RetroSetupError(RuntimeError):
    """A retro graph run without an OKR set or without a retro source."""


def _source(deps: Deps) -> RetroSource:
    if deps.retros is None:
        raise RetroSetupError("the retrospective needs the OKR store (Deps.retros)")
    return deps.retros


def _retro(state: RetroGraphState) -> RetroState:
    return cast(RetroState, state["retro"])


def _last_user_text(state: RetroGraphState) -> str:
    turns = state.get("turns") or []
    return str(turns[-1]["text"]) if turns and turns[-1]["role"] == "user" else ""


def _planned(retro: RetroState, update: dict[str, Any], move: Move) -> dict[str, Any]:
    return {"retro": {**retro, **update}, "move": move.model_dump(mode="json"),
            "room": ROOM_OF.get(move.step, move.step)}


def _session_id() -> str:
    return str(get_config()["configurable"]["thread_id"])


def open_retro(state: RetroGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Read the set's KRs with their last values; plan the opening line."""
    set_id = state.get("okr_set_id")
    if not set_id:
        raise RetroSetupError("a retrospective belongs to an OKR set (okr_set_id)")
    source = _source(runtime.context)
    krs, titles = source.retro_krs(str(set_id))
    retro = new_retro(krs, titles, seed=date.today().isocalendar().week)
    update, move = first_move(retro)
    return {**_planned(retro, dict(update), move), "okr": source.okr_of(str(set_id))}


def respond(state: RetroGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
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
                           first=not state.get("turns"), words=RETRO_WORDS)
        writer({"token": text})
    start = _start_line(state, move)
    if start:  # the command, word for word, whoever worded the rest
        writer({"token": "\n" + start})
        text = f"{text}\n{start}"
    return {"turns": [Turn(role="coach", room=str(state.get("room", "")), text=text)]}


def _start_line(state: RetroGraphState, move: Move) -> str | None:
    """After a yes to the offer: how to start the next period's OKRs from this set."""
    if not move.done or _retro(state).get("next_period") is not True:
        return None
    return wording.line(Part(key="offer_start", values={"set_id": str(state["okr_set_id"])}),
                        move.variant)


def listen(state: RetroGraphState) -> dict[str, Any]:
    """Wait for the person's next message; it is checkpointed as soon as this node ends."""
    room = str(state.get("room", ""))
    text = interrupt({"room": room, "step": _retro(state)["step"]})
    return {"turns": [Turn(role="user", room=room, text=str(text))]}


def read_and_plan(state: RetroGraphState) -> dict[str, Any]:
    """One reading of the turn, applied once: the retro's updates and the next move."""
    retro = _retro(state)
    reading = read_turn(retro, _last_user_text(state))
    update, move = next_move(retro, reading)
    return {**_planned(retro, dict(update), move), "reading": reading.model_dump(mode="json")}


def record_retro(state: RetroGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Save the scores to the OKR store. The source stores a session's scores once, so a
    retry after a failed save, or a resume after a crash between the store's commit and
    this node's checkpoint, never stores them twice."""
    record = record_of(_retro(state))
    on = state.get("on_date")
    _source(runtime.context).save_retro(str(state["okr_set_id"]), _session_id(), record,
                                        on=date.fromisoformat(on) if on else None)
    return {"saved": True}


def learn_from_retro(state: RetroGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """Add the scored set with its learnings to the knowledge base (after the scores are
    saved; a failure here is retried on its own)."""
    record = record_of(_retro(state))
    _source(runtime.context).learn_from(str(state["okr_set_id"]), _session_id(), record)
    return {"learned": True}
