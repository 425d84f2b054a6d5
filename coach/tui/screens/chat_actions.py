"""What the chat screen can do besides talking: export, copy, panel, rooms, backend."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widget import Widget

from coach.export import export_text
from coach.text_safety import strip_controls
from coach.tui.panels import PANEL_CLASS
from coach.tui.screens.modals import PromptModal
from coach.tui.widgets.conversation import Conversation

if TYPE_CHECKING:
    from coach.session import CoachSession
    from coach.tui.app import CoachApp

FORMAT_NAMES = {"md": "Markdown", "json": "JSON"}


class ChatActions(Screen[None]):
    """The chat screen's commands (bound to keys and offered in the command palette)."""

    session: CoachSession
    busy: bool

    @property
    def coach_app(self) -> CoachApp:
        return cast("CoachApp", self.app)

    async def send_text(self, text: str) -> bool:
        raise NotImplementedError

    # -- rooms ---------------------------------------------------------------------------
    async def action_next_room(self) -> None:
        await self.send_text("next")

    async def action_previous_room(self) -> None:
        await self.send_text("back")

    async def action_summary(self) -> None:
        await self.send_text("summary")

    # -- export and copy -----------------------------------------------------------------
    def default_export_path(self, fmt: str) -> Path:
        return self.coach_app.settings.data_dir / "exports" / f"{self.session.id}.{fmt}"

    def action_export(self, fmt: str = "md") -> None:
        name = FORMAT_NAMES.get(fmt, fmt)

        def chosen(path: str | None) -> None:
            if path:
                self.export_to(Path(path).expanduser(), fmt)

        self.app.push_screen(
            PromptModal(f"Export the session as {name} to:", str(self.default_export_path(fmt)),
                        hint="Any path; folders are created as needed."),
            chosen,
        )

    def export_to(self, path: Path, fmt: str) -> Path | None:
        """Write the export; the outcome is a notification either way."""
        try:
            text = export_text(self.session.view(), fmt)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        except OSError as err:
            self.notify(strip_controls(f"Could not write {path}: {err.strerror or err}"),
                        title="Export failed", severity="error", markup=False)
            return None
        self.notify(strip_controls(str(path)), title=f"Exported {FORMAT_NAMES.get(fmt, fmt)}",
                    markup=False)
        return path

    def action_copy_reply(self) -> None:
        text = self.query_one(Conversation).last_coach_text()
        if not text:
            self.notify("No reply to copy yet.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify("The last reply is on your clipboard (OSC 52).", title="Copied",
                    markup=False)

    # -- view ----------------------------------------------------------------------------
    def side_panels(self) -> list[Widget]:
        """The mode's side panels (`coach.tui.panels`), in its order."""
        return list(self.query(f".{PANEL_CLASS}"))

    def action_toggle_panel(self) -> None:
        panels = self.side_panels()
        if not panels:
            return
        shown = not panels[0].display
        for panel in panels:
            panel.display = shown
        self.coach_app.set_side_panel(shown)

    def action_sessions(self) -> None:
        self.app.pop_screen()

    # -- backend -------------------------------------------------------------------------
    def action_switch_backend(self, backend: str) -> None:
        if self.busy:
            self.notify("Wait for the reply (or Esc) before switching.", severity="warning",
                        markup=False)
            return
        self.coach_app.switch_backend(backend, None)

    def action_set_model(self) -> None:
        if self.busy:
            self.notify("Wait for the reply (or Esc) before switching.", severity="warning",
                        markup=False)
            return

        def chosen(model: str | None) -> None:
            if model:
                self.coach_app.switch_backend(None, model)

        current = strip_controls(self.coach_app.settings.model)
        self.app.push_screen(PromptModal("Model name for the openai backend:", current), chosen)
