"""Rehearsing a workshop in the terminal app: the team's lines labelled by name in their own
colours, a note in the side panel after every lead turn, the tally per room, the run-sheet
export, and the team's lines again when the session is reopened; the panel shows every text
literally."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Label, OptionList

from coach.events import SessionView
from coach.runtime import CoachRuntime
from coach.tui.app import CoachApp
from coach.tui.main import create_app
from coach.tui.screens.chat import ChatScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.modals import PromptModal
from coach.tui.widgets.conversation import ChatMessage, Conversation, PersonaMessage
from coach.tui.widgets.feedback_panel import ADVICE, BEFORE_START, FeedbackPanel
from coach.tui.widgets.message_input import MessageInput
from coach.tui.widgets.personas import PersonaColours
from tests.test_tui_flows import SIZE, chat, idle_chat, wait_until

TEAM = ("We are a support team of 8 people answering customer chats; the workshop is "
        "90 minutes and we worry about response times.")
ADVICE_TURN = "You should just hire more people."
RESOURCE = "When has this already worked, even a little?"
LEAD = [  # (what the lead types, whether it is a lead turn that gets a note)
    ("What are your best hopes for this quarter?", True),
    (ADVICE_TURN, True),
    ("replay", False),
    (RESOURCE, True),
    ("What would tell you this quarter went well?", True),  # the room's third: on it goes
    ("Imagine the quarter went perfectly: what is different on its last day?", True),
    ("next", False),
    ("On a scale from 0 to 10, where are you today?", True),
    ("What is already working that gets you there?", True),
    ("Who haven't we heard from yet — what do you think?", True),
    ("What is the smallest next step you could take tomorrow?", True),
    ("What could we measure to know it worked?", True),
]
ROOM_TITLES = ("Ticket Office", "Future Gallery", "Instances Gallery", "Gift Shop")


def texts(widget: Any) -> list[str]:
    return [str(label.content) for label in widget.query(Label)]


async def type_line(pilot: Pilot[None], app: CoachApp, text: str) -> None:
    """Type `text` into the box, press Enter, wait for the whole reply."""
    screen = chat(app)
    before = len(screen.view.turns)
    screen.query_one(MessageInput).text = text
    await pilot.press("enter")
    await wait_until(pilot, lambda: not screen.busy and len(screen.view.turns) > before)


async def open_rehearsal(pilot: Pilot[None], app: CoachApp) -> ChatScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.runtime is not None)
    options = app.screen.query_one("#start", OptionList)
    entry = next(o for o in options.options if o.id == "rehearse")
    assert str(entry.prompt) == "Rehearse a workshop" and not entry.disabled  # a normal entry
    options.highlighted = [o.id for o in options.options].index("rehearse")
    options.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
    return chat(app)


def persona_colours(screen: ChatScreen) -> dict[str, set[str]]:
    """Each speaker's colour classes over all of their lines."""
    colours: dict[str, set[str]] = {}
    for message in screen.query(PersonaMessage):
        found = {c for c in message.classes if re.fullmatch(r"-persona-\d", c)}
        colours.setdefault(message.persona, set()).update(found)
    return colours


async def test_a_rehearsal_in_the_app_team_lines_notes_tally_export_and_reopen(
    runtime: CoachRuntime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[int] = []  # the conversation is built live, never reloaded after a turn
    original_load = Conversation.load

    async def load(self: Conversation, turns: list[dict[str, str]]) -> None:
        loads.append(len(turns))
        await original_load(self, turns)

    monkeypatch.setattr(Conversation, "load", load)
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rehearsal(pilot, app)
        assert screen.session.mode == "rehearse" and screen.session.okr_set_id is None
        panel = screen.query_one("#feedback", FeedbackPanel)
        assert BEFORE_START in texts(panel)

        await type_line(pilot, app, TEAM)
        assert screen.view.mode_state["phase"] == "cast"
        cast = [card["name"] for card in screen.view.mode_state["cards"]]
        shown = texts(panel)
        assert [f"● {name}" for name in cast] == [t for t in shown if t.startswith("● ")]
        assert BEFORE_START in shown  # still set-up: no note yet
        await type_line(pilot, app, "start")
        assert not screen.query(PersonaMessage)

        lead_turns = 0
        for text, is_lead in LEAD:
            feedback_before = len(screen.view.feedback)
            await type_line(pilot, app, text)
            lead_turns += is_lead
            assert len(screen.view.feedback) == lead_turns, text
            latest = panel.items[-1] if panel.items else None
            if is_lead:  # a new note, about what was just said
                assert len(panel.items) == feedback_before + 1
                assert latest is not None and latest.text == text
                assert f"“{text}”" in texts(panel)
            if text == ADVICE_TURN:
                assert latest is not None and latest.labels.advice
                assert ADVICE in texts(panel)
                assert "→ try: ask before suggesting" in texts(panel)
                office = panel.query(".tally").first(Label)
                assert str(office.content).startswith("Ticket Office")
                assert str(office.content).split()[-1] == "1" and office.has_class("-advice")
            if text == "replay":  # the advice moment is taken again: kept, marked, not counted
                assert latest is not None and latest.replayed and latest.text == ADVICE_TURN
                assert "replayed — not counted in the tally" in texts(panel)
            if text == RESOURCE:
                assert latest is not None and latest.labels.focus == "resource"
                assert "✓ it looked for what already works" in texts(panel)
        assert screen.view.room == "gift_shop"

        # the team: three or more people spoke, each in a colour of their own
        colours = persona_colours(screen)
        assert len(colours) >= 3
        assert all(len(found) == 1 for found in colours.values())
        classes = [next(iter(found)) for found in colours.values()]
        assert len(set(classes)) == len(classes)
        by_cast = PersonaColours(cast)
        for name, found in colours.items():
            assert found == {by_cast.css_class(name)}  # by cast order
        saved = [(t["persona"], t["text"]) for t in screen.view.turns if t["role"] == "persona"]
        assert [(m.persona, m.text) for m in screen.query(PersonaMessage)] == saved
        assert all(m.border_title == m.persona for m in screen.query(PersonaMessage))
        # every part of every reply in the order the session saved it, as it arrived
        assert [(m.role, m.text) for m in screen.query(ChatMessage)] == [
            (t["role"], t["text"]) for t in screen.view.turns]
        assert not screen.query(".-streaming")
        assert loads == [0]  # only the (empty) opening load: nothing was patched up later

        # the tally: a row per room reached, the replayed advice no longer counted
        rows = [str(label.content) for label in panel.query(".tally")]
        assert [row[:18].strip() for row in rows] == list(ROOM_TITLES)
        assert [int(row.split()[-4]) for row in rows] == [3, 1, 3, 2]  # turns per room
        assert all(row.split()[-1] == "0" for row in rows)

        # export: the run-sheet, with the agenda summing to the 90 minutes
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        await pilot.press("enter")  # the default path, in the data dir
        exported = runtime.settings.data_dir / "exports" / f"{screen.session.id}.md"
        await wait_until(pilot, exported.exists)
        markdown = exported.read_text(encoding="utf-8")
        assert all(title in markdown for title in ROOM_TITLES)
        section = markdown.split("## Agenda", 1)[1].split("\n## ", 1)[0]
        agenda = dict(re.findall(r"^\| ([A-Z][a-z]+ [A-Z][a-z]+) \| (\d+) \|", section, re.M))
        assert set(agenda) == set(ROOM_TITLES)
        assert sum(int(minutes) for minutes in agenda.values()) == 90
        assert "| **Total** | **90** |" in markdown
        assert ADVICE_TURN in markdown  # the transcript follows

        # reopened: the team's lines again, with their names and the same colours
        session_id = screen.session.id
        before = persona_colours(screen)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.open_chat(session_id)
        await wait_until(pilot, lambda: idle_chat(app) and chat(app) is not screen)
        again = chat(app)
        assert loads[-1] == len(again.view.turns)
        assert [(m.persona, m.text) for m in again.query(PersonaMessage)] == saved
        assert all(m.border_title == m.persona for m in again.query(PersonaMessage))
        assert persona_colours(again) == before
        assert len(again.query_one(FeedbackPanel).items) == lead_turns


class PanelHost(App[None]):
    def compose(self) -> ComposeResult:
        yield FeedbackPanel(id="feedback")


CARDS = [
    {"name": "Mia [b]", "role": "lead [/bold] engineer", "voice": "terse"},
    {"name": "Ole", "role": "tester [@click=app.quit]", "voice": "quiet"},
]
ITEM = {
    "turn": 1, "room": "ticket_office", "text": "What [/bold] do you hope for?",
    "labels": {"question": True, "open": True, "focus": "future"},
    "went_well": ["an open [@click=app.quit]question[/]"],
    "to_try": ["ask one [/bold] thing"], "better": "What [b]else[/b]?",
    "reason": "Because [@click=app.quit]quit[/] is not a link.",
}


def rehearse_view(phase: str, feedback: list[dict[str, Any]]) -> SessionView:
    return SessionView(session_id="s-rehearse", title="Rehearse a workshop", mode="rehearse",
                       backend="offline", model="offline", room="ticket_office", done=False,
                       feedback=feedback,
                       mode_state={"phase": phase, "cards": CARDS, "room_index": 0})


async def test_the_feedback_panel_shows_every_text_literally() -> None:
    app = PanelHost()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = app.query_one(FeedbackPanel)
        assert BEFORE_START in texts(panel)  # before the first turn
        await panel.show_view(rehearse_view("cast", []))
        await pilot.pause()
        shown = texts(panel)
        assert "● Mia [b]" in shown and "lead [/bold] engineer · terse" in shown
        assert "tester [@click=app.quit] · quiet" in shown and BEFORE_START in shown

        await panel.show_view(rehearse_view("rooms", [ITEM]))
        await pilot.pause()
        shown = texts(panel)
        assert "“What [/bold] do you hope for?”" in shown
        assert "✓ an open [@click=app.quit]question[/]" in shown
        assert "→ try: ask one [/bold] thing" in shown
        assert "Better: “What [b]else[/b]?”" in shown
        assert "Because [@click=app.quit]quit[/] is not a link." in shown
        assert BEFORE_START not in shown and ADVICE not in shown
        (row,) = [str(label.content) for label in panel.query(".tally")]
        assert row.split() == ["Ticket", "Office", "1", "1", "1", "0"]
        names = list(panel.query(".cast-name"))
        assert names[0].has_class("-persona-0") and names[1].has_class("-persona-1")

        replayed = {**ITEM, "replayed": True, "labels": {**ITEM["labels"], "advice": True}}
        await panel.show_view(rehearse_view("rooms", [replayed]))
        await pilot.pause()
        shown = texts(panel)
        assert "replayed — not counted in the tally" in shown and ADVICE in shown
        assert app.is_running  # no markup action ran


async def test_the_palette_starts_a_rehearsal_without_an_okr_set(runtime: CoachRuntime) -> None:
    from coach.tui.commands import CoachCommands

    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                         and app.runtime is not None)
        commands = {name: run for name, _, run in CoachCommands(app.screen)._commands()}
        commands["New session: Rehearse a workshop"]()
        await wait_until(pilot, lambda: idle_chat(app) and bool(chat(app).view.turns))
        screen = chat(app)
        assert screen.session.mode == "rehearse" and screen.session.okr_set_id is None
        assert [p.id for p in screen.side_panels()] == ["feedback"]
        assert screen.view.turns[0]["role"] == "coach"
