"""A colour for each persona of a rehearsal, the same in the conversation and the panel.

Five mid-tone colours, each readable on the light and the dark themes' backgrounds (a
contrast of about 3:1 or more on both). A persona's colour is a CSS class, `-persona-N`:
N is its place in the cast (`view.mode_state["cards"]`); a name the cast does not know gets
the next free place in the order it was first seen. Once given, a name keeps its colour for
the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

PALETTE: tuple[str, ...] = ("#c2571a", "#1f7ab8", "#9b59b6", "#0f8a8a", "#c0497a")
"""Orange, blue, violet, teal, rose."""


def persona_class(index: int) -> str:
    return f"-persona-{index % len(PALETTE)}"


def cast_names(mode_state: Mapping[str, Any]) -> list[str]:
    """The cast's names in order, from a rehearsal's planner state (none before set-up)."""
    cards = mode_state.get("cards") or []
    return [str(card["name"]) for card in cards
            if isinstance(card, Mapping) and card.get("name")]


class PersonaColours:
    """Who has which colour in one session."""

    def __init__(self, cast: Iterable[str] = ()) -> None:
        self._cast: list[str] = []
        self._given: dict[str, int] = {}
        self.set_cast(cast)

    def set_cast(self, cast: Iterable[str]) -> None:
        """The cast as it now stands; names already coloured keep their colour."""
        self._cast = list(dict.fromkeys(cast))

    def index(self, name: str) -> int:
        if name not in self._given:
            if name in self._cast:
                self._given[name] = self._cast.index(name)
            else:
                taken = set(self._given.values()) | set(range(len(self._cast)))
                self._given[name] = next(i for i in range(len(taken) + 1) if i not in taken)
        return self._given[name]

    def css_class(self, name: str) -> str:
        return persona_class(self.index(name))


def palette_rules(*templates: str) -> str:
    """TCSS rules, one per colour and template; a template has `{i}` and `{colour}`."""
    return "\n".join(template.format(i=i, colour=colour)
                     for i, colour in enumerate(PALETTE) for template in templates)
