"""Applying one `Reading` to the state, once: commands, read-backs, corrections, Key Results,
the answer to the asked slot, problem talk, exceptions. Pure: state + reading -> updates.

Nothing here reads the user's text again; every value comes from the reading, which the
number guard has already checked.
"""

from __future__ import annotations

from typing import Any

from graph.agenda import FREE_TEXT_SLOTS, next_room, previous_room
from graph.candidates import objective_candidate
from graph.corrections import apply_edit, snapshot
from graph.krs import kr_of, merge, readback, same_metric, set_field
from graph.measures import replaces_period
from graph.reading.models import Pending, Reading
from graph.state import CoachState, Move, with_updates

MAX_REFRAMES_PER_ROOM = 2
MAX_OBJECTIVES = 5


def apply_command(state: CoachState, command: str) -> dict[str, Any]:
    room = state.get("room", "ticket_office")
    if command == "summary":
        return {"move": Move(kind="summary", slot=state.get("asked"), entered=False, note=None)}
    if command == "next":
        if room == "gift_shop":
            return {"confirmed": True}
        return {"room": next_room(room), "room_turns": 0, "revisit": False}
    if command == "quit":  # the CLI exits before this; elsewhere (the TUI) it is a pause
        return {"move": Move(kind="ask", slot=state.get("asked"), entered=False, note="paused")}
    if command == "back":
        return {"room": previous_room(room), "room_turns": 0, "revisit": True,
                "confirmed": False}
    return {}


class _Turn:
    """The updates one reading makes, gathered step by step."""

    def __init__(self, state: CoachState, reading: Reading) -> None:
        self.state = state
        self.reading = reading
        self.updates: dict[str, Any] = {"room_turns": state.get("room_turns", 0) + 1,
                                        "pending_confirm": None}
        self.news: list[str] = []
        self.captured = False

    @property
    def merged(self) -> CoachState:
        return with_updates(self.state, self.updates)

    def krs(self) -> list[dict[str, Any]]:
        return [dict(kr) for kr in self.merged.get("key_results", [])]

    def set_krs(self, krs: list[dict[str, Any]], last: int | None) -> None:
        if "history" not in self.updates:
            self.updates["history"] = [*self.state.get("history", [])[-9:],
                                       snapshot(self.state)]
        self.updates["key_results"] = krs
        if last is not None and last >= 0:
            self.updates["last_kr"] = last
        self.captured = True

    def ask(self, pending: Pending) -> None:
        self.updates["pending_confirm"] = pending.model_dump()
        self.news.append(f"confirm:{pending.question}")

    def mark_unknown(self) -> None:
        """"No idea where it is today": the KR just talked about has an unknown baseline."""
        krs = self.krs()
        index = self.merged.get("last_kr")
        if index is None or not 0 <= index < len(krs) or krs[index].get("baseline") is not None:
            return
        if krs[index].get("baseline_unknown"):
            return
        krs[index] = {**krs[index], "baseline_unknown": True}
        self.set_krs(krs, index)
        self.news.append(f"baseline_unknown:{krs[index].get('metric') or 'it'}")

    # -- steps ----------------------------------------------------------------------------
    def confirmation(self) -> bool:
        """The answer to a read-back question; True when it settled the turn."""
        raw = self.state.get("pending_confirm")
        if not raw:
            return False
        pending = Pending.model_validate(raw)
        if self.reading.reply == "yes" and pending.values:
            self._take(pending)
            return True
        if self.reading.reply == "no":
            said = self.reading.edits or self.reading.krs or (
                self.reading.answer is not None and self.reading.answer.number is not None)
            if not said:
                self.news.append("not_taken:")
            return not said  # "No, let's be realistic: 60 000 visits": the new number counts
        return False

    def _take(self, pending: Pending) -> None:
        krs = self.krs()
        index = pending.kr
        last = self.state.get("last_kr")
        if (index is None or index >= len(krs)) and pending.statement is not None and \
                last is not None and 0 <= last < len(krs) and not any(
                    same_metric(kr, kr_of(pending.statement)) for kr in krs) and all(
                    krs[last].get(field) is None for field in pending.values):
            index = last  # the KR that was captured with the question
        if index is None or index >= len(krs):
            statement = pending.statement
            base = kr_of(statement) if statement is not None else {"metric": None}
            krs, index = merge(krs, base)
            if index < 0:
                return
        kr = krs[index]
        for field, quantity in pending.values.items():
            kr = set_field(kr, field, quantity.value, quantity.unit)
        krs[index] = kr
        self.set_krs(krs, index)
        self.news.append(f"kr:{readback(kr)}")

    def edits(self) -> None:
        for edit in self.reading.edits:
            result = apply_edit(self.merged, edit)
            self.updates.update(result.updates)
            self.news.extend(result.news)
            if result.pending is not None:
                self.ask(result.pending)
            if result.changed:
                self.captured = True

    def objective(self) -> None:
        title = self.reading.objective
        if title:
            self.updates.update(_next_objective(self.merged, title))
            self.captured = True

    def statements(self) -> None:
        for statement in self.reading.krs:
            kr = kr_of(statement)
            if kr.get("metric") is None and kr.get("target") is None \
                    and kr.get("baseline") is None:
                continue
            krs, index = merge(self.krs(), kr)
            if index < 0:
                self.news.append("kr_limit:")
                continue
            self.set_krs(krs, index)
            self.news.append(f"kr:{readback(krs[index])}")
        for pending in self.reading.confirm:
            self.ask(pending)
            break  # one question at a time
        own = bool(self.reading.krs) and all(s.due for s in self.reading.krs)
        if self.reading.period and (self.reading.period_for_all or (replaces_period(
                self.state.get("period"), self.reading.period) and not (
                own and self.state.get("period")))):
            self.updates["period"] = self.reading.period

    def slot(self) -> bool:
        """Store the answer to the question the coach asked; True when it answered it."""
        slot = self.state.get("asked")
        pending = self.state.get("pending_reframe")
        if pending is not None:
            slot = pending if pending.partition(":")[0] in FREE_TEXT_SLOTS else None
        answer = self.reading.answer
        if answer is not None and answer.slot == "scale" and (slot or "") != "scale":
            if answer.number is not None and self.merged.get("scale") is None:
                self.updates["scale"] = answer.number.value
            return True
        if answer is not None and answer.slot == "scale_next" and slot and \
                not slot.startswith("scale"):  # "a 5 would be …" while a KR value was asked
            answers = self.merged.get("answers", {})
            self.updates["answers"] = _append(answers, "scale_next", answer.text)
            return False
        if not slot:
            return False
        filled = fill_slot(self.merged, slot, self.reading, self.captured)
        if filled.get("key_results") is not None:
            krs = filled.pop("key_results")
            self.set_krs(krs, filled.pop("last_kr", None))
        self.news.extend(filled.pop("news", []))
        self.updates.update(filled)
        return bool(filled) or self.captured


def _append(answers: dict[str, list[str]], slot: str, text: str) -> dict[str, list[str]]:
    return {**answers, slot: [*answers.get(slot, []), text]}


def _next_objective(state: CoachState, title: str) -> dict[str, Any]:
    """A newly stated objective. In the Future Gallery, once the current one has Key Results,
    it starts the next (at most five); anywhere else it renames the current one."""
    current = state.get("objective")
    done = state.get("done_objectives", [])
    starts_next = (current and current != title and state.get("key_results")
                   and state.get("room") == "future_gallery")
    if not starts_next:
        return {"objective": title}
    if len(done) + 1 >= MAX_OBJECTIVES:
        return {}
    archived = {"title": current, "parent": state.get("parent"),
                "key_results": state.get("key_results", [])}
    return {"objective": title, "done_objectives": [*done, archived], "key_results": [],
            "krs_closed": False, "last_kr": None}


def fill_slot(state: CoachState, slot: str, reading: Reading, captured: bool) -> dict[str, Any]:
    """The updates for the answer to `slot` (a concrete slot id such as ``kr_target:1``)."""
    from graph.slots import fill  # the per-slot rules, kept apart to stay small

    return fill(state, slot, reading, captured)


def _problem_talk(state: CoachState, reading: Reading) -> dict[str, Any] | None:
    """A reframe move when this turn is problem talk that has not been reframed yet."""
    slot = state.get("asked") or ""
    if reading.problem is None or state.get("pending_reframe"):
        return None
    if slot in state.get("reframed", []):
        return None
    room_reframes = [s for s in state.get("reframed", []) if s.startswith(state.get("room", ""))]
    if len(room_reframes) >= MAX_REFRAMES_PER_ROOM:
        return None
    return {
        "last_problem": {**reading.problem.model_dump(), "text": reading.text},
        "reframed": [*state.get("reframed", []), slot, f"{state.get('room', '')}:{slot}"],
        "pending_reframe": slot,
        "move": Move(kind="reframe", slot=slot, entered=False, note=None),
    }


def apply_reading(state: CoachState, reading: Reading) -> dict[str, Any]:
    """All the state updates one reading causes (before the planner picks the next move)."""
    if reading.command is not None:
        updates = apply_command(state, reading.command)
        updates["news"] = []
        return updates
    turn = _Turn(state, reading)
    if reading.personal and not state.get("personal"):
        turn.updates["personal"] = True
    turn.updates["language"] = reading.language
    if reading.language != "en" and not state.get("language_noted"):
        turn.updates["language_noted"] = True
        turn.news.append(f"language:{reading.language}")
    for dropped in reading.guarded:
        turn.updates.setdefault("guarded", [*state.get("guarded", [])]).append(dropped)
    if turn.confirmation():
        return _finish(turn)
    turn.edits()
    turn.objective()
    turn.statements()
    if state.get("pending_reframe") is None and _reframes(state, reading, turn):
        reframe = _problem_talk(state, reading)
        if reframe is not None:
            turn.updates.update(reframe)
            turn.updates["news"] = turn.news
            return turn.updates
    if state.get("pending_reframe") is not None:
        from coach.reframe.reframer import wish_from_answer

        turn.updates["wishes"] = [*state.get("wishes", []), wish_from_answer(reading.text)]
        turn.updates["pending_reframe"] = None
    turn.slot()
    if reading.final and turn.merged.get("key_results") and state.get("room") in (
            "instances_gallery", "gift_shop") and not turn.updates.get("pending_confirm"):
        turn.updates["confirmed"] = True  # "looks good, keep it": the draft is final
    if reading.reply == "unknown" and (state.get("asked") or "").partition(":")[0] not in (
            "kr_baseline", "kr_target"):
        turn.mark_unknown()
    if reading.exception:
        answers = turn.merged.get("answers", {})
        turn.updates["answers"] = _append(answers, "instances", reading.exception)
    return _finish(turn)


ANSWER_SLOTS = frozenset({"kr_target", "kr_baseline", "kr_due", "scale", "confirm"})


def _reframes(state: CoachState, reading: Reading, turn: _Turn) -> bool:
    """Problem talk is reframed only when the turn stated nothing and answered no number,
    date or yes/no question (free-text answers are reframed first, then stored)."""
    if reading.problem is None or reading.exception or reading.reply is not None:
        return False
    if turn.captured or turn.updates.get("pending_confirm"):
        return False
    base = (state.get("asked") or "").partition(":")[0]
    answered = reading.answer is not None and (reading.answer.number is not None
                                               or bool(reading.answer.due))
    return not (base in ANSWER_SLOTS and answered)


def _finish(turn: _Turn) -> dict[str, Any]:
    merged = turn.merged
    if not merged.get("objective"):
        turn.updates["objective_candidate"] = objective_candidate(merged)
    if turn.updates.get("pending_confirm"):
        asked = turn.state.get("asked")
        turn.updates["move"] = Move(kind="confirm", slot=asked, entered=False, note=None)
    turn.updates["news"] = turn.news
    return turn.updates
