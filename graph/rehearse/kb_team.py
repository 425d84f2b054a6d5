"""Picking the team to rehearse with from the knowledge base: "use the Contact Centre North
team from the knowledge base" finds the closest past OKR set and takes its team, function and
the objective it served as what the rehearsal knows about the team."""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.context import ExampleSource
from graph.rehearse.models import Team
from graph.rehearse.setup import function_of

KB_PICK = re.compile(r"\b(?:knowledge ?base|the kb|from (?:the|our) library|past okrs?)\b", re.I)
_FILLER = re.compile(r"\b(?:use|pick|take|choose|the|a|team|from|in|our|knowledge ?base|kb|"
                     r"library|past|okrs?|please)\b", re.I)

FindTeam = Callable[[str, Team], tuple[Team, str] | None]
"""`(lead_text, team so far) -> (team, citation)` when the text picks a team from the base."""


def team_finder(examples: ExampleSource | None) -> FindTeam:
    def find(text: str, team: Team) -> tuple[Team, str] | None:
        if examples is None or not KB_PICK.search(text):
            return None
        query = " ".join(_FILLER.sub(" ", text).split()) or text
        try:
            found = list(examples.search_examples(query, k=1))
        except Exception:  # the knowledge base is a help, never a reason to fail a turn
            return None
        if not found:
            return None
        best = found[0]
        described = ", ".join(str(v) for v in (best.get("team"), best.get("function"),
                                               best.get("sector")) if v)
        update = {"description": f"{described} (from the knowledge base)",
                  "function": team.function or function_of(
                      f"{best.get('function') or ''} {best.get('team') or ''}"),
                  "parent_objective": team.parent_objective or str(
                      best.get("parent") or best.get("objective") or "")}
        return team.model_copy(update=update), str(best.get("citation") or described)

    return find
