"""Reading user input files and streams safely: UTF-8, bounded line length, clear reasons."""

from __future__ import annotations

import sys
from pathlib import Path

MAX_LINE_BYTES = 20_000


class InputError(ValueError):
    """Input we refuse, with a one-line reason."""


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{where} is not UTF-8 text (byte {err.start})") from None


def _check_lengths(lines: list[str], where: str) -> None:
    for number, line in enumerate(lines, start=1):
        if len(line.encode("utf-8")) > MAX_LINE_BYTES:
            raise InputError(f"{where} line {number} is too long "
                             f"({len(line.encode('utf-8')):,} bytes; limit {MAX_LINE_BYTES:,})")


def read_script(path: Path) -> list[str]:
    """The user messages of a script file (`-`: standard input): one per line, blank
    lines skipped."""
    if str(path) == "-":
        where, data = "standard input", sys.stdin.buffer.read()
    elif not path.exists():
        raise InputError(f"script file not found: {path}")
    elif not path.is_file():
        raise InputError(f"not a file: {path}")
    else:
        where, data = str(path), path.read_bytes()
    lines = _decode(data, where).splitlines()
    _check_lengths(lines, where)
    messages = [line.strip() for line in lines if line.strip()]
    if not messages:
        raise InputError(f"script has no messages: {where}")
    return messages


def read_stdin_lines() -> list[str]:
    """Non-blank stdin lines (for the --jsonl commands)."""
    lines = _decode(sys.stdin.buffer.read(), "standard input").splitlines()
    _check_lengths(lines, "standard input")
    return [line.rstrip("\r") for line in lines if line.strip()]
