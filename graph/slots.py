"""The answer to the question the coach asked, slot by slot (values from the reading only)."""

from __future__ import annotations

from typing import Any

from graph import phrases
from graph.agenda import FREE_TEXT_SLOTS, MAX_ASKS
from graph.krs import readback, set_field
from graph.reading.models import Reading
from graph.state import CoachState


def _append(answers: dict[str, list[str]], slot: str, text: str) -> dict[str, list[str]]:
    return {**answers, slot: [*answers.get(slot, []), text]}


def _index(slot: str) -> int | None:
    _, _, index = slot.partition(":")
    return int(index) if index.isdigit() else None


def _free_text(state: CoachState, base: str, text: str) -> dict[str, Any]:
    updates: dict[str, Any] = {"answers": _append(state.get("answers", {}), base, text)}
    if base == "small_steps":
        updates["steps"] = [*state.get("steps", []), text]
    if base == "meaning" and (parent := phrases.parent_objective(text)):
        updates["parent"] = parent
    return updates


def _objective(state: CoachState, reading: Reading, captured: bool) -> dict[str, Any]:
    if reading.reply == "yes" and state.get("objective_candidate"):
        return {"objective": state.get("objective_candidate")}
    if captured or reading.reply is not None or reading.confirm:
        return {}
    if any(ch.isdigit() for ch in reading.text):
        return {}  # numbers belong in the Key Results: asked again, in words only
    title = phrases.clean_objective(reading.text)
    return {"objective": title} if title else {}


def _kr_number(state: CoachState, base: str, index: int, reading: Reading) -> dict[str, Any]:
    from graph.measures import units_clash

    krs = [dict(kr) for kr in state.get("key_results", [])]
    field = "target" if base == "kr_target" else "baseline"
    number = reading.answer.number if reading.answer else None
    if number is not None:
        if units_clash(number.unit, krs[index].get("unit")):
            return {}  # better a missing number than a wrong one: the question comes again
        krs[index] = set_field(krs[index], field, number.value, number.unit)
        return {"key_results": krs, "last_kr": index, "news": [f"kr:{readback(krs[index])}"]}
    if reading.reply == "unknown" and krs[index].get("baseline") is None:
        metric = krs[index].get("metric") or "it"
        krs[index] = {**krs[index], "baseline_unknown": True}
        return {"key_results": krs, "last_kr": index,
                "steps": [*state.get("steps", []), f"Measure where {metric} is today"],
                "news": [f"baseline_unknown:{metric}"]}
    return {}


def fill(state: CoachState, slot: str, reading: Reading, captured: bool) -> dict[str, Any]:
    """Store the answer to `slot`; {} when the turn did not answer it."""
    base = slot.partition(":")[0]
    index = _index(slot)
    text = reading.text
    if base == "best_hopes" and reading.introduction:  # who they are: ask for the hopes again
        return {"answers": _append(state.get("answers", {}), "context", text),
                "news": ["welcome"]}
    if base in FREE_TEXT_SLOTS:
        return _free_text(state, base, text)
    if base == "objective":
        return _objective(state, reading, captured)
    if base in ("kr_first", "more_krs"):
        if captured or reading.confirm:
            return {}
        if reading.reply == "no" or (base == "more_krs" and reading.reply == "yes"):
            return {"krs_closed": True}
        return {"answers": _append(state.get("answers", {}), "kr_notes", text),
                "krs_closed": base == "more_krs"}
    if base in ("kr_target", "kr_baseline"):
        if index is None or index >= len(state.get("key_results", [])):
            return {}
        return _kr_number(state, base, index, reading)
    if base == "kr_due":
        due = reading.answer.due if reading.answer else None
        if due:
            return {"period": due}  # the answer to "by when?" sets the period
        counts = {**state.get("asked_counts", {}), slot: MAX_ASKS}
        closed = {"krs_closed": True} if reading.reply == "no" else {}
        return {"asked_counts": counts, **closed}
    if base == "scale":
        number = reading.answer.number if reading.answer else None
        if number is not None and 0 <= number.value <= 10:
            return {"scale": number.value}
        quiet = captured or reading.problem or reading.confirm or reading.exception
        return {} if quiet else {"news": ["not_understood:scale"]}
    if base == "confirm":
        if reading.reply == "yes" and not captured:
            return {"confirmed": True}
        return {"answers": _append(state.get("answers", {}), "confirm_notes", text)}
    return {}
