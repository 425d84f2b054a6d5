"""The four gallery rooms in a row, the current one highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from coach.tui.widgets import tcss_beside

ROOM_ORDER = ("ticket_office", "future_gallery", "instances_gallery", "gift_shop")
ROOM_NAMES = {
    "ticket_office": "Ticket Office",
    "future_gallery": "Future Gallery",
    "instances_gallery": "Instances Gallery",
    "gift_shop": "Gift Shop",
}


class RoomStrip(Horizontal):
    """`1 Ticket Office › 2 Future Gallery › …`; rooms behind you are marked visited."""

    DEFAULT_CSS = tcss_beside(__file__)

    def __init__(self, room: str = "ticket_office") -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        for number, room in enumerate(ROOM_ORDER, start=1):
            if number > 1:
                yield Label("›", classes="sep")
            yield Label(f"{number} {ROOM_NAMES[room]}", id=f"room-{room}", classes="room")
        yield Label("✓ Done", id="room-done", classes="room")

    def on_mount(self) -> None:
        self.show(self.room)

    def show(self, room: str) -> None:
        """Highlight `room` (`done` marks every room visited)."""
        self.room = room
        index = ROOM_ORDER.index(room) if room in ROOM_ORDER else len(ROOM_ORDER)
        for number, name in enumerate(ROOM_ORDER):
            label = self.query_one(f"#room-{name}", Label)
            marker = "● " if number == index else ""
            label.update(f"{marker}{number + 1} {ROOM_NAMES[name]}")
            label.set_class(number == index, "-current")
            label.set_class(number < index, "-visited")
        self.query_one("#room-done", Label).set_class(room == "done", "-current")
