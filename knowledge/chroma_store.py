"""`OKRLibrary` on a Chroma collection: one document per objective with its KRs."""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction

from knowledge.chroma_records import metadata_of, record_of, where_filter
from knowledge.chroma_writes import plan_add, roll_back, write_sets
from knowledge.import_journal import ImportJournal
from knowledge.library import AddResult
from knowledge.models import Example, OKRSet, facet_key

SeedLoader = Callable[[], builtins.list[OKRSet]]
_SEEDED = "okr_coach_seeded"
WRITE_BATCH = 500
"""Sets embedded and written per Chroma call in an add."""
_metadata = metadata_of  # the name benchmarks/bench_knowledge.py uses


@dataclass(frozen=True)
class RolledBack:
    """An interrupted add that was undone when the store was opened."""

    removed: int
    restored: int

    def note(self) -> str:
        restored = f", {self.restored} restored" if self.restored else ""
        return (
            f"note: an interrupted import was rolled back ({self.removed} new sets removed"
            f"{restored}); the knowledge base is as it was before it"
        )


class ChromaLibrary:
    """Chroma-backed library; the collection is opened (and seeded when new) on first use.

    With a `journal`, every add is all or nothing even under kill -9: an add interrupted in
    any process is rolled back the next time the collection is opened (`rolled_back` then
    says what was undone).
    """

    def __init__(
        self,
        client: ClientAPI,
        embedding: EmbeddingFunction[Documents],
        collection_name: str,
        seed: SeedLoader | None = None,
        *,
        journal: ImportJournal | None = None,
        write_batch: int = WRITE_BATCH,
    ) -> None:
        self.client = client
        self.embedding = embedding
        self.collection_name = collection_name
        self.journal = journal
        self.write_batch = max(1, write_batch)
        self.rolled_back: RolledBack | None = None
        self._seed = seed
        self._collection: Collection | None = None

    # -- plumbing -----------------------------------------------------------------------

    def _open(self) -> Collection:
        return self.client.get_or_create_collection(
            self.collection_name,
            embedding_function=self.embedding,  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}},
        )

    def _col(self) -> Collection:
        if self._collection is None:
            col = self._open()
            self._collection = col
            self._recover(col)
            meta = col.metadata or {}
            if self._seed is not None and not meta.get(_SEEDED) and col.count() == 0:
                self.add(self._seed())
                col.modify(metadata={**meta, _SEEDED: True})
        return self._collection

    def _step(self) -> int:
        return max(1, self.client.get_max_batch_size())

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        if self.journal is None:
            yield
            return
        with self.journal.locked():
            yield

    def _recover(self, col: Collection) -> None:
        """Undo an add that was interrupted (its journal is there and nobody holds its lock)."""
        journal = self.journal
        if journal is None or not journal.exists():
            return
        with journal.locked(wait=False) as held:
            pending = journal.read() if held else None
            if pending is None:
                return  # no journal any more, or an add is running in another process
            roll_back(col, pending, self._step())
            journal.remove()
            self.rolled_back = RolledBack(len(pending.new_ids), len(pending.previous.ids))

    def recover(self) -> RolledBack | None:
        """Roll back an interrupted add now (opening the store does it anyway), without
        seeding a new store; what was undone, if anything."""
        if self._collection is None:
            self._recover(self._open())
        return self.rolled_back

    def embed(self, texts: Sequence[str]) -> builtins.list[Any]:
        return builtins.list(self.embedding(builtins.list(texts)))

    # -- OKRLibrary ------------------------------------------------------------------------

    def search(
        self, query: str, k: int = 3, function: str | None = None, team: str | None = None
    ) -> builtins.list[Example]:
        col = self._col()
        total = col.count()
        if k <= 0 or total == 0 or not query.strip():
            return []
        res = col.query(
            query_embeddings=self.embed([query]),
            n_results=min(k, total),
            where=where_filter(function, team),
            include=["metadatas", "distances"],
        )
        metas = (res["metadatas"] or [[]])[0]
        dists = (res["distances"] or [[]])[0]
        return [
            Example(**record_of(m).model_dump(), similarity=round(1.0 - float(d), 4))
            for m, d in zip(metas, dists, strict=True)
        ]

    def add(self, sets: Sequence[OKRSet]) -> AddResult:
        """All or nothing: the journal lists what is new and what is overwritten before the
        first write; any failure (or a kill, at the next open) undoes the written batches."""
        col = self._col()
        if not sets:
            return AddResult()
        with self._exclusive():
            plan = plan_add(col, sets, self._step())
            if not plan.writes:
                return plan.result
            pending = plan.pending(self.collection_name)
            if self.journal is not None:
                self.journal.write(pending)
            try:
                write_sets(col, plan, self.embed, min(self.write_batch, self._step()))
            except BaseException:
                roll_back(col, pending, self._step())
                if self.journal is not None:
                    self.journal.remove()
                raise
            if self.journal is not None:
                self.journal.remove()
            return plan.result

    def remove(self, set_id: str) -> bool:
        col = self._col()
        if not col.get(ids=[set_id], include=[])["ids"]:
            return False
        col.delete(ids=[set_id])
        return True

    def list(self, function: str | None = None, team: str | None = None) -> builtins.list[OKRSet]:
        col = self._col()
        out: builtins.list[OKRSet] = []
        page = 1000
        offset = 0
        while True:
            got = col.get(
                where=where_filter(function, team), include=["metadatas"], limit=page,
                offset=offset,
            )
            out.extend(record_of(m) for m in got["metadatas"] or [])
            if len(got["ids"]) < page:
                break
            offset += page
        return sorted(
            out, key=lambda s: (facet_key(s.function), facet_key(s.team), s.period or "", s.id)
        )

    def get(self, set_id: str) -> OKRSet | None:
        got = self._col().get(ids=[set_id], include=["metadatas"])
        metas = got["metadatas"] or []
        return record_of(metas[0]) if metas else None

    def count(self) -> int:
        return self._col().count()

    def reset(self, seed: bool = True) -> int:
        with self._exclusive():
            if self.journal is not None:
                self.journal.remove()  # it names ids of the collection deleted here
            if self.collection_name in {c.name for c in self.client.list_collections()}:
                self.client.delete_collection(self.collection_name)
            self._collection = col = self._open()
        if seed and self._seed is not None:
            self.add(self._seed())
        col.modify(metadata={_SEEDED: True})
        return col.count()
