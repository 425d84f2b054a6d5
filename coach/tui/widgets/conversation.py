"""The conversation: Markdown messages; the coach's reply streams into the last one.

In a rehearsal a reply has parts: the coach's words, then lines of the simulated team (one
`PersonaMessage` each, labelled by name in the persona's colour), then maybe the coach
again; each part is its own message, in the order it arrived.

Every text is shown as it was written: control sequences are stripped (`strip_controls`,
and a `StreamCleaner` for the streamed reply), Markdown never runs markup or actions, and a
link in a reply is not opened. A reply that failed midway keeps what had arrived, marked
interrupted, until the next try replaces it.
"""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Markdown

from coach.clean_text import StreamCleaner
from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside
from coach.tui.widgets.personas import PersonaColours, palette_rules

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


async def settle(message: ChatMessage) -> None:
    """Lay a streamed message out once more from its whole text: blocks grown token by
    token can keep the height of an earlier, shorter version under load (a reply then showed
    only its first line, a turn later)."""
    await message.update(hard_breaks(message.text))


class PersonaMessage(ChatMessage):
    """One line of a simulated team member; the name is the border title (plain `Content`:
    never read as markup), the colour a `-persona-N` class."""

    def __init__(self, text: str, persona: str, colour_class: str) -> None:
        super().__init__(text, "persona")
        self.persona = strip_controls(persona)
        self.add_class(colour_class)
        self.border_title = Content(self.persona)


_PERSONA_CSS = palette_rules(
    "Conversation .message.-persona.-persona-{i} {{ border-left: outer {colour}; "
    "border-top: blank {colour}; border-title-color: {colour}; }}"
) + "\nConversation .message.-persona.-interrupted { border-left: outer $error; }"


class Conversation(VerticalScroll):
    """Messages top to bottom; the view follows the newest one."""

    DEFAULT_CSS = tcss_beside(__file__) + "\n" + _PERSONA_CSS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._in_run = False
        self._streaming: ChatMessage | None = None
        """The coach's part of the reply that tokens go into now (None between parts)."""
        self._parts: list[ChatMessage] = []
        """The reply's finished parts so far (team lines, coach words before them)."""
        self._stream_text = ""
        self._cleaner = StreamCleaner()
        self.colours = PersonaColours()

    def on_mount(self) -> None:
        self.anchor()  # follow new messages until the user scrolls up

    def _follow(self) -> None:
        """Back to the newest message, once the layout has caught up."""
        self.anchor()
        self.call_after_refresh(self.scroll_end, animate=False)

    @property
    def streaming(self) -> bool:
        return self._in_run

    def last_coach_text(self) -> str | None:
        for message in reversed(list(self.query(ChatMessage))):
            if message.role == "coach" and message is not self._streaming \
                    and not message.has_class("-interrupted"):
                return message.text
        return None

    def message_for(self, turn: dict[str, str]) -> ChatMessage:
        """The message that shows one saved turn."""
        if turn["role"] == "persona":
            name = turn.get("persona") or "Team"
            return PersonaMessage(turn["text"], name, self.colours.css_class(name))
        return ChatMessage(turn["text"], turn["role"])

    async def load(self, turns: list[dict[str, str]]) -> None:
        """Show a saved conversation (resume)."""
        await self.remove_children()
        await self.mount_all([self.message_for(t) for t in turns])
        self._follow()

    async def _mount_in_reply(self, message: ChatMessage) -> None:
        """Mount a part of the reply above the "thinking" line."""
        thinking = self.query("#thinking")
        if thinking:
            await self.mount(message, before=thinking.first())
        else:
            await self.mount(message)
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
        self._in_run = True
        self._parts = []
        await self._new_part()
        await self.mount(Label("the coach is thinking…", id="thinking"))
        self._follow()

    async def _new_part(self) -> ChatMessage:
        self._stream_text = ""
        self._cleaner = StreamCleaner()
        self._streaming = ChatMessage("", "coach")
        self._streaming.add_class("-streaming")
        await self._mount_in_reply(self._streaming)
        return self._streaming

    async def stream(self, text: str) -> None:
        """Append a batch of tokens (Markdown.append re-renders only the last block)."""
        if not self._in_run:
            return
        text = self._cleaner.feed(text)
        if not text:
            return
        message = self._streaming or await self._new_part()
        self._stream_text += text
        message.text = self._stream_text
        await message.append(hard_breaks(text))

    async def persona(self, name: str, text: str) -> PersonaMessage | None:
        """A team member's line arrived: the coach's words so far are one part, the line is
        the next; tokens after it start a new part."""
        if not self._in_run:
            return None
        message, self._streaming = self._streaming, None
        if message is not None and self._stream_text.strip():
            message.remove_class("-streaming")
            await settle(message)
            self._parts.append(message)
        elif message is not None:
            await message.remove()
        line = PersonaMessage(text, name, self.colours.css_class(name))
        await self._mount_in_reply(line)
        self._parts.append(line)
        return line

    async def interrupt(self) -> None:
        """The reply failed midway: what arrived stays, marked; a note says what to do."""
        for label in self.query("#thinking"):
            await label.remove()
        message, self._streaming = self._streaming, None
        self._in_run = False
        if message is not None and self._stream_text.strip():
            message.remove_class("-streaming")
            message.add_class("-interrupted")
            await settle(message)
        elif message is not None:
            await message.remove()
        for part in self._parts:  # the team's lines so far go with the rest of the reply
            part.add_class("-interrupted")
        self._parts = []
        await self.mount(Label(INTERRUPTED, classes="interrupted-note", markup=False))
        self._follow()

    async def end_reply(self, final: str | None) -> None:
        """The reply is complete (`final`: the coach's last part, "" when the team spoke
        last), or dropped (`None`: cancelled or failed — every part goes)."""
        for label in self.query("#thinking"):
            await label.remove()
        message, self._streaming = self._streaming, None
        parts, self._parts = self._parts, []
        self._in_run = False
        if final is None:
            for part in parts:
                await part.remove()
        if message is None:
            if final and final.strip():
                await self.add(final, "coach")
            return
        if final is None or not final.strip():
            await message.remove()
            return
        message.remove_class("-streaming")
        message.text = strip_controls(final)
        await settle(message)
        self._follow()
