"""The top line: where you are, and which backend and model answer (always visible).

Both are plain text (a session title is the person's words, a model name theirs too)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside


def backend_label(backend: str, model: str) -> str:
    """`offline coach` without a model, else `openai · <model>`."""
    if backend == "offline":
        return "offline coach"
    return f"{backend} · {model}"


class StatusBar(Horizontal):
    """`okr-coach · <where>` on the left, the backend and model on the right."""

    DEFAULT_CSS = tcss_beside(__file__)

    def __init__(self, where: str = "", backend: str = "starting…") -> None:
        super().__init__()
        self._where = strip_controls(where)
        self._backend = strip_controls(backend)

    def compose(self) -> ComposeResult:
        yield Label(f"okr-coach · {self._where}" if self._where else "okr-coach",
                    id="where", markup=False)
        yield Label(self._backend, id="backend", markup=False)

    def set_where(self, where: str) -> None:
        self._where = strip_controls(where)
        if self.is_mounted:
            self.query_one("#where", Label).update(f"okr-coach · {self._where}")

    def set_backend(self, backend: str, model: str) -> None:
        self._backend = strip_controls(backend_label(backend, model))
        if self.is_mounted:
            self.query_one("#backend", Label).update(self._backend)
