"""What a coaching session reports while it works (the CLI and the TUI both consume these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TokenStreamed:
    """A piece of the coach's reply, as it arrives."""

    text: str


@dataclass(frozen=True)
class PersonaSpoke:
    """A line of the simulated team in a rehearsal, labelled by the persona's name."""

    persona: str
    text: str


@dataclass(frozen=True)
class CoachReplied:
    """The coach's whole reply for this turn, with the session as it now stands. `text` is
    the coach's last words; "" when the turn ends on the team's lines (a rehearsal: they came
    as `PersonaSpoke`)."""

    text: str
    room: str
    view: SessionView | None = None


@dataclass(frozen=True)
class TurnFailed:
    """The model failed for good; the user's turn is saved and `retry` continues."""

    message: str


@dataclass(frozen=True)
class SessionView:
    """A read-only picture of a session for display and export."""

    session_id: str
    title: str
    mode: str
    backend: str
    model: str
    room: str
    done: bool
    turns: list[dict[str, str]] = field(default_factory=list)
    okr: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    examples: list[dict[str, Any]] = field(default_factory=list)
    awaiting_retry: bool = False
    feedback: list[dict[str, Any]] = field(default_factory=list)
    """A rehearsal's feedback, one item per lead turn (graph.rehearse.models.Feedback)."""
    mode_state: dict[str, Any] = field(default_factory=dict)
    """The mode's own planner state where a panel shows it (a rehearsal's cast and rooms)."""


Event = TokenStreamed | PersonaSpoke | CoachReplied | TurnFailed
