"""Limits on what an import reads: file size and nesting depth (checked before parsing)."""

from __future__ import annotations

import re
from pathlib import Path

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted in YAML and JSON (the format needs 4)."""
MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""Largest file read by an import (100,000 sets in YAML are about 45 MB)."""

# A JSON string (skipped whole, so brackets inside it do not count) or one bracket.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def size_problem(path: Path) -> str | None:
    """Why `path` is too large to import, or None."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reading it reports the problem
    if size <= MAX_IMPORT_BYTES:
        return None
    return (
        f"{path}: too large to import ({size / 1e6:.1f} MB; the limit is "
        f"{MAX_IMPORT_BYTES / 1e6:.0f} MB): split it into several files"
    )


def json_too_deep(text: str) -> int | None:
    """The line where `text` first nests deeper than `MAX_DEPTH`, or None.

    One regex scan that stops at the first bracket too deep: a 100,000-deep `[[[…` costs as
    much as its first 33 brackets. Unbalanced or broken text is left to `json.loads`.
    """
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None
