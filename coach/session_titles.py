"""The title a session shows in lists and exports."""

from __future__ import annotations

from graph.modes import mode_spec
from graph.state import CoachState

TITLE_WORDS = 7


def session_title(state: CoachState, mode: str = "prepare") -> str | None:
    """Prepare: the person's first words; a mode on an adopted set: its title and period."""
    period = (state.get("okr") or {}).get("period")
    if mode != "prepare" and period:
        return f"{mode_spec(mode).title} · {period}"
    for turn in state.get("turns", []):
        if turn["role"] == "user" and len(turn["text"].split()) >= 2:
            words = turn["text"].split()
            return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
    return None
