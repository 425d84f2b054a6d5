"""Progress, the expected line, status and end-of-period scores: pure functions, no store.

Progress of a value
    `(value − baseline) / (target − baseline)`: 0.0 at the baseline, 1.0 at the target, in
    either direction (a hold time from 8 to 4 minutes at 6 minutes is 0.5). Beyond the
    target it is above 1.0, behind the baseline below 0.0; both are kept and shown. None
    (no data) without a value, a baseline or a target, or when baseline equals target (a
    health metric to keep, not a change to make).

Expected progress
    A straight line from 0.0 at the period's start to 1.0 at its end date: day `d` of a
    period of `n` days (end − start) expects `d / n`. Before the start 0.0, after the end
    1.0.

Status (of a KR, at the date of its last value)
    `gap = expected − progress` (positive: behind the line), rounded to 9 decimals so that
    the boundaries hold exactly:
    - **on track**  gap ≤ 0.10 (also any progress ahead of the line)
    - **at risk**   0.10 < gap ≤ 0.25
    - **off track** gap > 0.25
    - **no data**   no progress can be computed (see above)
    Why these numbers: a quarter of ~13 weekly check-ins moves the line ~0.08 a week, so a
    gap of 0.10 is about one week's slip — normal noise in weekly numbers; 0.25 is a quarter
    of the whole period (three weeks in a quarter), the most that is still plausibly
    recovered with a change of approach; beyond that the KR needs a real conversation.
    The status is measured at the date the last value was taken, not today: it says where
    the KR stood when it was last measured and is never inferred from missing weeks.

Status of an Objective
    The weakest status among its KRs that have data (off track < at risk < on track); "no
    data" only when none of its KRs has data.

End-of-period score (suggested for the retrospective)
    `score` = progress of the last value clipped to [0, 1] and rounded half up to 0.1.
    Colour band: 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. Flags:
    - aspirational KR with score 1.0: "cue to stretch more next time" (~0.7 is the good
      result for a stretch KR);
    - committed KR whose value did not reach the target (progress < 1.0, even when the
      score rounds to 1.0): "committed KR missed: discuss".
    No data: no score, no band, and the flag "no value: score it together".

The same rules are written out for people in docs/okr-status.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from coach.okr_store.models import KRKind

Status = Literal["on_track", "at_risk", "off_track", "no_data"]
Band = Literal["red", "yellow", "green"]

ON_TRACK_GAP = 0.10
"""Largest gap (expected − actual) that is still on track."""
AT_RISK_GAP = 0.25
"""Largest gap that is at risk; anything behind by more is off track."""

STATUS_LABELS: dict[Status, str] = {
    "on_track": "on track", "at_risk": "at risk", "off_track": "off track",
    "no_data": "no data",
}
_WEAKNESS: dict[Status, int] = {"off_track": 0, "at_risk": 1, "on_track": 2}

STRETCH_FLAG = "cue to stretch more next time"
MISSED_FLAG = "committed KR missed: discuss"
NO_VALUE_FLAG = "no value: score it together"


def progress(value: float | None, baseline: float | None, target: float | None
             ) -> float | None:
    """0.0 at the baseline, 1.0 at the target (either direction); None without data."""
    if value is None or baseline is None or target is None or baseline == target:
        return None
    return (value - baseline) / (target - baseline)


def expected_progress(on: date, start: date, end: date) -> float:
    """Where the straight line from start (0.0) to end (1.0) is on the date `on`."""
    if on <= start:
        return 0.0 if on < end else 1.0
    if on >= end:
        return 1.0
    return (on - start).days / (end - start).days


def status_of_gap(gap: float | None) -> Status:
    if gap is None:
        return "no_data"
    gap = round(gap, 9)
    if gap <= ON_TRACK_GAP:
        return "on_track"
    if gap <= AT_RISK_GAP:
        return "at_risk"
    return "off_track"


@dataclass(frozen=True)
class KRStatus:
    progress: float | None
    expected: float
    gap: float | None
    status: Status


def kr_status(value: float | None, baseline: float | None, target: float | None, *,
              on: date, start: date, end: date) -> KRStatus:
    """The status of a KR whose value on the date `on` was `value`."""
    actual = progress(value, baseline, target)
    expected = expected_progress(on, start, end)
    gap = None if actual is None else expected - actual
    return KRStatus(actual, expected, gap, status_of_gap(gap))


def objective_status(statuses: Iterable[Status]) -> Status:
    """The weakest status of the KRs with data; "no_data" when none has data."""
    known = [s for s in statuses if s != "no_data"]
    return min(known, key=_WEAKNESS.__getitem__) if known else "no_data"


def band_of(score: float) -> Band:
    if score <= 0.3:
        return "red"
    return "yellow" if score <= 0.6 else "green"


@dataclass(frozen=True)
class ScoreSuggestion:
    score: float | None
    band: Band | None
    flags: tuple[str, ...]


def round_score(actual: float) -> float:
    """`actual` clipped to [0, 1] and rounded half up to one decimal (0.65 → 0.7)."""
    clipped = min(1.0, max(0.0, actual))
    return math.floor(clipped * 10 + 0.5 + 1e-9) / 10


def suggest_score(last_value: float | None, baseline: float | None, target: float | None,
                  kind: KRKind) -> ScoreSuggestion:
    """The end-of-period score a retrospective starts from (the team decides)."""
    actual = progress(last_value, baseline, target)
    if actual is None:
        return ScoreSuggestion(None, None, (NO_VALUE_FLAG,))
    score = round_score(actual)
    flags: list[str] = []
    if kind == "aspirational" and score >= 1.0:
        flags.append(STRETCH_FLAG)
    if kind == "committed" and round(actual, 9) < 1.0:
        flags.append(MISSED_FLAG)
    return ScoreSuggestion(score, band_of(score), tuple(flags))
