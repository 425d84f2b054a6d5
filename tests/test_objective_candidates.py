"""Objective candidates from the person's own words: a self-correction mid-answer counts for
what follows it (found when a new user answered "I mean the opposite: …" and was offered the
words before it as their Objective)."""

from __future__ import annotations

import pytest

from graph.candidates import objective_candidate
from graph.state import new_state


@pytest.mark.parametrize(("said", "offered"), [
    ("Nothing would be different if they hung up, I mean the opposite: calls answered "
     "within a minute.", "Calls answered within a minute"),
    ("We want happy customers, or rather loyal customers who come back",
     "Loyal customers who come back"),
    ("Pet owners get through to us without waiting", "Pet owners get through to us without "
     "waiting"),
    ("I mean it", "I mean it"),  # nothing after the correction: the words as they are
])
def test_the_candidate_is_what_the_person_meant(said: str, offered: str) -> None:
    state = new_state()
    state["wishes"] = [said]
    assert objective_candidate(state) == offered
