"""The wiring built once at the entry point: settings → store, model, knowledge → sessions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coach.checkin_source import StoreCheckins
from coach.examples import LibraryExamples
from coach.llm.factory import build_llm
from coach.reframe.classifier import ProblemTalkClassifier
from coach.reframe.noticing import ProblemTalkNoticer
from coach.retro_source import StoreRetros
from coach.session import CoachSession
from coach.session_store import SessionStore
from coach.settings import Backend, Settings
from coach.storage.open_sessions import open_session_store
from graph.context import Deps, ExampleSource
from graph.reading.model import ModelReader
from graph.reading.rules import RulesReader
from graph.rehearse.facilitation_model import FacilitationClassifier

if TYPE_CHECKING:
    from coach.okr_store import OKRStore
    from knowledge.library import OKRLibrary


@dataclass
class CoachRuntime:
    settings: Settings
    store: SessionStore
    deps: Deps
    _opened: list[CoachSession] = field(default_factory=list)
    checkins: StoreCheckins | None = None
    """The OKR store as the check-in's source, opened when a check-in first needs it."""

    def okr_store(self) -> OKRStore:
        """The OKR store (opened now if no check-in has opened it yet)."""
        if self.checkins is None:
            raise RuntimeError("this runtime has no OKR store")
        return self.checkins.store

    def new_session(self, mode: str = "prepare", okr_set_id: str | None = None,
                    on_date: str | None = None, carry_over: str | None = None) -> CoachSession:
        """A new session in `mode` (a `ModeError` when it cannot run), linked to the OKR set
        `okr_set_id` when given; `on_date` (ISO) backdates a check-in; `carry_over` opens a
        prepare session with the last retrospective's learnings."""
        return self._keep(CoachSession.create(self.store, self.deps, mode, okr_set_id, on_date,
                                              carry_over))

    def open_session(self, session_id: str, *, writer: bool = True) -> CoachSession:
        """A saved session; a writer holds its one-writer lock until it or the runtime closes."""
        return self._keep(CoachSession.open(self.store, self.deps, session_id, writer=writer))

    def _keep(self, session: CoachSession) -> CoachSession:
        self._opened.append(session)
        return session

    def close(self) -> None:
        for session in self._opened:
            session.close()
        self._opened.clear()
        if self.checkins is not None:
            self.checkins.close()
        self.store.close()


def library_opener(settings: Settings) -> Callable[[], OKRLibrary]:
    """Opens the knowledge base of these settings (when called: Chroma loads on use)."""

    def open_it() -> OKRLibrary:
        from knowledge.factory import open_library

        return open_library(settings)

    return open_it


def library_examples(settings: Settings) -> ExampleSource:
    """The knowledge base as the coach's example source, opened on first use."""
    return LibraryExamples(library_opener(settings))


def open_okr_store(settings: Settings) -> OKRStore:
    from coach.okr_store import open_okr_store as open_store  # the store loads when needed

    return open_store(settings)


def build_runtime(
    settings: Settings,
    backend: Backend | None = None,
    examples: ExampleSource | None = None,
    *,
    knowledge: bool = False,
) -> CoachRuntime:
    """`knowledge=True` offers past OKRs from the knowledge base as examples."""
    settings.ensure_data_dir()
    if examples is None and knowledge:
        examples = library_examples(settings)
    llm = build_llm(settings, backend)
    notice = ProblemTalkNoticer(ProblemTalkClassifier())
    rules = RulesReader(notice)
    reader = ModelReader(llm, rules) if llm.backend == "openai" else rules
    checkins = StoreCheckins(lambda: open_okr_store(settings))
    retros = StoreRetros(lambda: checkins.store, library_opener(settings))
    deps = Deps(llm=llm, examples=examples, context_tokens=settings.context_tokens,
                count_tokens=getattr(llm, "counter", None), notice=notice, reader=reader,
                checkins=checkins, retros=retros,
                facilitation=FacilitationClassifier().labels)  # MiniLM loads on first use
    store = open_session_store(settings)
    return CoachRuntime(settings=settings, store=store, deps=deps, checkins=checkins)
