"""Choosing the backend: `openai` when a key or base URL is set, else the offline coach.

A model's coaching replies pass the reply guard (`GuardedLLM`), with the offline coach's
phrasing of the same move as the fallback; the offline coach itself needs no guard.
"""

from __future__ import annotations

from coach.llm.offline import OfflineCoach
from coach.llm.port import LLM
from coach.settings import Backend, Settings


def build_llm(settings: Settings, backend: Backend | None = None) -> LLM:
    chosen = backend or settings.resolved_backend()
    if chosen == "openai":
        from coach.llm.guarded import GuardedLLM
        from coach.llm.openai_adapter import OpenAIChat  # only loaded when used

        return GuardedLLM(OpenAIChat(settings), OfflineCoach())
    return OfflineCoach()
