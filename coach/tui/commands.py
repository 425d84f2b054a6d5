"""The command palette (Ctrl+P): new sessions (one per available mode), rooms, export, copy,
backend, panel, help.

Entries are plain `Content`: one names the model, which is whatever someone typed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from coach.text_safety import strip_controls
from graph.modes import all_modes

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

Command = tuple[str, str, Callable[[], Any]]


class CoachCommands(Provider):
    """The coach's commands for the screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        from coach.tui.app import openai_configured
        from coach.tui.screens.chat import ChatScreen
        from coach.tui.screens.home import HomeScreen

        app = cast("CoachApp", self.app)
        screen = self.screen
        commands: list[Command] = [("Help", "Keys, commands and the four rooms", app.action_help)]
        if isinstance(screen, HomeScreen):
            commands += [(f"New session: {spec.title}", spec.blurb,
                          partial(app.open_chat, None, spec.id))
                         for spec in all_modes() if spec.available]
        if not isinstance(screen, ChatScreen):
            return commands
        commands += [
            ("Next room", "Move on to the next gallery room", screen.action_next_room),
            ("Previous room", "Go back one room", screen.action_previous_room),
            ("Summary", "What the coach has heard so far", screen.action_summary),
            ("Export Markdown…", "Write the session and OKR draft to a .md file",
             partial(screen.action_export, "md")),
            ("Export JSON…", "Write the session as JSON (the CLI contract's shape)",
             partial(screen.action_export, "json")),
            ("Copy last reply", "Copy the coach's last reply (OSC 52)", screen.action_copy_reply),
            ("Toggle side panel", "Show or hide the side panel", screen.action_toggle_panel),
            ("Retry", "Ask the model again for the last message", screen.action_retry),
            ("Back to sessions", "The list of sessions", screen.action_sessions),
            ("Set model name…", "The model the openai backend asks", screen.action_set_model),
        ]
        backend = app.llm.backend if app.llm is not None else "offline"
        if backend != "offline":
            commands.append(("Switch backend: offline coach", "Answer without a model",
                             partial(screen.action_switch_backend, "offline")))
        elif openai_configured(app.settings):
            commands.append((f"Switch backend: openai ({strip_controls(app.settings.model)})",
                             "Answer with the configured OpenAI-compatible model",
                             partial(screen.action_switch_backend, "openai")))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name, help=help_text)


def highlighted(matcher: Matcher, name: str) -> Content:
    """`name` as plain text with the query's letters marked (`Matcher.highlight` would read
    the name as markup, and a model name is whatever someone typed)."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
