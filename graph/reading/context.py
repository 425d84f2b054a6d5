"""What the reader needs to know about the session to read one turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class KRView:
    """A KR of the draft as the reader sees it (to resolve "the churn one", "KR 2")."""

    text: str
    metric: str | None = None
    baseline: float | int | None = None
    target: float | int | None = None
    unit: str | None = None
    due: str | None = None


@dataclass(frozen=True)
class Readback:
    """The read-back question still open ("“in the low 30s” — about 32?"): which KR and field
    it asks about and the value it proposed."""

    kr: int
    field: str
    value: float | int
    unit: str | None = None


@dataclass(frozen=True)
class ReadingContext:
    """The question the coach asked and the draft so far."""

    asked: str | None = None
    krs: tuple[KRView, ...] = ()
    objective: str | None = None
    last_kr: int | None = None
    awaiting_confirm: bool = False
    readback: Readback | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def asked_base(self) -> str:
        return (self.asked or "").partition(":")[0]

    @property
    def asked_index(self) -> int | None:
        _, _, index = (self.asked or "").partition(":")
        return int(index) if index.isdigit() else None


def kr_views(krs: list[dict[str, Any]]) -> tuple[KRView, ...]:
    return tuple(KRView(text=str(kr.get("text") or ""), metric=kr.get("metric"),
                        baseline=kr.get("baseline"), target=kr.get("target"),
                        unit=kr.get("unit"), due=kr.get("due")) for kr in krs)
