"""Wiring the retro's nodes into its graph (the `retro` mode).

    open_retro → respond → listen → read_and_plan → respond → … → (done) record_retro
        → learn_from_retro

State: plain JSON in the checkpoint — `turns` (role, room = the step id, text) like
prepare's, `room` the current step, `retro` the planner's `RetroState`, `move` the planned
`Move`, `okr` the set in the CLI contract's shape, `saved` once the OKR store holds the
scores, `learned` once the knowledge base holds the scored set.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.context import Deps
from graph.retro.nodes import (
    learn_from_retro,
    listen,
    open_retro,
    read_and_plan,
    record_retro,
    respond,
)
from graph.retro.state import RetroGraphState, new_retro_state

__all__ = ["RetroGraphState", "build_retro_graph", "new_retro_state", "route_after_record",
           "route_after_respond"]


def route_after_respond(state: RetroGraphState
                        ) -> Literal["listen", "record_retro", "learn_from_retro", "__end__"]:
    if not (state.get("move") or {}).get("done"):
        return "listen"
    if not state.get("saved"):
        return "record_retro"
    return "__end__" if state.get("learned") else "learn_from_retro"


def route_after_record(state: RetroGraphState) -> Literal["learn_from_retro", "__end__"]:
    return "__end__" if state.get("learned") else "learn_from_retro"


def build_retro_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> CompiledStateGraph[RetroGraphState, Deps, RetroGraphState, RetroGraphState]:
    builder = StateGraph(RetroGraphState, context_schema=Deps)
    builder.add_node("open_retro", open_retro)
    builder.add_node("respond", respond)
    builder.add_node("listen", listen)
    builder.add_node("read_and_plan", read_and_plan)
    builder.add_node("record_retro", record_retro)
    builder.add_node("learn_from_retro", learn_from_retro)
    builder.add_edge(START, "open_retro")
    builder.add_edge("open_retro", "respond")
    builder.add_conditional_edges("respond", route_after_respond)
    builder.add_edge("listen", "read_and_plan")
    builder.add_edge("read_and_plan", "respond")
    builder.add_conditional_edges("record_retro", route_after_record)
    builder.add_edge("learn_from_retro", "__end__")
    return builder.compile(checkpointer=checkpointer)
