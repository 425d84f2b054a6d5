"""Past OKR sets as examples for the coach: a Chroma store with an offline embedding model.

The graph and the CLI use `open_library(settings)` → `OKRLibrary` and
`format_examples_for_prompt(examples)`; nothing here imports `textual` or `openai`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are loaded on first use, so `import knowledge` (and the quoting or the encoder)
# never pulls in Chroma for a command that does not need it.
_WHERE = {
    "AddResult": "knowledge.library",
    "CallableEmbedding": "knowledge.embedding",
    "ChromaLibrary": "knowledge.chroma_store",
    "ChromaUrlError": "knowledge.factory",
    "EmbedFn": "knowledge.embedding",
    "Example": "knowledge.models",
    "FORMATS": "knowledge.transfer",
    "Format": "knowledge.transfer",
    "KRExample": "knowledge.models",
    "KnowledgeInputError": "knowledge.records",
    "KnowledgeUnavailable": "knowledge.factory",
    "MiniLMEmbedding": "knowledge.embedding",
    "OKRLibrary": "knowledge.library",
    "OKRSet": "knowledge.models",
    "SessionOKR": "knowledge.from_draft",
    "add_from_session": "knowledge.from_draft",
    "check_sets": "knowledge.from_draft",
    "content_id": "knowledge.models",
    "export_sets": "knowledge.transfer",
    "format_examples_for_prompt": "knowledge.quoting",
    "import_file": "knowledge.transfer",
    "load_seed": "knowledge.seed_data",
    "make_client": "knowledge.factory",
    "open_library": "knowledge.factory",
    "parse_sets": "knowledge.transfer",
    "read_sets": "knowledge.transfer",
    "sets_from_draft": "knowledge.from_draft",
}

if TYPE_CHECKING:
    from knowledge.chroma_store import ChromaLibrary
    from knowledge.embedding import CallableEmbedding, EmbedFn, MiniLMEmbedding
    from knowledge.factory import ChromaUrlError, KnowledgeUnavailable, make_client, open_library
    from knowledge.from_draft import SessionOKR, add_from_session, check_sets, sets_from_draft
    from knowledge.library import AddResult, OKRLibrary
    from knowledge.models import Example, KRExample, OKRSet, content_id
    from knowledge.quoting import format_examples_for_prompt
    from knowledge.records import KnowledgeInputError
    from knowledge.seed_data import load_seed
    from knowledge.transfer import FORMATS, Format, export_sets, import_file, parse_sets, read_sets


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "FORMATS",
    "AddResult",
    "CallableEmbedding",
    "ChromaLibrary",
    "ChromaUrlError",
    "EmbedFn",
    "Example",
    "Format",
    "KRExample",
    "KnowledgeInputError",
    "KnowledgeUnavailable",
    "MiniLMEmbedding",
    "OKRLibrary",
    "OKRSet",
    "SessionOKR",
    "add_from_session",
    "check_sets",
    "content_id",
    "export_sets",
    "format_examples_for_prompt",
    "import_file",
    "load_seed",
    "make_client",
    "open_library",
    "parse_sets",
    "read_sets",
    "sets_from_draft",
]
