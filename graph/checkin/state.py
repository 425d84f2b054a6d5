"""The check-in graph's state: plain JSON in the checkpoint (see `graph.checkin.graph`)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from graph.state import Turn

FIRST_STEP = "review"


class CheckinGraphState(TypedDict, total=False):
    mode: str
    room: str
    okr_set_id: str | None
    on_date: str | None  # the day this check-in is for (ISO); None: the day it is run
    turns: Annotated[list[Turn], operator.add]
    okr: dict[str, Any]
    findings: list[dict[str, Any]]
    checkin: dict[str, Any]  # graph.checkin.models.CheckinState
    move: dict[str, Any]  # graph.checkin.models.Move, dumped
    reading: dict[str, Any] | None  # the last turn's CheckinReading (debugging)
    saved: bool


def new_checkin_state() -> CheckinGraphState:
    """A session's first input; the session adds `okr_set_id`, and `open_checkin` reads
    the set's KRs through `Deps.checkins`."""
    return CheckinGraphState(mode="checkin", room=FIRST_STEP, okr_set_id=None, turns=[],
                             okr={"period": None, "objectives": []}, findings=[],
                             reading=None, saved=False)
