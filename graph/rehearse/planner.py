"""What happens after each lead turn: the set-up (team, length, cast), the four rooms, the
replay of a moment, and the debrief. Pure: a `Rehearsal` and one reading in, the next
`Rehearsal`, the `Move` to say and the turn's feedback out."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.rehearse.card_edits import apply_edit
from graph.rehearse.feedback import feedback_for
from graph.rehearse.models import ROOMS, Feedback, PersonaLine
from graph.rehearse.persona_lines import answer
from graph.rehearse.personas import card_line, propose_cast
from graph.rehearse.plan_models import (
    ROOMS_PER_TURNS,
    TEAM_LINES,
    Heard,
    Move,
    Part,
    Rehearsal,
    RehearseReading,
    Snapshot,
)
from graph.rehearse.tally import debrief, scorecard
from graph.rehearse.timings import DEFAULT_MINUTES, room_minutes


@dataclass
class Planned:
    rehearsal: Rehearsal
    move: Move
    feedback: Feedback | None = None
    replayed: int | None = None
    """The index of the feedback item whose moment is being replayed."""
    parts: list[Part] = field(default_factory=list)


def room_of(r: Rehearsal) -> str:
    if r.phase in ("team", "cast"):
        return "setup"
    return "done" if r.phase == "done" else ROOMS[r.room_index]


def first_move(r: Rehearsal) -> Planned:
    return Planned(r, Move(room="setup", before=[Part(key="ask_team")]))


def _hint(r: Rehearsal, key: str) -> Part:
    """A hint that names people of this cast (never a name the lead has not seen)."""
    names = [c.name for c in r.cards] or ["Sam", "Alex"]
    return Part(key=key, values={"first": names[0], "second": names[1 % len(names)]})


def _cast_parts(r: Rehearsal) -> list[Part]:
    return [Part(key="cast_line", values={"line": card_line(c)}) for c in r.cards]


def _room_open(r: Rehearsal) -> Part:
    room = ROOMS[r.room_index]
    minutes = room_minutes(r.team.minutes or DEFAULT_MINUTES)
    return Part(key=f"room_open.{room}", values={
        "minutes": str(minutes[room]), "total": str(r.team.minutes or DEFAULT_MINUTES),
        "names": ", ".join(c.name for c in r.cards)})


def _team(r: Rehearsal, reading: RehearseReading) -> Planned:
    if reading.team is not None:
        r.team = reading.team
    found = ([Part(key="team_from_kb", values={"citation": reading.from_kb})]
             if reading.from_kb else [])
    if r.team.minutes is None:
        r.asked["length"] = r.asked.get("length", 0) + 1
        if r.asked["length"] < 3:
            return Planned(r, Move(room="setup", before=[*found, Part(key="ask_length")]))
        r.team.minutes = DEFAULT_MINUTES  # said aloud, and changeable in the cast step
        before = [Part(key="length_default", values={"minutes": str(DEFAULT_MINUTES)})]
    else:
        before = [*found, Part(key="length_noted", values={"minutes": str(r.team.minutes)})]
    size = r.team.size
    r.cards = propose_cast(r.team, count=4 if size is None or size >= 4 else 3)
    r.moods = {c.name: 0 for c in r.cards}
    r.phase = "cast"
    parts = [*before, Part(key="cast_intro", values={"count": str(len(r.cards))}),
             *_cast_parts(r), _hint(r, "cast_hint")]
    return Planned(r, Move(room="setup", before=parts))


def _cast(r: Rehearsal, reading: RehearseReading) -> Planned:
    edit = reading.edit
    if reading.team is not None or edit is None:
        return Planned(r, Move(room="setup", before=[_hint(r, "cast_unclear")]))
    if edit.refusal:
        return Planned(r, Move(room="setup", before=[
            Part(key="cast_refused", values={"reason": edit.refusal})]))
    parts: list[Part] = []
    if edit.changes:
        r.cards = apply_edit(r.cards, edit, r.team)
        r.moods = {c.name: r.moods.get(c.name, 0) for c in r.cards}
        parts += [Part(key="cast_changed"), *_cast_parts(r)]
    if not edit.start:
        return Planned(r, Move(room="setup", before=[*parts, _hint(r, "cast_hint")]))
    r.phase, r.room_index, r.room_turns = "rooms", 0, 0
    return Planned(r, Move(room=ROOMS[0], before=[*parts, _room_open(r)]))


def _advance(r: Rehearsal, feedback: list[Feedback]) -> tuple[list[Part], bool]:
    """Parts that move the workshop to its next room, or end it after the Gift Shop."""
    if r.room_index + 1 >= len(ROOMS):
        return _debrief(r, feedback), True
    r.room_index, r.room_turns, r.undo = r.room_index + 1, 0, None
    return [Part(key="room_next"), _room_open(r)], False


def _debrief(r: Rehearsal, feedback: list[Feedback]) -> list[Part]:
    r.phase = "done"
    invited = all(c.name in r.spoke for c in r.cards)
    well, to_try = debrief(feedback)
    parts = [Part(key="debrief_intro")]
    parts += [Part(key="debrief_well", values={"item": w}) for w in well]
    parts += [Part(key="debrief_try", values={"item": t}) for t in to_try]
    parts.append(Part(key="scorecard_intro"))
    parts += [Part(key="scorecard_row", values={
        "mark": "yes" if kept else "no", "principle": principle, "evidence": evidence})
        for principle, kept, evidence in scorecard(feedback, invited)]
    parts.append(Part(key="runsheet_hint"))
    return parts


def _snapshot(r: Rehearsal, feedback_index: int) -> Snapshot:
    return Snapshot(moods=dict(r.moods), revealed=list(r.revealed), room_index=r.room_index,
                    room_turns=r.room_turns, team_lines=list(r.team_lines),
                    last_lines=list(r.last_lines),
                    heard={k: list(v) for k, v in r.heard.items()}, spoke=list(r.spoke),
                    feedback_index=feedback_index)


def _replay(r: Rehearsal) -> Planned:
    snap = r.undo
    if snap is None:
        return Planned(r, Move(room=room_of(r), before=[Part(key="nothing_to_replay")]))
    r.moods, r.revealed, r.room_turns = snap.moods, snap.revealed, snap.room_turns
    r.team_lines, r.last_lines, r.heard, r.spoke, r.undo = (
        snap.team_lines, snap.last_lines, snap.heard, snap.spoke, None)
    last = " ".join(f"{line.persona}: “{line.text}”" for line in snap.last_lines)
    key = "replay" if last else "replay_opening"
    return Planned(r, Move(room=room_of(r), before=[Part(key=key, values={"last": last})]),
                   replayed=snap.feedback_index)


def _hear(r: Rehearsal, room: str, lines: list[PersonaLine], reply_hopes: list[str],
          reply_concerns: list[str], candidates: list[str]) -> None:
    by_kind = {line.kind: line.persona for line in lines}
    for text in reply_concerns:
        who = next((ln.persona for ln in lines if text.lower() in ln.text.lower()), "")
        r.heard["concerns"].append(Heard(persona=who or lines[0].persona, room=room, text=text))
    for text in reply_hopes:
        who = next((ln.persona for ln in lines if text.lower() in ln.text.lower()), "")
        r.heard["hopes"].append(Heard(persona=who or lines[0].persona, room=room, text=text))
    for text in candidates:
        r.heard["kr_candidates"].append(Heard(persona=by_kind.get("kr_candidate", ""),
                                              room=room, text=text))
    for line in lines:
        if line.kind == "task_as_kr":
            r.heard["tasks"].append(Heard(persona=line.persona, room=room, text=line.text))


def _facilitate(r: Rehearsal, reading: RehearseReading, feedback: list[Feedback]) -> Planned:
    assert reading.labels is not None
    room = ROOMS[r.room_index]
    r.undo = _snapshot(r, len(feedback))
    r.lead_turns += 1
    concerns = [h.text for h in r.heard["concerns"]]
    item = feedback_for(r.lead_turns, room, reading.text, reading.labels, r.team_lines,
                        concerns, source=reading.source)
    reply = answer(r.cards, r.moods, reading.labels, room, reading.text, r.team, r.lead_turns,
                   r.revealed)
    r.moods, r.revealed = reply.moods, reply.revealed
    _hear(r, room, reply.lines, reply.hopes, reply.concerns, reply.kr_candidates)
    r.team_lines = [*r.team_lines, *(line.text for line in reply.lines)][-TEAM_LINES:]
    r.last_lines = list(reply.lines)
    r.spoke += [ln.persona for ln in reply.lines if ln.persona not in r.spoke]
    r.room_turns += 1
    move = Move(room=room, lines=reply.lines, lead_text=reading.text)
    if r.room_turns >= ROOMS_PER_TURNS:
        move.after, move.done = _advance(r, [*feedback, item])
        move.after_room = room_of(r)
    return Planned(r, move, feedback=item)


def next_move(before: Rehearsal, reading: RehearseReading,
              feedback: list[Feedback]) -> Planned:
    """Apply one reading; `feedback` is the rehearsal's feedback so far (for the debrief)."""
    r = before.model_copy(deep=True)
    r.variant += 1
    if r.phase == "team":
        planned = _team(r, reading)
    elif r.phase == "cast":
        planned = _cast(r, reading)
    elif r.phase == "done":
        planned = Planned(r, Move(room="done", before=[Part(key="already_done")], done=True))
    elif reading.kind == "empty":
        planned = Planned(r, Move(room=room_of(r), before=[Part(key="say_again")]))
    elif reading.kind == "replay":
        planned = _replay(r)
    elif reading.kind in ("next", "finish"):
        if reading.kind == "finish":
            r.room_index = len(ROOMS) - 1
        parts, done = _advance(r, feedback)
        planned = Planned(r, Move(room=room_of(r), before=parts, done=done))
    else:
        planned = _facilitate(r, reading, feedback)
    planned.move.variant = r.variant
    return planned
