"""Adding sets to a Chroma collection in batches, and undoing a partly written add.

`plan_add` compares the sets with what is stored (a few large `get` calls, metadata only);
`write_sets` embeds and upserts batch by batch; `roll_back` deletes the ids that were new and
restores the previous versions of the overwritten ones. Every step of `roll_back` can be
repeated with the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from chromadb.api.models.Collection import Collection

from knowledge.chroma_records import batches, metadata_of, record_of, same_content
from knowledge.import_journal import PendingAdd, PreviousRecords
from knowledge.library import AddResult
from knowledge.models import OKRSet

Embed = Callable[[Sequence[str]], Sequence[Any]]


@dataclass
class AddPlan:
    """What an add will do: the result it reports, the sets to write, what they overwrite."""

    result: AddResult = field(default_factory=AddResult)
    writes: list[OKRSet] = field(default_factory=list)
    previous: PreviousRecords = field(default_factory=PreviousRecords)
    reuse: dict[str, Any] = field(default_factory=dict)
    """Stored vectors of updated sets whose embedded text did not change (e.g. new scores)."""

    def pending(self, collection: str) -> PendingAdd:
        return PendingAdd(collection, list(self.result.added), self.previous)


def plan_add(col: Collection, sets: Sequence[OKRSet], step: int) -> AddPlan:
    unique = {s.id: s for s in sets}
    plan = AddPlan()
    stored: dict[str, Any] = {}
    for chunk in batches(list(unique), step):
        found = col.get(ids=list(chunk), include=["metadatas"])
        stored.update(zip(found["ids"], found["metadatas"] or [], strict=True))
    changed: list[str] = []
    for set_id, okr in unique.items():
        if set_id not in stored:
            plan.result.added.append(set_id)
            plan.writes.append(okr)
            continue
        before = record_of(stored[set_id])
        if same_content(before, okr):
            plan.result.unchanged.append(set_id)
            continue
        plan.result.updated.append(set_id)
        plan.writes.append(okr.model_copy(update={"source": before.source}))
        changed.append(set_id)
    _fetch_previous(col, changed, step, plan)
    return plan


def _fetch_previous(col: Collection, ids: list[str], step: int, plan: AddPlan) -> None:
    new_documents = {s.id: s.document() for s in plan.writes}
    prev = plan.previous
    for chunk in batches(ids, step):
        got = col.get(ids=list(chunk), include=["metadatas", "documents", "embeddings"])
        embeddings = got["embeddings"] if got["embeddings"] is not None else []
        for i, doc, meta, vector in zip(
            got["ids"], got["documents"] or [], got["metadatas"] or [], embeddings, strict=True
        ):
            prev.ids.append(i)
            prev.documents.append(str(doc))
            prev.metadatas.append(dict(meta))
            prev.embeddings.append(np.asarray(vector, dtype=np.float32))
            if doc == new_documents[i]:
                plan.reuse[i] = prev.embeddings[-1]


def _vectors(chunk: Sequence[OKRSet], reuse: dict[str, Any], embed: Embed) -> list[Any]:
    """One vector per set: stored ones reused, each distinct new text embedded once."""
    documents = [s.document() for s in chunk]
    todo = list(dict.fromkeys(d for s, d in zip(chunk, documents, strict=True)
                              if s.id not in reuse))
    fresh = dict(zip(todo, embed(todo), strict=True)) if todo else {}
    return [reuse[s.id] if s.id in reuse else fresh[d]
            for s, d in zip(chunk, documents, strict=True)]


def write_sets(col: Collection, plan: AddPlan, embed: Embed, batch: int) -> None:
    """Embed and upsert `plan.writes`, `batch` sets at a time."""
    for chunk in batches(plan.writes, batch):
        col.upsert(
            ids=[s.id for s in chunk],
            embeddings=_vectors(chunk, plan.reuse, embed),
            documents=[s.document() for s in chunk],
            metadatas=[metadata_of(s) for s in chunk],
        )


def roll_back(col: Collection, pending: PendingAdd, step: int) -> None:
    """Undo a partly written add: the store holds exactly what it held before it."""
    for ids in batches(pending.new_ids, step):
        col.delete(ids=list(ids))
    prev = pending.previous
    for start in range(0, len(prev.ids), max(1, step)):
        end = start + max(1, step)
        col.upsert(
            ids=prev.ids[start:end],
            embeddings=prev.embeddings[start:end],
            documents=prev.documents[start:end],
            metadatas=prev.metadatas[start:end],  # type: ignore[arg-type]
        )
