"""Textual messages the workers post back to the UI (all past tense)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from coach.events import SessionView
    from coach.runtime import CoachRuntime
    from coach.settings import Settings
    from coach.tui.cancel import CancellableLLM


class RuntimeLoaded(Message):
    """The sessions store and the model are ready (built in a worker after the first paint)."""

    def __init__(self, runtime: CoachRuntime) -> None:
        super().__init__()
        self.runtime = runtime


class RuntimeFailed(Message):
    """Building the runtime failed; `reason` is one line."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class RunMessage(Message):
    """A message about one run (one turn) of the coach; stale runs are ignored."""

    def __init__(self, run_id: int) -> None:
        super().__init__()
        self.run_id = run_id


class TokensArrived(RunMessage):
    """A batch of streamed tokens (batched in the worker, about every 50 ms)."""

    def __init__(self, run_id: int, text: str) -> None:
        super().__init__(run_id)
        self.text = text


class PersonaArrived(RunMessage):
    """One line of the simulated team (a rehearsal), after the tokens before it."""

    def __init__(self, run_id: int, persona: str, text: str) -> None:
        super().__init__(run_id)
        self.persona = persona
        self.text = text


class CoachReplied(RunMessage):
    """The coach's whole reply arrived; `view` is the session afterwards. `text` is the
    coach's last part of it ("" when the team spoke last)."""

    def __init__(self, run_id: int, text: str, view: SessionView) -> None:
        super().__init__(run_id)
        self.text = text
        self.view = view


class TurnFailed(RunMessage):
    """The model failed for good; the user's turn is saved and a retry continues."""

    def __init__(self, run_id: int, reason: str, view: SessionView) -> None:
        super().__init__(run_id)
        self.reason = reason
        self.view = view


class SendRefused(RunMessage):
    """The session refused the input (empty, too long, finished…); the text goes back."""

    def __init__(self, run_id: int, reason: str, text: str) -> None:
        super().__init__(run_id)
        self.reason = reason
        self.text = text


class ReplyCancelled(RunMessage):
    """A cancelled run has stopped; the user's turn is saved, the partial reply dropped."""

    def __init__(self, run_id: int, view: SessionView) -> None:
        super().__init__(run_id)
        self.view = view


class BackendSwitched(Message):
    """A new model is ready to answer (`settings` carries the model name)."""

    def __init__(self, llm: CancellableLLM, settings: Settings) -> None:
        super().__init__()
        self.llm = llm
        self.settings = settings
