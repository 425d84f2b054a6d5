"""Plain-text pictures of progress for the CLI and the TUI: pure functions returning str.

- `progress_bar(0.62)` → `███████░░░░░  62%`: the bar is clipped to its width, the
  percentage is not (`120%`, `-10%`); no data → an empty bar and `  —`.
- `trend(actual, expected)` → two sparklines on one scale, the values' progress and the
  expected line at the same check-ins (`▁▃▄▆` / `▁▂▄▅`); a missing value is `·`.
- `confidence_line([6, 7, None, 8])` → a sparkline on the fixed 0–10 scale.
"""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"
FULL, EMPTY = "█", "░"


def percent(fraction: float | None) -> str:
    """`62%`, `120%`, `-10%`; `—` without data (4 characters, right-aligned)."""
    return "   —" if fraction is None else f"{round(fraction * 100):>3d}%"


def progress_bar(fraction: float | None, width: int = 12) -> str:
    """A bar of `width` cells for progress 0.0–1.0, followed by the percentage."""
    if fraction is None:
        return EMPTY * width + " " + percent(None)
    filled = round(min(1.0, max(0.0, fraction)) * width)
    return FULL * filled + EMPTY * (width - filled) + " " + percent(fraction)


def glyph(value: float, low: float, high: float) -> str:
    """The block for `value` on the scale `low`..`high` (clipped to it)."""
    if high <= low:
        return BLOCKS[0]
    share = (min(high, max(low, value)) - low) / (high - low)
    return BLOCKS[round(share * (len(BLOCKS) - 1))]


def sparkline(values: Sequence[float | None], low: float, high: float) -> str:
    """One character per value on the scale `low`..`high`; `·` where a value is missing."""
    return "".join(GAP if v is None else glyph(v, low, high) for v in values)


def trend(actual: Sequence[float | None], expected: Sequence[float]) -> tuple[str, str]:
    """The values' progress and the expected line as two sparklines on one shared scale
    (at least 0.0–1.0, wider when a value went beyond the target or behind the baseline)."""
    low, high = trend_scale(actual, expected)
    return sparkline(actual, low, high), sparkline(expected, low, high)


def trend_scale(actual: Sequence[float | None], expected: Sequence[float]) -> tuple[float, float]:
    """The one scale the values' progress and the expected line share (see `trend`)."""
    known = [v for v in actual if v is not None]
    return min([0.0, *known, *expected]), max([1.0, *known, *expected])


def confidence_line(confidences: Sequence[int | None]) -> str:
    """Confidence 0–10 per check-in on a fixed scale (0 → ▁, 10 → █); `·` when not given."""
    return sparkline([None if c is None else float(c) for c in confidences], 0.0, 10.0)
