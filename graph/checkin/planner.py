"""The check-in's step machine: one reading in, the state's updates and one `Move` out.

Steps: review last week's commitments -> for each KR: value -> confidence -> scaling
(lower, then one more) -> disagreement (only when progress and confidence disagree) ->
topic -> what is working -> strengths -> commitments (1–3) -> done (the summary).

An unclear answer is asked about once more, naming what was unclear; after the second the
coach offers to leave it blank this week, and a third leaves it blank — nobody is trapped.
A captured value is read back in the next line and can be corrected right after.
"""

from __future__ import annotations

import copy
from typing import cast

from graph.checkin.models import (
    Again,
    CheckinKR,
    CheckinState,
    CheckinUpdate,
    Confirm,
    Move,
    Note,
    NoteAbout,
    Number,
    Part,
    Readback,
    ReviewNote,
    Step,
    ValueKind,
)
from graph.checkin.progress import disagreement
from graph.checkin.questions import (
    Expectation,
    current_kr,
    expects,
    facts,
    question,
    read_turn,
    readback,
    readback_confidence,
    summary,
)
from graph.checkin.reading import CheckinReading

__all__ = ["Expectation", "Turn", "expects", "first_move", "next_move", "read_turn"]

_NOTE_ABOUT: dict[str, NoteAbout] = {"scale_lower": "lower", "scale_next": "next",
                                     "disagreement": "disagreement"}
_AFTER_NOTE: dict[str, Step] = {"scale_lower": "scale_next", "scale_next": "disagreement",
                                "disagreement": "value"}
_MAX_COMMITMENTS = 3
Turn = tuple[CheckinUpdate, Move]  # the state's changed keys and the coach's move


def first_move(state: CheckinState) -> Turn:
    """The opening line and the first question."""
    s = copy.deepcopy(state)
    _settle(s)
    first = not s["previous_commitments"] and all(kr["last_value"] is None for kr in s["krs"])
    key = "open_first" if first else "open"  # no "good to see you again" the first time
    return _finish(state, s, [Part(key=key, values={"count": str(len(s["krs"]))})])


def next_move(state: CheckinState, reading: CheckinReading) -> Turn:
    """Apply one reading: the changed keys of the state and the coach's move."""
    s = copy.deepcopy(state)
    s["turn"] += 1
    if s["step"] == "done":
        return _finish(state, s, [Part(key="already_done")])
    back, s["readback"], s["again"] = s["readback"], None, None
    parts = _apply(s, reading, back)
    _settle(s)
    return _finish(state, s, parts)


def _finish(before: CheckinState, s: CheckinState, parts: list[Part]) -> Turn:
    done = s["step"] == "done"
    if done and before["step"] != "done":
        parts = [*parts, *summary(s)]
    elif not done:
        parts = [*parts, question(s)]
    updates = cast(CheckinUpdate, {k: v for k, v in s.items() if before.get(k) != v})
    return updates, Move(step=s["step"], parts=parts, done=done, variant=s["turn"] + s["seed"])


def _kr(s: CheckinState, kr_id: str) -> CheckinKR:
    return next(kr for kr in s["krs"] if kr["kr_id"] == kr_id)


def _apply(s: CheckinState, r: CheckinReading, back: Readback | None) -> list[Part]:
    if s["fixing"] is not None and back is not None:
        return _fix(s, r, back)
    s["fixing"] = None
    if r.kind == "correction" and back is not None:
        if r.value is None:  # "no": which number should it be?
            s["fixing"], s["readback"] = back["kind"], back
            return []
        return _correct(s, back, r.value, r.span or "")
    if s["confirm"] is not None:
        return _confirm(s, r)
    if s["offering_blank"]:
        return _blank_offer(s, r)
    if s["step"] in ("value", "confidence"):
        return _number_step(s, r)
    return _talk_step(s, r)


def _correct(s: CheckinState, back: Readback, value: Number, span: str) -> list[Part]:
    kr = _kr(s, back["kr_id"])
    s["readback"] = back
    if back["kind"] == "value":
        s["values"][kr["kr_id"]], s["spans"][kr["kr_id"]] = value, span
        return [readback(s, kr, corrected=True)]
    s["confidence"][kr["kr_id"]] = int(value)
    return [readback_confidence(s, kr, corrected=True)]


def _fix(s: CheckinState, r: CheckinReading, back: Readback) -> list[Part]:
    s["fixing"] = None
    if r.kind in ("value", "confidence", "correction") and r.value is not None and not r.approx:
        return _correct(s, back, r.value, r.span or "")
    return [Part(key=f"kept_{back['kind']}", values=facts(_kr(s, back["kr_id"])))]


def _take(s: CheckinState, kind: ValueKind, kr: CheckinKR, value: Number, span: str) -> list[Part]:
    s["readback"] = Readback(kind=kind, kr_id=kr["kr_id"])
    if kind == "value":
        s["values"][kr["kr_id"]], s["spans"][kr["kr_id"]] = value, span
        s["step"] = "confidence"
        return [readback(s, kr)]
    s["confidence"][kr["kr_id"]] = int(value)
    s["step"] = "scale_lower"
    return [readback_confidence(s, kr)]


def _leave_blank(s: CheckinState, kr: CheckinKR, key: str) -> list[Part]:
    """No value (or no confidence) for `kr` this week: on to the next KR."""
    what = s["step"]
    if what == "value":
        s["blank"].append(kr["kr_id"])
    s["kr_index"] += 1
    s["step"] = "value"
    return [Part(key=f"{key}_{what}", values=facts(kr))]


def _unclear(s: CheckinState, kr: CheckinKR, r: CheckinReading) -> list[Part]:
    key = f"{s['step']}:{kr['kr_id']}"
    s["asked"][key] = s["asked"].get(key, 0) + 1
    if s["asked"][key] == 1:
        s["again"] = Again(reason=r.reason or "no_number", said=r.said or r.text,
                           unit=r.said_unit or "")
    elif s["asked"][key] == 2:
        s["offering_blank"] = True
    else:
        return _leave_blank(s, kr, "left_blank")
    return []


def _number_step(s: CheckinState, r: CheckinReading) -> list[Part]:
    kr = current_kr(s)
    assert kr is not None  # _settle keeps kr_index inside the KRs in these steps
    kind: ValueKind = "value" if s["step"] == "value" else "confidence"
    if r.kind == kind and r.value is not None:
        if r.approx:
            s["confirm"] = Confirm(kind=kind, kr_id=kr["kr_id"], value=r.value, said=r.span or "")
            return []
        return _take(s, kind, kr, r.value, r.span or "")
    if r.kind == "skip":
        return _leave_blank(s, kr, "skipped")
    return _unclear(s, kr, r)


def _confirm(s: CheckinState, r: CheckinReading) -> list[Part]:
    c = s["confirm"]
    assert c is not None
    s["confirm"] = None
    if r.kind == "yes":
        return _take(s, c["kind"], _kr(s, c["kr_id"]), c["value"], c["said"])
    if r.kind == "no":
        r = r.model_copy(update={"kind": "unusable", "reason": "not_confirmed", "said": c["said"]})
    return _number_step(s, r)


def _blank_offer(s: CheckinState, r: CheckinReading) -> list[Part]:
    kr = current_kr(s)
    assert kr is not None
    s["offering_blank"] = False
    if r.kind in ("value", "confidence"):
        return _number_step(s, r)
    if r.kind == "no":  # not blank: one last try
        s["again"] = Again(reason="last_try", said="", unit="")
        return []
    return _leave_blank(s, kr, "left_blank")


def _note(s: CheckinState, r: CheckinReading) -> None:
    kr = current_kr(s)
    if kr is not None and r.kind == "text":
        s["notes"].append(Note(kr_id=kr["kr_id"], about=_NOTE_ABOUT[s["step"]], text=r.text))


def _talk_step(s: CheckinState, r: CheckinReading) -> list[Part]:
    """Steps where any words are an answer; "skip" moves on."""
    step = s["step"]
    if r.reason == "empty":
        return []  # nothing typed: the same question again
    ack = [Part(key="noted")] if r.kind == "text" else []
    if step == "review":
        s["reviews"].append(ReviewNote(commitment=s["previous_commitments"][s["review_index"]],
                                       note=r.text if r.kind != "skip" else None))
        s["review_index"] += 1
        return [Part(key="review_noted" if r.kind != "skip" else "review_later")]
    if step in _NOTE_ABOUT:
        _note(s, r)
        s["step"] = _AFTER_NOTE[step]
        if step == "disagreement":
            s["kr_index"] += 1
        return ack
    if step == "topic":
        return _topic(s, r)
    if step == "working":
        return _working(s, r)
    if step == "strengths":
        if r.kind == "text":
            s["strengths"].append(r.text)
        s["step"] = "commitments"
        return [Part(key="appreciate")] if r.kind == "text" else []
    return _commitment(s, r)


def _topic(s: CheckinState, r: CheckinReading) -> list[Part]:
    if r.kind == "kr_choice" and r.kr_choice is not None:
        kr = s["krs"][r.kr_choice]
        s["topic"] = {"kr_id": kr["kr_id"], "text": r.text}
        part = Part(key="topic_taken", values=facts(kr))
    elif r.kind == "text":
        s["topic"] = {"kr_id": None, "text": r.text}
        part = Part(key="topic_own", values={"topic": r.text})
    elif r.kind == "unusable" and s["asked"].get("topic", 0) == 0:
        s["asked"]["topic"] = 1
        s["again"] = Again(reason=r.reason or "ambiguous", said=r.said or r.text, unit="")
        return []
    else:
        part = Part(key="topic_none")
    s["step"] = "working"
    return [part]


def _working(s: CheckinState, r: CheckinReading) -> list[Part]:
    if r.kind == "text":
        s["working"].append(r.text)
        s["step"] = "strengths"
        return [Part(key="appreciate")]
    if r.kind == "no" and s["asked"].get("working", 0) == 0:
        s["asked"]["working"] = 1
        s["again"] = Again(reason="exception", said=r.text, unit="")
        return []
    s["step"] = "commitments"
    return []


def _commitment(s: CheckinState, r: CheckinReading) -> list[Part]:
    if r.kind == "text" and r.text:
        s["commitments"].append(r.text)
        if r.closing or len(s["commitments"]) >= _MAX_COMMITMENTS:
            s["step"] = "done"
        return [Part(key="commitment_noted", values={"commitment": r.text})]
    if r.kind == "yes":  # "anything else?" - "yes": what else?
        s["again"] = Again(reason="next_commitment", said="", unit="")
        return []
    if not s["commitments"] and not s["small_step_asked"]:
        s["small_step_asked"] = True
        s["again"] = Again(reason="small_step", said=r.text, unit="")
        return []
    s["step"] = "done"
    return []


def _settle(s: CheckinState) -> None:
    """Move past the steps that have nothing to ask (no commitments to review, a KR done,
    no disagreement to name, a confidence of 0 or 10 that has no lower / higher number)."""
    while True:
        step, kr = s["step"], current_kr(s)
        if step == "review" and s["review_index"] >= len(s["previous_commitments"]):
            s["step"], s["kr_index"] = "value", 0
        elif step == "value" and s["kr_index"] >= len(s["krs"]):
            s["step"] = "topic" if s["krs"] else "working"
        elif kr is not None and step == "scale_lower" and s["confidence"][kr["kr_id"]] == 0:
            s["step"] = "scale_next"
        elif kr is not None and step == "scale_next" and s["confidence"][kr["kr_id"]] == 10:
            s["step"] = "disagreement"
        elif kr is not None and step == "disagreement" and disagreement(
                kr, s["values"].get(kr["kr_id"]), s["confidence"].get(kr["kr_id"])) is None:
            s["kr_index"], s["step"] = s["kr_index"] + 1, "value"
        else:
            if kr is not None and step == "disagreement" and kr["kr_id"] not in s["flagged"]:
                s["flagged"].append(kr["kr_id"])
            return
