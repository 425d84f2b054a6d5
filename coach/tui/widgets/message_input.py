"""The multi-line message box: Enter sends; Ctrl+J or Alt+Enter adds a line; Up recalls."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from coach.tui.widgets import tcss_beside

NEWLINE_KEYS = frozenset({"ctrl+j", "newline", "alt+enter", "shift+enter", "ctrl+enter"})


class MessageInput(TextArea):
    """A TextArea whose Enter submits the text instead of breaking the line."""

    DEFAULT_CSS = tcss_beside(__file__)

    class Submitted(Message):
        """The user pressed Enter on a message."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                         placeholder=placeholder)
        self.last_sent: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.text.strip():
                self.post_message(self.Submitted(self.text))
            return
        if event.key in NEWLINE_KEYS or "newline" in event.aliases:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)
            return
        await super()._on_key(event)

    def action_cursor_up(self, select: bool = False) -> None:
        """Up on an empty box recalls the last message sent; otherwise it moves the cursor."""
        if not select and not self.text and self.last_sent:
            self.restore(self.last_sent)
            return
        super().action_cursor_up(select)

    def restore(self, text: str) -> None:
        """Put `text` back in the box with the cursor at its end."""
        self.text = text
        self.move_cursor(self.document.end)
