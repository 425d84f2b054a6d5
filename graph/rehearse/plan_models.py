"""The rehearsal planner's state and moves (plain JSON in the checkpoint)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.rehearse.card_edits import CardEdit
from graph.rehearse.models import LeadLabels, PersonaCard, PersonaLine, Team

Phase = Literal["team", "cast", "rooms", "done"]
ROOMS_PER_TURNS = 3
"""Lead turns in a room before the coach moves the workshop on (`next` moves sooner)."""
TEAM_LINES = 4
"""The team's last lines the feedback compares the lead's words with."""


class Heard(BaseModel):
    """Something a persona said that the run-sheet keeps."""

    persona: str
    room: str
    text: str


class Snapshot(BaseModel):
    """The moment before the last lead turn, for `replay`."""

    moods: dict[str, int]
    revealed: list[str]
    room_index: int
    room_turns: int
    team_lines: list[str]
    last_lines: list[PersonaLine]
    heard: dict[str, list[Heard]]
    spoke: list[str] = Field(default_factory=list)
    feedback_index: int


def _nothing_heard() -> dict[str, list[Heard]]:
    return {"concerns": [], "hopes": [], "kr_candidates": [], "tasks": []}


class Rehearsal(BaseModel):
    phase: Phase = "team"
    team: Team = Field(default_factory=Team)
    cards: list[PersonaCard] = Field(default_factory=list)
    moods: dict[str, int] = Field(default_factory=dict)
    revealed: list[str] = Field(default_factory=list)
    room_index: int = 0
    room_turns: int = 0
    lead_turns: int = 0
    team_lines: list[str] = Field(default_factory=list)
    last_lines: list[PersonaLine] = Field(default_factory=list)
    heard: dict[str, list[Heard]] = Field(default_factory=lambda: _nothing_heard())
    spoke: list[str] = Field(default_factory=list)
    """Who in the cast has spoken so far (every voice heard: a scorecard row)."""
    undo: Snapshot | None = None
    asked: dict[str, int] = Field(default_factory=dict)
    variant: int = 0


ReadingKind = Literal["empty", "team", "cast", "replay", "next", "finish", "facilitate"]


class RehearseReading(BaseModel):
    """One lead turn, read once."""

    kind: ReadingKind
    text: str = ""
    team: Team | None = None
    edit: CardEdit | None = None
    labels: LeadLabels | None = None
    source: Literal["rules", "model"] = "rules"
    """Who labelled a facilitation turn: the classifier or a language model."""
    from_kb: str | None = None
    """The knowledge base's team the lead picked (its citation)."""


class Part(BaseModel):
    key: str
    values: dict[str, str] = Field(default_factory=dict)


class Move(BaseModel):
    """What `respond` says: the coach's words, then the team's lines, then the coach again."""

    room: str
    before: list[Part] = Field(default_factory=list)
    lines: list[PersonaLine] = Field(default_factory=list)
    after: list[Part] = Field(default_factory=list)
    after_room: str = ""
    """The room the `after` words belong to (the next room, once the workshop moved on)."""
    lead_text: str = ""
    done: bool = False
    variant: int = 0
