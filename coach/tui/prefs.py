"""Small preferences remembered between runs (a JSON file in the data dir)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

PREFS_FILE = "tui.json"


@dataclass
class Prefs:
    """What the app remembers: the theme and whether the draft panel is shown."""

    theme: str = "textual-dark"
    side_panel: bool = True

    @classmethod
    def load(cls, path: Path) -> Prefs:
        """Read the file; a missing or broken file gives the defaults."""
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        prefs = cls()
        if isinstance(values.get("theme"), str):
            prefs.theme = values["theme"]
        if isinstance(values.get("side_panel"), bool):
            prefs.side_panel = values["side_panel"]
        return prefs

    def save(self, path: Path) -> None:
        """Write the file; failures are ignored (preferences are a comfort, not data)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        except OSError:
            pass
