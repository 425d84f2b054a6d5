"""Wiring the rehearsal's nodes into its graph (the `rehearse` mode).

    open_rehearsal → respond → listen → read_and_plan → respond → … → (done) end
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.context import Deps
from graph.rehearse.nodes import listen, open_rehearsal, read_and_plan, respond
from graph.rehearse.state import RehearseGraphState


def route_after_respond(state: RehearseGraphState) -> Literal["listen", "__end__"]:
    return "__end__" if (state.get("move") or {}).get("done") else "listen"


def build_rehearse_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> CompiledStateGraph[RehearseGraphState, Deps, RehearseGraphState, RehearseGraphState]:
    builder = StateGraph(RehearseGraphState, context_schema=Deps)
    builder.add_node("open_rehearsal", open_rehearsal)
    builder.add_node("respond", respond)
    builder.add_node("listen", listen)
    builder.add_node("read_and_plan", read_and_plan)
    builder.add_edge(START, "open_rehearsal")
    builder.add_edge("open_rehearsal", "respond")
    builder.add_conditional_edges("respond", route_after_respond)
    builder.add_edge("listen", "read_and_plan")
    builder.add_edge("read_and_plan", "respond")
    return builder.compile(checkpointer=checkpointer)
