"""Prepare OKRs: the art-gallery conversation that drafts a period's OKRs (the first mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.modes.spec import ModeSpec, Step
from graph.state import ROOM_TITLES, ROOMS, new_state

if TYPE_CHECKING:
    from collections.abc import Mapping

    from langgraph.checkpoint.base import BaseCheckpointSaver

    from graph.modes.spec import ModeGraph


def build_prepare_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> ModeGraph:
    from graph.build import build_graph  # LangGraph loads when a session needs the graph

    return build_graph(checkpointer)


def new_prepare_state() -> Mapping[str, Any]:
    return new_state("prepare")


PREPARE = ModeSpec(
    id="prepare",
    title="Prepare OKRs",
    label="Prepare",
    blurb="Draft a period's OKRs, room by room",
    available=True,
    build_graph=build_prepare_graph,
    new_state=new_prepare_state,
    steps=tuple(Step(room, ROOM_TITLES[room]) for room in ROOMS),
    panels=("draft",),
    needs_okr_set=False,
)
