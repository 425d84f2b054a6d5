"""The rehearsal's side panel: the team being played, a note on the lead's last turn, and a
tally per room.

Read from the session view after every turn: the cast from `view.mode_state` (the planner's
`Rehearsal`), the notes from `view.feedback` (one `Feedback` per lead turn). Every text in
it — names, roles, the lead's words, the notes — is shown as written, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label

from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside
from coach.tui.widgets.personas import PersonaColours, cast_names, palette_rules
from graph.modes import step_title
from graph.rehearse.models import ROOMS, Feedback
from graph.rehearse.tally import room_tally

if TYPE_CHECKING:
    from coach.events import SessionView

TITLE = "Rehearsal"
BEFORE_START = ("Once you say start, this panel shows the team you are facilitating, a note "
                "on each of your turns — what went well, what to try, a better way to put "
                "it — and a tally of your turns per room.")
NO_TURN_YET = "Your first question to the team gets a note here."
TALLY_HEAD = f"{'':<18}{'turns':>5}{'open':>5}{'f/r':>4}{'advice':>7}"
TALLY_LEGEND = "open: open questions · f/r: about the hoped-for future or what already works"
SETUP_PHASES = frozenset({"team", "cast"})
ADVICE = "! advice: this told the team what to do instead of asking"


def _plain(text: str, classes: str) -> Label:
    """Words from the lead, the cast or the notes: as written, never read as markup."""
    return Label(strip_controls(text), classes=classes, markup=False)


def feedback_items(raw: Sequence[Mapping[str, Any]]) -> list[Feedback]:
    """The view's feedback as `Feedback`; an item that does not parse is left out."""
    items: list[Feedback] = []
    for item in raw:
        try:
            items.append(Feedback.model_validate(item))
        except ValidationError:
            continue
    return items


def cast_widgets(mode_state: Mapping[str, Any], colours: PersonaColours) -> list[Widget]:
    cards = [c for c in mode_state.get("cards") or [] if isinstance(c, Mapping) and c.get("name")]
    if not cards:
        return []
    heading = ("The team you'll facilitate (yours to change)"
               if mode_state.get("phase") in SETUP_PHASES else "The team")
    widgets: list[Widget] = [Label(heading, classes="heading")]
    for card in cards:
        name = str(card["name"])
        widgets.append(_plain(f"● {name}", f"cast-name {colours.css_class(name)}"))
        about = " · ".join(str(card[key]) for key in ("role", "voice") if card.get(key))
        if about:
            widgets.append(_plain(about, "cast-about"))
    return widgets


def latest_widgets(item: Feedback, room: str) -> list[Widget]:
    """The note on one lead turn."""
    widgets: list[Widget] = [_plain(f"Your turn {item.turn} · {room}", "heading")]
    if item.replayed:
        widgets.append(Label("replayed — not counted in the tally", classes="replayed"))
    widgets.append(_plain(f"“{item.text}”", "lead"))
    if item.labels.advice:
        widgets.append(Label(ADVICE, classes="advice", markup=False))
    widgets += [_plain(f"✓ {well}", "went-well") for well in item.went_well]
    widgets += [_plain(f"→ try: {step}", "to-try") for step in item.to_try]
    if item.better:
        widgets.append(_plain(f"Better: “{item.better}”", "better"))
    if item.reason:
        widgets.append(_plain(item.reason, "reason"))
    if not (item.went_well or item.to_try or item.better):
        widgets.append(Label("Nothing to change here.", classes="went-well"))
    return widgets


def rooms_reached(mode_state: Mapping[str, Any], tally: Mapping[str, Mapping[str, int]]
                  ) -> list[str]:
    """The rooms the rehearsal has been in (in order), and any room with counted turns."""
    reached: set[str] = set()
    if mode_state.get("phase") in ("rooms", "done"):
        index = mode_state.get("room_index")
        last = min(index, len(ROOMS) - 1) if isinstance(index, int) else 0
        reached.update(ROOMS[: last + 1])
    reached.update(room for room, row in tally.items() if row.get("turns"))
    return [room for room in tally if room in reached]


def tally_widgets(mode: str, items: Sequence[Feedback], mode_state: Mapping[str, Any]
                  ) -> list[Widget]:
    tally = room_tally(items)
    rooms = rooms_reached(mode_state, tally)
    if not rooms:
        return []
    widgets: list[Widget] = [Label("Your turns by room", classes="heading"),
                             Label(TALLY_HEAD, classes="tally-head", markup=False)]
    for room in rooms:
        row = tally[room]
        title = step_title(mode, room)
        title = title if len(title) <= 17 else title[:16] + "…"
        line = (f"{title:<18}{row['turns']:>5}{row['open_questions']:>5}"
                f"{row['future_or_resource']:>4}{row['advice']:>7}")
        widgets.append(_plain(line, "tally -advice" if row["advice"] else "tally"))
    widgets.append(Label(TALLY_LEGEND, classes="legend", markup=False))
    return widgets


def panel_widgets(view: SessionView, colours: PersonaColours) -> list[Widget]:
    """The panel's content for one session view."""
    state = view.mode_state
    items = feedback_items(view.feedback)
    widgets: list[Widget] = [Label(TITLE, classes="title")]
    widgets += cast_widgets(state, colours)
    if not state or state.get("phase") in SETUP_PHASES:
        widgets.append(Label(BEFORE_START, classes="empty", markup=False))
        return widgets
    if items:
        latest = items[-1]
        widgets += latest_widgets(latest, step_title(view.mode, latest.room))
    else:
        widgets.append(Label(NO_TURN_YET, classes="empty", markup=False))
    widgets += tally_widgets(view.mode, items, state)
    return widgets


_CAST_CSS = palette_rules("FeedbackPanel .cast-name.-persona-{i} {{ color: {colour}; }}")


class FeedbackPanel(VerticalScroll, can_focus=False):
    """Rebuilt from the session view after every turn (a handful of labels)."""

    DEFAULT_CSS = tcss_beside(__file__) + "\n" + _CAST_CSS

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.colours = PersonaColours()
        self.items: list[Feedback] = []
        """The feedback the panel last showed (its last item is the one on screen)."""

    def compose(self) -> Any:
        yield Label(TITLE, classes="title")
        yield Label(BEFORE_START, classes="empty", markup=False)

    async def show_view(self, view: SessionView) -> None:
        """The side panel's update after a turn (see `coach.tui.panels`)."""
        self.colours.set_cast(cast_names(view.mode_state))
        widgets = panel_widgets(view, self.colours)
        async with self.batch():
            await self.remove_children()
            await self.mount_all(widgets)
        self.items = feedback_items(view.feedback)
