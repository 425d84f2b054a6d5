"""The rehearsal graph's state: plain JSON in the checkpoint (see `graph.rehearse.graph`).

`turns` holds the coach's lines (role `coach`), the lead's (role `user`) and the team's (role
`persona`, with the persona's name); `feedback` one item per lead turn (a replayed moment
keeps its item, marked `replayed`); `rehearsal` the planner's `Rehearsal`; `move` what
`respond` says next.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from graph.state import Turn

FIRST_STEP = "setup"


class RehearseGraphState(TypedDict, total=False):
    mode: str
    room: str
    turns: Annotated[list[Turn], operator.add]
    rehearsal: dict[str, Any]  # graph.rehearse.planner.Rehearsal, dumped
    feedback: list[dict[str, Any]]  # graph.rehearse.models.Feedback, dumped
    move: dict[str, Any]  # graph.rehearse.planner.Move, dumped
    okr: dict[str, Any]  # the draft team OKR in the CLI contract's shape
    findings: list[dict[str, Any]]


def new_rehearse_state() -> RehearseGraphState:
    return RehearseGraphState(mode="rehearse", room=FIRST_STEP, turns=[], feedback=[],
                              okr={"period": None, "objectives": []}, findings=[])
