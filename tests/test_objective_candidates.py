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


@pytest.mark.parametrize(("said", "offered"), [
    # a new user's words: the number went and left its unit glued on ("befoream")
    ("Every cafe gets its bread before 7am, and the drivers finish their rounds",
     "Every cafe gets its bread"),
    ("Orders leave the kitchen before 7:30 a.m. every day", "Orders leave the kitchen"),
    ("Warm loaves leave within 2.5 hours of baking", "Warm loaves leave"),
    ("Customers hear back within 3 days", "Customers hear back"),
    ("Grow repeat orders by 20%", "Grow repeat orders"),
    ("Our 10 members feel heard", "Our members feel heard"),  # "m" of "members" is no unit
    ("Every van is loaded at 5 o'clock sharp", "Every van is loaded"),
    ("Breakfast orders from 12 cafes arrive on time", "Breakfast orders from cafes arrive on "
     "time"),
    ("Grow repeat orders to 400", "Grow repeat orders"),
])
def test_a_number_leaves_with_its_lead_word_and_unit(said: str, offered: str) -> None:
    state = new_state()
    state["wishes"] = [said]
    assert objective_candidate(state) == offered
