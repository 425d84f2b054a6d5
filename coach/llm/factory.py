"""Choosing the backend: `openai` when a key or base URL is set, else the offline coach."""

from __future__ import annotations

from coach.llm.offline import OfflineCoach
from coach.llm.port import LLM
from coach.settings import Backend, Settings


def build_llm(settings: Settings, backend: Backend | None = None) -> LLM:
    chosen = backend or settings.resolved_backend()
    if chosen == "openai":
        from coach.llm.openai_adapter import OpenAIChat  # only loaded when used

        return OpenAIChat(settings)
    return OfflineCoach()
