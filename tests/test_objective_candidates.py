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


@pytest.mark.parametrize(("hopes", "offered"), [
    # a new user introduced themselves first and was offered the introduction as the Objective
    ("I coordinate the repair crews at a plumbing company. I'd love this quarter to be the one "
     "where customers stop waiting all day for a plumber.",
     "Customers stop waiting all day for a plumber"),
    ("Hi, I'm the head of a small library. More teenagers borrow books every week.",
     "More teenagers borrow books every week"),
    ("We run a food bank and we want no family in town to go to bed hungry",
     "No family in town to go to bed hungry"),
])
def test_who_the_person_is_is_no_objective(hopes: str, offered: str) -> None:
    state = new_state()
    state["answers"] = {"best_hopes": [hopes]}
    assert objective_candidate(state) == offered


def test_an_introduction_alone_offers_nothing_from_it() -> None:
    state = new_state()
    state["answers"] = {"best_hopes": ["I lead the night shift at a warehouse."],
                        "future_perfect": ["Every truck leaves loaded and on time"]}
    assert objective_candidate(state) == "Every truck leaves loaded and on time"
