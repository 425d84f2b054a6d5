"""The OKR store's records: OKR sets with their objectives and key results, weekly check-ins
with one `KRValue` per key result, and the audit trail of edits to past values.

Numbers come only from what a person stated (a session's draft, an imported file, a
check-in); a missing baseline or target stays `None` and is never filled in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, computed_field, model_validator

SetStatus = Literal["active", "archived"]
KRKind = Literal["aspirational", "committed"]
Direction = Literal["increase", "decrease"]
KR_KINDS: tuple[KRKind, ...] = ("aspirational", "committed")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KeyResultRecord(_Record):
    """One key result as adopted. `position` counts from 1 within its objective."""

    id: str
    position: int = Field(ge=1)
    text: str
    metric: str | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    kind: KRKind = "aspirational"
    due: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def direction(self) -> Direction | None:
        """`increase` when the target is above the baseline, `decrease` when below; None
        when either is unknown or they are equal (a health metric, not a change)."""
        if self.baseline is None or self.target is None or self.baseline == self.target:
            return None
        return "increase" if self.target > self.baseline else "decrease"


class ObjectiveRecord(_Record):
    id: str
    position: int = Field(ge=1)
    title: str
    key_results: list[KeyResultRecord] = Field(default_factory=list)


class OKRSetRecord(_Record):
    """An adopted OKR set: the system of record for one period (a team's or a person's)."""

    id: str
    period: str
    start: date
    end: date
    owner: str | None = None
    parent: str | None = Field(default=None, description="the higher-level objective served")
    status: SetStatus = "active"
    source_session: str | None = None
    created_at: datetime
    objectives: list[ObjectiveRecord] = Field(default_factory=list)

    def key_results(self) -> list[KeyResultRecord]:
        """Every KR in the order shown: objective by objective (KR numbers count from 1)."""
        return [kr for objective in self.objectives for kr in objective.key_results]


class KRValue(_Record):
    """What a check-in recorded for one KR. A skipped KR has no value."""

    kr_id: str
    value: float | None = None
    confidence: int | None = Field(default=None, ge=0, le=10)
    note: str | None = None
    skipped: bool = False

    @model_validator(mode="after")
    def _skipped_has_no_value(self) -> KRValue:
        if self.skipped and self.value is not None:
            raise ValueError("a skipped KR has no value")
        return self


class CheckIn(_Record):
    """One weekly check-in of a set: the numbers, confidence, and next week's commitments."""

    id: str
    set_id: str
    session_id: str | None = None
    taken_at: datetime
    commitments: list[str] = Field(default_factory=list)
    summary: str | None = None
    notes: str | None = None
    values: list[KRValue] = Field(default_factory=list)

    def value_of(self, kr_id: str) -> KRValue | None:
        return next((v for v in self.values if v.kr_id == kr_id), None)


AuditAction = Literal["edit_value", "delete_value", "set_kind"]


class AuditEntry(_Record):
    """One change to stored data after the fact, with what it was before and after."""

    id: int
    at: datetime
    set_id: str
    actor: str = Field(description="who or what made the change, e.g. 'coach okr' or a name")
    action: AuditAction
    target: str = Field(description="what changed, e.g. 'checkin 3f…/kr 9a…'")
    before: dict[str, JsonValue] | None = None
    after: dict[str, JsonValue] | None = None
