"""Widgets of the terminal app, each with its TCSS in a file beside it."""

from __future__ import annotations

from pathlib import Path


def tcss_beside(module_file: str) -> str:
    """The TCSS file next to a widget module (`x.py` → `x.tcss`), for `DEFAULT_CSS`."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
