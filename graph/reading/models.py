"""The typed reading of one user turn: the only way a turn enters the session state.

Every number carries `span`, the exact piece of the user's text it was read from, so the
number guard can check that the person really said it. A number that is approximate or
derived ("about two thirds", "double", "5k") has `approx=True`: it is read back as a question
and taken only on a yes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Number = int | float
KRField = Literal["baseline", "target", "due", "metric"]
Command = Literal["next", "back", "summary", "quit"]
Reply = Literal["yes", "no", "unknown"]
EditAction = Literal["change", "replace", "remove", "rename_objective", "undo"]


class Quantity(BaseModel):
    """A number as the person said it."""

    value: Number
    span: str = Field(description="the exact words of the user's turn the number came from")
    unit: str | None = None
    approx: bool = Field(default=False, description="approximate or derived: confirm first")


class KRStatement(BaseModel):
    """A Key Result (or part of one) the person stated."""

    text: str = Field(description="the person's words for the KR, without lead-ins")
    metric: str | None = Field(default=None, description="what is measured, as a noun phrase")
    direction: Literal["up", "down"] | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    unit: str | None = None
    due: str | None = Field(default=None, description="the deadline as stated")
    baseline_unknown: bool = False


class Edit(BaseModel):
    """A correction of the draft: change a field, replace or remove a KR, rename, undo."""

    action: EditAction
    kr: int | None = Field(default=None, description="0-based index of the KR it changes")
    field: KRField | None = None
    value: Quantity | None = None
    due: str | None = None
    statement: KRStatement | None = None
    title: str | None = None


class Pending(BaseModel):
    """A value the coach reads back as a question before taking it."""

    question: str = Field(description="the read-back question, e.g. 'two thirds — about 67 %?'")
    kr: int | None = Field(default=None, description="the KR it belongs to; None: a new KR")
    values: dict[str, Quantity] = Field(default_factory=dict)
    statement: KRStatement | None = None


class ProblemNote(BaseModel):
    """Problem talk noticed on what remains of the turn once KRs and answers are read."""

    kind: str
    cue: str = ""
    focus: str = ""
    shape: str = "clause"
    clause: str = ""
    score: float = 0.0
    wanted: str | None = None


class SlotAnswer(BaseModel):
    """The answer to the question the coach asked (`slot` is the concrete slot id)."""

    slot: str
    text: str
    number: Quantity | None = None
    due: str | None = None


class Reading(BaseModel):
    """Everything one user turn says, read once."""

    text: str
    command: Command | None = None
    reply: Reply | None = None
    answer: SlotAnswer | None = None
    krs: list[KRStatement] = Field(default_factory=list)
    objective: str | None = None
    edits: list[Edit] = Field(default_factory=list)
    confirm: list[Pending] = Field(default_factory=list)
    problem: ProblemNote | None = None
    exception: str | None = None
    final: bool = Field(default=False, description="the person says the draft is final")
    period: str | None = None
    period_for_all: bool = Field(default=False, description="said as the deadline for all KRs")
    personal: bool = False
    introduction: bool = Field(default=False, description="only a greeting or who they are "
                               "and what they came for; the best hopes are still to come")
    language: str = "en"
    reader: Literal["rules", "model"] = "rules"
    guarded: list[str] = Field(default_factory=list, description="what the number guard dropped")
