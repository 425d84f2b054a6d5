"""What the coach says next, as `Part`s: the question for the retro's current step, the
KR facts its lines may use, and the closing summary. Only facts and keys — the words are in
`prompts/retro_offline.yaml`.
"""

from __future__ import annotations

from coach.okr_store.progress import band_of
from graph.checkin.questions import show
from graph.retro.models import Part, RetroKR, RetroState, objectives_of


def score_words(score: float) -> str:
    return f"{score:.1f}"


def mean_words(mean: float) -> str:
    text = f"{mean:.2f}"
    return text[:-1] if text.endswith("0") else text


def facts(state: RetroState, kr: RetroKR) -> dict[str, str]:
    """The KR's facts every line about it may use."""
    last = kr["last_value"]
    return {"kr_text": kr["text"], "kind": kr["kind"], "target": show(kr["target"], kr["unit"]),
            "last": show(last, kr["unit"]) if last is not None else "no value"}


def current_kr(state: RetroState) -> RetroKR | None:
    if state["step"] in ("score", "reflect", "learning") and state["kr_index"] < len(
            state["krs"]):
        return state["krs"][state["kr_index"]]
    return None


def _kr(s: RetroState, kr_id: str) -> RetroKR:
    return next(kr for kr in s["krs"] if kr["kr_id"] == kr_id)


def question(s: RetroState) -> Part:
    """The one question the coach asks in the state's current step."""
    kr, again, step = current_kr(s), s["again"], s["step"]
    if s["fixing"] is not None:
        fix = _kr(s, s["fixing"])
        return Part(key="fix_score" if s["fixing"] in s["scores"] else "ask_own_score",
                    values=facts(s, fix))
    if s["confirm"] is not None:
        c = s["confirm"]
        return Part(key="confirm_score", values=facts(s, _kr(s, c["kr_id"])) | {
            "said": c["said"], "proposal": score_words(c["value"]),
            "band": band_of(c["value"])})
    if kr is not None:
        base = facts(s, kr)
        if s["offering_unscored"]:
            return Part(key="offer_unscored", values=base)
        if step == "score":
            suggested = s["suggestions"][kr["kr_id"]]
            if again is not None:
                return Part(key=f"score_again.{again['reason']}", values=base | {
                    "said": again["said"]})
            if suggested["score"] is None or suggested["band"] is None:
                return Part(key="ask_score_no_value", values=base)
            return Part(key="ask_score", values=base | {
                "score": score_words(suggested["score"]), "band": suggested["band"]})
        if step == "reflect":
            key = "ask_stretch" if s["flags"].get(kr["kr_id"]) == "stretch" else "ask_missed"
            return Part(key=key, values=base)
        return Part(key="ask_learning", values=base)
    if step == "strengths" and again is not None:
        return Part(key="ask_strengths_again")
    if step == "offer" and again is not None:
        return Part(key="offer_again")
    return Part(key=f"ask_{step}")


def _scored(count: int) -> str:
    return f"{count} scored KR" + ("" if count == 1 else "s")


def summary(s: RetroState) -> list[Part]:
    """The appreciative close: each KR's score and band, the objectives' means, what they
    are proud of, their strengths and learnings."""
    parts = [Part(key="summary_open")]
    for kr in s["krs"]:
        score = s["scores"].get(kr["kr_id"])
        if score is None:
            parts.append(Part(key="summary_kr_unscored", values={"kr_text": kr["text"]}))
        else:
            parts.append(Part(key="summary_kr", values={
                "kr_text": kr["text"], "score": score_words(score), "band": band_of(score)}))
    for objective in objectives_of(s):
        if objective["mean"] is None or objective["band"] is None:
            continue
        values = {"mean": mean_words(objective["mean"]), "band": objective["band"],
                  "scored": _scored(sum(k in s["scores"] for k in objective["kr_ids"]))}
        if s["objective_titles"]:
            parts.append(Part(key="summary_objective", values=values | {
                "objective": objective["title"]}))
        else:
            parts.append(Part(key="summary_set", values=values))
    learnings = [s["kr_learnings"][kr["kr_id"]] for kr in s["krs"]
                 if kr["kr_id"] in s["kr_learnings"]] + s["learnings"]
    for key, items in (("proud", s["proud"]), ("strengths", s["strengths"]),
                       ("learnings", learnings)):
        if items:
            parts.append(Part(key=f"summary_{key}", values={key: listed(items)}))
    return parts


def listed(items: list[str]) -> str:
    """The person's answers in one sentence the wording ends with its own full stop: "A; B"
    (their own closing stops go, or the summary read "… without being asked..")."""
    return "; ".join(item.strip().rstrip(".;,!").rstrip() for item in items if item.strip())
