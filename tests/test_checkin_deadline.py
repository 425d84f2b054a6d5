"""How a KR's deadline reads in the check-in: as the person said it, unless they said it
relative to the day they said it ("this quarter"), which reads wrong weeks later; then the
set's own end (found when a new user's check-in asked about "10/week as the target by this
quarter")."""

from __future__ import annotations

from datetime import date

import pytest

from coach.checkin_source import deadline

END = date(2027, 3, 31)
TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(("due", "reads"), [
    ("end of March", "end of March"),
    ("by June 2027", "by June 2027"),
    ("this quarter", "the end of March 2027"),
    ("the end of this year", "the end of March 2027"),
    ("next quarter", "the end of March 2027"),
    (None, "the end of March 2027"),
])
def test_a_relative_deadline_reads_as_the_sets_end(due: str | None, reads: str) -> None:
    assert deadline(due, END, TODAY) == reads


def test_the_year_is_left_out_when_it_is_this_year() -> None:
    assert deadline("this quarter", date(2026, 12, 31), TODAY) == "the end of December"
