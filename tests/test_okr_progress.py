"""The status rules of docs/okr-status.md, table by table (coach.okr_store.progress)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.okr_store.periods import PeriodDates, read_period
from coach.okr_store.progress import (
    MISSED_FLAG,
    NO_VALUE_FLAG,
    STRETCH_FLAG,
    Status,
    expected_progress,
    kr_status,
    objective_status,
    progress,
    round_score,
    status_of_gap,
    suggest_score,
)

START, END = date(2026, 7, 1), date(2026, 9, 30)  # 91 days


@pytest.mark.parametrize("value, baseline, target, expected", [
    (70, 70, 90, 0.0),  # at the baseline
    (90, 70, 90, 1.0),  # at the target
    (80, 70, 90, 0.5),
    (95, 70, 90, 1.25),  # beyond the target: kept
    (60, 70, 90, -0.5),  # behind the baseline: kept
    (8, 8, 4, 0.0),  # decrease: hold time 8 → 4 minutes
    (6, 8, 4, 0.5),
    (4, 8, 4, 1.0),
    (3, 8, 4, 1.25),
    (9, 8, 4, -0.25),  # worse than the baseline
    (0, 100, 0, 1.0),  # decrease to zero
    (5, 0, 10, 0.5),  # a metric that starts at zero
    (None, 70, 90, None),  # no value
    (80, None, 90, None),  # no baseline yet
    (80, 70, None, None),  # no target
    (70, 70, 70, None),  # baseline = target: a health metric, no progress line
])
def test_progress_in_either_direction(value: float | None, baseline: float | None,
                                      target: float | None, expected: float | None) -> None:
    got = progress(value, baseline, target)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize("on, expected", [
    (date(2026, 6, 1), 0.0),  # before the start
    (START, 0.0),
    (date(2026, 8, 15), 45 / 91),
    (END, 1.0),
    (date(2026, 12, 1), 1.0),  # after the end
])
def test_expected_line_runs_straight_from_start_to_end(on: date, expected: float) -> None:
    assert expected_progress(on, START, END) == pytest.approx(expected)


def test_a_one_day_period() -> None:
    day = date(2026, 7, 1)
    assert expected_progress(date(2026, 6, 30), day, day) == 0.0
    assert expected_progress(day, day, day) == 1.0


@pytest.mark.parametrize("gap, status", [
    (-0.5, "on_track"),  # ahead of the line
    (0.0, "on_track"),
    (0.10, "on_track"),  # boundary: still on track
    (0.1000001, "at_risk"),
    (0.25, "at_risk"),  # boundary: still at risk
    (0.2500001, "off_track"),
    (0.9, "off_track"),
    (None, "no_data"),
])
def test_status_thresholds(gap: float | None, status: Status) -> None:
    assert status_of_gap(gap) == status


@pytest.mark.parametrize("value, baseline, target, on, status", [
    (80, 70, 90, date(2026, 8, 15), "on_track"),  # 0.50 vs 0.49
    (78, 70, 90, date(2026, 8, 15), "on_track"),  # 0.40 vs 0.49: gap 0.09
    (76, 70, 90, date(2026, 8, 15), "at_risk"),  # 0.30: gap 0.19
    (73, 70, 90, date(2026, 8, 15), "off_track"),  # 0.15: gap 0.34
    (6, 8, 4, date(2026, 8, 15), "on_track"),  # decrease: 0.5 vs 0.49
    (7, 8, 4, date(2026, 8, 15), "at_risk"),  # 0.25: gap 0.24
    (7.5, 8, 4, date(2026, 8, 15), "off_track"),  # 0.125: gap 0.37
    (9, 8, 4, START, "at_risk"),  # −0.25 on day 0: exactly 0.25 behind the line
    (9.1, 8, 4, START, "off_track"),
    (4, 8, 4, END, "on_track"),
    (5, 8, 4, END, "at_risk"),  # 0.75 at the end: gap exactly 0.25
    (4.4, 8, 4, END, "on_track"),  # 0.90 at the end: gap exactly 0.10
    (None, 8, 4, END, "no_data"),
    (5, None, 4, END, "no_data"),
])
def test_kr_status_from_the_gap(value: float | None, baseline: float | None,
                                target: float | None, on: date, status: Status) -> None:
    got = kr_status(value, baseline, target, on=on, start=START, end=END)
    assert got.expected == expected_progress(on, START, END)
    if got.progress is None:
        assert got.gap is None
    else:
        assert got.gap == pytest.approx(got.expected - got.progress)
    assert got.status == status


@pytest.mark.parametrize("statuses, weakest", [
    (["on_track", "at_risk", "on_track"], "at_risk"),
    (["on_track", "off_track", "at_risk"], "off_track"),
    (["on_track", "no_data"], "on_track"),  # no data does not pull it down
    (["no_data", "no_data"], "no_data"),
    ([], "no_data"),
    (["at_risk"], "at_risk"),
])
def test_an_objective_takes_its_weakest_kr(statuses: list[Status], weakest: Status) -> None:
    assert objective_status(statuses) == weakest


@pytest.mark.parametrize("actual, score", [
    (-0.3, 0.0), (0.0, 0.0), (0.04, 0.0), (0.05, 0.1), (0.349, 0.3), (0.35, 0.4),
    (0.65, 0.7), (0.7, 0.7), (0.94, 0.9), (0.95, 1.0), (1.0, 1.0), (1.4, 1.0),
])
def test_scores_are_clipped_and_rounded_half_up(actual: float, score: float) -> None:
    assert round_score(actual) == score


@pytest.mark.parametrize("last, baseline, target, kind, score, band, flags", [
    (90, 70, 90, "aspirational", 1.0, "green", (STRETCH_FLAG,)),
    (100, 70, 90, "aspirational", 1.0, "green", (STRETCH_FLAG,)),  # beyond: still 1.0
    (84, 70, 90, "aspirational", 0.7, "green", ()),  # ~0.7: a good stretch result
    (82, 70, 90, "aspirational", 0.6, "yellow", ()),
    (78, 70, 90, "aspirational", 0.4, "yellow", ()),
    (76, 70, 90, "aspirational", 0.3, "red", ()),
    (60, 70, 90, "aspirational", 0.0, "red", ()),
    (90, 70, 90, "committed", 1.0, "green", ()),
    (89, 70, 90, "committed", 1.0, "green", (MISSED_FLAG,)),  # rounds to 1.0, still missed
    (84, 70, 90, "committed", 0.7, "green", (MISSED_FLAG,)),
    (4, 8, 4, "aspirational", 1.0, "green", (STRETCH_FLAG,)),  # decrease, reached
    (5.2, 8, 4, "aspirational", 0.7, "green", ()),  # decrease: 0.7
    (6.4, 8, 4, "committed", 0.4, "yellow", (MISSED_FLAG,)),
    (None, 70, 90, "committed", None, None, (NO_VALUE_FLAG,)),
    (80, None, 90, "aspirational", None, None, (NO_VALUE_FLAG,)),
])
def test_end_of_period_score_suggestion(last: float | None, baseline: float | None,
                                        target: float, kind: str, score: float | None,
                                        band: str | None, flags: tuple[str, ...]) -> None:
    got = suggest_score(last, baseline, target, "committed" if kind == "committed"
                        else "aspirational")
    assert (got.score, got.band, got.flags) == (score, band, flags)


@pytest.mark.parametrize("label, start, end", [
    ("Q3 2026", date(2026, 7, 1), date(2026, 9, 30)),
    ("2026 Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("Q4/2026", date(2026, 10, 1), date(2026, 12, 31)),
    ("H1 2027", date(2027, 1, 1), date(2027, 6, 30)),
    ("H2 2026", date(2026, 7, 1), date(2026, 12, 31)),
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("Jan–Mar 2027", date(2027, 1, 1), date(2027, 3, 31)),
    ("January to April 2028", date(2028, 1, 1), date(2028, 4, 30)),
    ("Nov 2026 – Feb 2027", date(2026, 11, 1), date(2027, 2, 28)),
    ("February 2028", date(2028, 2, 1), date(2028, 2, 29)),
    ("2026-07-01 to 2026-08-15", date(2026, 7, 1), date(2026, 8, 15)),
    ("by end of September 2026", None, date(2026, 9, 30)),  # a deadline: no start said
    ("end of Q2 2026", None, date(2026, 6, 30)),
    ("by 2026-09-30", None, date(2026, 9, 30)),
    ("by 30.9.2026", None, date(2026, 9, 30)),
    ("by end of September", None, None),  # which year? not guessed
    ("end of Q2", None, None),
    ("Q3", None, None),
    ("Nov–Feb 2027", None, None),  # starts in 2026 or 2027?
    ("FY2026", None, None),  # fiscal years differ
    ("this quarter", None, None),
    ("2026-09-30 to 2026-07-01", None, None),  # backwards
    ("", None, None),
    (None, None, None),
])
def test_period_labels_give_dates_only_when_they_say_them(
        label: str | None, start: date | None, end: date | None) -> None:
    assert read_period(label) == PeriodDates(start, end)
