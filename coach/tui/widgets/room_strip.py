"""A mode's steps in a row (prepare: the four gallery rooms), the current one highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from coach.tui.widgets import tcss_beside
from graph.modes import DONE_STEP, Step, mode_spec


class RoomStrip(Horizontal):
    """`1 Ticket Office › 2 Future Gallery › …`; steps behind you are marked visited."""

    DEFAULT_CSS = tcss_beside(__file__)

    def __init__(self, room: str = "ticket_office",
                 steps: tuple[Step, ...] | None = None) -> None:
        super().__init__()
        self.room = room
        self.steps = steps if steps is not None else mode_spec("prepare").steps

    def compose(self) -> ComposeResult:
        for number, step in enumerate(self.steps, start=1):
            if number > 1:
                yield Label("›", classes="sep")
            yield Label(f"{number} {step.title}", id=f"room-{step.id}", classes="room")
        yield Label("✓ Done", id=f"room-{DONE_STEP}", classes="room")

    def on_mount(self) -> None:
        self.show(self.room)

    def show(self, room: str) -> None:
        """Highlight `room` (`done` marks every step visited)."""
        self.room = room
        ids = [step.id for step in self.steps]
        index = ids.index(room) if room in ids else len(ids)
        for number, step in enumerate(self.steps):
            label = self.query_one(f"#room-{step.id}", Label)
            marker = "● " if number == index else ""
            label.update(f"{marker}{number + 1} {step.title}")
            label.set_class(number == index, "-current")
            label.set_class(number < index, "-visited")
        self.query_one(f"#room-{DONE_STEP}", Label).set_class(room == DONE_STEP, "-current")
