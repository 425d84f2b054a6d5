"""Which OKR set a check-in or retrospective is about, when more than one is active."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from coach.okr_store import OKRSetRecord
from coach.text_safety import strip_controls


def set_label(okr: OKRSetRecord) -> Text:
    """"Q1 2027 · Fresh bread, nothing thrown away" — shown literally, never as markup."""
    titles = "; ".join(o.title for o in okr.objectives) or "no objective"
    owner = f" · {okr.owner}" if okr.owner else ""
    return Text(strip_controls(f"{okr.period}{owner} · {titles}"))


class SetPickerModal(ModalScreen[str | None]):
    """Dismisses with the chosen set's id, or None when cancelled."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, sets: Sequence[OKRSetRecord]) -> None:
        super().__init__()
        self.title_text = strip_controls(title)
        self.sets = list(sets)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question", markup=False)
            yield OptionList(*(Option(set_label(s), id=s.id) for s in self.sets), id="sets")
            yield Label("Enter to choose · Esc to cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#sets", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
