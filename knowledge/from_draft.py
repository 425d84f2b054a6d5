"""Closing the loop: a finished session's `OKRDraft` (optionally scored) → stored OKR sets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pydantic import ValidationError

from coach.okr.models import OKRDraft
from knowledge.library import AddResult, OKRLibrary
from knowledge.models import KRExample, OKRSet
from knowledge.records import KnowledgeInputError, field_path

SessionOKR = Callable[[str], OKRDraft]
"""Loads a session's OKR draft by session id (the session module provides it)."""


def sets_from_draft(
    draft: OKRDraft,
    *,
    team: str | None = None,
    function: str | None = None,
    sector: str | None = None,
    scores: Mapping[str, float] | Sequence[float] | None = None,
    learnings: str | None = None,
    source: str = "session",
) -> list[OKRSet]:
    """One set per objective. `scores` maps KR text → 0.0–1.0, or lists scores in KR order
    across all objectives (what a retrospective produces)."""
    by_text = dict(scores) if isinstance(scores, Mapping) else {}
    ordered = list(scores) if scores is not None and not isinstance(scores, Mapping) else []
    out: list[OKRSet] = []
    n = 0
    for obj in draft.objectives:
        krs = []
        for kr in obj.key_results:
            score = by_text.get(kr.text, ordered[n] if n < len(ordered) else None)
            krs.append(KRExample(text=kr.text, score=score))
            n += 1
        out.append(
            OKRSet(
                objective=obj.title,
                key_results=krs,
                team=team,
                function=function,
                sector=sector,
                period=draft.period,
                parent=obj.parent,
                learnings=learnings,
                source=source,
            )
        )
    return out


def check_sets(sets: Sequence[OKRSet], origin: str) -> None:
    """Run the OKR validator; raise `KnowledgeInputError` naming objective and field."""
    from knowledge.checks import validator_errors

    problems = [
        f"{origin}: objective {i}: {field_path(loc)}: {message}"
        for i, okr in enumerate(sets, 1)
        for loc, message in validator_errors(okr)
    ]
    if problems:
        raise KnowledgeInputError(problems)


def add_from_session(
    library: OKRLibrary,
    session_id: str,
    session_okr: SessionOKR,
    *,
    team: str | None = None,
    function: str | None = None,
    sector: str | None = None,
    scores: Mapping[str, float] | Sequence[float] | None = None,
    learnings: str | None = None,
) -> AddResult:
    """Store a finished session's OKRs (the retrospective calls this again with scores:
    same team, period and objective → same id, so the record is updated, not duplicated)."""
    draft = session_okr(session_id)
    if not draft.objectives:
        raise KnowledgeInputError([f"session {session_id}: the OKR draft has no objectives"])
    try:
        sets = sets_from_draft(
            draft, team=team, function=function, sector=sector, scores=scores, learnings=learnings
        )
    except ValidationError as err:
        first = err.errors()[0]
        where = field_path(tuple(first["loc"]))
        raise KnowledgeInputError([f"session {session_id}: {where}: {first['msg']}"]) from err
    check_sets(sets, f"session {session_id}")
    return library.add(sets)
