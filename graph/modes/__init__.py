"""The modes registry: prepare · checkin · retro · rehearse, in display order.

A new mode plugs in by declaring a `ModeSpec` (its own module here, with `build_graph`,
`new_state`, `steps`, `panels`) and listing it in `_MODES`; the session store compiles its
graph, the CLI offers it for `--mode`, and the TUI lists it and mounts its panels by name
(`coach.tui.panels`).
"""

from __future__ import annotations

from graph.modes.checkin import CHECKIN
from graph.modes.prepare import PREPARE
from graph.modes.rehearse import REHEARSE
from graph.modes.retro import RETRO
from graph.modes.spec import (
    DONE_STEP,
    ModeError,
    ModeSpec,
    ModeUnavailableError,
    Step,
    UnknownModeError,
)

__all__ = [
    "DONE_STEP",
    "ModeError",
    "ModeSpec",
    "ModeUnavailableError",
    "Step",
    "UnknownModeError",
    "all_modes",
    "available_mode",
    "mode_ids",
    "mode_spec",
    "step_title",
]

_MODES: tuple[ModeSpec, ...] = (PREPARE, CHECKIN, RETRO, REHEARSE)
_BY_ID = {spec.id: spec for spec in _MODES}


def all_modes() -> tuple[ModeSpec, ...]:
    """Every declared mode, in display order (available or not)."""
    return _MODES


def mode_ids() -> tuple[str, ...]:
    return tuple(spec.id for spec in _MODES)


def mode_spec(mode_id: str) -> ModeSpec:
    """The mode with this id; `UnknownModeError` (one line listing the known ids) otherwise."""
    spec = _BY_ID.get(mode_id)
    if spec is None:
        raise UnknownModeError(f"unknown mode {mode_id!r} (known modes: {', '.join(mode_ids())})")
    return spec


def available_mode(mode_id: str) -> ModeSpec:
    """The mode, if a session can run in it now; `ModeUnavailableError` (one line) if it is
    only declared, `UnknownModeError` if there is no such mode."""
    spec = mode_spec(mode_id)
    if not spec.available:
        ready = ", ".join(s.id for s in _MODES if s.available)
        raise ModeUnavailableError(f"{spec.unavailable_reason} (available now: {ready})")
    return spec


def step_title(mode_id: str, step_id: str) -> str:
    """The title of a session's step (room) for lists; ids no mode knows are shown as is (a
    session index row written by a newer coach)."""
    spec = _BY_ID.get(mode_id)
    return spec.step_title(step_id) if spec is not None else step_id
