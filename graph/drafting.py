"""Structured drafting: the model proposes the Objective's wording from the user's words.

Only words come from the model. The proposal is checked (no numbers, short, a valid
objective); anything else, or a model failure, keeps the candidate built from the user's
own words by `graph.candidates` — the offline coach's answer for the same step.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from coach.llm.port import LLMError, Message, Prompt
from coach.okr.validator import check_objective
from coach.prompt_files import render
from graph.context import Deps
from graph.state import CoachState

MAX_OBJECTIVE_WORDS = 14


class ObjectiveProposal(BaseModel):
    objective: str = Field(description="one qualitative, inspiring objective; no numbers")


def wants_objective_draft(state: CoachState) -> bool:
    move = state.get("move") or {}
    slot = str(move.get("slot") or "")
    return (move.get("kind") == "ask" and slot == "objective" and not state.get("objective")
            and not state.get("asked_counts", {}).get(slot))


def _acceptable(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= MAX_OBJECTIVE_WORDS and not any(ch.isdigit() for ch in text)
            and not [f for f in check_objective(text) if f.severity == "error"])


def draft_prompt(state: CoachState) -> Prompt:
    answers = state.get("answers", {})
    values = {
        "best_hopes": " / ".join(answers.get("best_hopes", [])) or "(none)",
        "wishes": " / ".join(state.get("wishes", [])) or "(none)",
        "future": " / ".join(answers.get("future_perfect", []) + answers.get("notice", []))
        or "(none)",
    }
    messages = [Message(role="system", content=render("system.md")),
                Message(role="user", content=render("draft_okr.md", **values))]
    fallback = state.get("objective_candidate") or ""
    return Prompt(task="draft_okr", messages=messages,
                  facts={**values, "structured": {"objective": fallback}})


def propose_objective(state: CoachState, deps: Deps) -> dict[str, Any]:
    """The model's objective wording when it is acceptable; else nothing changes."""
    try:
        proposal = deps.llm.structured(draft_prompt(state), ObjectiveProposal)
    except LLMError:
        return {}
    text = proposal.objective.strip().strip("\"'“”").rstrip(".")
    if not _acceptable(text):
        return {}
    return {"objective_candidate": text[:1].upper() + text[1:]}
