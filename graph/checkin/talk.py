"""The check-in's talk steps, where any words are an answer: last week's commitments, the
topic, the scaling pair on one KR (what puts you at N rather than M — what is working —
and what N+1 would look like), strengths, and next week's steps. "skip" moves on.
"""

from __future__ import annotations

from graph.checkin.models import Again, CheckinState, Note, Part, ReviewNote
from graph.checkin.questions import current_kr, facts
from graph.checkin.reading import CheckinReading
from graph.checkin.split import split_steps


def talk_step(s: CheckinState, r: CheckinReading) -> list[Part]:
    """Apply one answer in a talk step; the parts acknowledge it."""
    if r.reason == "empty":
        return []  # nothing typed: the same question again
    step = s["step"]
    if r.kind == "bare":  # "yes" to "what is working?": asked once more, never noted
        key = f"bare:{step}"
        s["asked"][key] = s["asked"].get(key, 0) + 1
        if s["asked"][key] == 1:
            return [Part(key="in_words")]
    if step == "review":
        return _review(s, r)
    if step == "topic":
        return _topic(s, r)
    if step == "working":
        return _working(s, r)
    if step == "scale_next":
        return _scale_next(s, r)
    if step == "strengths":
        if r.kind == "text":
            s["strengths"].append(r.text)
        s["step"] = "commitments"
        return [Part(key="appreciate")] if r.kind == "text" else []
    return _commitments(s, r)


def _review(s: CheckinState, r: CheckinReading) -> list[Part]:
    """One answer about all of last week's commitments, kept with each of them."""
    note = r.text if r.kind != "skip" else None
    s["reviews"] += [ReviewNote(commitment=c, note=note) for c in s["previous_commitments"]]
    s["review_index"] = len(s["previous_commitments"])
    return [Part(key="review_noted" if note is not None else "review_later")]


def least_confident(s: CheckinState) -> int:
    """The index of the KR with the lowest confidence this week (the first of equals);
    `len(krs)` when no KR has one."""
    rated = [(s["confidence"][kr["kr_id"]], i) for i, kr in enumerate(s["krs"])
             if kr["kr_id"] in s["confidence"]]
    return min(rated)[1] if rated else len(s["krs"])


def _topic(s: CheckinState, r: CheckinReading) -> list[Part]:
    if r.kind == "kr_choice" and r.kr_choice is not None:
        kr = s["krs"][r.kr_choice]
        s["topic"] = {"kr_id": kr["kr_id"], "text": r.text}
        s["kr_index"] = r.kr_choice
        part = Part(key="topic_taken", values=facts(kr))
    elif r.kind == "unusable" and s["asked"].get("topic", 0) == 0:
        s["asked"]["topic"] = 1
        s["again"] = Again(reason=r.reason or "ambiguous", said=r.said or r.text, unit="")
        return []
    else:  # their own topic, or none: the scaling pair on the least confident KR
        s["kr_index"] = least_confident(s)
        if r.kind == "text":
            s["topic"] = {"kr_id": None, "text": r.text}
            part = Part(key="topic_own", values={"topic": r.text})
        else:
            part = Part(key="topic_none")
    s["step"] = "working"
    return [part]


def _working(s: CheckinState, r: CheckinReading) -> list[Part]:
    """What puts them at N rather than M (or, without a number to scale, what is working)."""
    kr = current_kr(s)
    if r.kind == "text":
        s["working"].append(r.text)
        if kr is not None and s["confidence"].get(kr["kr_id"]):
            s["notes"].append(Note(kr_id=kr["kr_id"], about="lower", text=r.text))
        s["step"] = "scale_next"
        return [Part(key="appreciate")]
    if r.kind == "no" and s["asked"].get("working", 0) == 0:
        s["asked"]["working"] = 1
        s["again"] = Again(reason="exception", said=r.text, unit="")
        return []
    s["step"] = "scale_next"
    return []


def _scale_next(s: CheckinState, r: CheckinReading) -> list[Part]:
    kr = current_kr(s)
    s["step"] = "strengths"
    if r.kind == "text" and kr is not None:
        s["notes"].append(Note(kr_id=kr["kr_id"], about="next", text=r.text))
        return [Part(key="noted")]
    return []


def _commitments(s: CheckinState, r: CheckinReading) -> list[Part]:
    """One answer with next week's steps, split into up to three; none: one gentle ask for
    a single small step, then the summary without."""
    if r.kind == "text" and r.text:
        s["commitments"] = split_steps(r.text) or [r.text]
        s["step"] = "done"
        return []
    if not s["small_step_asked"]:
        s["small_step_asked"] = True
        s["again"] = Again(reason="small_step", said=r.text, unit="")
        return []
    s["step"] = "done"
    return []
