"""The retro graph's state: plain JSON in the checkpoint (see `graph.retro.graph`)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from graph.state import Turn

FIRST_STEP = "scores"


class RetroGraphState(TypedDict, total=False):
    mode: str
    room: str
    okr_set_id: str | None
    on_date: str | None  # the day this retrospective is for (ISO); None: the day it is run
    turns: Annotated[list[Turn], operator.add]
    okr: dict[str, Any]
    findings: list[dict[str, Any]]
    retro: dict[str, Any]  # graph.retro.models.RetroState
    move: dict[str, Any]  # graph.retro.models.Move, dumped
    reading: dict[str, Any] | None  # the last turn's RetroReading (debugging)
    saved: bool  # the scores are in the OKR store
    learned: bool  # the scored set is in the knowledge base


def new_retro_state() -> RetroGraphState:
    """A session's first input; the session adds `okr_set_id`, and `open_retro` reads the
    set's KRs and last values through `Deps.retros`."""
    return RetroGraphState(mode="retro", room=FIRST_STEP, okr_set_id=None, turns=[],
                           okr={"period": None, "objectives": []}, findings=[],
                           reading=None, saved=False, learned=False)
