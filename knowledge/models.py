"""The records of the knowledge base: a past team's OKR set (one objective with its KRs)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.text_safety import strip_controls

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,63}$"


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(text.split()).casefold()


def content_id(objective: str, team: str | None, period: str | None) -> str:
    """A stable id from what identifies a set: the same team, period and objective → same id.

    KRs, scores and learnings are not part of it, so a retrospective that adds scores
    updates the record instead of duplicating it.
    """
    key = "\x1f".join((_norm(team), _norm(period), _norm(objective)))
    return "okr-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def facet_key(value: str | None) -> str:
    """The filter key of a function/team/sector: case- and spacing-insensitive."""
    return re.sub(r"[^a-z0-9]+", "-", _norm(value)).strip("-")


class KRExample(BaseModel):
    """One key result as it was written, with its end-of-period score when known."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    """0.0–1.0 at the end of the period; `None` while not scored."""

    @field_validator("text")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = " ".join(strip_controls(value).split())
        if not value:
            raise ValueError("must not be empty")
        return value


class OKRSet(BaseModel):
    """One objective with its key results, as a team wrote (and maybe scored) it.

    Every text field loses terminal control sequences (`strip_controls`) when a set is built,
    from a file or from a stored record, so none reaches a terminal or a prompt.
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="", pattern=r"^$|" + ID_PATTERN)
    """Stable id; derived from team, period and objective when not given."""
    objective: str = Field(min_length=1)
    key_results: list[KRExample] = Field(min_length=1, max_length=5)
    team: str | None = None
    function: str | None = None
    """The team's function, e.g. `customer service`, `software`, `HR`."""
    sector: str | None = None
    """The organisation's sector, e.g. `public sector`, `retail`, `healthcare`."""
    period: str | None = None
    """e.g. `2024-Q3`, `2025 H1`, `Sep–Dec 2024`."""
    parent: str | None = None
    """The higher-level objective this one aligns to."""
    learnings: str | None = None
    """What the team learned in the retrospective."""
    source: str = "import"
    """Where it came from: `seed`, `import`, `session`, `manual`."""

    @field_validator("objective", "team", "function", "sector", "period", "parent")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(strip_controls(value).split())
        return value or None

    @field_validator("learnings")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        if value is None:
            return None
        lines = [" ".join(line.split()) for line in strip_controls(value).strip().splitlines()]
        return "\n".join(lines) or None

    @model_validator(mode="after")
    def _fill_id(self) -> OKRSet:
        if not self.objective:
            raise ValueError("objective must not be empty")
        if not self.id:
            self.id = content_id(self.objective, self.team, self.period)
        return self

    @property
    def scored(self) -> bool:
        return any(kr.score is not None for kr in self.key_results)

    @property
    def mean_score(self) -> float | None:
        scores = [kr.score for kr in self.key_results if kr.score is not None]
        return round(sum(scores) / len(scores), 3) if scores else None

    def document(self) -> str:
        """The text that is embedded: objective, KRs, context words and learnings."""
        parts = [self.objective, *(kr.text for kr in self.key_results)]
        if self.parent:
            parts.append(f"Aligned to: {self.parent}")
        context = ", ".join(v for v in (self.function, self.sector, self.team) if v)
        if context:
            parts.append(f"Context: {context}")
        if self.learnings:
            parts.append(f"Learnings: {self.learnings}")
        return "\n".join(parts)

    def citation(self) -> str:
        """How the coach cites it: team and period."""
        who = self.team or (f"a {self.function} team" if self.function else "a team")
        return f"{who}, {self.period}" if self.period else who


class Example(OKRSet):
    """An OKR set returned by a search, with its cosine similarity to the query (-1..1)."""

    similarity: float | None = None
