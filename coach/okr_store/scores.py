"""End-of-period scores: what a retrospective leaves in the OKR store.

One retro session stores one `RetroScores`: per KR the agreed score (or none: left
unscored), its colour band, the score the values suggested, whether the person adjusted it,
the flag (`good`, `stretch`, `missed`, `kept`) and what was learned on it; across the set
the strengths and the learnings about setting OKRs. Stored all or nothing, and once per
session id: a second `record_scores` for the same session (a retry, a resume after a crash
right after the commit) stores nothing and returns what was stored.

Tables `okr_retros` (one row per retro session) and `okr_scores` (one row per KR), see
migration 2 in `coach.okr_store.schema`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coach.okr_store.db import Tx
from coach.okr_store.errors import InvalidInput
from coach.okr_store.progress import Band, band_of
from coach.text_safety import strip_controls

RETRO_COLS = "set_id, session_id, scored_at, learnings, strengths, proud, next_period"
SCORE_COLS = "kr_id, score, band, suggested, adjusted, flag, learning, reflection"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KRScoreValue(_Record):
    """One KR's end-of-period score. No score: the KR was left unscored."""

    kr_id: str
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    band: Band | None = None
    """red 0.0–0.3, yellow 0.4–0.6, green 0.7–1.0; derived from `score` when not given."""
    suggested: float | None = Field(default=None, ge=0.0, le=1.0)
    """The score the values suggested (`progress.suggest_score`); None without values."""
    adjusted: bool = False
    flag: str | None = None
    """What the score says about the KR: good, stretch (aspirational); missed, kept
    (committed)."""
    learning: str | None = None
    reflection: str | None = None
    """What got in the way (a committed KR missed) / what a stretch would look like."""

    @model_validator(mode="after")
    def _band_fits(self) -> KRScoreValue:
        if self.score is None and self.band is not None:
            raise ValueError("an unscored KR has no band")
        if self.score is not None and self.band is not None and self.band != band_of(self.score):
            raise ValueError(f"score {self.score} is {band_of(self.score)}, not {self.band}")
        return self


class RetroScores(_Record):
    """One retrospective of a set: its scores (in the set's KR order) and learnings."""

    set_id: str
    session_id: str
    scored_at: datetime
    scores: list[KRScoreValue] = Field(default_factory=list)
    learnings: list[str] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    proud: list[str] = Field(default_factory=list)
    next_period: bool | None = None
    """Yes (or no) to starting the next period's OKRs with these learnings; None: open."""

    def score_of(self, kr_id: str) -> KRScoreValue | None:
        return next((s for s in self.scores if s.kr_id == kr_id), None)


def _clean(text: str | None) -> str | None:
    return None if text is None else strip_controls(text)


def _listed(items: Sequence[str]) -> str:
    return json.dumps([strip_controls(i) for i in items], ensure_ascii=False)


def insert_scores(tx: Tx, set_id: str, scores: Sequence[KRScoreValue], *, session_id: str,
                  learnings: Sequence[str], strengths: Sequence[str],
                  proud: Sequence[str] = (), next_period: bool | None = None,
                  scored_at: datetime | None = None) -> RetroScores:
    """Store a retro's scores inside `tx` (the caller's transaction), or return what session
    `session_id` stored before. `InvalidInput` (nothing written) for a KR outside the set,
    the same KR twice, or a session id that belongs to another set."""
    if not session_id.strip():
        raise InvalidInput("scores belong to a retrospective session: no session id given")
    before = tx.rows("SELECT set_id FROM okr_retros WHERE session_id = ?", (session_id,))
    if before:
        if before[0][0] != set_id:
            raise InvalidInput(f"session {session_id} scored another OKR set "
                               f"({before[0][0]}): nothing was stored")
        return load_retros(tx, set_id, session_id)[0]
    in_set = {row[0] for row in tx.rows("SELECT id FROM okr_key_results WHERE set_id = ?",
                                        (set_id,))}
    seen: set[str] = set()
    for value in scores:
        if value.kr_id not in in_set:
            raise InvalidInput(f"KR {value.kr_id!r} is not in OKR set {set_id}: "
                               "nothing was stored")
        if value.kr_id in seen:
            raise InvalidInput(f"KR {value.kr_id!r} is scored twice: nothing was stored")
        seen.add(value.kr_id)
    when = (scored_at or datetime.now(UTC)).isoformat()
    tx.run(f"INSERT INTO okr_retros ({RETRO_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
           (set_id, session_id, when, _listed(learnings), _listed(strengths), _listed(proud),
            None if next_period is None else int(next_period)))
    for v in scores:
        band = v.band or (None if v.score is None else band_of(v.score))
        tx.run(f"INSERT INTO okr_scores ({SCORE_COLS}, set_id, scored_at, session_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (v.kr_id, v.score, band, v.suggested, int(v.adjusted), _clean(v.flag),
                _clean(v.learning), _clean(v.reflection), set_id, when, session_id))
    return load_retros(tx, set_id, session_id)[0]


def load_retros(tx: Tx, set_id: str, only: str | None = None) -> list[RetroScores]:
    """The set's retrospectives, oldest first; each one's scores in the set's KR order."""
    extra, params = ("", (set_id,)) if only is None else (" AND session_id = ?", (set_id, only))
    retros = tx.rows(f"SELECT {RETRO_COLS} FROM okr_retros WHERE set_id = ?{extra} "
                     "ORDER BY scored_at, seq", params)
    cols = ", ".join(f"s.{c}" for c in SCORE_COLS.split(", "))
    scores: dict[str, list[KRScoreValue]] = {}
    for row in tx.rows(f"SELECT s.session_id, {cols} FROM okr_scores s "
                       "JOIN okr_key_results k ON k.id = s.kr_id "
                       "JOIN okr_objectives o ON o.id = k.objective_id "
                       f"WHERE s.set_id = ? ORDER BY o.position, k.position", (set_id,)):
        session, kr_id, score, band, suggested, adjusted, flag, learning, reflection = row
        scores.setdefault(session, []).append(KRScoreValue(
            kr_id=kr_id, score=None if score is None else float(score), band=band,
            suggested=None if suggested is None else float(suggested),
            adjusted=bool(adjusted), flag=flag, learning=learning, reflection=reflection))
    return [RetroScores(set_id=sid, session_id=session, scored_at=datetime.fromisoformat(at),
                        scores=scores.get(session, []), learnings=json.loads(learned),
                        strengths=json.loads(strong), proud=json.loads(proud),
                        next_period=None if offer is None else bool(offer))
            for sid, session, at, learned, strong, proud, offer in retros]
