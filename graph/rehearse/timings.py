"""How a workshop's minutes split over the four rooms (the run-sheet's agenda)."""

from __future__ import annotations

from graph.rehearse.models import ROOMS

SHARES: dict[str, float] = {"ticket_office": 0.2, "future_gallery": 0.3,
                            "instances_gallery": 0.3, "gift_shop": 0.2}
"""Best hopes and the close get a fifth each; the future perfect and what already works,
where the Objective and the Key Results take shape, the most."""
DEFAULT_MINUTES = 90


def room_minutes(total: int) -> dict[str, int]:
    """Minutes per room, in steps of 5 (of 1 below 40 minutes), summing to exactly `total`."""
    step = 5 if total >= 40 else 1
    minutes: dict[str, int] = {}
    for room in ROOMS[:-1]:
        minutes[room] = max(step, round(total * SHARES[room] / step) * step)
    minutes[ROOMS[-1]] = total - sum(minutes.values())
    return minutes
