"""Wiring the nodes into the prepare graph."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.context import Deps
from graph.drafting import wants_objective_draft
from graph.nodes import draft_objective, listen, plan_opening, respond, understand
from graph.state import CoachState


def route_after_respond(state: CoachState) -> Literal["listen", "__end__"]:
    return "__end__" if state.get("room") == "done" else "listen"


def route_after_understand(state: CoachState) -> Literal["draft_objective", "respond"]:
    return "draft_objective" if wants_objective_draft(state) else "respond"


def build_graph(
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> CompiledStateGraph[CoachState, Deps, CoachState, CoachState]:
    builder = StateGraph(CoachState, context_schema=Deps)
    builder.add_node("plan_opening", plan_opening)
    builder.add_node("respond", respond)
    builder.add_node("listen", listen)
    builder.add_node("understand", understand)
    builder.add_edge(START, "plan_opening")
    builder.add_edge("plan_opening", "respond")
    builder.add_conditional_edges("respond", route_after_respond)
    builder.add_edge("listen", "understand")
    builder.add_node("draft_objective", draft_objective)
    builder.add_conditional_edges("understand", route_after_understand)
    builder.add_edge("draft_objective", "respond")
    return builder.compile(checkpointer=checkpointer)
