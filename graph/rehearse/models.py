"""The rehearsal's typed values, shared by its reader, planner, feedback and run-sheet."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ROOMS: tuple[str, ...] = ("ticket_office", "future_gallery", "instances_gallery", "gift_shop")
Voice = Literal["terse", "rambling", "sarcastic", "quiet", "eager", "measured"]
Focus = Literal["future", "resource", "problem", "neutral"]
"""Where a lead turn points: the hoped-for future, what already works (resources, exceptions,
strengths), what is wrong, or none of these (logistics, a summary)."""


class PersonaCard(BaseModel):
    """One simulated team member, editable by the lead before the rehearsal starts."""

    name: str
    role: str
    voice: Voice
    cares_about: str
    concern: str
    hidden_strength: str
    resistance: int = Field(2, ge=1, le=3)
    """How hard they are to win over: 1 easy, 3 hard (how many good turns it takes)."""
    archetype: str = ""
    """The bank's kind of person: sceptic, enthusiast, quiet_expert, problem_speaker,
    newcomer (the offline lines are chosen by it)."""


class Team(BaseModel):
    """What the lead said about the team and the workshop."""

    function: str = ""
    """The bank's function key: sales, support, engineering, marketing, hr, operations,
    finance, product, or "" (general)."""
    description: str = ""
    size: int | None = None
    parent_objective: str = ""
    worries: list[str] = Field(default_factory=list)
    minutes: int | None = None
    """The workshop's length in minutes (e.g. 90 or 180); None until the lead says it."""


class LeadLabels(BaseModel):
    """What one facilitator turn does, as the feedback and the personas react to it."""

    question: bool = False
    """It asks something (a question mark, or a question form such as "tell me …")."""
    open: bool = False
    """An open question (what / how / when / tell me …); False for closed or no question."""
    focus: Focus = "neutral"
    advice: bool = False
    """It tells the team what to do or proposes a solution ("you should", "let's just")."""
    several_questions: bool = False
    """More than one question in the turn."""
    team_words: bool = False
    """It picks up words a persona said (needs the team's recent lines)."""
    concern_to_hope: bool = False
    """It takes a voiced concern seriously and turns it into a hope / "what instead"."""
    invites_voice: bool = False
    """It invites a quiet or new voice ("Sam, what do you think?", "who hasn't spoken?")."""
    names_strength: bool = False
    """It notices and names a strength or a resource of the team."""


class Feedback(BaseModel):
    """Feedback on one lead turn, shown in the side channel."""

    turn: int
    """The lead turn's number in the rehearsal (1-based; a replayed moment gets a new one)."""
    room: str
    text: str
    labels: LeadLabels
    went_well: list[str] = Field(default_factory=list)
    to_try: list[str] = Field(default_factory=list)
    better: str | None = None
    """One better phrasing in the lead's own words (None when the turn was already good)."""
    reason: str | None = None
    source: Literal["rules", "model"] = "rules"
    replayed: bool = False
    """True once the lead replayed this moment (`replay`): kept in the record, not tallied."""


class PersonaLine(BaseModel):
    """One persona's answer to a lead turn."""

    persona: str
    text: str
    kind: str = ""
    """What the line does (hope, problem, pushback, strength, task_as_kr, off_topic, …)."""
