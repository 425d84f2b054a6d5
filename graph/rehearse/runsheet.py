"""The rehearsal's take-away: the draft team OKR and the run-sheet in Markdown.

The run-sheet has the agenda (the four rooms, minutes summing to the workshop's length), the
questions to ask in each room (the lead's best phrasings from the rehearsal first, then the
better phrasings the feedback offered, then the room's classic questions), the concerns heard
with the hopes they could turn into, a Key Result checklist from the validator's rules, and
the draft team OKR — its KRs exactly as the rehearsal team worded them, through the KR
validator, so every number in it is one a persona said in the transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr.parser import analyse_kr
from coach.okr.validator import check_okr
from coach.prompt_files import phrases
from graph.rehearse.models import ROOMS, Feedback
from graph.rehearse.plan_models import Rehearsal
from graph.rehearse.tally import counted, room_tally
from graph.rehearse.timings import DEFAULT_MINUTES, room_minutes

ROOM_TITLES = {"ticket_office": "Ticket Office", "future_gallery": "Future Gallery",
               "instances_gallery": "Instances Gallery", "gift_shop": "Gift Shop"}
MAX_QUESTIONS = 5
MAX_KRS = 3


def _good(f: Feedback) -> bool:
    lab = f.labels
    return (lab.open and not lab.several_questions and not lab.advice
            and lab.focus != "problem")


def room_questions(room: str, feedback: Sequence[Feedback]) -> list[tuple[str, str]]:
    """(question, where it comes from) for one room, best first, no repeats."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(text: str, source: str) -> None:
        key = text.strip().lower()
        if text.strip() and key not in seen and len(found) < MAX_QUESTIONS:
            seen.add(key)
            found.append((text.strip(), source))

    mine = [f for f in counted(feedback) if f.room == room]
    for f in mine:
        if _good(f):
            add(f.text, "yours, from the rehearsal")
    for f in mine:
        if f.better:
            add(f.better, "suggested in the feedback")
    for text in phrases("rehearse_runsheet.yaml")["questions"][room]:
        add(str(text), "classic")
    return found


def _kr_text(candidate: str) -> str:
    text = candidate.strip().rstrip(".")
    first = text.split()[0].lower() if text.split() else ""
    if first in ("raise", "increase", "cut", "reduce", "grow", "lift", "bring", "lower"):
        return text[0].upper() + text[1:]
    parsed = analyse_kr(text).parsed
    falling = (parsed.baseline is not None and parsed.target is not None
               and parsed.target < parsed.baseline)
    return f"{'Cut' if falling else 'Raise'} {text}"


def draft_okr(r: Rehearsal) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The draft team OKR from what the rehearsal team said, and the validator's findings."""
    hopes = r.heard["hopes"]
    preferred = [h for h in hopes if h.room == "future_gallery"] or hopes
    if not preferred:
        return {"period": None, "objectives": []}, []
    title = preferred[0].text.strip().rstrip(".")
    title = title[0].upper() + title[1:]
    krs = []
    for heard in r.heard["kr_candidates"][:MAX_KRS]:
        text = _kr_text(heard.text)
        parsed = analyse_kr(text).parsed
        krs.append(KeyResult(text=text, **parsed.model_dump()))
    draft = OKRDraft(objectives=[Objective(title=title, parent=r.team.parent_objective or None,
                                           key_results=krs)])
    findings = [f.model_dump() for f in check_okr(draft)]
    return draft.model_dump(mode="json"), findings


def _agenda(r: Rehearsal) -> list[str]:
    total = r.team.minutes or DEFAULT_MINUTES
    minutes = room_minutes(total)
    lines = ["| Room | Minutes | Purpose |", "|---|---|---|"]
    purposes = phrases("rehearse_runsheet.yaml")["purposes"]
    lines += [f"| {ROOM_TITLES[room]} | {minutes[room]} | {purposes[room]} |" for room in ROOMS]
    lines.append(f"| **Total** | **{sum(minutes.values())}** | |")
    return lines


def _concerns(r: Rehearsal) -> list[str]:
    hopes_by = {h.persona: h.text for h in r.heard["hopes"]}
    out: list[str] = []
    seen: set[str] = set()
    for c in r.heard["concerns"]:
        if c.text.lower() in seen:
            continue
        seen.add(c.text.lower())
        hope = hopes_by.get(c.persona)
        turn = (f"their own hope: “{hope}”" if hope
                else f"ask: “What would you like instead of {c.text.rstrip('.')}?”")
        out.append(f"- {c.persona}: “{c.text}” → {turn}")
    return out or ["- (no concerns came up in this rehearsal)"]


def runsheet_markdown(r: Rehearsal, feedback: Sequence[Feedback]) -> str:
    total = r.team.minutes or DEFAULT_MINUTES
    team = r.team.description.strip() or "your team"
    lines = [f"# Workshop run-sheet · {total} minutes", "",
             f"Team: {' '.join(team.split())}", ""]
    if r.team.parent_objective:
        lines += [f"Aligns to: {r.team.parent_objective}", ""]
    lines += ["## Agenda", "", *_agenda(r), "", "## Questions for each room", ""]
    for room in ROOMS:
        lines += [f"### {ROOM_TITLES[room]}", ""]
        lines += [f"- {q} _({source})_" for q, source in room_questions(room, feedback)]
        lines.append("")
    lines += ["## Concerns heard, and the hopes they could turn into", "", *_concerns(r), ""]
    lines += ["## Key Result checklist", ""]
    lines += [f"- [ ] {item}" for item in phrases("rehearse_runsheet.yaml")["kr_checklist"]]
    tasks = r.heard["tasks"]
    if tasks:
        lines += ["", "Tasks that came up dressed as Key Results — ask which result each serves:"]
        lines += [f"- {t.persona}: “{t.text}”" for t in tasks]
    okr, findings = draft_okr(r)
    lines += ["", "## Draft team OKR", ""]
    if not okr["objectives"]:
        lines.append("_No draft yet: the team voiced no hope to build an Objective on._")
    for objective in okr["objectives"]:
        lines += [f"**Objective:** {objective['title']}", ""]
        if objective.get("parent"):
            lines += [f"Serves: {objective['parent']}", ""]
        for i, kr in enumerate(objective["key_results"], 1):
            lines.append(f"{i}. {kr['text']}")
        if not objective["key_results"]:
            lines.append("_No measurable Key Result came up yet._")
        lines += ["", "_Numbers as the rehearsal team said them — check them with your real "
                      "team before the workshop._"]
    if findings:
        lines += ["", "Validator findings:", ""]
        lines += [f"- {f['severity']} `{f['rule']}`: {f['message']}" for f in findings]
    tally = room_tally(feedback)
    lines += ["", "## Your rehearsal in numbers", "",
              "| Room | Turns | Open questions | Future/resource | Advice |",
              "|---|---|---|---|---|"]
    for room in ROOMS:
        t = tally.get(room, {})
        lines.append(f"| {ROOM_TITLES[room]} | {t.get('turns', 0)} | "
                     f"{t.get('open_questions', 0)} | {t.get('future_or_resource', 0)} | "
                     f"{t.get('advice', 0)} |")
    return "\n".join(lines) + "\n"
