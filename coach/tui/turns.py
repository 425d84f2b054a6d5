"""One coach turn, run in a worker thread; results go back to the UI as messages.

The graph is synchronous. `run_turn` consumes the session's events, batches streamed tokens
(about every 50 ms, so the UI appends a few times a second instead of once per token), and
posts past-tense messages. A team member's line (a rehearsal) is posted as it comes, after
the tokens before it. A run that is no longer current (cancelled) posts no tokens and no
lines; a run that failed posts all it got first (the screen keeps it, marked interrupted).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from textual.message_pump import MessagePump

from coach.tui.cancel import CANCELLED, CancellableLLM
from coach.tui.messages import (
    CoachReplied,
    PersonaArrived,
    ReplyCancelled,
    SendRefused,
    TokensArrived,
    TurnFailed,
)

if TYPE_CHECKING:
    from coach.events import Event
    from coach.session import CoachSession

BATCH_S = 0.05
Kind = Literal["start", "send", "retry"]


def _events(session: CoachSession, kind: Kind, text: str) -> Iterator[Event]:
    if kind == "send":
        return session.send(text)
    if kind == "retry":
        return session.retry()
    return session.start()


def run_turn(
    target: MessagePump,
    session: CoachSession,
    kind: Kind,
    text: str,
    *,
    run_id: int,
    is_current: Callable[[int], bool],
    llm: CancellableLLM | None,
    lock: threading.Lock,
) -> None:
    """Run one turn to its end and post what happened to `target` (thread-safe)."""
    from coach.events import CoachReplied as Replied
    from coach.events import PersonaSpoke, TokenStreamed
    from coach.events import TurnFailed as Failed
    from coach.session import SessionError

    with lock:  # one graph run per session at a time, even right after a cancel
        if llm is not None:
            if is_current(run_id):
                llm.reset()
            else:
                llm.cancel()
        batch: list[str] = []
        last_post = time.monotonic()
        reply = ""
        replied_view = None
        failure: str | None = None
        try:
            for event in _events(session, kind, text):
                if isinstance(event, TokenStreamed):
                    if not is_current(run_id):
                        continue
                    batch.append(event.text)
                    if time.monotonic() - last_post >= BATCH_S:
                        target.post_message(TokensArrived(run_id, "".join(batch)))
                        batch.clear()
                        last_post = time.monotonic()
                elif isinstance(event, PersonaSpoke):
                    if not is_current(run_id):
                        continue
                    if batch:  # the coach's words before the line come first
                        target.post_message(TokensArrived(run_id, "".join(batch)))
                        batch.clear()
                    target.post_message(PersonaArrived(run_id, event.persona, event.text))
                    last_post = time.monotonic()
                elif isinstance(event, Replied):
                    reply = event.text
                    replied_view = event.view
                elif isinstance(event, Failed):
                    failure = event.message
        except SessionError as err:
            target.post_message(SendRefused(run_id, str(err), text))
            return
        except Exception as err:  # a bug must not kill the app; the user's turn is saved
            failure = f"{type(err).__name__}: {err}"
        cancelled = failure == CANCELLED or (llm is not None and llm.cancelled)
        view = replied_view if replied_view is not None and failure is None else session.view()
        if batch and is_current(run_id) and not cancelled:  # a failed reply shows all it got
            target.post_message(TokensArrived(run_id, "".join(batch)))
        if cancelled and failure is not None:
            target.post_message(ReplyCancelled(run_id, view))
        elif failure is not None:
            target.post_message(TurnFailed(run_id, failure, view))
        else:
            target.post_message(CoachReplied(run_id, reply, view))
