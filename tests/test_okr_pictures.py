"""Text pictures: progress bars and sparklines (coach.okr_store.pictures)."""

from __future__ import annotations

import pytest

from coach.okr_store.pictures import (
    confidence_line,
    percent,
    progress_bar,
    sparkline,
    trend,
)


@pytest.mark.parametrize("fraction, width, picture", [
    (0.62, 12, "███████░░░░░  62%"),
    (0.0, 12, "░░░░░░░░░░░░   0%"),
    (1.0, 12, "████████████ 100%"),
    (1.2, 12, "████████████ 120%"),  # beyond the target: full bar, the real percentage
    (-0.1, 12, "░░░░░░░░░░░░ -10%"),  # behind the baseline
    (0.5, 4, "██░░  50%"),
    (None, 6, "░░░░░░    —"),  # no data
])
def test_progress_bar(fraction: float | None, width: int, picture: str) -> None:
    assert progress_bar(fraction, width) == picture


def test_bars_line_up() -> None:
    assert len({len(progress_bar(f)) for f in (None, 0.0, 0.07, 0.5, 1.0, 1.5)}) == 1
    assert percent(0.005) == "  0%" and percent(2.5) == "250%"


@pytest.mark.parametrize("values, low, high, picture", [
    ([0, 1, 2, 3, 4, 5, 6, 7], 0, 7, "▁▂▃▄▅▆▇█"),
    ([0.0, None, 1.0], 0, 1, "▁·█"),
    ([-5, 15], 0, 10, "▁█"),  # clipped to the scale
    ([3, 3], 3, 3, "▁▁"),  # an empty scale
    ([], 0, 1, ""),
])
def test_sparkline(values: list[float | None], low: float, high: float, picture: str) -> None:
    assert sparkline(values, low, high) == picture


def test_trend_shares_one_scale_with_the_expected_line() -> None:
    actual, expected = trend([0.0, 0.5, None, 1.0], [0.0, 0.25, 0.5, 1.0])
    assert actual == "▁▅·█"
    assert expected == "▁▃▅█"
    wide, line = trend([0.0, 2.0], [0.0, 1.0])  # beyond the target widens the scale
    assert wide == "▁█" and line == "▁▅"
    behind, _ = trend([-1.0, 0.0], [0.0, 0.5])
    assert behind == "▁▅"


def test_confidence_line_is_on_a_fixed_zero_to_ten_scale() -> None:
    assert confidence_line([0, 5, None, 10, 7]) == "▁▅·█▆"
    assert confidence_line([]) == ""
    assert confidence_line([10, 10]) == "██"
