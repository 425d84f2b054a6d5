"""Rehearsing an OKR workshop: the coach plays the team, the lead facilitates the four rooms
with feedback on every turn, and takes away a run-sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.modes.spec import ModeSpec, Step

if TYPE_CHECKING:
    from collections.abc import Mapping

    from langgraph.checkpoint.base import BaseCheckpointSaver

    from graph.modes.spec import ModeGraph


def build_rehearse_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> ModeGraph:
    from graph.rehearse.graph import build_rehearse_graph as build  # LangGraph loads on use

    return build(checkpointer)


def new_rehearse_state() -> Mapping[str, Any]:
    from graph.rehearse.state import new_rehearse_state as new

    return new()


REHEARSE = ModeSpec(
    id="rehearse",
    title="Rehearse a workshop",
    label="Rehearse",
    blurb="Practise facilitating an OKR workshop",
    available=True,
    build_graph=build_rehearse_graph,
    new_state=new_rehearse_state,
    steps=(
        Step("setup", "Set-up"),
        Step("ticket_office", "Ticket Office"),
        Step("future_gallery", "Future Gallery"),
        Step("instances_gallery", "Instances Gallery"),
        Step("gift_shop", "Gift Shop"),
    ),
    panels=("feedback",),  # the feedback on every lead turn and the tally (coach.tui.panels)
    panel_state="rehearsal",  # the cast and the rooms reached, for the panel and the export
)
