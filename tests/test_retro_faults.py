"""The retrospective's outcome survives failures: the scores are stored once through a
failed save and a retry (before or right after the store's commit), and a knowledge base
that fails keeps the saved scores and is retried on its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

import pytest

from coach.events import TurnFailed
from coach.okr_store import OKRStore, RetroScores, open_okr_store
from coach.retro_source import StoreRetros
from coach.runtime import CoachRuntime, build_runtime, library_opener
from coach.settings import Settings
from knowledge.library import OKRLibrary
from tests.test_retro_mode import RETRO, adopt, run_retro


class FlakyStore:
    """The real store; its first `record_scores` fails — before writing, or right after
    (a crash between the store's commit and the graph's checkpoint)."""

    def __init__(self, inner: OKRStore, *, after_saving: bool) -> None:
        self.inner = inner
        self.after_saving = after_saving
        self.calls = 0

    def record_scores(self, set_id: str, scores: Sequence[Any], **kw: Any) -> RetroScores:
        self.calls += 1
        if self.calls == 1 and not self.after_saving:
            raise OSError("disk I/O error")
        saved = self.inner.record_scores(set_id, scores, **kw)
        if self.calls == 1:
            raise OSError("killed right after saving")
        return saved

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def with_retros(runtime: CoachRuntime, retros: StoreRetros) -> CoachRuntime:
    runtime.deps = replace(runtime.deps, retros=retros)
    return runtime


@pytest.mark.parametrize("after_saving", [False, True])
def test_the_scores_are_stored_once_through_a_failed_save_and_retry(
    settings: Settings, after_saving: bool
) -> None:
    okr = adopt(settings.data_dir)
    flaky = FlakyStore(open_okr_store(settings), after_saving=after_saving)
    runtime = with_retros(build_runtime(settings, "offline"), StoreRetros(
        lambda: cast(OKRStore, flaky), library_opener(settings)))
    try:
        session = runtime.new_session("retro", okr_set_id=okr.id)
        events = run_retro(session, RETRO)
        assert isinstance(events[-1], TurnFailed) and "retry" in events[-1].message
        assert session.awaiting_retry and not session.done
        assert len(flaky.inner.list_scores(okr.id)) == (1 if after_saving else 0)

        session.close()  # a new process resumes it, and retries
        again = runtime.open_session(session.id)
        assert not any(isinstance(e, TurnFailed) for e in again.retry())
        assert again.done and not again.awaiting_retry
        (stored_once,) = flaky.inner.list_scores(okr.id)
        assert stored_once.session_id == session.id
        assert [s.score for s in stored_once.scores] == [1.0, 0.6]
        assert list(again.start()) == []  # nothing pending: no third save
        assert len(flaky.inner.list_scores(okr.id)) == 1
    finally:
        flaky.inner.close()
        runtime.close()


def test_a_failing_knowledge_base_keeps_the_scores_and_is_retried(settings: Settings) -> None:
    okr = adopt(settings.data_dir)
    calls: list[int] = []
    real = library_opener(settings)

    def open_library() -> OKRLibrary:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("cannot reach the Chroma server")
        return real()

    runtime = build_runtime(settings, "offline")
    with_retros(runtime, StoreRetros(lambda: runtime.okr_store(), open_library))
    try:
        session = runtime.new_session("retro", okr_set_id=okr.id)
        events = run_retro(session, RETRO)
        failed = events[-1]
        assert isinstance(failed, TurnFailed)
        assert failed.message.startswith("the scores are saved, but the knowledge base could "
                                         "not take the scored set: cannot reach the Chroma")
        assert "\n" not in failed.message and session.awaiting_retry
        assert len(runtime.okr_store().list_scores(okr.id)) == 1  # saved before the KB
        assert not any(isinstance(e, TurnFailed) for e in session.retry())
        assert session.done and len(calls) == 2
        assert len(runtime.okr_store().list_scores(okr.id)) == 1
        found = real().search("weekly calls with customers move NPS", k=1)
        assert found[0].objective == "Delight our customers"
        assert [kr.score for kr in found[0].key_results] == [1.0, 0.6]
    finally:
        runtime.close()
