"""Cancelling a running reply: the model's stream stops at its next piece.

The graph runs the model inside a node; stopping the consumer of `session.send()` does not
stop that node. This wrapper (an `LLM` like any other) raises `ReplyCancelledError` — an
`LLMError` — from the stream once the flag is set, so the node fails the way a broken model
fails: the user's turn stays saved, the partial reply is dropped and `retry` continues.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from coach.llm.port import LLM, LLMError, ModelT, Prompt, Usage


class ReplyCancelledError(LLMError):
    """The user cancelled the reply (Esc)."""


CANCELLED = "reply cancelled"


class CancellableLLM:
    """Delegates to `inner`; `stream` stops with `ReplyCancelledError` once `cancel()` ran."""

    def __init__(self, inner: LLM) -> None:
        self.inner = inner
        self._cancelled = threading.Event()

    @property
    def backend(self) -> str:
        return self.inner.backend

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def usage(self) -> Usage:
        return self.inner.usage

    def cancel(self) -> None:
        self._cancelled.set()

    def reset(self) -> None:
        self._cancelled.clear()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _check(self) -> None:
        if self._cancelled.is_set():
            raise ReplyCancelledError(CANCELLED)

    def complete(self, prompt: Prompt) -> str:
        self._check()
        return self.inner.complete(prompt)

    def stream(self, prompt: Prompt) -> Iterator[str]:
        self._check()
        pieces = self.inner.stream(prompt)
        try:
            for piece in pieces:
                self._check()
                yield piece
        finally:
            close = getattr(pieces, "close", None)
            if callable(close):
                close()

    def structured(self, prompt: Prompt, schema: type[ModelT]) -> ModelT:
        self._check()
        return self.inner.structured(prompt, schema)
