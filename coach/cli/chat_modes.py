"""What `coach chat` does differently per mode: the commands the header lists, the
retrospective's period-end check, `--after` for a prepare session, and the mode's own
object in `--json` (`checkin`, `retro`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from coach.cli.context import fail
from coach.events import SessionView
from coach.text_safety import strip_controls
from graph.modes import ModeSpec

if TYPE_CHECKING:
    from coach.runtime import CoachRuntime

COMMANDS: dict[str, str] = {
    "prepare": "Type next, back, summary, retry or quit.",
    "rehearse": "Type replay, next (room), finish, retry or quit.",
    "checkin": "Type skip, retry or quit.",
    "retro": "Type skip, retry or quit.",
}


def commands_line(mode: str) -> str:
    """The header's list of what can be typed besides an answer, for this mode."""
    return COMMANDS.get(mode, "Type retry or quit.")


def feedback_lines(view: SessionView, shown: int) -> str:
    """A rehearsal's feedback items after the first `shown`, indented under the team's lines
    (each text cleaned: a lead's or model's words may hold control sequences)."""
    out = []
    for item in view.feedback[max(shown, 0):] if shown >= 0 else []:
        went = "; ".join(strip_controls(w) for w in item.get("went_well", []))
        out.append(f"   feedback (turn {item.get('turn')}): {went or '—'}")
        if item.get("to_try"):
            out.append("   to try: " + "; ".join(strip_controls(t) for t in item["to_try"]))
        if item.get("better"):
            out.append(f"   better: “{strip_controls(item['better'])}” — "
                       f"{strip_controls(item.get('reason') or '')}")
    return "".join(f"{line}\n" for line in out)


def check_period_end(runtime: CoachRuntime, set_id: str, *, early: bool,
                     interactive: bool, today: date | None = None) -> bool:
    """A retrospective looks back on a period that is over. Before the set's end date:
    `--early` goes ahead; interactively the person is asked; a script is refused (exit 2,
    one line). False: the person chose not to start."""
    okr = runtime.okr_store().get_set(set_id)
    on = today or date.today()
    if on >= okr.end or early:
        return True
    if not interactive:
        raise fail(f"the period of OKR set {okr.id} ends on {okr.end}: a retrospective before "
                   "then needs --early")
    return typer.confirm(f"The period of OKR set {okr.id} ends on {okr.end} — start the "
                         "retrospective early?", default=False)


def after_set(runtime: CoachRuntime, set_id: str) -> tuple[str, list[str]]:
    """`--after SET_ID`: the set a new prepare session follows (exit 2 when unknown) and the
    learnings of its latest retrospective."""
    from coach.okr_store import NotFound

    store = runtime.okr_store()
    try:
        okr = store.get_set(set_id.strip())
    except NotFound:
        raise fail(f"no OKR set {set_id!r} (see `coach okr list --all`)") from None
    retros = store.list_scores(okr.id)
    if not retros:
        return okr.id, []
    latest = retros[-1]
    texts = {kr.id: kr.text for kr in okr.key_results()}
    learned = list(latest.learnings) + [f"“{texts.get(s.kr_id, s.kr_id)}”: {s.learning}"
                                        for s in latest.scores if s.learning]
    return okr.id, learned


def learnings_sentence(set_id: str, learnings: list[str]) -> str:
    """One sentence that opens a prepare session started after a retrospective."""
    if not learnings:
        return f"This period follows OKR set {set_id} (its retrospective noted no learnings)."
    return f"From the retrospective of OKR set {set_id} you take with you: " + "; ".join(
        learnings) + "."


def mode_json(runtime: CoachRuntime, spec: ModeSpec, set_id: str | None,
              session_id: str) -> dict[str, Any]:
    """The mode's own object for `--json`: `checkin` or `retro` (empty for prepare)."""
    if set_id is None or not spec.needs_okr_set:
        return {}
    if spec.id == "retro":
        from coach.retro_report import retro_json

        notes = getattr(runtime.deps.retros, "notes", None)
        return {"retro": retro_json(runtime.okr_store(), set_id, session_id, notes)}
    from coach.checkin_report import checkin_json

    return {"checkin": checkin_json(runtime.okr_store(), set_id, session_id)}
