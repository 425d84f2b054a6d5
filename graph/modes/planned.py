"""Modes declared for the home screen and `--mode`, not available yet (no graph, no state).

Each becomes available by moving into its own module with a real `build_graph` and
`new_state` and `available=True` (see `graph/modes/__init__.py`).
"""

from __future__ import annotations

from graph.modes.spec import ModeSpec, Step, no_state, not_available

RETRO = ModeSpec(
    id="retro",
    title="Retrospective",
    blurb="Score the KRs, keep what you learned",
    available=False,
    build_graph=not_available("retro"),
    new_state=no_state("retro"),
    steps=(
        Step("scores", "Scores"),
        Step("learning", "What we learned"),
        Step("strengths", "Strengths"),
        Step("next_period", "Next period"),
    ),
    panels=(),  # its own panel (scores per KR) is registered with it
    needs_okr_set=True,
)

REHEARSE = ModeSpec(
    id="rehearse",
    title="Rehearse a workshop",
    blurb="Practise facilitating an OKR workshop",
    available=False,
    build_graph=not_available("rehearse"),
    new_state=no_state("rehearse"),
    steps=(
        Step("plan", "Plan"),
        Step("rehearsal", "Rehearsal"),
        Step("feedback", "Feedback"),
    ),
    panels=(),
    needs_okr_set=False,
)
