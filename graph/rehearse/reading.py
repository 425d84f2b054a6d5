"""Reading one lead turn into a `RehearseReading`, in the context of the rehearsal's phase:
the team set-up, an edit of the cast, a command (`replay`, `next`, `finish`) or a
facilitation turn with its labels (the facilitation classifier's, injected)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from graph.rehearse.card_edits import read_card_edit
from graph.rehearse.kb_team import FindTeam
from graph.rehearse.models import LeadLabels
from graph.rehearse.plan_models import Rehearsal, RehearseReading
from graph.rehearse.setup import read_team

Classify = Callable[[str, Sequence[str]], LeadLabels]
"""`(lead_text, team_lines) -> LeadLabels`: the rules, or the rules with the trained model."""
Source = Literal["rules", "model"]
Labeller = Callable[[str, Sequence[str]], tuple[LeadLabels, Source]]
"""Labels a lead turn and says who did: the classifier (`rules`) or a language model."""


def rules_labeller(classify: Classify) -> Labeller:
    """A classifier as a labeller: its labels, from the rules (and the trained model)."""

    def label(text: str, team_lines: Sequence[str]) -> tuple[LeadLabels, Source]:
        return classify(text, team_lines), "rules"

    return label

_WHOLE = r"^\s*(?:{})\s*[.!]*\s*$"
REPLAY = re.compile(_WHOLE.format(r"replay|re-?play (?:that|it)|again|let me (?:try|redo) "
                                  r"(?:that|it)(?: again)?|redo(?: that)?|try (?:that|it) again"),
                    re.I)
NEXT = re.compile(_WHOLE.format(r"next|next room|move on|on to the next room|let'?s move on"),
                  re.I)
FINISH = re.compile(_WHOLE.format(r"finish|end|stop|done|wrap up|let'?s wrap up|end the "
                                  r"(?:workshop|rehearsal)|that'?s (?:it|all)"), re.I)


def read_turn(rehearsal: Rehearsal, text: str, label: Labeller,
              find_team: FindTeam | None = None) -> RehearseReading:
    """`find_team` looks a team up in the knowledge base when the lead asks for one."""
    said = text.strip()
    if not said:
        return RehearseReading(kind="empty")
    if rehearsal.phase == "team":
        team = read_team(said, rehearsal.team)
        picked = find_team(said, team) if find_team is not None else None
        if picked is not None:
            return RehearseReading(kind="team", text=said, team=picked[0], from_kb=picked[1])
        return RehearseReading(kind="team", text=said, team=team)
    if rehearsal.phase == "cast":
        return RehearseReading(kind="cast", text=said,
                               edit=read_card_edit(said, rehearsal.cards))
    if REPLAY.match(said):
        return RehearseReading(kind="replay", text=said)
    if NEXT.match(said):
        return RehearseReading(kind="next", text=said)
    if FINISH.match(said):
        return RehearseReading(kind="finish", text=said)
    labels, source = label(said, rehearsal.team_lines)
    return RehearseReading(kind="facilitate", text=said, labels=labels, source=source)
