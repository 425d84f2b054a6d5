"""Keeping a long conversation inside the model's context window.

The prompt is built as: the system prompt (a stable prefix, cache-friendly), the running
summary of earlier turns (if any), the pinned block (the OKR draft — never dropped), then as
many of the most recent turns as fit. Turns that no longer fit come back in
`Fitted.dropped`: the caller folds them into the running summary (one ``summary`` LLM call,
or the offline summariser) and passes only the turns after them next time.

Counting: pass a `Callable[[str], int]` — normally `coach.llm.tokens.TokenCounter` (o200k
from packaged files, or a chars/3.9 estimate), which the `openai` adapter keeps calibrated
against the server's own ``usage.prompt_tokens``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coach.llm.port import Message

MESSAGE_OVERHEAD = 4  # tokens a chat message costs beyond its content (role, separators)
REPLY_PRIMING = 3  # tokens every chat request costs once
SUMMARY_HEADER = "Summary of the conversation so far (the client's own words where possible):"


@dataclass(frozen=True)
class Fitted:
    """The messages to send, and what had to make room."""

    messages: list[Message]
    dropped: list[Message] = field(default_factory=list)
    tokens: int = 0
    over_budget: bool = False  # system + summary + pinned + newest turn alone exceed it

    @property
    def needs_summary(self) -> bool:
        return bool(self.dropped)


def message_cost(text: str, count: Callable[[str], int]) -> int:
    return count(text) + MESSAGE_OVERHEAD


def fit_history(
    system: str,
    pinned: str,
    turns: Sequence[Message],
    budget: int,
    count: Callable[[str], int],
    summary: str | None = None,
    *,
    reply_reserve: int = 0,
    min_recent: int = 1,
) -> Fitted:
    """Fit `turns` (oldest first, those not yet in `summary`) into `budget` tokens.

    `reply_reserve` keeps room for the answer. The newest `min_recent` turns are always kept
    (the user's message must reach the model), even if that breaks the budget: then
    `over_budget` is set. Kept turns are contiguous: nothing in the middle is skipped.
    """
    head: list[Message] = [Message(role="system", content=system)]
    if summary:
        head.append(Message(role="system", content=f"{SUMMARY_HEADER}\n{summary}"))
    if pinned:
        head.append(Message(role="system", content=pinned))
    used = REPLY_PRIMING + reply_reserve + sum(message_cost(m.content, count) for m in head)

    kept: list[Message] = []
    for i, turn in enumerate(reversed(turns)):
        cost = message_cost(turn.content, count)
        if i >= min_recent and used + cost > budget:
            break
        kept.append(turn)
        used += cost
    kept.reverse()
    dropped = list(turns[: len(turns) - len(kept)])
    tokens = used - reply_reserve
    return Fitted(head + kept, dropped, tokens, over_budget=used > budget)


def transcript(turns: Sequence[Message]) -> str:
    """Turns as plain lines for a summary prompt (``Client: ...`` / ``Coach: ...``)."""
    names = {"user": "Client", "assistant": "Coach", "system": "Note"}
    return "\n".join(f"{names[t.role]}: {t.content}" for t in turns)


def merge_summary(
    previous: str | None, addition: str, count: Callable[[str], int], cap: int
) -> str:
    """Append a new summary paragraph; keep the newest paragraphs within `cap` tokens."""
    paragraphs = [p for p in (previous or "").split("\n\n") if p.strip()] + [addition.strip()]
    out: list[str] = []
    total = 0
    for para in reversed(paragraphs):
        cost = count(para)
        if out and total + cost > cap:
            break
        out.append(para)
        total += cost
    return "\n\n".join(reversed(out))
