"""Reading one user turn into the state: commands, captured OKR parts, slot answers, problem talk.

Numbers only ever come from the user's own text (the parser); nothing here invents one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from coach.okr.models import ParsedKR
from coach.okr.parser import (
    parse_due,
    parse_kr,
    parse_number,
    says_unknown,
    split_kr_candidates,
)
from coach.reframe.detector import ProblemTalk, detect
from coach.reframe.reframer import wish_from_answer
from graph import phrases
from graph.agenda import FREE_TEXT_SLOTS, MAX_ASKS, next_room, previous_room
from graph.candidates import objective_candidate
from graph.draft import kr_from_text, merge_krs, refresh_text
from graph.state import CoachState, Move, with_updates

Notice = Callable[[str], ProblemTalk | None]
MAX_REFRAMES_PER_ROOM = 2
MAX_OBJECTIVES = 5
KR_SLOTS = frozenset({"kr_first", "more_krs", "objective", "confirm", "notice",
                      "future_perfect", "kr_due"})
ANSWER_SLOTS = frozenset({"kr_target", "kr_baseline", "kr_due", "scale", "confirm"})
NO_KR_CAPTURE = frozenset({"kr_target", "kr_baseline", "scale", "scale_why", "scale_next"})


def _complete(parsed: ParsedKR) -> bool:
    """A KR stated outright: metric, baseline and target all given."""
    return bool(parsed.metric) and parsed.baseline is not None and parsed.target is not None


def _append(answers: dict[str, list[str]], slot: str, text: str) -> dict[str, list[str]]:
    return {**answers, slot: [*answers.get(slot, []), text]}


def _metric_only(text: str) -> str | None:
    """A short answer naming only what to measure ("time to hire", "NPS")."""
    words = text.strip().rstrip(".!").split()
    if not 1 <= len(words) <= 6 or phrases.is_yes(text) or phrases.is_no_more(text):
        return None
    if any(ch.isdigit() for ch in text) or text.strip().endswith("?"):
        return None
    return " ".join(words)


_UNIT_FAMILIES = {
    "time": {"ms", "s", "sec", "min", "h", "hours", "days", "weeks", "months", "years"},
    "share": {"%", "pp", "percent"},
    "money": {"$", "€", "£", "chf"},
    "distance": {"km", "mi", "m", "miles"},
    "mass": {"kg", "lb", "g", "t", "tonnes"},
}


def _family(unit: str) -> str | None:
    head = unit.lower().strip().split("/")[0].strip() or "count"
    return next((name for name, units in _UNIT_FAMILIES.items() if head in units), None)


def _units_clash(answer: str | None, kr: str | None) -> bool:
    """"38 minutes" for a KR counted in km: not the same kind of measure."""
    if not answer or not kr:
        return False
    a, b = _family(answer), _family(kr)
    return a is not None and b is not None and a != b


def _kr_index(slot: str) -> int | None:
    _, _, index = slot.partition(":")
    return int(index) if index.isdigit() else None


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


def _fill_slot(state: CoachState, slot: str, text: str, captured: bool) -> dict[str, Any]:
    """Store the answer to the question the coach asked."""
    answers = state.get("answers", {})
    krs = [dict(kr) for kr in state.get("key_results", [])]
    base = slot.partition(":")[0]
    index = _kr_index(slot)
    if base in FREE_TEXT_SLOTS:
        updates: dict[str, Any] = {"answers": _append(answers, base, text)}
        if base == "small_steps":
            updates["steps"] = [*state.get("steps", []), text]
        if base == "meaning" and (parent := phrases.parent_objective(text)):
            updates["parent"] = parent
        return updates
    if base == "objective":
        if phrases.is_yes(text) and state.get("objective_candidate"):
            return {"objective": state.get("objective_candidate")}
        if captured or phrases.is_no_more(text) or phrases.is_yes(text):
            return {}
        if any(ch.isdigit() for ch in text):
            return {}  # numbers belong in the Key Results: asked again, in words only
        return {"objective": phrases.clean_objective(text)}
    if base in ("kr_first", "more_krs"):
        if captured:
            return {}
        if phrases.is_no_more(text) or (base == "more_krs" and phrases.is_yes(text)):
            return {"krs_closed": True}
        parsed = parse_kr(text)
        if base == "kr_first" and (parsed.metric or _metric_only(text)):
            kr = kr_from_text(text)
            kr["metric"] = kr.get("metric") or _metric_only(text)
            return {"key_results": merge_krs(krs, [kr])}
        return {"answers": _append(answers, "kr_notes", text),
                "krs_closed": base == "more_krs"}
    if base in ("kr_target", "kr_baseline") and index is not None and index < len(krs):
        field = "target" if base == "kr_target" else "baseline"
        number = parse_number(text)
        if number is not None:
            value, unit = number
            if _units_clash(unit, krs[index].get("unit")):
                return {}  # better a missing number than a wrong one: the question comes again
            krs[index] = refresh_text({**krs[index], field: value,
                                       "unit": krs[index].get("unit") or unit})
            return {"key_results": krs}
        if field == "baseline" and says_unknown(text):
            metric = krs[index].get("metric") or "it"
            krs[index] = {**krs[index], "baseline_unknown": True}
            return {"key_results": krs, "steps": [*state.get("steps", []),
                                                  f"Measure where {metric} is today"]}
        return {}
    if base == "kr_due":
        period = phrases.period_in(text) or parse_due(text)
        if period:
            return {"period": period}
        # not a date: let the question go (the validator keeps a missing-deadline warning)
        counts = {**state.get("asked_counts", {}), slot: MAX_ASKS}
        closed = {"krs_closed": True} if phrases.is_no_more(text) else {}
        return {"asked_counts": counts, **closed}
    if base == "scale":
        number = parse_number(text)
        if number is not None and 0 <= number[0] <= 10:
            return {"scale": int(number[0])}
        return {}
    if base == "confirm":
        if phrases.is_yes(text) or (phrases.is_no_more(text) and not phrases.is_no(text)):
            return {"confirmed": True}  # "yes", "that's all", "nothing to change"
        return {"answers": _append(answers, "confirm_notes", text)}
    return {}


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
            "krs_closed": False}


def _capture(state: CoachState, text: str) -> tuple[dict[str, Any], bool]:
    """Objective and KRs stated outright, whatever was asked."""
    updates: dict[str, Any] = {}
    asked = (state.get("asked") or "").partition(":")[0]
    krs = state.get("key_results", [])
    if objective := phrases.explicit_objective(text):
        updates.update(_next_objective(state, objective))
        krs = updates.get("key_results", krs)
    if asked not in NO_KR_CAPTURE:
        pieces = [p for p in split_kr_candidates(text)
                  if asked in KR_SLOTS or _complete(parse_kr(p))]
        if pieces:
            updates["key_results"] = merge_krs(krs, [kr_from_text(p) for p in pieces])
    if not state.get("period") and (period := phrases.period_in(text)):
        updates["period"] = period
    return updates, bool(updates.get("objective") or updates.get("key_results"))


def _problem_talk(
    state: CoachState, text: str, captured: bool, notice: Notice
) -> dict[str, Any] | None:
    """A reframe move when this turn is problem talk that has not been reframed yet."""
    slot = state.get("asked") or ""
    if captured or state.get("pending_reframe") or slot in state.get("reframed", []):
        return None
    problem = notice(text)
    if problem is None:
        return None
    room_reframes = [s for s in state.get("reframed", []) if s.startswith(state.get("room", ""))]
    if len(room_reframes) >= MAX_REFRAMES_PER_ROOM:
        return None
    return {
        "last_problem": {**asdict(problem), "text": text},
        "reframed": [*state.get("reframed", []), slot, f"{state.get('room', '')}:{slot}"],
        "pending_reframe": slot,
        "move": Move(kind="reframe", slot=slot, entered=False, note=None),
    }


def news_of(before: CoachState, updates: dict[str, Any]) -> list[str]:
    """What this turn added that the coach should acknowledge, as `kind:value` items."""
    news: list[str] = []
    if updates.get("objective") and updates["objective"] != before.get("objective"):
        news.append(f"objective:{updates['objective']}")
    old = {kr.get("text") for kr in before.get("key_results", [])}
    for kr in updates.get("key_results", []):
        if kr.get("text") not in old and kr.get("target") is not None:
            news.append(f"kr:{kr.get('text')}")
        if kr.get("baseline_unknown") and not any(
            o.get("baseline_unknown") and o.get("metric") == kr.get("metric")
            for o in before.get("key_results", [])
        ):
            news.append(f"baseline_unknown:{kr.get('metric') or 'it'}")
    asked = (before.get("asked") or "").partition(":")[0]
    if asked == "scale" and "scale" not in updates and not updates.get("move"):
        news.append("not_understood:scale")
    return news


def interpret(state: CoachState, text: str, notice: Notice = detect) -> dict[str, Any]:
    """All the state updates one user turn causes (before the planner picks the next move)."""
    updates = _interpret(state, text, notice)
    updates["news"] = [] if phrases.command_of(text) else news_of(state, updates)
    return updates


def _interpret(state: CoachState, text: str, notice: Notice) -> dict[str, Any]:
    if (command := phrases.command_of(text)) is not None:
        return apply_command(state, command)
    updates: dict[str, Any] = {"room_turns": state.get("room_turns", 0) + 1}
    captured_updates, captured = _capture(state, text)
    updates.update(captured_updates)
    merged = with_updates(state, updates)
    pending = state.get("pending_reframe")
    if pending is not None:
        updates["wishes"] = [*state.get("wishes", []), wish_from_answer(text)]
        updates["pending_reframe"] = None
        merged = with_updates(merged, updates)
    slot = state.get("asked")
    if pending is not None:
        slot = pending if pending.partition(":")[0] in FREE_TEXT_SLOTS else None
    answer = _fill_slot(merged, slot, text, captured) if slot else {}
    # a number, a date or a yes that answers the question is not reframed, whatever its tone
    answered = bool(answer) and (slot or "").partition(":")[0] in ANSWER_SLOTS
    reframe = None if pending is not None or answered else _problem_talk(
        state, text, captured, notice)
    if reframe is not None:
        updates.update(reframe)
        return updates
    updates.update(answer)
    if not updates.get("objective") and not merged.get("objective"):
        updates["objective_candidate"] = objective_candidate(with_updates(merged, updates))
    return updates
