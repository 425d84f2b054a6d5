"""What an OKR set looks like on a given day: per KR its last value, progress against the
expected line, status and series for the pictures; per objective its weakest status. Built
from records only (no store), so the CLI's `show`, its `--json` and the TUI share it."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from coach.okr_store.models import CheckIn, KeyResultRecord, OKRSetRecord
from coach.okr_store.progress import (
    Band,
    Status,
    expected_progress,
    kr_status,
    objective_status,
    progress,
    suggest_score,
)


class ScoreView(BaseModel):
    score: float | None
    band: Band | None
    flags: list[str]


class KRView(BaseModel):
    number: int
    """The KR's number in the set, from 1, objective by objective."""
    kr: KeyResultRecord
    last_value: float | None
    last_taken: date | None
    """The date of the check-in that gave `last_value`."""
    confidence: int | None
    """The latest confidence given for this KR (0–10)."""
    progress: float | None
    expected: float | None
    """The expected line at `last_taken` (what `status` compares with)."""
    gap: float | None
    status: Status
    expected_now: float
    values: list[float | None]
    """The value at each check-in of the set (None: not given or skipped)."""
    progress_series: list[float | None]
    expected_series: list[float]
    confidences: list[int | None]
    score: ScoreView
    """The end-of-period score suggestion from the last value."""


class ObjectiveView(BaseModel):
    id: str
    position: int
    title: str
    status: Status
    key_results: list[KRView]


class SetView(BaseModel):
    okr_set: OKRSetRecord
    on: date
    objectives: list[ObjectiveView]
    checkins: list[CheckIn]

    @property
    def period_over(self) -> bool:
        return self.on >= self.okr_set.end


def checkin_date(checkin: CheckIn) -> date:
    """The check-in's day in the local time zone."""
    return checkin.taken_at.astimezone().date()


def _kr_view(number: int, kr: KeyResultRecord, okr: OKRSetRecord, checkins: list[CheckIn],
             on: date) -> KRView:
    entries = [c.value_of(kr.id) for c in checkins]
    values = [None if e is None or e.skipped else e.value for e in entries]
    confidences = [None if e is None else e.confidence for e in entries]
    last = next((i for i in range(len(values) - 1, -1, -1) if values[i] is not None), None)
    last_value = None if last is None else values[last]
    last_taken = None if last is None else checkin_date(checkins[last])
    known = [c for c in confidences if c is not None]
    status = kr_status(last_value, kr.baseline, kr.target, on=last_taken or on,
                       start=okr.start, end=okr.end)
    suggestion = suggest_score(last_value, kr.baseline, kr.target, kr.kind)
    return KRView(
        number=number, kr=kr, last_value=last_value, last_taken=last_taken,
        confidence=known[-1] if known else None, progress=status.progress,
        expected=None if last_taken is None else status.expected, gap=status.gap,
        status=status.status, expected_now=expected_progress(on, okr.start, okr.end),
        values=values, progress_series=[progress(v, kr.baseline, kr.target) for v in values],
        expected_series=[expected_progress(checkin_date(c), okr.start, okr.end)
                         for c in checkins],
        confidences=confidences,
        score=ScoreView(score=suggestion.score, band=suggestion.band,
                        flags=list(suggestion.flags)))


def build_view(okr: OKRSetRecord, checkins: list[CheckIn], on: date) -> SetView:
    """The set as of the date `on` (normally today), with its check-in history."""
    objectives: list[ObjectiveView] = []
    number = 0
    for objective in okr.objectives:
        krs: list[KRView] = []
        for kr in objective.key_results:
            number += 1
            krs.append(_kr_view(number, kr, okr, checkins, on))
        objectives.append(ObjectiveView(
            id=objective.id, position=objective.position, title=objective.title,
            status=objective_status(k.status for k in krs), key_results=krs))
    return SetView(okr_set=okr, on=on, objectives=objectives, checkins=checkins)
