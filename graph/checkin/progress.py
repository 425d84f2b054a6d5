"""Progress from baseline to target, in either direction, and the straight-line pace.

Deliberately minimal: the OKR store's status rules (`coach/okr_store/progress.py`) are the
full version; this is all the check-in needs to notice when the numbers and the person's
confidence tell different stories, and can be swapped for the store's rules later.
"""

from __future__ import annotations

from typing import Literal

from graph.checkin.models import CheckinKR, Number

# how far behind the straight line still counts as on pace (a tenth of the way)
PACE_MARGIN = 0.1
CONFIDENT = 7  # 7 or more out of 10
WORRIED = 4  # 4 or less out of 10
Disagreement = Literal["behind_confident", "ahead_worried"]


def progress(baseline: Number | None, target: Number, value: Number) -> float | None:
    """The share of the way from baseline to target (0.0 at the baseline, 1.0 at the target,
    below 0 when it went the wrong way); None when the baseline is unknown or equals the
    target. The same formula serves KRs that increase and KRs that decrease."""
    if baseline is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def behind_pace(kr: CheckinKR, value: Number) -> bool | None:
    """The value is behind the straight line at today; None when progress is unknown."""
    share = progress(kr["baseline"], kr["target"], value)
    if share is None:
        return None
    return share < kr["expected_progress"] - PACE_MARGIN


def disagreement(kr: CheckinKR, value: Number | None,
                 confidence: int | None) -> Disagreement | None:
    """Behind the line but confident, or on/ahead of it but worried; None when they agree
    (or when there is no value or no confidence this week)."""
    if value is None or confidence is None:
        return None
    behind = behind_pace(kr, value)
    if behind is None:
        return None
    if behind and confidence >= CONFIDENT:
        return "behind_confident"
    if not behind and confidence <= WORRIED:
        return "ahead_worried"
    return None
