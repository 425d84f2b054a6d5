"""End-of-period scores in the OKR store, on both backends: a real SQLite file and a real
PostgreSQL server (the `opener` fixture of tests/test_okr_store.py)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coach.okr_store import InvalidInput, KRScoreValue, OKRStore, RetroScores
from coach.okr_store.schema import MIGRATIONS
from tests.test_okr_store import DRAFT, END, START, Opener, opener, store

__all__ = ["opener", "store"]  # the fixtures, shared with the store's own tests


def scored(store: OKRStore) -> tuple[str, list[str]]:
    okr = store.create_set(DRAFT, start=START, end=END, kinds={3: "committed"})
    return okr.id, [kr.id for kr in okr.key_results()]


def three(ids: list[str]) -> list[KRScoreValue]:
    return [
        KRScoreValue(kr_id=ids[0], score=0.7, suggested=0.7, flag="good",
                     learning="weekly numbers kept us honest"),
        KRScoreValue(kr_id=ids[1], score=0.4, band="yellow", suggested=0.5, adjusted=True,
                     reflection="the supplier was late"),
        KRScoreValue(kr_id=ids[2]),  # left unscored
    ]


def test_scores_are_stored_exactly_and_read_back(store: OKRStore) -> None:
    set_id, ids = scored(store)
    assert store.list_scores(set_id) == []
    saved = store.record_scores(set_id, three(ids), session_id="retro-1",
                                learnings=["smaller KRs"], strengths=["patience", "focus"],
                                proud=["the new rota"], next_period=True)
    assert isinstance(saved, RetroScores) and saved.session_id == "retro-1"
    (listed,) = store.list_scores(set_id)
    assert listed == saved
    assert [(s.kr_id, s.score, s.band, s.suggested, s.adjusted, s.flag, s.learning)
            for s in listed.scores] == [
        (ids[0], 0.7, "green", 0.7, False, "good", "weekly numbers kept us honest"),
        (ids[1], 0.4, "yellow", 0.5, True, None, None),
        (ids[2], None, None, None, False, None, None),
    ]
    assert (listed.learnings, listed.strengths) == (["smaller KRs"], ["patience", "focus"])
    assert listed.proud == ["the new rota"] and listed.next_period is True
    assert listed.scores[1].reflection == "the supplier was late"
    assert listed.scored_at.tzinfo is not None
    score = listed.score_of(ids[0])
    assert score is not None and score.score == 0.7
    assert store.schema_version() == MIGRATIONS[-1].version


def test_the_same_session_is_stored_once(opener: Opener) -> None:
    store = opener()
    set_id, ids = scored(store)
    first = store.record_scores(set_id, three(ids), session_id="retro-1")
    again = store.record_scores(set_id, [KRScoreValue(kr_id=ids[0], score=0.1)],
                                session_id="retro-1", learnings=["other"])
    assert again == first  # nothing new: what the first call stored
    reopened = opener()
    (only,) = reopened.list_scores(set_id)
    assert only.score_of(ids[0]) == first.score_of(ids[0]) and only.learnings == []
    assert only.next_period is None
    later = reopened.record_scores(set_id, [KRScoreValue(kr_id=ids[0], score=0.8)],
                                   session_id="retro-2")
    assert [r.session_id for r in reopened.list_scores(set_id)] == ["retro-1", "retro-2"]
    assert later.scores == [KRScoreValue(kr_id=ids[0], score=0.8, band="green")]


def test_all_or_nothing(store: OKRStore) -> None:
    set_id, ids = scored(store)
    second = store.create_set(DRAFT, start=START, end=END)
    other = second.key_results()[0].id
    with pytest.raises(InvalidInput, match="not in OKR set"):
        store.record_scores(set_id, [*three(ids), KRScoreValue(kr_id=other, score=0.5)],
                            session_id="retro-1")
    with pytest.raises(InvalidInput, match="scored twice"):
        store.record_scores(set_id, [*three(ids), KRScoreValue(kr_id=ids[0], score=0.5)],
                            session_id="retro-1")
    with pytest.raises(InvalidInput, match="no session id"):
        store.record_scores(set_id, three(ids), session_id=" ")
    assert store.list_scores(set_id) == []  # nothing half-written
    store.record_scores(set_id, three(ids), session_id="retro-1")
    with pytest.raises(InvalidInput, match="scored another OKR set"):
        store.record_scores(second.id, [], session_id="retro-1")
    store.archive_set(set_id)
    with pytest.raises(InvalidInput, match="archived"):
        store.record_scores(set_id, three(ids), session_id="retro-3")
    assert [r.session_id for r in store.list_scores(set_id)] == ["retro-1"]


def test_scores_are_checked_before_anything_is_written() -> None:
    with pytest.raises(ValidationError):
        KRScoreValue(kr_id="k", score=1.5)
    with pytest.raises(ValidationError, match="not red"):
        KRScoreValue(kr_id="k", score=0.8, band="red")
    with pytest.raises(ValidationError, match="unscored"):
        KRScoreValue(kr_id="k", band="red")
