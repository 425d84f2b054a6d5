"""The retro's step machine: one reading in, the state's updates and one `Move` out.

Steps: for each KR: score (the suggestion from its values: accept, adjust or skip) ->
reflect (only for an aspirational 1.0: what would a stretch have looked like; a committed KR
short of 1.0: what got in the way, what to keep) -> learning on this KR; then across the set:
proud -> strengths -> learnings about setting OKRs -> offer (the summary, then "start next
period's OKRs with these learnings?") -> done.

A captured score is read back in the next line ("Scored 0.6 (yellow): …") and can be
corrected right after ("no, 0.7"). A derived score ("six tenths") is read back as a question
and taken on a yes; an unclear one is asked about once more, naming what was unclear; after
the second the coach offers to leave it unscored, and a third leaves it unscored.
"""

from __future__ import annotations

import copy
from typing import NamedTuple, cast

from coach.okr_store.progress import band_of
from graph.checkin.questions import key_results
from graph.retro.models import (
    Again,
    Confirm,
    Move,
    Part,
    RetroKR,
    RetroState,
    RetroUpdate,
    Step,
    flag_of,
    record_of,
)
from graph.retro.questions import current_kr, facts, question, score_words, summary
from graph.retro.reading import Expecting, RetroReading, read_retro_turn

__all__ = ["Expectation", "Turn", "expects", "first_move", "next_move", "read_turn",
           "record_of"]

Turn = tuple[RetroUpdate, Move]  # the state's changed keys and the coach's move
_TEXT: dict[Step, Expecting] = {"score": "score", "reflect": "text", "learning": "text",
                                "proud": "text", "strengths": "text", "set_learnings": "text",
                                "offer": "offer", "done": "text"}
_AFTER: dict[Step, Step] = {"proud": "strengths", "strengths": "set_learnings",
                            "set_learnings": "offer"}


class Expectation(NamedTuple):
    """What the coach's last line asked: how to read the next turn."""

    expecting: Expecting
    correctable: bool  # the last line read back a score: "no, 0.7" corrects it


def expects(state: RetroState) -> Expectation:
    if state["fixing"] is not None:
        return Expectation("score_value", False)
    if state["confirm"] is not None or state["offering_unscored"]:
        return Expectation("yes_no", False)
    return Expectation(_TEXT[state["step"]], state["readback"] is not None)


def read_turn(state: RetroState, text: str) -> RetroReading:
    """The one reading of `text`, in the context of what was asked."""
    e = expects(state)
    return read_retro_turn(text, e.expecting, correctable=e.correctable)


def _kr(s: RetroState, kr_id: str) -> RetroKR:
    return next(kr for kr in s["krs"] if kr["kr_id"] == kr_id)


def first_move(state: RetroState) -> Turn:
    """The opening line and the first question."""
    s = copy.deepcopy(state)
    _settle(s)
    return _finish(state, s, [Part(key="open", values={"key_results": key_results(len(s["krs"]))})])


def next_move(state: RetroState, reading: RetroReading) -> Turn:
    """Apply one reading: the changed keys of the state and the coach's move."""
    s = copy.deepcopy(state)
    s["turn"] += 1
    if s["step"] == "done":
        return _finish(state, s, [Part(key="already_done")])
    back, s["readback"], s["again"] = s["readback"], None, None
    parts = _apply(s, reading, back)
    _settle(s)
    return _finish(state, s, parts)


def _finish(before: RetroState, s: RetroState, parts: list[Part]) -> Turn:
    done = s["step"] == "done"
    if s["step"] == "offer" and before["step"] != "offer":
        parts = [*parts, *summary(s), question(s)]
    elif not done:
        parts = [*parts, question(s)]
    updates = cast(RetroUpdate, {k: v for k, v in s.items() if before.get(k) != v})
    return updates, Move(step=s["step"], parts=parts, done=done, variant=s["turn"] + s["seed"])


def _apply(s: RetroState, r: RetroReading, back: str | None) -> list[Part]:
    if s["fixing"] is not None:
        return _fix(s, r, s["fixing"])
    if r.kind == "correction" and back is not None:
        if r.value is None:  # "no": which score should it be?
            s["fixing"] = back
            return []
        return _number(s, _kr(s, back), r)
    if s["confirm"] is not None:
        return _confirm(s, r, s["confirm"])
    if s["offering_unscored"]:
        return _unscored_offer(s, r)
    if s["step"] == "score":
        return _score_step(s, r)
    return _talk_step(s, r)


def _take(s: RetroState, kr: RetroKR, value: float, span: str) -> list[Part]:
    """The score is agreed: read it back, and say what it means for this kind of KR."""
    k = kr["kr_id"]
    corrected = k in s["scores"]
    suggestion = s["suggestions"][k]
    s["scores"][k], s["spans"][k] = value, span
    s["adjusted"] = [a for a in s["adjusted"] if a != k]
    if suggestion["score"] is None or abs(suggestion["score"] - value) > 1e-9:
        s["adjusted"].append(k)
    s["unscored"] = [u for u in s["unscored"] if u != k]
    flag = flag_of(kr, value, suggestion)
    s["flags"].pop(k, None)
    if flag is not None:
        s["flags"][k] = flag
    s["readback"], s["kr_index"] = k, s["krs"].index(kr)
    s["step"] = "reflect" if flag in ("stretch", "missed") else "learning"
    values = facts(s, kr) | {"score": score_words(value), "band": band_of(value)}
    parts = [Part(key="corrected_score" if corrected else "scored", values=values)]
    if flag in ("good", "kept"):
        parts.append(Part(key=f"praise_{flag}", values=values))
    return parts


def _number(s: RetroState, kr: RetroKR, r: RetroReading) -> list[Part]:
    """A score read from their words: taken when said plainly, else read back as a question."""
    assert r.value is not None
    if r.approx:
        s["confirm"] = Confirm(kr_id=kr["kr_id"], value=r.value, said=r.span or r.text)
        return []
    return _take(s, kr, r.value, r.span or r.text)


def _kept(s: RetroState, kr: RetroKR) -> list[Part]:
    s["readback"] = kr["kr_id"]
    return [Part(key="kept_score", values=facts(s, kr) | {
        "score": score_words(s["scores"][kr["kr_id"]]), "band": band_of(s["scores"][kr["kr_id"]])})]


def _fix(s: RetroState, r: RetroReading, kr_id: str) -> list[Part]:
    """"No" to the suggestion or to a read-back: the score they give instead."""
    s["fixing"], kr = None, _kr(s, kr_id)
    scored = kr_id in s["scores"]
    if r.kind == "score" and r.value is not None:
        return _number(s, kr, r)
    if scored and r.kind in ("accept", "skip", "no", "unusable", "nothing"):
        return _kept(s, kr)
    if r.kind == "accept" and s["suggestions"][kr_id]["score"] is not None:
        return _take(s, kr, cast(float, s["suggestions"][kr_id]["score"]), r.text)
    if r.kind == "skip":
        return _leave_unscored(s, kr, "skipped_score")
    return _unclear(s, kr, r)


def _score_step(s: RetroState, r: RetroReading) -> list[Part]:
    kr = current_kr(s)
    assert kr is not None  # _settle keeps kr_index inside the KRs in this step
    suggested = s["suggestions"][kr["kr_id"]]["score"]
    if r.kind == "accept":
        if suggested is None:
            return _unclear(s, kr, r.model_copy(update={"reason": "no_suggestion"}))
        return _take(s, kr, suggested, r.text)
    if r.kind == "score" and r.value is not None:
        return _number(s, kr, r)
    if r.kind == "no":
        s["fixing"] = kr["kr_id"]
        return []
    if r.kind == "skip":
        return _leave_unscored(s, kr, "skipped_score")
    return _unclear(s, kr, r)


def _unclear(s: RetroState, kr: RetroKR, r: RetroReading) -> list[Part]:
    key = f"score:{kr['kr_id']}"
    s["asked"][key] = s["asked"].get(key, 0) + 1
    if s["asked"][key] == 1:
        s["again"] = Again(reason=r.reason or "no_number", said=r.said or r.text)
    elif s["asked"][key] == 2:
        s["offering_unscored"] = True
    else:
        return _leave_unscored(s, kr, "left_unscored")
    return []


def _leave_unscored(s: RetroState, kr: RetroKR, key: str) -> list[Part]:
    if kr["kr_id"] not in s["unscored"]:
        s["unscored"].append(kr["kr_id"])
    s["kr_index"], s["step"] = s["krs"].index(kr) + 1, "score"
    return [Part(key=key, values=facts(s, kr))]


def _confirm(s: RetroState, r: RetroReading, c: Confirm) -> list[Part]:
    s["confirm"], kr = None, _kr(s, c["kr_id"])
    if r.kind == "yes":
        return _take(s, kr, c["value"], c["said"])
    if r.kind == "score" and r.value is not None:
        return _number(s, kr, r)
    if c["kr_id"] in s["scores"]:
        return _kept(s, kr)
    if r.kind == "no":
        s["fixing"] = kr["kr_id"]
        return []
    if r.kind == "skip":
        return _leave_unscored(s, kr, "skipped_score")
    return _unclear(s, kr, r)


def _unscored_offer(s: RetroState, r: RetroReading) -> list[Part]:
    kr = current_kr(s)
    assert kr is not None
    s["offering_unscored"] = False
    if r.kind == "score":
        return _score_step(s, r)
    if r.kind == "no":  # not unscored: one last try
        s["again"] = Again(reason="last_try", said="")
        return []
    return _leave_unscored(s, kr, "left_unscored")


def _talk_step(s: RetroState, r: RetroReading) -> list[Part]:
    """Steps where any words are an answer; "nothing" or "skip" moves on."""
    step, said = s["step"], r.kind == "text"
    if r.reason == "empty":
        return []  # nothing typed: the same question again
    kr = current_kr(s)
    if r.kind == "bare":  # "yes" to "what did you learn?": asked once more, never noted
        key = f"bare:{step}:{kr['kr_id'] if kr is not None else ''}"
        s["asked"][key] = s["asked"].get(key, 0) + 1
        if s["asked"][key] == 1:
            return [Part(key="in_words")]
    if step == "reflect" and kr is not None:
        if said:
            s["reflections"][kr["kr_id"]] = r.text
        s["step"] = "learning"
        return [Part(key="noted")] if said else []
    if step == "learning" and kr is not None:
        if said:
            s["kr_learnings"][kr["kr_id"]] = r.text
        s["kr_index"], s["step"] = s["kr_index"] + 1, "score"
        return [Part(key="learning_noted" if said else "moving_on")]
    if step == "offer":
        return _offer(s, r)
    if step == "strengths" and not said and s["asked"].get("strengths", 0) == 0:
        s["asked"]["strengths"] = 1
        s["again"] = Again(reason="other_view", said=r.text)
        return []
    target = {"proud": s["proud"], "strengths": s["strengths"], "set_learnings": s["learnings"]}
    if said and step in target:
        target[step].append(r.text)
    s["step"] = _AFTER.get(step, "offer")
    return [Part(key=f"{step}_noted")] if said else []


def _offer(s: RetroState, r: RetroReading) -> list[Part]:
    if r.kind in ("yes", "no"):
        s["next_period"], s["step"] = r.kind == "yes", "done"
        return [Part(key=f"offer_{r.kind}")]
    if s["asked"].get("offer", 0) == 0:
        s["asked"]["offer"] = 1
        s["again"] = Again(reason="unclear", said=r.text)
        return []
    s["step"] = "done"
    return [Part(key="offer_open")]


def _settle(s: RetroState) -> None:
    if s["step"] == "score" and s["kr_index"] >= len(s["krs"]):
        s["step"] = "proud"
