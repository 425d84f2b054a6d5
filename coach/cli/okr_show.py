"""How `coach okr show` and `coach okr list` print a set: Rich `Text` only, so user text
(titles, KR sentences, notes) is shown literally — never read as markup — and without
control sequences (`strip_controls`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from coach.formatting import number_with_unit
from coach.okr_store.models import KeyResultRecord, OKRSetRecord
from coach.okr_store.pictures import confidence_line, percent, progress_bar, trend
from coach.okr_store.progress import MISSED_FLAG, STATUS_LABELS, STRETCH_FLAG, Status
from coach.okr_store.report import KRView, SetView, checkin_date
from coach.okr_store.scores import RetroScores
from coach.text_safety import strip_controls

STYLES: dict[Status, str] = {"on_track": "green", "at_risk": "yellow", "off_track": "red",
                             "no_data": "dim"}
BAND_STYLES = {"red": "red", "yellow": "yellow", "green": "green"}


def console() -> Console:
    return Console(highlight=False, soft_wrap=True, emoji=False)


def safe(text: str | None) -> str:
    """`text` for one line of output: no control sequences, line breaks as spaces."""
    return " ".join(strip_controls(text or "").split())


def _number(value: float | None, unit: str | None) -> str:
    if value is not None and float(value).is_integer():
        return number_with_unit(int(value), safe(unit) or None)
    return number_with_unit(value, safe(unit) or None)


def _status(status: Status) -> Text:
    return Text(STATUS_LABELS[status], style=STYLES[status])


def _span(kr: KeyResultRecord) -> str:
    if kr.baseline is None:
        target = f" → {_number(kr.target, kr.unit)}" if kr.target is not None else ""
        return f"no baseline yet{target}"
    if kr.target is None:
        return f"{_number(kr.baseline, kr.unit)} → no target yet"
    return f"{_number(kr.baseline, kr.unit)} → {_number(kr.target, kr.unit)}"


def _kr_lines(view: KRView, period_over: bool) -> list[Text]:
    kr = view.kr
    head = Text(f"  KR {view.number}  ")
    head.append(safe(kr.text))
    head.append(f"  ({kr.kind})", style="dim")
    facts = Text(f"        {_span(kr)}")
    if view.last_value is not None:
        facts.append(f"   last {_number(view.last_value, kr.unit)} ({view.last_taken})")
    else:
        facts.append("   no value yet")
    bar = Text(f"        {progress_bar(view.progress)}   ")
    if view.expected is not None:
        bar.append(f"expected {percent(view.expected).strip()} on {view.last_taken}: ")
    bar.append_text(_status(view.status))
    if view.confidence is not None:
        bar.append(f"   confidence {view.confidence}/10")
    lines = [head, facts, bar]
    if view.values:
        actual, expected = trend(view.progress_series, view.expected_series)
        lines.append(Text(f"        values {actual}   expected line {expected}"))
        lines.append(Text(f"        confidence {confidence_line(view.confidences)}"))
    if period_over:
        score = view.score
        line = Text("        suggested score ")
        if score.score is None:
            line.append("—")
        else:
            line.append(f"{score.score:.1f}", style=BAND_STYLES[score.band or "red"])
        if score.flags:
            line.append(f"   {'; '.join(score.flags)}")
        lines.append(line)
    return lines


FLAG_WORDS = {"good": "a good result for a stretch KR", "stretch": STRETCH_FLAG,
              "missed": MISSED_FLAG, "kept": "commitment kept"}


def print_set(view: SetView, retros: Sequence[RetroScores] = ()) -> None:
    """The set; with `retros`, the latest retrospective's scores (instead of suggestions)."""
    out = console()
    okr = view.okr_set
    title = Text(f"OKR set {okr.id}  ", style="bold")
    title.append(safe(okr.period))
    title.append(f"  {okr.start} – {okr.end}  {okr.status}")
    out.print(title)
    if okr.owner:
        out.print(Text(f"Owner: {safe(okr.owner)}"))
    if okr.parent:
        out.print(Text(f"Serves: {safe(okr.parent)}"))
    out.print(Text(f"As of {view.on}: expected {percent(_expected_now(view)).strip()} "
                   "of the way (a straight line from start to end)"))
    for objective in view.objectives:
        out.print()
        line = Text(f"Objective {objective.position}: ", style="bold")
        line.append(safe(objective.title), style="bold")
        line.append("   ")
        line.append_text(_status(objective.status))
        out.print(line)
        for kr in objective.key_results:
            for row in _kr_lines(kr, view.period_over and not retros):
                out.print(row)
            if retros:
                out.print(_score_line(retros[-1], kr.kr.id))
    out.print()
    _print_history(out, view)
    if retros:
        _print_retro(out, retros[-1])


def _score_line(retro: RetroScores, kr_id: str) -> Text:
    score = retro.score_of(kr_id)
    line = Text("        scored ")
    if score is None or score.score is None:
        line.append("— (not scored)")
        return line
    line.append(f"{score.score:.1f}", style=BAND_STYLES[score.band or "red"])
    if score.suggested is not None and score.adjusted:
        line.append(f" (suggested {score.suggested:.1f})")
    if score.flag:
        line.append(f"   {FLAG_WORDS.get(score.flag, safe(score.flag))}")
    if score.learning:
        line.append(f"   learned: {safe(score.learning)}")
    return line


def _print_retro(out: Console, retro: RetroScores) -> None:
    out.print()
    out.print(Text(f"Retrospective {retro.scored_at.astimezone().date()}", style="bold"))
    for label, items in (("Proud of", retro.proud), ("Strengths", retro.strengths),
                         ("Learnings", retro.learnings)):
        if items:
            out.print(Text(f"  {label}: " + "; ".join(safe(i) for i in items)))


def _expected_now(view: SetView) -> float:
    krs = [k for o in view.objectives for k in o.key_results]
    return krs[0].expected_now if krs else 0.0


def _print_history(out: Console, view: SetView) -> None:
    if not view.checkins:
        out.print(Text("No check-ins yet."))
        return
    out.print(Text("Check-ins", style="bold"))
    numbers = {k.kr.id: k.number for o in view.objectives for k in o.key_results}
    units = {k.kr.id: k.kr.unit for o in view.objectives for k in o.key_results}
    for number, checkin in enumerate(view.checkins, start=1):
        parts = []
        for v in checkin.values:
            shown = "skipped" if v.skipped else _number(v.value, units.get(v.kr_id))
            confidence = f" ({v.confidence}/10)" if v.confidence is not None else ""
            parts.append(f"KR {numbers.get(v.kr_id, '?')} {shown}{confidence}")
        line = Text(f"  #{number}  {checkin_date(checkin)}  {', '.join(parts) or 'no values'}")
        if checkin.commitments:
            line.append("   next: " + "; ".join(safe(c) for c in checkin.commitments))
        out.print(line)
        if checkin.summary:  # its own lines, each cleaned and indented
            for said in checkin.summary.splitlines():
                if safe(said):
                    out.print(Text(f"      {safe(said)}"))


def print_list(sets: list[OKRSetRecord]) -> None:
    out = console()
    for okr in sets:
        krs = len(okr.key_results())
        titles = " | ".join(safe(o.title) for o in okr.objectives)
        out.print(Text(f"{okr.id}  {safe(okr.period)}  {okr.status}  {krs} KRs  {titles}"))
