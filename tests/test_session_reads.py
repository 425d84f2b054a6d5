"""A turn reads the checkpoint twice — once to know what the message is (a retry, a new turn,
a change to a finished session), once for the result — and the reply carries the session
view built from that second read, so showing it needs no further read."""

from __future__ import annotations

from typing import Any

import pytest

from coach.events import CoachReplied
from coach.runtime import CoachRuntime
from tests.helpers import opening


def test_two_checkpoint_reads_per_turn_and_the_view_comes_with_the_reply(runtime: CoachRuntime,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    session = runtime.new_session()
    opening(session)
    graph = session._graph
    reads: list[Any] = []
    real = graph.get_state

    def counted(*args: Any, **kwargs: Any) -> Any:  # a spy: the real method does the work
        reads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(graph, "get_state", counted)
    for line in ("We'd like callers to get through quickly.",
                 "Increase call response rate from 70% to 90% by end of Q2"):
        reads.clear()
        replies = [e for e in session.send(line) if isinstance(e, CoachReplied)]
        assert len(reads) == 2
        view = replies[0].view
        assert view is not None and view == session.view()
        assert view.turns[-2]["text"] == line


def test_a_second_session_object_still_sees_what_the_first_wrote(runtime: CoachRuntime) -> None:
    first = runtime.new_session()
    opening(first)
    list(first.send("Increase call response rate from 70% to 90% by end of Q2"))
    again = runtime.open_session(first.id)
    assert again.view().turns == first.view().turns
