"""The `retro` object of `coach chat --mode retro --json`: what the OKR store now holds for
the session's retrospective (read back from the store, so it shows what was saved)."""

from __future__ import annotations

from typing import Any

from coach.okr_store.port import OKRStore
from coach.okr_store.progress import band_of, round_score
from coach.okr_store.scores import RetroScores
from graph.retro.models import mean_score


def objective_means(store: OKRStore, set_id: str, retro: RetroScores) -> list[dict[str, Any]]:
    """Each objective's mean over its scored KRs (None when none was scored)."""
    okr = store.get_set(set_id)
    out: list[dict[str, Any]] = []
    for objective in okr.objectives:
        scores = [s.score for kr in objective.key_results
                  if (s := retro.score_of(kr.id)) is not None and s.score is not None]
        mean = mean_score(scores)
        out.append({"title": objective.title, "mean": mean,
                    "band": None if mean is None else band_of(round_score(mean))})
    return out


def retro_json(store: OKRStore, set_id: str, session_id: str,
               notes: list[str] | None = None) -> dict[str, Any]:
    """Per KR: id, text, score (None: unscored), band, flag, learning, and the suggested
    score with whether it was adjusted; the objectives' means, strengths, learnings, what
    they are proud of and the answer to the next-period offer. `saved` is False while the
    session has not finished (nothing is stored before the end); `knowledge` is a line
    when the knowledge base did not take the scored set."""
    found = [r for r in store.list_scores(set_id) if r.session_id == session_id]
    knowledge = notes[-1] if notes else None
    if not found:
        return {"set_id": set_id, "saved": False, "key_results": [], "objectives": [],
                "strengths": [], "learnings": [], "proud": [], "next_period": None,
                "knowledge": knowledge}
    retro = found[-1]
    texts = {kr.id: kr.text for kr in store.get_set(set_id).key_results()}
    rows = [{"kr_id": s.kr_id, "text": texts.get(s.kr_id, ""), "score": s.score,
             "band": s.band, "flag": s.flag, "learning": s.learning,
             "suggested": s.suggested, "adjusted": s.adjusted} for s in retro.scores]
    return {"set_id": set_id, "saved": True, "scored_at": retro.scored_at.isoformat(),
            "key_results": rows, "objectives": objective_means(store, set_id, retro),
            "strengths": list(retro.strengths), "learnings": list(retro.learnings),
            "proud": list(retro.proud), "next_period": retro.next_period,
            "knowledge": knowledge}
