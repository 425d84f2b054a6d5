"""The check-in's step machine: one reading in, the state's updates and one `Move` out.

Steps, one turn each for a plain answer: review (one question naming all of last week's
commitments) -> for each KR: value -> confidence (not asked when the value's answer gave it
too: "31, and I'd say a 7") -> topic (naming a KR whose progress and confidence disagree) ->
on the chosen KR, or the least confident one, the scaling pair: working ("what puts you at N
rather than M?" — what is working) -> scale_next ("what would N+1 look like?") -> strengths
-> commitments (one question, 1–3 small steps) -> done (the summary). Three KRs and one
commitment from last week take 12 turns.

An unclear answer is asked about once more, naming what was unclear; after the second the
coach offers to leave it blank this week, and a third leaves it blank — nobody is trapped.
A captured value is read back in the next line and can be corrected right after.
"""

from __future__ import annotations

import copy
from typing import cast, get_args

from graph.checkin.models import (
    Again,
    BackKind,
    CheckinKR,
    CheckinState,
    CheckinUpdate,
    Confirm,
    Move,
    Number,
    Part,
    Readback,
    Step,
    ValueKind,
)
from graph.checkin.progress import disagreement
from graph.checkin.questions import (
    Expectation,
    current_kr,
    expects,
    facts,
    key_results,
    question,
    read_turn,
    readback,
    readback_confidence,
    summary,
)
from graph.checkin.reading import CheckinReading
from graph.checkin.talk import talk_step
from graph.reading.quantities import values_in

__all__ = ["Expectation", "Turn", "expects", "first_move", "next_move", "read_turn"]

Turn = tuple[CheckinUpdate, Move]  # the state's changed keys and the coach's move
_PHASE: dict[str, Step] = {"scale_next": "working"}  # the scaling pair is one part of the talk


def first_move(state: CheckinState) -> Turn:
    """The opening line and the first question."""
    s = copy.deepcopy(state)
    _settle(s)
    first = not s["previous_commitments"] and all(kr["last_value"] is None for kr in s["krs"])
    key = "open_first" if first else "open"  # no "good to see you again" the first time
    return _finish(state, s, [Part(key=key, values={"key_results": key_results(len(s["krs"]))})])


def next_move(state: CheckinState, reading: CheckinReading) -> Turn:
    """Apply one reading: the changed keys of the state and the coach's move."""
    s = copy.deepcopy(state)
    s["turn"] += 1
    if s["step"] == "done":
        return _finish(state, s, [Part(key="already_done")])
    back, was, s["readback"], s["again"] = s["readback"], s["again"], None, None
    if s["step"] not in get_args(Step):  # a session begun with the per-KR scaling questions
        s["step"], s["kr_index"] = "value", s["kr_index"] + 1
        parts = [Part(key="noted")]
    else:
        parts = _apply(s, reading, back, was)
    _settle(s)
    return _finish(state, s, parts)


def _finish(before: CheckinState, s: CheckinState, parts: list[Part]) -> Turn:
    done = s["step"] == "done"
    if done and before["step"] != "done":
        parts = [*parts, *summary(s)]
    elif not done:
        parts = [*parts, question(s)]
    updates = cast(CheckinUpdate, {k: v for k, v in s.items() if before.get(k) != v})
    return updates, Move(step=_PHASE.get(s["step"], s["step"]), parts=parts, done=done,
                         variant=s["turn"] + s["seed"])


def _kr(s: CheckinState, kr_id: str) -> CheckinKR:
    return next(kr for kr in s["krs"] if kr["kr_id"] == kr_id)


def _apply(s: CheckinState, r: CheckinReading, back: Readback | None,
           was: Again | None) -> list[Part]:
    if s["fixing"] is not None and back is not None:
        return _fix(s, r, back)
    s["fixing"] = None
    if r.kind == "correction" and back is not None:
        if r.value is None:  # "no": which number should it be?
            s["fixing"], s["readback"] = back["kind"], back
            return []
        return _correct(s, back, _which(back["kind"], r), r.value, r.span or "")
    if s["confirm"] is not None:
        return _confirm(s, r)
    if s["offering_blank"]:
        return _blank_offer(s, r)
    if s["step"] in ("value", "confidence"):
        return _number_step(s, r, was)
    return talk_step(s, r)


def _which(back: BackKind, r: CheckinReading) -> ValueKind:
    """Which of the read-back numbers a correction is about (of both: as the reader saw it)."""
    if back != "both":
        return back
    return "confidence" if "confidence" in (r.about, r.kind) else "value"


def _reflag(s: CheckinState, kr: CheckinKR) -> None:
    """Note (or drop) the KR as one whose progress and confidence tell different stories."""
    kind = disagreement(kr, s["values"].get(kr["kr_id"]), s["confidence"].get(kr["kr_id"]))
    if kind is not None and kr["kr_id"] not in s["flagged"]:
        s["flagged"].append(kr["kr_id"])
    elif kind is None and kr["kr_id"] in s["flagged"]:
        s["flagged"].remove(kr["kr_id"])


def _correct(s: CheckinState, back: Readback, kind: ValueKind, value: Number,
             span: str) -> list[Part]:
    kr = _kr(s, back["kr_id"])
    s["readback"] = back
    if kind == "value":
        s["values"][kr["kr_id"]], s["spans"][kr["kr_id"]] = value, span
        part = readback(s, kr, corrected=True)
    else:
        s["confidence"][kr["kr_id"]] = int(value)
        part = readback_confidence(s, kr, corrected=True)
    _reflag(s, kr)
    return [part]


def _fix(s: CheckinState, r: CheckinReading, back: Readback) -> list[Part]:
    s["fixing"] = None
    if r.kind in ("value", "confidence", "correction") and r.value is not None and not r.approx:
        return _correct(s, back, _which(back["kind"], r), r.value, r.span or "")
    return [Part(key=f"kept_{back['kind']}", values=facts(_kr(s, back["kr_id"])))]


def _take(s: CheckinState, kind: ValueKind, kr: CheckinKR, value: Number, span: str) -> list[Part]:
    s["readback"] = Readback(kind=kind, kr_id=kr["kr_id"])
    if kind == "value":
        s["values"][kr["kr_id"]], s["spans"][kr["kr_id"]] = value, span
        s["step"] = "confidence"
        return [readback(s, kr)]
    s["confidence"][kr["kr_id"]] = int(value)
    s["kr_index"], s["step"] = s["kr_index"] + 1, "value"
    _reflag(s, kr)
    return [readback_confidence(s, kr)]


def _take_with_confidence(s: CheckinState, kr: CheckinKR, r: CheckinReading) -> list[Part]:
    """A value said with its confidence: both taken and read back, or the confidence asked
    about (read back as a question, or asked once more) when it was not plain."""
    assert r.value is not None
    parts = _take(s, "value", kr, r.value, r.span or "")
    also = r.also
    if also is None:
        return parts
    if also.kind == "confidence" and also.value is not None and also.approx:
        s["confirm"] = Confirm(kind="confidence", kr_id=kr["kr_id"], value=also.value,
                               said=also.span or "")
        return parts
    if also.kind == "confidence" and also.value is not None:
        parts += _take(s, "confidence", kr, also.value, also.span or "")
        s["readback"] = Readback(kind="both", kr_id=kr["kr_id"])
        return parts
    return parts + _unclear(s, kr, also)


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


def _far_from_estimate(was: Again, value: Number) -> bool:
    """Asked for the exact value after an estimate ("about 70%"), the answer is nowhere near
    it ("7": a slip, or the confidence typed one question early)."""
    if was["reason"] != "approximate":
        return False
    estimates = [said.value for said in values_in(was["said"])]
    return bool(estimates) and all(abs(value - e) > 0.25 * max(abs(e), 1) for e in estimates)


def _number_step(s: CheckinState, r: CheckinReading, was: Again | None = None) -> list[Part]:
    kr = current_kr(s)
    assert kr is not None  # _settle keeps kr_index inside the KRs in these steps
    kind: ValueKind = "value" if s["step"] == "value" else "confidence"
    if r.kind == kind and r.value is not None:
        if r.approx:
            s["confirm"] = Confirm(kind=kind, kr_id=kr["kr_id"], value=r.value, said=r.span or "")
            return []
        if kind == "value" and was is not None and _far_from_estimate(was, r.value):
            s["confirm"] = Confirm(kind=kind, kr_id=kr["kr_id"], value=r.value,
                                   said=r.span or "", estimate=was["said"])
            return []
        if kind == "value":
            return _take_with_confidence(s, kr, r)
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


def _settle(s: CheckinState) -> None:
    """Move past the steps that have nothing to ask (no commitments to review, the last KR
    done, no confidence to scale from or a 10 with no higher number, no strengths to name
    when nothing was working)."""
    while True:
        step, kr = s["step"], current_kr(s)
        if step == "review" and s["review_index"] >= len(s["previous_commitments"]):
            s["step"], s["kr_index"] = "value", 0
        elif step == "value" and s["kr_index"] >= len(s["krs"]):
            s["step"] = "topic" if s["krs"] else "working"
        elif step == "scale_next" and (kr is None or s["confidence"].get(kr["kr_id"]) in (
                None, 10)):
            s["step"] = "strengths"
        elif step == "strengths" and not s["working"]:
            s["step"] = "commitments"
        else:
            return
