"""Which KR the coach asks about next (pure: a state in, a slot id out)."""

from __future__ import annotations

from typing import Any

from graph.agenda import MAX_ASKS, open_slot
from graph.state import new_state


def state_with(krs: list[dict[str, Any]], **more: Any) -> Any:
    state = new_state()
    state.update(objective="Faster feedback", key_results=krs, krs_closed=True,
                 answers={"future_perfect": ["calm"], "notice": ["they see it"]},
                 period="end of 2026", **more)
    return state


def test_the_kr_named_last_is_asked_about_first() -> None:
    krs = [{"metric": "publications", "target": None}, {"metric": "feedback time", "target": None}]
    assert open_slot(state_with(krs, last_kr=1), "future_gallery") == "kr_target:1"


def test_without_a_last_kr_the_first_missing_one_is_asked() -> None:
    krs = [{"metric": "publications", "target": None}, {"metric": "feedback time", "target": None}]
    assert open_slot(state_with(krs), "future_gallery") == "kr_target:0"


def test_a_kr_asked_about_enough_is_let_go_for_the_next() -> None:
    krs = [{"metric": "publications", "target": None}, {"metric": "feedback time", "target": None}]
    state = state_with(krs, last_kr=0, asked_counts={"kr_target:0": MAX_ASKS})
    assert open_slot(state, "future_gallery") == "kr_target:1"
