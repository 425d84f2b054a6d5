"""The rehearsal graph's nodes. Verbs; the only `interrupt()` lives in `listen`; `respond`
(which may call the model for the team's lines) never waits for the human."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from langgraph.config import get_config, get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph.context import Deps
from graph.rehearse.facilitation import classify
from graph.rehearse.kb_team import team_finder
from graph.rehearse.model_labels import labels_by_model
from graph.rehearse.model_personas import persona_words
from graph.rehearse.models import Feedback, LeadLabels, PersonaLine
from graph.rehearse.persona_lines import HOPE_KINDS
from graph.rehearse.plan_models import Move, Rehearsal
from graph.rehearse.planner import Planned, first_move, next_move, room_of
from graph.rehearse.reading import Classify, Labeller, Source, read_turn, rules_labeller
from graph.rehearse.runsheet import draft_okr
from graph.rehearse.state import RehearseGraphState
from graph.rehearse.wording import say
from graph.state import Turn


def _rehearsal(state: RehearseGraphState) -> Rehearsal:
    return Rehearsal.model_validate(state.get("rehearsal") or {})


def _classifier(deps: Deps) -> Classify:
    return deps.facilitation if deps.facilitation is not None else classify


def _labeller(deps: Deps, room: str) -> Labeller:
    """The classifier offline; with a model, the model cross-checked by the classifier."""
    if deps.llm.backend == "offline":
        return rules_labeller(_classifier(deps))

    def label(text: str, team_lines: Sequence[str]) -> tuple[LeadLabels, Source]:
        return labels_by_model(deps.llm, text, team_lines, room, _classifier(deps))

    return label


def _planned(planned: Planned, feedback: list[dict[str, Any]]) -> dict[str, Any]:
    r = planned.rehearsal
    okr, findings = draft_okr(r)
    update: dict[str, Any] = {"rehearsal": r.model_dump(mode="json"),
                              "move": planned.move.model_dump(mode="json"),
                              "room": planned.move.room, "okr": okr, "findings": findings}
    items = [dict(f) for f in feedback]
    if planned.replayed is not None and planned.replayed < len(items):
        items[planned.replayed] = {**items[planned.replayed], "replayed": True}
    if planned.feedback is not None:
        items.append(planned.feedback.model_dump(mode="json"))
    if items != feedback:
        update["feedback"] = items
    return update


def open_rehearsal(state: RehearseGraphState) -> dict[str, Any]:
    return _planned(first_move(_rehearsal(state)), list(state.get("feedback") or []))


def _stream(text: str) -> None:
    writer = get_stream_writer()
    for piece in re.finditer(r"\S+\s*", text):
        writer({"token": piece.group(0)})


def _team_lines(state: RehearseGraphState, deps: Deps, move: Move
                ) -> tuple[list[PersonaLine], Rehearsal | None]:
    """The team's lines as they will be shown: the model's wording when one is configured."""
    if deps.llm.backend == "offline" or not move.lines:
        return list(move.lines), None
    r = _rehearsal(state)
    cards = {c.name: c for c in r.cards}
    shown: list[PersonaLine] = []
    for line in move.lines:
        card = cards.get(line.persona)
        if card is None:
            shown.append(line)
            continue
        worded = persona_words(deps.llm, card, line, room=move.room, team=r.team,
                               lead_text=move.lead_text, others=list(cards),
                               mood=r.moods.get(card.name, 0))
        if line.kind in HOPE_KINDS and worded.text != line.text:  # the run-sheet quotes it
            for heard in reversed(r.heard["hopes"]):
                if heard.persona == line.persona:
                    heard.text = worded.text
                    break
        shown.append(worded)
    return shown, r


def respond(state: RehearseGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """The coach's words, then the team's lines (one turn per persona), then the coach's
    words that move the workshop on."""
    move = Move.model_validate(state["move"])
    session_id = str(get_config()["configurable"]["thread_id"])
    turns: list[Turn] = []
    if move.before:
        text = say(move.before, move.variant, session_id)
        _stream(text)
        turns.append(Turn(role="coach", room=move.room, text=text))
    lines, reworded = _team_lines(state, runtime.context, move)
    for line in lines:
        writer = get_stream_writer()
        writer({"persona": line.persona, "text": line.text})
        turns.append(Turn(role="persona", room=move.room, text=line.text,
                                  persona=line.persona))
    if move.after:
        text = say(move.after, move.variant + 1, session_id)
        _stream(text)
        turns.append(Turn(role="coach", room=move.after_room or move.room, text=text))
    update: dict[str, Any] = {"turns": turns}
    if reworded is not None:
        update["rehearsal"] = reworded.model_dump(mode="json")
    return update


def listen(state: RehearseGraphState) -> dict[str, Any]:
    """Wait for the lead's next turn; it is checkpointed as soon as this node ends."""
    room = str(state.get("room", ""))
    text = interrupt({"room": room})
    return {"turns": [Turn(role="user", room=room, text=str(text))]}


def read_and_plan(state: RehearseGraphState, runtime: Runtime[Deps]) -> dict[str, Any]:
    """One reading of the lead's turn, applied once: the team's reply, the feedback."""
    r = _rehearsal(state)
    turns = state.get("turns") or []
    text = str(turns[-1]["text"]) if turns and turns[-1]["role"] == "user" else ""
    deps = runtime.context
    reading = read_turn(r, text, _labeller(deps, room_of(r)), team_finder(deps.examples))
    feedback = list(state.get("feedback") or [])
    planned = next_move(r, reading, [Feedback.model_validate(f) for f in feedback])
    update = _planned(planned, feedback)
    update["room"] = room_of(planned.rehearsal) if planned.move.after else planned.move.room
    return update
