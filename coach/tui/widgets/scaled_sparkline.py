"""A sparkline on a fixed scale, stretched to its width.

Textual's `Sparkline` scales every line to its own minimum and maximum, so a KR's values and
its expected line look alike whatever they are, and a steady confidence of 4 looks like a 10.
Here the scale is given (progress on the one scale of `pictures.trend_scale`, confidence
0–10), so the rows beside each other can be compared, as in `coach okr show`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from coach.okr_store.pictures import GAP, glyph


def stretched(points: Sequence[float | None], low: float, high: float, width: int) -> str:
    """`width` cells; each check-in gets an equal share of them (`·` where none was given)."""
    if not points or width <= 0:
        return ""
    cells = []
    for column in range(width):
        value = points[min(len(points) - 1, column * len(points) // width)]
        cells.append(GAP if value is None else glyph(value, low, high))
    return "".join(cells)


class ScaledSparkline(Widget):
    """One row of blocks for `points` on the scale `low`..`high`; colour from CSS."""

    DEFAULT_CSS = "ScaledSparkline { height: 1; width: 1fr; }"

    def __init__(self, points: Sequence[float | None], low: float, high: float, *,
                 classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.points = list(points)
        self.low = low
        self.high = high

    def render(self) -> Text:
        return Text(stretched(self.points, self.low, self.high, self.size.width))
