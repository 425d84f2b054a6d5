"""The conversation: Markdown messages; the coach's reply streams into the last one.

Every text is shown as it was written: control sequences are stripped (`strip_controls`,
and a `StreamCleaner` for the streamed reply), Markdown never runs markup or actions, and a
link in a reply is not opened. A reply that failed midway keeps what had arrived, marked
interrupted, until the next try replaces it.
"""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from coach.clean_text import StreamCleaner
from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside

_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
INTERRUPTED = "— interrupted, type retry"


def hard_breaks(text: str) -> str:
    """Keep the writer's line breaks (Markdown would join single newlines into one line)."""
    return _SINGLE_NEWLINE.sub("  \n", text)


class ChatMessage(Markdown):
    """One turn; `role` is `coach` or `user` (a CSS class)."""

    def __init__(self, text: str, role: str) -> None:
        text = strip_controls(text)
        super().__init__(hard_breaks(text), classes=f"message -{role}", open_links=False)
        self.role = role
        self.text = text


class Conversation(VerticalScroll):
    """Messages top to bottom; the view follows the newest one."""

    DEFAULT_CSS = tcss_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._streaming: ChatMessage | None = None
        self._stream_text = ""
        self._cleaner = StreamCleaner()

    def on_mount(self) -> None:
        self.anchor()  # follow new messages until the user scrolls up

    def _follow(self) -> None:
        """Back to the newest message, once the layout has caught up."""
        self.anchor()
        self.call_after_refresh(self.scroll_end, animate=False)

    @property
    def streaming(self) -> bool:
        return self._streaming is not None

    def last_coach_text(self) -> str | None:
        for message in reversed(list(self.query(ChatMessage))):
            if message.role == "coach" and message is not self._streaming \
                    and not message.has_class("-interrupted"):
                return message.text
        return None

    async def load(self, turns: list[dict[str, str]]) -> None:
        """Show a saved conversation (resume)."""
        await self.remove_children()
        await self.mount_all([ChatMessage(t["text"], t["role"]) for t in turns])
        self._follow()

    async def add(self, text: str, role: str) -> ChatMessage:
        message = ChatMessage(text, role)
        await self.mount(message)
        self._follow()
        return message

    async def remove_last_user(self, text: str) -> None:
        """Take back an optimistic user message the session refused."""
        for message in reversed(list(self.query(ChatMessage))):
            if message.role == "user":
                if message.text == text:
                    await message.remove()
                return

    async def begin_reply(self) -> None:
        """A placeholder for the reply that is about to stream (it replaces an interrupted
        one)."""
        await self.end_reply(None)
        for old in self.query(".-interrupted, .interrupted-note"):
            await old.remove()
        self._stream_text = ""
        self._cleaner = StreamCleaner()
        self._streaming = await self.add("", "coach")
        self._streaming.add_class("-streaming")
        await self.mount(Label("the coach is thinking…", id="thinking"))
        self._follow()

    async def stream(self, text: str) -> None:
        """Append a batch of tokens (Markdown.append re-renders only the last block)."""
        if self._streaming is None:
            return
        text = self._cleaner.feed(text)
        if not text:
            return
        self._stream_text += text
        self._streaming.text = self._stream_text
        await self._streaming.append(hard_breaks(text))

    async def interrupt(self) -> None:
        """The reply failed midway: what arrived stays, marked; a note says what to do."""
        for label in self.query("#thinking"):
            await label.remove()
        message, self._streaming = self._streaming, None
        if message is not None and self._stream_text.strip():
            message.remove_class("-streaming")
            message.add_class("-interrupted")
        elif message is not None:
            await message.remove()
        await self.mount(Label(INTERRUPTED, classes="interrupted-note", markup=False))
        self._follow()

    async def end_reply(self, final: str | None) -> None:
        """The reply is complete (`final`), or dropped (`None`: cancelled or failed)."""
        for label in self.query("#thinking"):
            await label.remove()
        message, self._streaming = self._streaming, None
        if message is None:
            if final:
                await self.add(final, "coach")
            return
        if final is None:
            await message.remove()
            return
        message.remove_class("-streaming")
        final = strip_controls(final)
        if final != self._stream_text:
            message.text = final
            await message.update(hard_breaks(final))
        self._follow()
