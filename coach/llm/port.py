"""The LLM port: what the graph needs from a language model, and nothing more.

The graph decides *what* the coach does next (which room, which question, whether to
reframe); a backend only supplies the *words*. Every request is a `Prompt`: the rendered
chat messages for a real model, plus the facts they were rendered from, so that the
offline coach can phrase the same move without a model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from pydantic import BaseModel

Role = Literal["system", "user", "assistant"]


class Message(BaseModel):
    role: Role
    content: str


@dataclass(frozen=True)
class Prompt:
    """One request to a model.

    task: what is asked, e.g. ``"coach_reply"``, ``"reframe"``, ``"draft_okr"``, ``"summary"``.
    messages: the chat messages for a real model (system prompt first, a stable prefix).
    facts: the named values the messages were rendered from.
    """

    task: str
    messages: list[Message]
    facts: Mapping[str, Any] = field(default_factory=dict)


ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class Usage:
    """Running totals for one backend instance (benchmarks and `coach doctor` read them)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, prompt_tokens: int, completion_tokens: int) -> None:
        self.calls += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens


class LLMError(RuntimeError):
    """A model call failed for good (after retries). `str(err)` is one line a user can read."""


class LLM(Protocol):
    """A language model as the coach sees it."""

    @property
    def backend(self) -> str:
        """`offline` or `openai`."""
        ...

    @property
    def model(self) -> str:
        """The model name shown to the user (`offline coach` for the offline backend)."""
        ...

    @property
    def usage(self) -> Usage: ...

    def complete(self, prompt: Prompt) -> str:
        """The whole reply as one string."""
        ...

    def stream(self, prompt: Prompt) -> Iterator[str]:
        """The reply in pieces as they arrive; joined they equal `complete`'s answer."""
        ...

    def structured(self, prompt: Prompt, schema: type[ModelT]) -> ModelT:
        """The reply parsed and validated into `schema`; raises `LLMError` when impossible."""
        ...
