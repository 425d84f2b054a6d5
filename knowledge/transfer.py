"""Import and export files of OKR sets: YAML, JSON, CSV (one row per KR) and Markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, get_args

from knowledge.fmt_csv import read_csv, write_csv
from knowledge.fmt_markdown import read_markdown, write_markdown
from knowledge.fmt_structured import read_json, read_yaml, write_json, write_yaml
from knowledge.input_limits import size_problem
from knowledge.library import AddResult, OKRLibrary
from knowledge.models import OKRSet
from knowledge.records import KnowledgeInputError, RawRecord, build_sets

Format = Literal["yaml", "json", "csv", "md"]
FORMATS: tuple[str, ...] = get_args(Format)
_SUFFIXES: dict[str, Format] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
}
_READERS: dict[Format, Callable[[str, str], list[RawRecord]]] = {
    "yaml": read_yaml,
    "json": read_json,
    "csv": read_csv,
    "md": read_markdown,
}
_WRITERS: dict[Format, Callable[[Sequence[OKRSet]], str]] = {
    "yaml": write_yaml,
    "json": write_json,
    "csv": write_csv,
    "md": write_markdown,
}


def format_of(path: Path) -> Format:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise KnowledgeInputError(
            [f"{path}: unknown file type {path.suffix!r}; use one of {sorted(_SUFFIXES)}"]
        )
    return fmt


def parse_sets(
    text: str, fmt: Format, file: str = "<input>", *, source: str = "import", validate: bool = True
) -> list[OKRSet]:
    """Read and validate every set in `text`; raises `KnowledgeInputError` naming each problem."""
    return build_sets(_READERS[fmt](text, file), file, source=source, validate=validate)


def read_sets(path: Path, *, source: str = "import", validate: bool = True) -> list[OKRSet]:
    fmt = format_of(path)
    too_large = size_problem(path)
    if too_large is not None:
        raise KnowledgeInputError([too_large])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeInputError([f"{path}: cannot read: {err}"]) from err
    return parse_sets(text, fmt, str(path), source=source, validate=validate)


def import_file(library: OKRLibrary, path: Path) -> AddResult:
    """All or nothing: every record is validated before anything is written, and the library's
    journal undoes a write cut short, even by kill -9 (see `knowledge.import_journal`); ids
    are stable, so importing the same file again reports everything `unchanged`."""
    return library.add(read_sets(path))


def export_sets(sets: Sequence[OKRSet], fmt: Format) -> str:
    return _WRITERS[fmt](sets)
