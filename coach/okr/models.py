"""OKR data as the CLI contract shows it (DESIGN §3)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]
Number = int | float


class Finding(BaseModel):
    """One validator finding: a stable rule id, a severity and a plain message."""

    rule: str
    severity: Severity
    message: str
    objective: int | None = Field(default=None, description="the objective it is about, from 1")
    kr: int | None = Field(default=None, description="the key result it is about, from 1")


class ParsedKR(BaseModel):
    """What the parser could read out of a KR sentence. `None` means: not stated."""

    metric: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    unit: str | None = None
    due: str | None = None


class KeyResult(ParsedKR):
    text: str
    baseline_unknown: bool = Field(
        default=False, description="the user said the baseline is not known yet (measure it first)"
    )


class Objective(BaseModel):
    title: str
    parent: str | None = None
    key_results: list[KeyResult] = Field(default_factory=list)


class OKRDraft(BaseModel):
    period: str | None = None
    objectives: list[Objective] = Field(default_factory=list)
