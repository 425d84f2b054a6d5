"""The state one coaching session carries from turn to turn.

Everything in it is plain JSON (str, int, list, dict) so that checkpoints stay readable,
portable between SQLite and Postgres, and never need custom deserialisers.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Annotated, Any, Literal, NotRequired, TypedDict, cast

RoomId = Literal["ticket_office", "future_gallery", "instances_gallery", "gift_shop", "done"]
ROOMS: tuple[RoomId, ...] = ("ticket_office", "future_gallery", "instances_gallery", "gift_shop")
ROOM_TITLES: dict[str, str] = {
    "ticket_office": "Ticket Office",
    "future_gallery": "Future Gallery",
    "instances_gallery": "Instances Gallery",
    "gift_shop": "Gift Shop",
    "done": "Done",
}


class Turn(TypedDict):
    role: Literal["coach", "user", "persona"]
    room: str
    text: str
    persona: NotRequired[str]
    """A rehearsal's team line: the persona who speaks (role `persona`)."""


class Move(TypedDict, total=False):
    """What the coach does next; the backend only words it.

    kind: ``ask`` (ask for `slot`), ``reframe`` (turn problem talk into a wish, then `slot`),
    ``confirm`` (read a value back as a question before taking it; `slot` stays asked),
    ``summary``, ``finish``.
    """

    kind: Literal["ask", "reframe", "confirm", "summary", "finish"]
    slot: str | None
    entered: bool  # the room changed with this move
    note: str | None  # something the coach should briefly mention first


class CoachState(TypedDict, total=False):
    mode: str
    carry_over: str | None
    """What the person takes from the last period's retrospective (a prepare session started
    with `--after`): the coach's first turn opens with it."""
    room: str
    turns: Annotated[list[Turn], operator.add]
    room_turns: int
    asked: str | None
    asked_counts: dict[str, int]
    reframed: list[str]
    pending_reframe: str | None
    last_problem: dict[str, Any] | None
    answers: dict[str, list[str]]
    wishes: list[str]
    period: str | None
    parent: str | None
    objective: str | None
    done_objectives: list[dict[str, Any]]  # earlier objectives of this period, with their KRs
    objective_candidate: str | None
    key_results: list[dict[str, Any]]
    krs_closed: bool
    scale: int | None
    steps: list[str]
    confirmed: bool
    revisit: bool
    move: Move
    news: list[str]
    examples: list[dict[str, Any]]
    okr: dict[str, Any]
    findings: list[dict[str, Any]]
    pending_confirm: dict[str, Any] | None  # a read-back question waiting for yes / no
    history: list[dict[str, Any]]  # earlier drafts, for `undo`
    last_kr: int | None  # the KR last captured or changed ("that one", "not 20, 25")
    personal: bool  # a personal goal: personal questions, not "your team"
    language_noted: bool  # the offline coach has said it speaks English
    language: str  # the language of the last user turn ("en", "fi", "other")
    guarded: list[str]  # what the number guard kept out of the draft
    reading: dict[str, Any] | None  # the last turn's reading (for --json and debugging)
    reopened: int  # how often a finished session was reopened


def new_state(mode: str = "prepare") -> CoachState:
    return CoachState(
        mode=mode,
        room="ticket_office",
        turns=[],
        room_turns=0,
        asked=None,
        asked_counts={},
        reframed=[],
        pending_reframe=None,
        last_problem=None,
        answers={},
        wishes=[],
        period=None,
        parent=None,
        objective=None,
        done_objectives=[],
        objective_candidate=None,
        key_results=[],
        krs_closed=False,
        scale=None,
        steps=[],
        confirmed=False,
        revisit=False,
        move=Move(kind="ask", slot=None, entered=True, note=None),
        news=[],
        examples=[],
        okr={"period": None, "objectives": []},
        findings=[],
        pending_confirm=None,
        history=[],
        last_kr=None,
        personal=False,
        language_noted=False,
        guarded=[],
        reading=None,
        reopened=0,
    )


def with_updates(state: CoachState, updates: Mapping[str, Any]) -> CoachState:
    """The state as it will be once `updates` are applied (plain keys overwrite)."""
    return cast(CoachState, {**state, **updates})
