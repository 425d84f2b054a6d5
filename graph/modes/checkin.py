"""Weekly check-in: each KR's number and confidence this week, then what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.modes.spec import ModeSpec, Step

if TYPE_CHECKING:
    from collections.abc import Mapping

    from langgraph.checkpoint.base import BaseCheckpointSaver

    from graph.modes.spec import ModeGraph


def build_checkin_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> ModeGraph:
    from graph.checkin.graph import build_checkin_graph as build  # LangGraph loads on use

    return build(checkpointer)


def new_checkin_state() -> Mapping[str, Any]:
    from graph.checkin.state import new_checkin_state as new

    return new()


CHECKIN = ModeSpec(
    id="checkin",
    title="Weekly check-in",
    label="Check-in",
    blurb="Each KR this week, and what comes next",
    available=True,
    build_graph=build_checkin_graph,
    new_state=new_checkin_state,
    steps=(
        Step("review", "Last week's plan"),
        Step("value", "Where we are"),
        Step("confidence", "Confidence"),
        Step("topic", "What helps most"),
        Step("working", "What works"),
        Step("strengths", "Strengths"),
        Step("commitments", "Next week"),
    ),
    panels=("checkin",),  # the KR table (coach.tui.panels registers it)
    needs_okr_set=True,
)
