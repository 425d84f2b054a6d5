"""Side panels by name: a mode lists the names it shows (`ModeSpec.panels`), this maps each
name to a widget factory. A new panel (a check-in's KR table) is one `register_panel` call.

A panel is a widget with `async show_view(view)`, called after every turn with the session
as it now stands; the chat screen mounts it with the name as its id and the class
`side-panel`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual._context import active_app
from textual.widget import Widget

from coach.tui.widgets.checkin_panel import CheckinPanel, app_loader
from coach.tui.widgets.draft_panel import DraftPanel
from coach.tui.widgets.feedback_panel import FeedbackPanel

if TYPE_CHECKING:
    from coach.events import SessionView

PANEL_CLASS = "side-panel"
PanelFactory = Callable[[str], Widget]
"""Builds the panel's widget; gets the id to give it (the panel's name)."""


@runtime_checkable
class ShowsView(Protocol):
    """What a side panel does after every turn."""

    async def show_view(self, view: SessionView) -> None: ...


class UnknownPanelError(KeyError):
    """A mode names a panel nobody registered."""

    def __str__(self) -> str:
        return f"no side panel named {self.args[0]!r} (registered: {', '.join(panel_names())})"


_PANELS: dict[str, PanelFactory] = {}


def register_panel(name: str, factory: PanelFactory) -> None:
    _PANELS[name] = factory


def panel_names() -> tuple[str, ...]:
    return tuple(_PANELS)


def make_panel(name: str) -> Widget:
    """A new widget for the panel `name` (id `name`, class `side-panel`)."""
    factory = _PANELS.get(name)
    if factory is None:
        raise UnknownPanelError(name)
    widget = factory(name)
    widget.add_class(PANEL_CLASS)
    return widget


def make_panels(names: tuple[str, ...]) -> list[Widget]:
    return [make_panel(name) for name in names]


async def show_view(panel: Widget, view: SessionView) -> None:
    if isinstance(panel, ShowsView):
        await panel.show_view(view)


register_panel("draft", lambda panel_id: DraftPanel(id=panel_id))


def _checkin_panel(panel_id: str) -> CheckinPanel:
    """The KR table of the session's OKR set; built while the chat screen composes, so the
    app is the active one (its session index and settings feed the loader)."""
    return CheckinPanel(app_loader(active_app.get()), id=panel_id)


register_panel("checkin", _checkin_panel)
register_panel("feedback", lambda panel_id: FeedbackPanel(id=panel_id))
