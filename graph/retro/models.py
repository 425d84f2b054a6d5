"""Typed inputs, state and moves of an end-of-period retrospective.

Everything kept between turns is plain JSON (str, int, float, bool, None, list, dict), so the
state can sit in a LangGraph checkpoint as it is. A retro starts from `new_retro` (which
works out each KR's suggested score from its values) and ends with `record_of`: the scores
for the OKR store and the learnings for the knowledge base.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from pydantic import BaseModel

from coach.okr_store.progress import Band, band_of, round_score, suggest_score
from graph.checkin.models import Part

__all__ = ["Again", "Band", "Confirm", "Flag", "KRScore", "Kind", "Move", "ObjectiveScore",
           "Part", "RetroKR", "RetroRecord", "RetroState", "RetroUpdate", "Step", "Suggestion",
           "flag_of", "mean_score", "new_retro", "record_of"]

Number = int | float
Kind = Literal["aspirational", "committed"]
Direction = Literal["increase", "decrease"]
Step = Literal["score", "reflect", "learning", "proud", "strengths", "set_learnings", "offer",
               "done"]
# good: an aspirational KR in the green band below 1.0 (the result a stretch KR aims for);
# stretch: an aspirational KR at 1.0 (a cue to stretch more next time);
# missed: a committed KR that did not reach its target; kept: a committed KR that did.
Flag = Literal["good", "stretch", "missed", "kept"]


class RetroKR(TypedDict):
    """One Key Result of the OKR set being looked back on."""

    kr_id: str
    text: str  # the KR as written ("Reduce churn from 5 % to 3 %")
    unit: str | None
    baseline: Number | None  # None: unknown
    target: Number | None
    last_value: Number | None  # the last check-in's value, None if there was none
    kind: Kind
    direction: Direction
    objective: NotRequired[int]  # index into the objective titles (0 when left out)


class Suggestion(TypedDict):
    """The score the values suggest (`coach.okr_store.progress.suggest_score`)."""

    score: float | None  # None: no value, baseline or target to work it out from
    band: Band | None
    missed: bool  # a committed KR short of its target, even when the score rounds to 1.0


class Confirm(TypedDict):
    """A derived score ("six tenths", "60 %") read back as a question, taken on a yes."""

    kr_id: str
    value: float
    said: str


class Again(TypedDict):
    """Why the last answer could not be used: the next line asks once more, naming it."""

    reason: str
    said: str


class RetroState(TypedDict):
    step: Step
    krs: list[RetroKR]
    objective_titles: list[str]
    kr_index: int
    suggestions: dict[str, Suggestion]  # kr_id -> what the values suggest
    scores: dict[str, float]  # kr_id -> the score agreed
    spans: dict[str, str]  # kr_id -> the words the score came from ("yes", "0.6")
    adjusted: list[str]  # kr_ids whose score differs from the suggestion's
    unscored: list[str]  # kr_ids left without a score ("skip")
    flags: dict[str, Flag]
    reflections: dict[str, str]  # kr_id -> what got in the way / a stretch would look like
    kr_learnings: dict[str, str]  # kr_id -> what was learned on this KR
    proud: list[str]
    strengths: list[str]
    learnings: list[str]  # about how they set OKRs: for the next period
    next_period: bool | None  # the offer to start next period's OKRs; None: not answered
    readback: str | None  # kr_id whose score the last line read back: correctable now
    confirm: Confirm | None
    fixing: str | None  # kr_id: "no" to a read-back (or a suggestion), the next number wins
    offering_unscored: bool  # "shall we leave it unscored?" is open
    again: Again | None
    asked: dict[str, int]  # question key -> unclear answers so far
    turn: int
    seed: int


class RetroUpdate(TypedDict, total=False):
    """The keys of `RetroState` a turn changed (each optional)."""

    step: Step
    krs: list[RetroKR]
    objective_titles: list[str]
    kr_index: int
    suggestions: dict[str, Suggestion]
    scores: dict[str, float]
    spans: dict[str, str]
    adjusted: list[str]
    unscored: list[str]
    flags: dict[str, Flag]
    reflections: dict[str, str]
    kr_learnings: dict[str, str]
    proud: list[str]
    strengths: list[str]
    learnings: list[str]
    next_period: bool | None
    readback: str | None
    confirm: Confirm | None
    fixing: str | None
    offering_unscored: bool
    again: Again | None
    asked: dict[str, int]
    turn: int
    seed: int


def _suggest(kr: RetroKR) -> Suggestion:
    def num(v: Number | None) -> float | None:
        return None if v is None else float(v)

    s = suggest_score(num(kr["last_value"]), num(kr["baseline"]), num(kr["target"]), kr["kind"])
    missed = any(f.startswith("committed KR missed") for f in s.flags)
    return Suggestion(score=s.score, band=s.band, missed=missed)


def new_retro(krs: list[RetroKR], objective_titles: list[str] | None = None,
              seed: int = 0) -> RetroState:
    """A retro about to start (`planner.first_move` opens it)."""
    return RetroState(
        step="score", krs=list(krs), objective_titles=list(objective_titles or []), kr_index=0,
        suggestions={kr["kr_id"]: _suggest(kr) for kr in krs}, scores={}, spans={},
        adjusted=[], unscored=[], flags={}, reflections={}, kr_learnings={}, proud=[],
        strengths=[], learnings=[], next_period=None, readback=None, confirm=None, fixing=None,
        offering_unscored=False, again=None, asked={}, turn=0, seed=seed)


def flag_of(kr: RetroKR, score: float, suggestion: Suggestion) -> Flag | None:
    """What the score says about the KR: good / stretch (aspirational), missed / kept."""
    if kr["kind"] == "committed":
        short = score < 1.0 or (suggestion["missed"] and suggestion["score"] == score)
        return "missed" if short else "kept"
    if score >= 1.0:
        return "stretch"
    return "good" if band_of(score) == "green" else None


def mean_score(scores: list[float]) -> float | None:
    """The mean of the scores, to two decimals; None without any."""
    return round(sum(scores) / len(scores) + 1e-9, 2) if scores else None


class Move(BaseModel):
    """What the coach does this turn: read-backs and acknowledgements, then one question
    (or the summary and the offer). The wording is `wording.say`'s job."""

    step: Step
    parts: list[Part]
    done: bool = False
    variant: int = 0  # chooses between the phrasings of a line


class KRScore(TypedDict):
    kr_id: str
    score: float | None  # None: left unscored
    band: Band | None
    suggested: float | None
    adjusted: bool  # the person changed the suggested score
    flag: Flag | None
    reflection: str | None
    learning: str | None


class ObjectiveScore(TypedDict):
    title: str
    mean: float | None  # over its scored KRs; None when none was scored
    band: Band | None
    kr_ids: list[str]


class RetroRecord(TypedDict):
    """What the retro leaves behind: scores for the store, learnings for the knowledge base."""

    krs: list[KRScore]
    objectives: list[ObjectiveScore]
    proud: list[str]
    strengths: list[str]
    learnings: list[str]
    next_period: bool | None  # start next period's OKRs with these learnings in mind


def objectives_of(state: RetroState) -> list[ObjectiveScore]:
    """Each objective with the mean score of its scored KRs."""
    titles = state["objective_titles"] or ["the objective"]
    out: list[ObjectiveScore] = []
    for i, title in enumerate(titles):
        ids = [kr["kr_id"] for kr in state["krs"] if kr.get("objective", 0) == i]
        mean = mean_score([state["scores"][k] for k in ids if k in state["scores"]])
        out.append(ObjectiveScore(title=title, mean=mean,
                                  band=None if mean is None else band_of(round_score(mean)),
                                  kr_ids=ids))
    return out


def record_of(state: RetroState) -> RetroRecord:
    """The retro's outcome, to persist when it is done."""
    krs = []
    for kr in state["krs"]:
        k = kr["kr_id"]
        score = state["scores"].get(k)
        krs.append(KRScore(kr_id=k, score=score, band=None if score is None else band_of(score),
                           suggested=state["suggestions"][k]["score"],
                           adjusted=k in state["adjusted"], flag=state["flags"].get(k),
                           reflection=state["reflections"].get(k),
                           learning=state["kr_learnings"].get(k)))
    return RetroRecord(krs=krs, objectives=objectives_of(state), proud=list(state["proud"]),
                       strengths=list(state["strengths"]), learnings=list(state["learnings"]),
                       next_period=state["next_period"])
