"""What a coaching mode declares: the unit the session, the CLI and the TUI plug into.

Plain data and two callables; importing it loads no LangGraph (the CLI reads the registry to
parse `--mode` before any graph is built), so `build_graph` imports its graph when called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from langgraph.checkpoint.base import BaseCheckpointSaver
    from langgraph.graph.state import CompiledStateGraph

    ModeGraph: TypeAlias = CompiledStateGraph[Any, Any, Any, Any]
    """A mode's compiled graph (each mode has its own state schema)."""
    GraphBuilder: TypeAlias = Callable[[BaseCheckpointSaver[Any] | None], ModeGraph]

DONE_STEP = "done"
DONE_TITLE = "Done"


class ModeError(ValueError):
    """A mode id that cannot be used (unknown, or declared but not available yet)."""


class UnknownModeError(ModeError):
    """No mode has this id."""


class ModeUnavailableError(ModeError):
    """The mode is declared (title, steps) but cannot run yet."""


@dataclass(frozen=True)
class Step:
    """One stage of a mode's conversation, as the progress display shows it."""

    id: str
    title: str


@dataclass(frozen=True)
class ModeSpec:
    """One coaching mode.

    `steps` are the stages in order (prepare: the four gallery rooms); the state's `room` holds
    the current step's id, and `done` follows the last. `panels` name the side panels the
    TUI shows beside the conversation (looked up in `coach.tui.panels`). `needs_okr_set`: a
    session of this mode belongs to an active OKR set (`okr_set_id`).
    """

    id: str
    title: str
    label: str
    """The mode in a word, as a table column shows it ("Check-in")."""
    blurb: str
    available: bool
    build_graph: GraphBuilder
    new_state: Callable[[], Mapping[str, Any]]
    steps: tuple[Step, ...]
    panels: tuple[str, ...] = ()
    needs_okr_set: bool = False
    panel_state: str | None = None
    """The state key holding the mode's own planner state that its panels show (the view's
    `mode_state`); None: the panels need only the turns and the draft."""

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    def step_title(self, step_id: str) -> str:
        """The step's title; `done` is "Done", an id the mode does not know is shown as is."""
        if step_id == DONE_STEP:
            return DONE_TITLE
        return next((step.title for step in self.steps if step.id == step_id), step_id)

    @property
    def unavailable_reason(self) -> str:
        """One line: "weekly check-in is not available yet" (from the title)."""
        return f"{self.title[:1].lower()}{self.title[1:]} is not available yet"


def not_available(mode_id: str) -> GraphBuilder:
    """`build_graph` of a declared mode that has no graph yet: raises when called."""

    def build(checkpointer: BaseCheckpointSaver[Any] | None = None) -> ModeGraph:
        raise ModeUnavailableError(f"mode {mode_id!r} has no graph yet")

    return build


def no_state(mode_id: str) -> Callable[[], Mapping[str, Any]]:
    def new_state() -> Mapping[str, Any]:
        raise ModeUnavailableError(f"mode {mode_id!r} has no state yet")

    return new_state
