"""`strip_controls` for text in pieces (a model's stream) and in structures (JSON-like data).

A control sequence can be split across two pieces ("\\x1b[3" then "1mred"): cleaning each
piece on its own would strip the "\\x1b[3" and show "1mred". `StreamCleaner` holds back a
trailing sequence that has not ended yet (and a trailing carriage return, which may be the
first half of "\\r\\n") until the next piece, or until `flush` at the end of the stream.
"""

from __future__ import annotations

import re
from typing import Any

from coach.text_safety import strip_controls

# A sequence that reaches the end of the text without its end: a string (OSC, DCS, SOS, PM,
# APC) without BEL or ST — its last ESC may be the first half of ST —, a CSI without its final
# byte, an ESC (with intermediates) without its final byte; or a lone CR at the very end.
_UNFINISHED_TAIL = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*\x1b?\Z"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*\Z"
    r"|\x1b[ -/]*\Z"
    r"|\r\Z"
)


class StreamCleaner:
    """Feed pieces in order; what comes out, joined, equals `strip_controls` of the whole."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        """The clean text of `piece` that can be shown now (may be empty)."""
        text = self._held + piece
        tail = _UNFINISHED_TAIL.search(text)
        if tail is None:
            self._held = ""
            return strip_controls(text)
        self._held = text[tail.start():]
        return strip_controls(text[: tail.start()])

    def flush(self) -> str:
        """The stream has ended: whatever was held back, cleaned."""
        held, self._held = self._held, ""
        return strip_controls(held)


def clean_strings(value: Any) -> Any:
    """`value` (JSON-like: dicts, lists, strings) with every string `strip_controls`-ed."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_strings(v) for k, v in value.items()}
    return value
