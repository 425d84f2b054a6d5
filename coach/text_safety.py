"""Text from outside (a person, a model, an imported file) made safe to show and to store.

Terminal control sequences (ANSI CSI, OSC such as hyperlinks or window titles, DCS/APC/PM
strings, single ESC commands) and other C0/C1 control characters are removed; newlines and
tabs stay. Markup is a separate matter: widgets render such text with markup switched off.
"""

from __future__ import annotations

import re

# OSC/DCS/SOS/PM/APC strings run to BEL or ST (ESC \); CSI sequences end in a final byte;
# any other ESC takes the one character after it. Their 8-bit forms (0x9b, 0x9d, …) too.
_SEQUENCES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """`text` without terminal control sequences or control characters (keeps \\n and \\t).

    A carriage return becomes a newline so that "\\r\\n" and a lone "\\r" both read as one
    line break instead of letting text overwrite itself on screen.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def has_controls(text: str) -> bool:
    return strip_controls(text) != text.replace("\r\n", "\n").replace("\r", "\n")
