"""The retrospective's `RetroSource` over the OKR store and the knowledge base.

The store is the check-in's (`StoreCheckins.store`, opened on first use and closed with the
runtime); the knowledge base is opened only when a finished retro adds its scored set to it.
Every number handed to the retro is one a person stated: the set's baselines and targets
and the last value of its check-ins; what it stores is what the person agreed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.checkin_source import noon_of, okr_json
from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr_store.models import CheckIn, OKRSetRecord
from coach.okr_store.port import OKRStore
from coach.okr_store.scores import KRScoreValue
from coach.storage.errors import StorageError
from graph.retro.models import RetroKR, RetroRecord

if TYPE_CHECKING:
    from knowledge.library import OKRLibrary
    from knowledge.models import OKRSet


def last_value(checkins: list[CheckIn], kr_id: str) -> float | None:
    """The KR's value in the latest check-in that gave one (skips are not values)."""
    for checkin in reversed(checkins):  # oldest first in the store
        value = checkin.value_of(kr_id)
        if value is not None and value.value is not None:
            return value.value
    return None


def retro_krs(okr: OKRSetRecord, checkins: list[CheckIn]) -> list[RetroKR]:
    return [RetroKR(kr_id=kr.id, text=kr.text, unit=kr.unit, baseline=kr.baseline,
                    target=kr.target, last_value=last_value(checkins, kr.id), kind=kr.kind,
                    direction=kr.direction or "increase", objective=i)
            for i, objective in enumerate(okr.objectives) for kr in objective.key_results]


def scores_of(record: RetroRecord) -> list[KRScoreValue]:
    return [KRScoreValue(kr_id=kr["kr_id"], score=kr["score"], band=kr["band"],
                         suggested=kr["suggested"], adjusted=kr["adjusted"], flag=kr["flag"],
                         learning=kr["learning"], reflection=kr["reflection"])
            for kr in record["krs"]]


def learnings_text(okr: OKRSetRecord, record: RetroRecord) -> str | None:
    """What the knowledge base keeps as the set's learnings: the learnings about setting
    OKRs, each KR's learning (with the KR), the strengths."""
    texts = {kr.id: kr.text for kr in okr.key_results()}
    lines = list(record["learnings"])
    lines += [f"“{texts.get(kr['kr_id'], kr['kr_id'])}”: {kr['learning']}"
              for kr in record["krs"] if kr["learning"]]
    if record["strengths"]:
        lines.append("Strengths: " + "; ".join(record["strengths"]))
    return "\n".join(lines) or None


def draft_of(okr: OKRSetRecord) -> OKRDraft:
    return OKRDraft(period=okr.period, objectives=[
        Objective(title=o.title, parent=okr.parent, key_results=[
            KeyResult(text=k.text, metric=k.metric, baseline=k.baseline, target=k.target,
                      unit=k.unit, due=k.due) for k in o.key_results])
        for o in okr.objectives])


class StoreRetros:
    """`graph.retro.port.RetroSource` over an `OKRStore` and an `OKRLibrary`, both opened
    on first use."""

    def __init__(self, store: Callable[[], OKRStore],
                 open_library: Callable[[], OKRLibrary]) -> None:
        self._store = store
        self._open_library = open_library
        self._library: OKRLibrary | None = None
        self._lock = threading.Lock()
        self.notes: list[str] = []
        """One line per scored set the knowledge base refused (its KRs fail the validator)."""

    @property
    def store(self) -> OKRStore:
        return self._store()

    def library(self) -> OKRLibrary:
        with self._lock:
            if self._library is None:
                self._library = self._open_library()
            return self._library

    def retro_krs(self, set_id: str) -> tuple[list[RetroKR], list[str]]:
        okr = self.store.get_set(set_id)
        return retro_krs(okr, self.store.list_checkins(set_id)), [o.title for o in okr.objectives]

    def okr_of(self, set_id: str) -> dict[str, Any]:
        return okr_json(self.store.get_set(set_id))

    def save_retro(self, set_id: str, session_id: str, record: RetroRecord, *,
                   on: date | None = None) -> None:
        self.store.record_scores(set_id, scores_of(record), session_id=session_id,
                                 scored_at=noon_of(on),
                                 learnings=record["learnings"], strengths=record["strengths"],
                                 proud=record["proud"], next_period=record["next_period"])
        # once per session: the store's rule

    def learn_from(self, set_id: str, session_id: str, record: RetroRecord) -> None:
        """The scored set into the knowledge base; a set the validator refuses is noted in
        `notes` (nothing to retry), any other failure is a `StorageError` (retry)."""
        from knowledge.from_draft import check_sets, sets_from_draft
        from knowledge.records import KnowledgeInputError

        okr = self.store.get_set(set_id)
        scores = {kr["kr_id"]: kr["score"] for kr in record["krs"]}
        ordered = [scores.get(kr.id) for kr in okr.key_results()]
        try:
            sets = _with_scores(sets_from_draft(draft_of(okr), team=okr.owner,
                                                learnings=learnings_text(okr, record)), ordered)
            check_sets(sets, f"OKR set {set_id}")
        except KnowledgeInputError as err:
            self.notes.append(f"the scores are saved; the knowledge base did not take the set "
                              f"({err.problems[0]})")
            return
        try:
            self.library().add(sets)
        except Exception as err:  # Chroma, the embedding model, the disk: try again later
            reason = " ".join(str(err).split()) or type(err).__name__
            raise StorageError(f"the scores are saved, but the knowledge base could not take "
                               f"the scored set: {reason}") from err


def _with_scores(sets: list[OKRSet], ordered: list[float | None]) -> list[OKRSet]:
    """The sets with each KR's score in KR order (None: left unscored)."""
    out: list[OKRSet] = []
    n = 0
    for okr_set in sets:
        krs = []
        for kr in okr_set.key_results:
            krs.append(kr.model_copy(update={"score": ordered[n]}))
            n += 1
        out.append(okr_set.model_copy(update={"key_results": krs}))
    return out
