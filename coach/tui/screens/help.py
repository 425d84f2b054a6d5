"""Help: the keys, the commands and the four rooms."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# okr-coach — help

A Solution-Focused coach walks you through four rooms to write your OKRs:
**Ticket Office** (best hopes) → **Future Gallery** (the objective and its Key Results)
→ **Instances Gallery** (what already works) → **Gift Shop** (summary and first steps).
The draft on the right fills in as you name KRs; badges show what the validator thinks.

## Keys

| key | what it does |
|---|---|
| Enter | send your message |
| Ctrl+J · Alt+Enter | new line (Alt+Enter needs a terminal that reports it, e.g. kitty) |
| Up (empty box) | recall your last message |
| Esc | cancel the coach's reply (your message stays saved) |
| Ctrl+R | retry after a failure or a cancel |
| Ctrl+B | show or hide the side panel (draft, KR table or rehearsal notes) |
| Ctrl+S | export the session as Markdown |
| Ctrl+O | back to your sessions |
| Ctrl+P | command palette |
| F1 | this help · Ctrl+Q quit |

## Commands (Ctrl+P)

Next room · Previous room · Summary · Export Markdown / JSON · Copy last reply ·
Switch backend · Set model name · Toggle side panel · Theme · Help.
You can also type `next`, `back`, `summary` or `retry` as a message.

## Sessions

Every message is saved as you send it. Quit any time; pick the session from the list to
carry on where you stopped (Enter resumes, **r** renames, **d** deletes).
"""


class HelpModal(ModalScreen[None]):
    """Keys and commands at a glance; any of Esc, F1 or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
