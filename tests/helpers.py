"""Small helpers the tests share (no fakes of our own parts)."""

from __future__ import annotations

from coach.events import CoachReplied, TurnFailed
from coach.session import CoachSession


def say(session: CoachSession, text: str) -> str:
    """Send one message and return the coach's whole reply (fails the test on an error)."""
    reply = ""
    for event in session.send(text):
        if isinstance(event, TurnFailed):
            raise AssertionError(f"turn failed: {event.message}")
        if isinstance(event, CoachReplied):
            reply = event.text
    return reply


def opening(session: CoachSession) -> str:
    reply = ""
    for event in session.start():
        if isinstance(event, CoachReplied):
            reply = event.text
    return reply


def rooms_visited(turns: list[dict[str, str]]) -> list[str]:
    seen: list[str] = []
    for turn in turns:
        if not seen or seen[-1] != turn["room"]:
            seen.append(turn["room"])
    return seen
