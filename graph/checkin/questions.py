"""What the coach says next, as `Part`s: the question for the state's current step (and
how its answer is read, `expects`), the read-back of a captured value, and the closing
summary. Only facts and keys — the words are in `prompts/checkin_offline.yaml`.
"""

from __future__ import annotations

from typing import NamedTuple

from coach.formatting import number_with_unit
from graph.checkin.models import BackKind, CheckinKR, CheckinState, Number, Part, ValueKind
from graph.checkin.progress import disagreement
from graph.checkin.reading import CheckinReading, Expecting, read_checkin_turn

KR_STEPS = frozenset({"value", "confidence", "working", "scale_next"})
_TEXT_STEPS: dict[str, Expecting] = {
    "review": "review", "value": "value", "confidence": "confidence", "topic": "topic",
    "working": "text", "scale_next": "text", "strengths": "text", "commitments": "commitment",
    "done": "text"}


_UNIT_WORDS = {"%": "percent", "pp": "percentage points", "min": "minutes", "h": "hours",
               "s": "seconds", "ms": "milliseconds"}


def unit_words(unit: str | None) -> str:
    """A unit as it reads in a sentence ("min" -> "minutes")."""
    return _UNIT_WORDS.get(unit or "", unit or "the KR's own unit")


def key_results(count: int) -> str:
    """"1 Key Result", "3 Key Results" (a one-KR set was greeted with "1 Key Results")."""
    return f"{count} Key Result" + ("" if count == 1 else "s")


def show(value: Number | None, unit: str | None) -> str:
    """`4.2%`, `45 min`, `$5,000`, `12 users` (4.0 reads 4)."""
    shown: Number | None = value
    if isinstance(value, float) and value.is_integer():
        shown = int(value)
    return number_with_unit(shown, unit)


def current_kr(state: CheckinState) -> CheckinKR | None:
    """The KR the per-KR steps (and the scaling pair after the topic) are about, None
    outside them — and in "working" when no KR has a confidence to scale."""
    if state["step"] in KR_STEPS and state["kr_index"] < len(state["krs"]):
        return state["krs"][state["kr_index"]]
    return None


class Expectation(NamedTuple):
    """What the coach's last line asked: how to read the next turn."""

    expecting: Expecting
    kr: CheckinKR | None
    about: BackKind | None  # a read-back (or a yes/no about a value) the turn may correct
    krs: list[CheckinKR]


def expects(state: CheckinState) -> Expectation:
    """How to read the answer to the state's last question."""
    kr = current_kr(state)
    if state["fixing"] is not None:
        return Expectation(state["fixing"], kr, None, state["krs"])
    if state["confirm"] is not None:
        return Expectation("yes_no", kr, state["confirm"]["kind"], state["krs"])
    if state["offering_blank"]:
        kind: ValueKind = "confidence" if state["step"] == "confidence" else "value"
        return Expectation("yes_no", kr, kind, state["krs"])
    back = state["readback"]
    about = back["kind"] if back is not None else None
    return Expectation(_TEXT_STEPS.get(state["step"], "text"), kr, about, state["krs"])


def read_turn(state: CheckinState, text: str) -> CheckinReading:
    """The one reading of `text`, in the context of what was asked."""
    e = expects(state)
    return read_checkin_turn(text, e.expecting, e.kr, about=e.about, krs=e.krs)


def lower_point(confidence: int) -> int:
    """The lower number of the scaling follow-up: half of theirs (6 -> 3), 0 for 1."""
    return confidence // 2 if confidence >= 2 else 0


def facts(kr: CheckinKR) -> dict[str, str]:
    """The KR's facts every line about it may use."""
    previous = kr["last_value"] if kr["last_value"] is not None else kr["baseline"]
    return {"metric": kr["metric"], "kr_text": kr["text"], "target": show(kr["target"], kr["unit"]),
            "end": kr["period_end"], "previous": show(previous, kr["unit"]),
            "unit": unit_words(kr["unit"])}


def readback(state: CheckinState, kr: CheckinKR, corrected: bool = False) -> Part:
    """"Got it: churn is now 3.9% (last week 4.2%)." — the captured value restated."""
    values = facts(kr) | {"value": show(state["values"][kr["kr_id"]], kr["unit"])}
    if corrected:
        return Part(key="corrected_value", values=values)
    if kr["last_value"] is not None:
        return Part(key="readback_value", values=values)
    if kr["baseline"] is not None:
        return Part(key="readback_value_baseline", values=values)
    return Part(key="readback_value_first", values=values)


def readback_confidence(state: CheckinState, kr: CheckinKR, corrected: bool = False) -> Part:
    values = facts(kr) | {"confidence": str(state["confidence"][kr["kr_id"]])}
    if corrected:
        return Part(key="corrected_confidence", values=values)
    last = kr["last_confidence"]
    if last is not None:
        return Part(key="readback_confidence_last", values=values | {"last": str(last)})
    return Part(key="readback_confidence", values=values)


def _kr_question(state: CheckinState, kr: CheckinKR) -> Part:
    step, base, again = state["step"], facts(kr), state["again"]
    confidence = state["confidence"].get(kr["kr_id"])
    if step in ("value", "confidence") and again:
        return Part(key=f"{step}_again.{again['reason']}", values=base | {
            "said": again["said"], "said_unit": unit_words(again["unit"])})
    if step == "value":
        key = "ask_value" if kr["last_value"] is not None else (
            "ask_value_baseline" if kr["baseline"] is not None else "ask_value_fresh")
        return Part(key=key, values=base)
    if step == "confidence":
        return Part(key="ask_confidence", values=base)
    if step == "working":
        if again is not None and again["reason"] == "exception":
            return Part(key="ask_exception")
        if not confidence:  # no number to scale from (or 0: nothing lower)
            return Part(key="ask_working_topic", values={"topic": kr["metric"]})
        return Part(key="ask_scale_lower", values=base | {
            "confidence": str(confidence), "lower": str(lower_point(confidence))})
    confidence = confidence or 0
    key = "ask_scale_from_zero" if confidence == 0 else "ask_scale_next"
    return Part(key=key, values=base | {"confidence": str(confidence),
                                        "next": str(confidence + 1)})


def question(state: CheckinState) -> Part:
    """The one question the coach asks in the state's current step."""
    kr = current_kr(state)
    confirm = state["confirm"]
    if state["fixing"] is not None and kr is not None:
        return Part(key=f"fix_{state['fixing']}", values=facts(kr))
    if confirm is not None and kr is not None:
        value = show(confirm["value"], kr["unit"]) if confirm["kind"] == "value" else str(
            confirm["value"])
        if "estimate" in confirm:
            return Part(key="confirm_far", values=facts(kr) | {
                "estimate": confirm["estimate"], "proposal": value})
        return Part(key=f"confirm_{confirm['kind']}",
                    values=facts(kr) | {"said": confirm["said"], "proposal": value})
    if state["offering_blank"] and kr is not None:
        return Part(key=f"offer_blank_{state['step']}", values=facts(kr))
    if kr is not None:
        return _kr_question(state, kr)
    return _general_question(state)


def quoted(items: list[str]) -> str:
    """“A”, “B” and “C”."""
    marks = [f"\u201c{item}\u201d" for item in items]
    return marks[0] if len(marks) == 1 else f"{', '.join(marks[:-1])} and {marks[-1]}"


def _topic_question(state: CheckinState) -> Part:
    """Which KR to talk about; a KR whose progress and confidence disagree is named in it."""
    krs, again = state["krs"], state["again"]
    choices = ", ".join(f"KR {i + 1} {kr['metric']}" for i, kr in enumerate(krs))
    if again:
        return Part(key=f"topic_again.{again['reason']}",
                    values={"choices": choices, "said": again["said"]})
    flagged = [(i, kr) for i, kr in enumerate(krs) if kr["kr_id"] in state["flagged"]]
    if len(flagged) == 1:
        (i, kr), confidence = flagged[0], state["confidence"].get(flagged[0][1]["kr_id"])
        kind = disagreement(kr, state["values"].get(kr["kr_id"]), confidence)
        return Part(key=f"ask_topic_flagged.{kind or 'behind_confident'}", values={
            "choices": choices, "number": f"KR {i + 1}", "metric": kr["metric"],
            "confidence": str(confidence)})
    if flagged:
        names = [f"KR {i + 1} ({kr['metric']})" for i, kr in flagged]
        return Part(key="ask_topic_flagged.several", values={
            "choices": choices, "flagged": f"{', '.join(names[:-1])} and {names[-1]}"})
    return Part(key="ask_topic", values={"choices": choices})


def _general_question(state: CheckinState) -> Part:
    step, again = state["step"], state["again"]
    if step == "review":
        commitments = state["previous_commitments"]
        key = "ask_review_one" if len(commitments) == 1 else "ask_review_several"
        return Part(key=key, values={"commitments": quoted(commitments)})
    if step == "topic":
        return _topic_question(state)
    if step == "working":
        if again is not None and again["reason"] == "exception":
            return Part(key="ask_exception")
        return Part(key="ask_working")
    if step == "strengths":
        return Part(key="ask_strengths")
    if again is not None and again["reason"] == "small_step":
        return Part(key="ask_small_step")
    return Part(key="ask_commitments")


def summary(state: CheckinState) -> list[Part]:
    """The appreciative close: values, confidence, what works, the commitments."""
    parts = [Part(key="summary_open")]
    for kr in state["krs"]:
        base = facts(kr)
        if kr["kr_id"] in state["values"]:
            base["value"] = show(state["values"][kr["kr_id"]], kr["unit"])
            confidence = state["confidence"].get(kr["kr_id"])
            if confidence is None:
                parts.append(Part(key="summary_kr_no_confidence", values=base))
            else:
                parts.append(Part(key="summary_kr", values=base | {"confidence": str(confidence)}))
        else:
            parts.append(Part(key="summary_kr_blank", values=base))
    if state["working"]:
        parts.append(Part(key="summary_working", values={"working": "; ".join(state["working"])}))
    if state["strengths"]:
        parts.append(Part(key="summary_strengths",
                          values={"strengths": "; ".join(state["strengths"])}))
    if state["commitments"]:
        parts.append(Part(key="summary_commitments",
                          values={"commitments": "; ".join(state["commitments"])}))
    else:
        parts.append(Part(key="summary_no_commitments"))
    parts.append(Part(key="summary_close"))
    return parts
