"""The live OKR draft beside the chat: objective, KRs (baseline → target), badges, examples."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label

from coach.formatting import kr_span as baseline_to_target
from coach.text_safety import strip_controls
from coach.tui.widgets import tcss_beside

if TYPE_CHECKING:
    from coach.events import SessionView

_KR_PREFIX = re.compile(r"^(?:Objective \d+, )?KR \d+:\s*")
SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}


def kr_span(kr: dict[str, Any]) -> str:
    """`70% → 90% · due end of Q2` (an unknown baseline reads `unknown`)."""
    span = baseline_to_target(kr)
    return f"{span} · due {kr['due']}" if kr.get("due") else span


Key = tuple[int, int]  # (objective, key result), both from 1


def _plain(text: str, classes: str) -> Label:
    """A label of the person's or the model's words: as written, never read as markup."""
    return Label(strip_controls(text), classes=classes, markup=False)


def findings_by_kr(findings: list[dict[str, Any]]) -> tuple[dict[Key, list[dict[str, Any]]],
                                                            list[dict[str, Any]]]:
    """Split findings into per-KR ones (by the objective and KR indices they carry) and the
    rest."""
    per_kr: dict[Key, list[dict[str, Any]]] = {}
    general: list[dict[str, Any]] = []
    for finding in findings:
        objective, kr = finding.get("objective"), finding.get("kr")
        if isinstance(objective, int) and isinstance(kr, int):
            per_kr.setdefault((objective, kr), []).append(finding)
        else:
            general.append(finding)
    return per_kr, general


def _badge(finding: dict[str, Any]) -> Label:
    severity = finding.get("severity", "info")
    message = _KR_PREFIX.sub("", finding.get("message", ""))
    text = f"{SEVERITY_MARK.get(severity, '·')} {finding.get('rule', '')}: {message}"
    return _plain(text, f"badge -{severity}")


def _kr_widgets(index: int, kr: dict[str, Any], findings: list[dict[str, Any]]) -> list[Widget]:
    widgets: list[Widget] = [
        _plain(f"KR {index}. {kr.get('text') or ''}", "kr"),
        _plain(kr_span(kr), "span"),
    ]
    if findings:
        widgets += [_badge(f) for f in findings]
    else:
        widgets.append(Label("✓ looks good", classes="badge -ok"))
    return widgets


def _example_widgets(examples: list[dict[str, Any]]) -> list[Widget]:
    widgets: list[Widget] = [Label("Examples from past OKRs", classes="heading")]
    for example in examples:
        who = example.get("team") or example.get("function") or "a team"
        period = example.get("period")
        cite = f"{who}, {period}" if period else str(who)
        widgets.append(_plain(f"{example.get('objective', '')} ({cite})", "example"))
        for kr in list(example.get("key_results", []))[:3]:
            text = kr.get("text", "") if isinstance(kr, dict) else str(kr)
            widgets.append(_plain(f"  · {text}", "example-kr"))
    return widgets


def draft_widgets(okr: dict[str, Any], findings: list[dict[str, Any]],
                  examples: list[dict[str, Any]]) -> list[Widget]:
    """The panel's content for one session view."""
    per_kr, general = findings_by_kr(findings)
    widgets: list[Widget] = [Label("OKR draft", classes="title")]
    if okr.get("period"):
        widgets.append(_plain(f"Period: {okr['period']}", "meta"))
    objectives = list(okr.get("objectives", []))
    if not objectives:
        widgets.append(Label("No objective yet — it fills in as you talk.", classes="empty"))
    for number, objective in enumerate(objectives, start=1):
        widgets.append(Label("Objective" if len(objectives) == 1 else f"Objective {number}",
                             classes="heading"))
        widgets.append(_plain(objective.get("title") or "(not yet named)", "objective"))
        if objective.get("parent"):
            widgets.append(_plain(f"serves: {objective['parent']}", "meta"))
        krs = list(objective.get("key_results", []))
        widgets.append(Label(f"Key Results ({len(krs)})", classes="heading"))
        if not krs:
            widgets.append(Label("none yet", classes="empty"))
        for index, kr in enumerate(krs, start=1):
            widgets += _kr_widgets(index, kr, per_kr.get((number, index), []))
    if general:
        widgets.append(Label("Notes", classes="heading"))
        widgets += [_badge(f) for f in general]
    if examples:
        widgets += _example_widgets(examples)
    return widgets


class DraftPanel(VerticalScroll, can_focus=False):
    """Rebuilt from the session view after every turn (a handful of labels)."""

    DEFAULT_CSS = tcss_beside(__file__)

    async def show_view(self, view: SessionView) -> None:
        """The side panel's update after a turn (see `coach.tui.panels`)."""
        await self.show(view.okr, view.findings, view.examples)

    async def show(self, okr: dict[str, Any], findings: list[dict[str, Any]],
                   examples: list[dict[str, Any]]) -> None:
        async with self.batch():
            await self.remove_children()
            await self.mount_all(draft_widgets(okr, findings, examples))
