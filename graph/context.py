"""Dependencies that reach the nodes through LangGraph's runtime context (never globals)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from coach.llm.port import LLM
from coach.reframe.detector import ProblemTalk, detect
from graph.checkin.port import CheckinSource
from graph.reading.port import Reader
from graph.reading.rules import RulesReader
from graph.rehearse.models import LeadLabels
from graph.retro.port import RetroSource


class ExampleSource(Protocol):
    """Past OKRs the coach may show as examples (the knowledge base)."""

    def search_examples(
        self, query: str, k: int = 3, function: str | None = None
    ) -> Sequence[dict[str, Any]]: ...


@dataclass(frozen=True)
class Deps:
    llm: LLM
    examples: ExampleSource | None = None
    context_tokens: int = 8000
    count_tokens: Callable[[str], int] | None = None
    """Token counter for the prompt budget; None (the offline coach) keeps the recent turns."""
    notice: Callable[[str], ProblemTalk | None] = detect
    """Notices problem talk in a user turn (the lexicon detector unless another is given)."""
    reader: Reader | None = None
    """Reads a user turn into one `Reading`; None: the rules reader with `notice`."""
    checkins: CheckinSource | None = None
    """The active OKR sets for the weekly check-in (the OKR store); None outside it."""
    retros: RetroSource | None = None
    """The OKR set being looked back on (the OKR store, then the knowledge base)."""
    facilitation: Callable[[str, Sequence[str]], LeadLabels] | None = None
    """Labels a workshop lead's turn in a rehearsal (`text, team_lines`); None: the rules."""

    def reading_port(self) -> Reader:
        return self.reader if self.reader is not None else RulesReader(self.notice)
