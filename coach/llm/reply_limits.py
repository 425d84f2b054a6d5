"""What a model's words must be before anyone sees or stores them: clean, bounded, finished.

- Clean: terminal control sequences are stripped (`coach.text_safety`), also when one is
  split across two stream chunks (`coach.clean_text.StreamCleaner`).
- Bounded: a reply longer than `REPLY_CHAR_CAP` characters is cut there (and reading stops),
  so a runaway or hostile server can never make us store a megabyte as one turn.
- Finished: a streamed reply that ends without ``finish_reason == "stop"`` (the connection
  closed mid-body, an error mid-stream, the token limit reached) raises `ReplyCutOff`, an
  `LLMError`: the session keeps the user's turn, stores nothing of the partial reply, and
  `retry` asks again. A reply we cut at our own cap is not "cut off": we chose to stop.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from coach.clean_text import StreamCleaner, clean_strings
from coach.llm.port import LLMError
from coach.llm.retry import SAVED
from coach.text_safety import strip_controls

REPLY_CHAR_CAP = 4_000
"""Characters of one coaching reply we keep. A reply is one short question or a summary
(the reply guard allows 70 words, 180 for a summary plus the draft read back) and is asked
for with a 200-token limit, about 800 characters of English; 4,000 leaves room for long
words, other languages and a long draft read back, and still bounds a server that ignores
the token limit."""
RAW_CHAR_LIMIT = 4 * REPLY_CHAR_CAP
"""Characters read from one stream at most, control sequences included: a stream of nothing
but escape codes (stripped to nothing) must end too."""
TRUNCATED = "…"
FINISHED = "stop"
M = TypeVar("M", bound=BaseModel)


class ReplyCutOff(LLMError):
    """The model's reply did not arrive whole; nothing of it is kept."""


def cut_off_message(why: str) -> str:
    """One line: what happened and what to do (`retry`)."""
    return f"The model's reply was cut off ({why}). {SAVED}"


def why_unfinished(finish_reason: str | None) -> str:
    if finish_reason is None:
        return "the stream ended before the model finished"
    if finish_reason == "length":
        return "it reached the reply length limit"
    return f"the server stopped it: {strip_controls(finish_reason)[:40]}"


def cap_text(text: str, cap: int = REPLY_CHAR_CAP) -> str:
    """`text` cleaned and at most `cap` characters (a cut one ends in "…")."""
    text = strip_controls(text)
    return text if len(text) < cap else text[: cap - len(TRUNCATED)] + TRUNCATED


class ReplyReader:
    """Reads one streamed reply: `take` each piece, then `end`; see the module docstring."""

    def __init__(self, cap: int = REPLY_CHAR_CAP, raw_limit: int = RAW_CHAR_LIMIT) -> None:
        self._cap = cap
        self._raw_limit = raw_limit
        self._cleaner = StreamCleaner()
        self._kept = 0
        self._raw = 0
        self.capped = False

    def take(self, piece: str) -> str:
        """The clean part of `piece` to pass on ("" when nothing is to show yet, or any more
        once `capped`: then stop reading)."""
        if self.capped:
            return ""
        self._raw += len(piece)
        shown = self._keep(self._cleaner.feed(piece))
        if self._raw >= self._raw_limit:
            self.capped = True
        return shown

    def end(self, finish_reason: str | None) -> str:
        """The last clean text held back; raises `ReplyCutOff` unless the reply finished (or
        we stopped it at the cap)."""
        if self.capped:
            return ""
        if finish_reason != FINISHED:
            raise ReplyCutOff(cut_off_message(why_unfinished(finish_reason)))
        return self._keep(self._cleaner.flush())

    def _keep(self, text: str) -> str:
        room = self._cap - len(TRUNCATED) - self._kept  # "…" always fits after the room
        if len(text) <= room:
            self._kept += len(text)
            return text
        self.capped = True
        self._kept = self._cap
        return text[:room] + TRUNCATED


def clean_model(model: M) -> M:
    """A structured reply with control sequences stripped from its strings (the same object
    when there were none)."""
    data = model.model_dump()
    cleaned = clean_strings(data)
    return model if cleaned == data else type(model).model_validate(cleaned)
