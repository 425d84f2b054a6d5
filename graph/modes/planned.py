"""Modes declared for the home screen and `--mode`, not available yet (no graph, no state).

Each becomes available by moving into its own module with a real `build_graph` and
`new_state` and `available=True` (see `graph/modes/__init__.py`).
"""

from __future__ import annotations

from graph.modes.spec import ModeSpec, Step, no_state, not_available

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
