"""`OKRLibrary` on a Chroma collection: one document per objective with its KRs."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction

from knowledge.library import AddResult
from knowledge.models import Example, OKRSet, facet_key

SeedLoader = Callable[[], builtins.list[OKRSet]]
_SEEDED = "okr_coach_seeded"


def _metadata(okr: OKRSet) -> dict[str, str | int | float | bool]:
    meta: dict[str, str | int | float | bool] = {
        "record": okr.model_dump_json(),
        "function_key": facet_key(okr.function),
        "team_key": facet_key(okr.team),
        "sector_key": facet_key(okr.sector),
        "source": okr.source,
        "scored": okr.scored,
        "kr_count": len(okr.key_results),
    }
    if okr.period:
        meta["period"] = okr.period
    if okr.mean_score is not None:
        meta["mean_score"] = okr.mean_score
    return meta


def _record(meta: Any) -> OKRSet:
    return OKRSet.model_validate_json(str(meta["record"]))


def _same(a: OKRSet, b: OKRSet) -> bool:
    return a.model_dump(exclude={"source"}) == b.model_dump(exclude={"source"})


def _where(function: str | None, team: str | None) -> dict[str, Any] | None:
    conds: builtins.list[dict[str, Any]] = []
    if function:
        conds.append({"function_key": facet_key(function)})
    if team:
        conds.append({"team_key": facet_key(team)})
    if not conds:
        return None
    return conds[0] if len(conds) == 1 else {"$and": conds}


class ChromaLibrary:
    """Chroma-backed library; the collection is opened (and seeded when new) on first use."""

    def __init__(
        self,
        client: ClientAPI,
        embedding: EmbeddingFunction[Documents],
        collection_name: str,
        seed: SeedLoader | None = None,
    ) -> None:
        self.client = client
        self.embedding = embedding
        self.collection_name = collection_name
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
            meta = col.metadata or {}
            if self._seed is not None and not meta.get(_SEEDED) and col.count() == 0:
                self.add(self._seed())
                col.modify(metadata={**meta, _SEEDED: True})
        return self._collection

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
            where=_where(function, team),
            include=["metadatas", "distances"],
        )
        metas = (res["metadatas"] or [[]])[0]
        dists = (res["distances"] or [[]])[0]
        return [
            Example(**_record(m).model_dump(), similarity=round(1.0 - float(d), 4))
            for m, d in zip(metas, dists, strict=True)
        ]

    def add(self, sets: Sequence[OKRSet]) -> AddResult:
        col = self._col()
        unique = {s.id: s for s in sets}
        result = AddResult()
        if not unique:
            return result
        ids = builtins.list(unique)
        found = col.get(ids=ids, include=["metadatas", "embeddings", "documents"])
        before = {i: m for i, m in zip(found["ids"], found["metadatas"] or [], strict=True)}
        writes: builtins.list[OKRSet] = []
        for set_id, okr in unique.items():
            if set_id not in before:
                result.added.append(set_id)
                writes.append(okr)
            elif _same(_record(before[set_id]), okr):
                result.unchanged.append(set_id)
            else:
                result.updated.append(set_id)
                writes.append(okr.model_copy(update={"source": _record(before[set_id]).source}))
        if not writes:
            return result
        vectors = self.embed([s.document() for s in writes])  # fails before any write
        step = max(1, self.client.get_max_batch_size())
        try:
            for i in range(0, len(writes), step):
                chunk = writes[i : i + step]
                col.upsert(
                    ids=[s.id for s in chunk],
                    embeddings=vectors[i : i + step],
                    documents=[s.document() for s in chunk],
                    metadatas=[_metadata(s) for s in chunk],
                )
        except Exception:
            self._rollback(col, result.added, found)
            raise
        return result

    @staticmethod
    def _rollback(col: Collection, added: builtins.list[str], before: Any) -> None:
        """Undo a partly written add: drop new ids, restore the previous versions."""
        if added:
            col.delete(ids=added)
        if before["ids"]:
            col.upsert(
                ids=before["ids"],
                embeddings=before["embeddings"],
                documents=before["documents"],
                metadatas=before["metadatas"],
            )

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
                where=_where(function, team), include=["metadatas"], limit=page, offset=offset
            )
            out.extend(_record(m) for m in got["metadatas"] or [])
            if len(got["ids"]) < page:
                break
            offset += page
        return sorted(
            out, key=lambda s: (facet_key(s.function), facet_key(s.team), s.period or "", s.id)
        )

    def get(self, set_id: str) -> OKRSet | None:
        got = self._col().get(ids=[set_id], include=["metadatas"])
        metas = got["metadatas"] or []
        return _record(metas[0]) if metas else None

    def count(self) -> int:
        return self._col().count()

    def reset(self, seed: bool = True) -> int:
        if self.collection_name in {c.name for c in self.client.list_collections()}:
            self.client.delete_collection(self.collection_name)
        self._collection = col = self._open()
        if seed and self._seed is not None:
            self.add(self._seed())
        col.modify(metadata={_SEEDED: True})
        return col.count()
