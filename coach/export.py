"""Exporting a session: Markdown for people, JSON in the CLI contract's shape.

Every text in an export passes `strip_controls` first: an export is printed to terminals
(`coach export`) and opened in editors, so no escape sequence a person or a model once typed
travels with it (sessions saved before text was cleaned on the way in included).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from coach.clean_text import clean_strings
from coach.events import SessionView
from coach.formatting import kr_span
from coach.text_safety import strip_controls
from graph.modes import step_title

OKR_BEGIN = "<!-- okr-coach:okr -->"  # the same markers as knowledge.fmt_markdown
OKR_END = "<!-- /okr-coach:okr -->"


def clean_view(view: SessionView) -> SessionView:
    """The view with its texts (title, turns, draft, findings) fit for a terminal."""
    return replace(view, title=strip_controls(view.title), turns=clean_strings(view.turns),
                   okr=clean_strings(view.okr), findings=clean_strings(view.findings),
                   examples=clean_strings(view.examples), feedback=clean_strings(view.feedback),
                   mode_state=clean_strings(view.mode_state))


def session_json(view: SessionView) -> dict[str, Any]:
    view = clean_view(view)
    return {
        "session_id": view.session_id,
        "mode": view.mode,
        "backend": view.backend,
        "title": view.title,
        "room": view.room,
        "turns": [{"role": t["role"], "room": t["room"], "text": t["text"],
                   **({"persona": t["persona"]} if t.get("persona") else {})}
                  for t in view.turns],
        "okr": view.okr,
        "findings": view.findings,
        **({"feedback": clean_strings(view.feedback)} if view.mode == "rehearse" else {}),
    }


def okr_markdown(okr: dict[str, Any], findings: list[dict[str, str]]) -> str:
    lines: list[str] = []
    if okr.get("period"):
        lines.append(f"Period: {okr['period']}\n")
    for number, objective in enumerate(okr.get("objectives", []), start=1):
        lines.append(f"### Objective {number}: {objective.get('title') or '(not yet named)'}")
        if objective.get("parent"):
            lines.append(f"Serves: {objective['parent']}")
        lines.append("")
        lines.append("| # | Key Result | Metric | Baseline → Target | Due |")
        lines.append("|---|---|---|---|---|")
        for index, kr in enumerate(objective.get("key_results", []), start=1):
            span = kr_span(kr)
            cells = [str(index), kr.get("text") or "", kr.get("metric") or "", span,
                     kr.get("due") or ""]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        lines.append("")
    if not okr.get("objectives"):
        lines.append("_No objective yet._\n")
    if findings:
        lines.append("**Validator findings**\n")
        lines += [f"- {f['severity']} `{f['rule']}`: {f['message']}" for f in findings]
        lines.append("")
    return "\n".join(lines)


def importable_okr(okr: dict[str, Any]) -> str:
    """The draft in the knowledge base's Markdown format (`coach kb import` reads it)."""
    lines = [OKR_BEGIN]
    for objective in okr.get("objectives", []):
        if not objective.get("title") or not objective.get("key_results"):
            continue
        lines += ["", f"## {objective['title']}", ""]
        lines += [f"- {key}: {value}" for key, value in
                  (("period", okr.get("period")), ("parent", objective.get("parent"))) if value]
        lines += ["", "Key results:", ""]
        lines += [f"{i}. {kr['text']}" for i, kr in enumerate(objective["key_results"], 1)]
    lines += ["", OKR_END]
    return "\n".join(lines)


def rehearsal_markdown(view: SessionView) -> str:
    """A rehearsal: the run-sheet first (what the lead takes away), then the conversation
    with every speaker named and the feedback on each lead turn."""
    from graph.rehearse.models import Feedback
    from graph.rehearse.plan_models import Rehearsal
    from graph.rehearse.runsheet import runsheet_markdown

    feedback = [Feedback.model_validate(f) for f in view.feedback]
    lines = [runsheet_markdown(Rehearsal.model_validate(view.mode_state), feedback).rstrip(),
             "", "## The rehearsal", "",
             f"Session `{view.session_id}` · {view.backend} ({view.model})", ""]
    pending = list(feedback)  # in lead-turn order: each belongs to the next turn it quotes
    room = None
    for turn in view.turns:
        if turn["room"] != room:
            room = turn["room"]
            lines += [f"### {step_title(view.mode, room)}", ""]
        if turn["role"] == "persona":
            lines += [f"**{turn.get('persona', 'Team')}:** {turn['text']}", ""]
        elif turn["role"] == "coach":
            lines += [f"_Coach:_ {turn['text']}", ""]
        else:
            lines += [f"**You:** {turn['text']}", ""]
            if pending and pending[0].text.strip() == turn["text"].strip():
                item = pending.pop(0)
                lines += [f"> Feedback: {'; '.join(item.went_well) or '—'}"
                          + (f" · to try: {'; '.join(item.to_try)}" if item.to_try else "")
                          + (f" · better: “{item.better}”" if item.better else "")
                          + (" _(replayed)_" if item.replayed else ""), ""]
    return "\n".join(lines)


def session_markdown(view: SessionView) -> str:
    """Prepare: the draft (importable, then in detail); a mode on an adopted set: the set it
    was about. Then the conversation, step by step, under the mode's own step titles."""
    view = clean_view(view)
    if view.mode == "rehearse":
        return rehearsal_markdown(view)
    lines = [f"# {view.title}", "",
             f"Session `{view.session_id}` · mode {view.mode} · {view.backend} ({view.model}) · "
             f"room: {step_title(view.mode, view.room)}", ""]
    if view.mode == "prepare":
        lines += [importable_okr(view.okr), "", "### Draft in detail", ""]
    else:
        lines += ["## The OKR set", ""]
    lines += [okr_markdown(view.okr, view.findings), "## Conversation", ""]
    room = None
    for turn in view.turns:
        if turn["room"] != room:
            room = turn["room"]
            lines += [f"### {step_title(view.mode, room)}", ""]
        who = "**Coach:**" if turn["role"] == "coach" else "**You:**"
        lines += [f"{who} {turn['text']}", ""]
    return "\n".join(lines)


def export_text(view: SessionView, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(session_json(view), indent=2, ensure_ascii=False)
    return session_markdown(view)
