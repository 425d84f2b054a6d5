"""The journal that makes an add all or nothing, even when the process is killed (kill -9).

Before the first write, an add records what it is about to change: the ids that are new
(they were not in the store) and the previous version of every set it will overwrite. The
journal file is replaced atomically (temp file, fsync, `os.replace`, fsync of the folder), so it
is either absent or complete. When the add has written everything, the journal is deleted.

A journal found when the store is opened means an add was interrupted: rolling back deletes the
new ids and puts the previous versions back, then deletes the journal. Each step can be
repeated, so a kill during the rollback is undone by the next rollback.

An exclusive `flock` on a lock file beside the journal is held for the whole add and the whole
rollback; the kernel drops it when the process dies. A journal whose lock is still held belongs
to an add that is running (in another process), not to an interrupted one, and is left alone.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock, the journal still works
    fcntl = None  # type: ignore[assignment]

JOURNAL_VERSION = 1


class JournalError(RuntimeError):
    """A journal file exists but cannot be read (never written by this code)."""


@dataclass
class PreviousRecords:
    """The stored form of the sets an add overwrites, exactly as Chroma returned them."""

    ids: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    metadatas: list[dict[str, Any]] = field(default_factory=list)
    embeddings: list[Any] = field(default_factory=list)
    """float32 vectors."""


@dataclass
class PendingAdd:
    """What an interrupted add may have written: `new_ids` to delete, `previous` to restore."""

    collection: str
    new_ids: list[str]
    previous: PreviousRecords


def _vector_text(vector: Any) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def _vector(text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)


def _encode(pending: PendingAdd) -> bytes:
    prev = pending.previous
    doc = {
        "version": JOURNAL_VERSION,
        "collection": pending.collection,
        "new_ids": pending.new_ids,
        "previous": [
            {"id": i, "document": d, "metadata": m, "embedding": _vector_text(e)}
            for i, d, m, e in zip(prev.ids, prev.documents, prev.metadatas, prev.embeddings,
                                  strict=True)
        ],
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _decode(raw: bytes, path: Path) -> PendingAdd:
    try:
        doc = json.loads(raw)
        if doc["version"] != JOURNAL_VERSION:
            raise ValueError(f"version {doc['version']!r}")
        prev = PreviousRecords()
        for rec in doc["previous"]:
            prev.ids.append(str(rec["id"]))
            prev.documents.append(str(rec["document"]))
            prev.metadatas.append(dict(rec["metadata"]))
            prev.embeddings.append(_vector(str(rec["embedding"])))
        return PendingAdd(str(doc["collection"]), [str(i) for i in doc["new_ids"]], prev)
    except (ValueError, KeyError, TypeError) as err:
        raise JournalError(f"import journal {path} cannot be read: {err}") from err


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ImportJournal:
    """The journal of one collection: `<folder>/<name>.json`, locked through `<name>.lock`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_suffix(".lock")

    def exists(self) -> bool:
        return self.path.is_file()

    def write(self, pending: PendingAdd) -> None:
        """Atomically: after a crash the journal is either the old state (absent) or complete."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as out:
            out.write(_encode(pending))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)

    def read(self) -> PendingAdd | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return _decode(raw, self.path)

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
            _fsync_dir(self.path.parent)
        for stale in self.path.parent.glob(f"{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()  # a temp file left by a kill during `write`

    @contextlib.contextmanager
    def locked(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the lock; yields False (without it) when `wait` is false and it is held."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                except BlockingIOError:
                    yield False
                    return
            yield True
        finally:
            os.close(fd)  # closing drops the lock
