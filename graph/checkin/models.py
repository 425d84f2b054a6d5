"""Typed inputs, state and moves of a weekly check-in.

Everything kept between turns is plain JSON (str, int, float, bool, None, list, dict), so the
state can sit in a LangGraph checkpoint as it is. A check-in starts from `new_checkin` and
ends with `record_of`: what the OKR store keeps for the week.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from pydantic import BaseModel, Field

Number = int | float
Direction = Literal["increase", "decrease"]
Step = Literal["review", "value", "confidence", "topic", "working", "scale_next", "strengths",
               "commitments", "done"]
ValueKind = Literal["value", "confidence"]
BackKind = Literal["value", "confidence", "both"]  # "both": said together, read back together
NoteAbout = Literal["lower", "next"]  # the scaling pair: "N rather than M", "what would N+1"


class CheckinKR(TypedDict):
    """One Key Result of the active OKR set, as the check-in needs it."""

    kr_id: str
    text: str  # the KR as written ("Reduce churn from 5 % to 3 %")
    metric: str  # what is measured, a noun phrase ("churn")
    unit: str | None  # the unit scheme of `coach.okr.numbers` ("%", "min", "users") or None
    baseline: Number | None  # None: unknown
    target: Number
    direction: Direction
    last_value: Number | None  # last check-in's value, None if there was none
    last_confidence: int | None
    expected_progress: float  # the straight line at today: 0.0 at the start, 1.0 at the end
    period_end: str  # how the deadline reads ("the end of June")


class ReviewNote(TypedDict):
    commitment: str
    note: str | None  # None: moved on ("skip", "later")


class Note(TypedDict):
    kr_id: str
    about: NoteAbout
    text: str


class Topic(TypedDict):
    kr_id: str | None  # None: a topic of their own, not one KR
    text: str


class Readback(TypedDict):
    """The value the last coach line read back: correctable in the very next turn."""

    kind: BackKind
    kr_id: str


class Confirm(TypedDict):
    """An approximate value read back as a yes/no question, taken only on a yes."""

    kind: ValueKind
    kr_id: str
    value: Number
    said: str  # the person's words ("about two thirds")
    estimate: NotRequired[str]  # the estimate just before, when the value is far from it


class Again(TypedDict):
    """Why the last answer could not be used: the next line asks once more, naming it."""

    reason: str
    said: str  # the unclear words ("roughly 40", "3 hours")
    unit: str  # the unit they used, when it was not the KR's ("h"); else ""


class CheckinState(TypedDict):
    step: Step
    krs: list[CheckinKR]
    kr_index: int  # the KR asked about; from "working" on, the KR the scaling pair is about
    previous_commitments: list[str]
    review_index: int
    reviews: list[ReviewNote]
    values: dict[str, Number]  # kr_id -> this week's value
    spans: dict[str, str]  # kr_id -> the words the value came from
    confidence: dict[str, int]
    blank: list[str]  # kr_ids left without a value this week
    notes: list[Note]
    flagged: list[str]  # kr_ids where progress and confidence disagree
    topic: Topic | None
    working: list[str]
    strengths: list[str]
    commitments: list[str]
    readback: Readback | None
    confirm: Confirm | None
    fixing: BackKind | None  # "no" to a read-back: the next number replaces it
    offering_blank: bool  # "let's leave it blank this week — fine?" is open
    again: Again | None  # the last answer was unclear: the next line asks once more
    asked: dict[str, int]  # question key -> unclear answers so far
    small_step_asked: bool
    turn: int
    seed: int  # varies the wording between weeks


class CheckinUpdate(TypedDict, total=False):
    """The keys of `CheckinState` a turn changed (each optional)."""

    step: Step
    krs: list[CheckinKR]
    kr_index: int
    previous_commitments: list[str]
    review_index: int
    reviews: list[ReviewNote]
    values: dict[str, Number]
    spans: dict[str, str]
    confidence: dict[str, int]
    blank: list[str]
    notes: list[Note]
    flagged: list[str]
    topic: Topic | None
    working: list[str]
    strengths: list[str]
    commitments: list[str]
    readback: Readback | None
    confirm: Confirm | None
    fixing: BackKind | None
    offering_blank: bool
    again: Again | None
    asked: dict[str, int]
    small_step_asked: bool
    turn: int
    seed: int


def new_checkin(krs: list[CheckinKR], previous_commitments: list[str] | None = None,
                seed: int = 0) -> CheckinState:
    """A check-in about to start (`planner.first_move` opens it)."""
    return CheckinState(
        step="review", krs=list(krs), kr_index=0,
        previous_commitments=list(previous_commitments or []), review_index=0, reviews=[],
        values={}, spans={}, confidence={}, blank=[], notes=[], flagged=[], topic=None,
        working=[], strengths=[], commitments=[], readback=None, confirm=None, fixing=None,
        offering_blank=False, again=None, asked={}, small_step_asked=False, turn=0, seed=seed)


class Part(BaseModel):
    """One line of the coach's turn: a key of `prompts/checkin_offline.yaml` and its values."""

    key: str
    values: dict[str, str] = Field(default_factory=dict)


class Move(BaseModel):
    """What the coach does this turn: acknowledgements or read-backs, then one question
    (or the summary when the check-in is done). The wording is `wording.say`'s job."""

    step: Step
    parts: list[Part]
    done: bool = False
    variant: int = 0  # chooses between the phrasings of a line


class KRRecord(TypedDict):
    kr_id: str
    value: Number | None  # None: left blank this week
    span: str | None
    confidence: int | None
    flagged: bool
    notes: list[Note]


class CheckinRecord(TypedDict):
    """What the OKR store keeps from one check-in."""

    krs: list[KRRecord]
    reviews: list[ReviewNote]
    topic: Topic | None
    working: list[str]
    strengths: list[str]
    commitments: list[str]  # reviewed at the start of next week's check-in


def record_of(state: CheckinState) -> CheckinRecord:
    """The check-in's outcome, to persist when it is done."""
    krs = [KRRecord(kr_id=kr["kr_id"], value=state["values"].get(kr["kr_id"]),
                    span=state["spans"].get(kr["kr_id"]),
                    confidence=state["confidence"].get(kr["kr_id"]),
                    flagged=kr["kr_id"] in state["flagged"],
                    notes=[n for n in state["notes"] if n["kr_id"] == kr["kr_id"]])
           for kr in state["krs"]]
    return CheckinRecord(krs=krs, reviews=list(state["reviews"]), topic=state["topic"],
                         working=list(state["working"]), strengths=list(state["strengths"]),
                         commitments=list(state["commitments"]))
