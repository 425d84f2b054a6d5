"""A first message that only says who the person is keeps the best-hopes question open."""

from __future__ import annotations

from pathlib import Path

from coach.events import CoachReplied
from coach.runtime import build_runtime
from coach.settings import Settings


def test_a_greeting_is_welcomed_and_the_best_hopes_are_asked_again(tmp_path: Path) -> None:
    runtime = build_runtime(Settings(_env_file=None, COACH_DATA_DIR=tmp_path), "offline")
    try:
        session = runtime.new_session()
        list(session.start())
        events = list(session.send("Hello! I run the education programme of a history museum "
                                   "and I'd like to set OKRs for this autumn term."))
        reply = " ".join(e.text for e in events if isinstance(e, CoachReplied))
        assert "Good to meet you" in reply and "best hopes" in reply
        events = list(session.send("That schools see us as part of their teaching."))
        reply = " ".join(e.text for e in events if isinstance(e, CoachReplied))
        assert "best hopes" not in reply  # now the hopes are heard and the coach goes on
    finally:
        runtime.close()
