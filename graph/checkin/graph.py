"""Wiring the check-in's nodes into its graph (the `checkin` mode).

    open_checkin → respond → listen → read_and_plan → respond → … → (done) record_checkin

State: plain JSON in the checkpoint — `turns` (role, room = the step id, text) like
prepare's, `room` the current step, `checkin` the planner's `CheckinState`, `move` the
planned `Move`, `okr` the set in the CLI contract's shape, `saved` once the OKR store
holds the check-in.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.checkin.nodes import listen, open_checkin, read_and_plan, record_checkin, respond
from graph.checkin.state import CheckinGraphState, new_checkin_state
from graph.context import Deps

__all__ = ["CheckinGraphState", "build_checkin_graph", "new_checkin_state",
           "route_after_respond"]

def route_after_respond(state: CheckinGraphState
                        ) -> Literal["listen", "record_checkin", "__end__"]:
    if not (state.get("move") or {}).get("done"):
        return "listen"
    return "__end__" if state.get("saved") else "record_checkin"


def build_checkin_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> CompiledStateGraph[CheckinGraphState, Deps, CheckinGraphState, CheckinGraphState]:
    builder = StateGraph(CheckinGraphState, context_schema=Deps)
    builder.add_node("open_checkin", open_checkin)
    builder.add_node("respond", respond)
    builder.add_node("listen", listen)
    builder.add_node("read_and_plan", read_and_plan)
    builder.add_node("record_checkin", record_checkin)
    builder.add_edge(START, "open_checkin")
    builder.add_edge("open_checkin", "respond")
    builder.add_conditional_edges("respond", route_after_respond)
    builder.add_edge("listen", "read_and_plan")
    builder.add_edge("read_and_plan", "respond")
    builder.add_edge("record_checkin", "__end__")
    return builder.compile(checkpointer=checkpointer)
