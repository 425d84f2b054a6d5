"""End-of-period retrospective: score each KR, what was learned, with which strengths, and
the offer to start the next period's OKRs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.modes.spec import ModeSpec, Step

if TYPE_CHECKING:
    from collections.abc import Mapping

    from langgraph.checkpoint.base import BaseCheckpointSaver

    from graph.modes.spec import ModeGraph


def build_retro_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> ModeGraph:
    from graph.retro.graph import build_retro_graph as build  # LangGraph loads on use

    return build(checkpointer)


def new_retro_state() -> Mapping[str, Any]:
    from graph.retro.state import new_retro_state as new

    return new()


RETRO = ModeSpec(
    id="retro",
    title="Retrospective",
    label="Retro",
    blurb="Score the KRs, keep what you learned",
    available=True,
    build_graph=build_retro_graph,
    new_state=new_retro_state,
    steps=(
        Step("scores", "Scores"),
        Step("proud", "Proud of"),
        Step("strengths", "Strengths"),
        Step("learning", "What we learned"),
        Step("next_period", "Next period"),
    ),
    panels=("checkin",),  # the KR table: values against targets (coach.tui.panels)
    needs_okr_set=True,
)
