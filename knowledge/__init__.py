"""Past OKR sets as examples for the coach: a Chroma store with an offline embedding model.

The graph and the CLI use `open_library(settings)` → `OKRLibrary` and
`format_examples_for_prompt(examples)`; nothing here imports `textual` or `openai`.
"""

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
