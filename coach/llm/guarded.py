"""The reply guard on the model path: every coaching reply is checked before it is shown.

`GuardedLLM` is an `LLM` that wraps a model (`inner`, the openai adapter) and a fallback
(the offline coach). For a ``coach_reply`` it reads the model's whole reply, checks it with
`check_reply` (one question, a word limit, no leaked prompt text, no advice, no number the
person has not said), asks once more with a short reminder naming what to fix, and when
that reply fails too, shows the offline phrasing of the same move. Other tasks (structured
output, reframe, summaries) pass straight through.

Because a guarded reply is checked before it is shown, it appears at once rather than word
by word. While the model's reply is being read, `stream` yields an empty piece for every
piece that arrives, so a consumer that stops between pieces (the TUI's cancel) stops the
model early; the pieces still join to the accepted text.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from coach.llm.port import LLM, LLMError, Message, ModelT, Prompt, Usage
from coach.llm.reply_guard import RULES, check_reply, reminder

log = logging.getLogger(__name__)

Outcome = Literal["passed", "regenerated", "fell_back"]


class Checker(Protocol):
    """The rules a reply must pass (`check_reply` unless another is given)."""

    def __call__(self, text: str, prompt: Prompt, *, reference: str = "") -> list[str]: ...


GUARDED_TASKS = frozenset({"coach_reply"})


@dataclass(frozen=True)
class Verdict:
    """What the guard made of one reply: the text shown and how it got there.

    failed: the rules each rejected try broke, in order (empty when the first try passed).
    """

    text: str
    outcome: Outcome
    failed: tuple[tuple[str, ...], ...] = ()


@dataclass
class GuardStats:
    """Counts for one guard (one session's model in `coach chat`).

    replies = passed_first + regenerated + fell_back; `regenerated` counts replies accepted
    on the second try; `failures` counts every rejected try per rule.
    """

    replies: int = 0
    passed_first: int = 0
    regenerated: int = 0
    fell_back: int = 0
    failures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RULES, 0))
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record(self, verdict: Verdict) -> None:
        with self._lock:
            self.replies += 1
            if verdict.outcome == "passed":
                self.passed_first += 1
            elif verdict.outcome == "regenerated":
                self.regenerated += 1
            else:
                self.fell_back += 1
            for rules in verdict.failed:
                for rule in rules:
                    self.failures[rule] = self.failures.get(rule, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        """The counts as plain JSON (the `"guard"` object of `coach chat --json`)."""
        return {"replies": self.replies, "passed_first": self.passed_first,
                "regenerated": self.regenerated, "fell_back": self.fell_back,
                "failures": dict(self.failures)}


class GuardedLLM:
    """`LLM` whose coaching replies come from `inner` only when they pass the guard."""

    def __init__(self, inner: LLM, fallback: LLM, *, check: Checker = check_reply) -> None:
        self.inner = inner
        self.fallback = fallback
        self._check = check
        self._stats = GuardStats()

    def __repr__(self) -> str:
        return f"GuardedLLM({self.inner!r})"

    @property
    def backend(self) -> str:
        return self.inner.backend

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def usage(self) -> Usage:
        return self.inner.usage

    @property
    def counter(self) -> Callable[[str], int] | None:
        """The inner model's token counter, if it has one (the prompt budget uses it)."""
        found = getattr(self.inner, "counter", None)
        return found if callable(found) else None

    @property
    def guard(self) -> GuardStats:
        return self._stats

    # -- the port --------------------------------------------------------------------------

    def complete(self, prompt: Prompt) -> str:
        if prompt.task not in GUARDED_TASKS:
            return self.inner.complete(prompt)
        return self.review(prompt).text

    def stream(self, prompt: Prompt) -> Iterator[str]:
        if prompt.task not in GUARDED_TASKS:
            yield from self.inner.stream(prompt)
            return
        verdict = yield from self._guarded(prompt)
        yield verdict.text

    def structured(self, prompt: Prompt, schema: type[ModelT]) -> ModelT:
        return self.inner.structured(prompt, schema)

    # -- the guard -------------------------------------------------------------------------

    def review(self, prompt: Prompt) -> Verdict:
        """Guard one reply to `prompt` and say how it went (`coach doctor` shows it)."""
        steps = self._guarded(prompt)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                verdict: Verdict = done.value
                return verdict

    def _guarded(self, prompt: Prompt) -> Generator[str, None, Verdict]:
        offline = self.fallback.complete(prompt)
        first = yield from self._read(prompt)
        failed = self._check(first, prompt, reference=offline)
        if not failed:
            return self._done(Verdict(first, "passed"))
        again = Prompt(task=prompt.task, facts=prompt.facts, messages=[
            *prompt.messages,
            Message(role="system", content=reminder(failed, first, prompt, reference=offline)),
        ])
        log.debug("reply guard: %s failed %s; asking once more", prompt.task, failed)
        try:
            second = yield from self._read(again)
        except LLMError as err:
            log.debug("reply guard: the second try failed (%s); offline phrasing", err)
            return self._done(Verdict(offline, "fell_back", (tuple(failed),)))
        failed_again = self._check(second, again, reference=offline)
        if not failed_again:
            return self._done(Verdict(second, "regenerated", (tuple(failed),)))
        log.debug("reply guard: the second try failed %s; offline phrasing", failed_again)
        return self._done(Verdict(offline, "fell_back", (tuple(failed), tuple(failed_again))))

    def _read(self, prompt: Prompt) -> Generator[str, None, str]:
        """The inner model's whole reply; an empty piece per piece read (see the docstring)."""
        pieces = self.inner.stream(prompt)
        parts: list[str] = []
        try:
            for piece in pieces:
                parts.append(piece)
                yield ""
        finally:
            close = getattr(pieces, "close", None)
            if callable(close):
                close()
        return "".join(parts).strip()

    def _done(self, verdict: Verdict) -> Verdict:
        self._stats.record(verdict)
        return verdict
