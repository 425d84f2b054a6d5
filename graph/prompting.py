"""Turning the state and the planned move into a `Prompt`: messages for a model, facts for all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.llm.budget import fit_history, message_cost
from coach.llm.port import Message, Prompt
from coach.okr.models import Objective
from coach.prompt_files import phrases, render
from coach.reframe.reframer import wish_from_answer
from graph.draft import draft_of
from graph.phrases import command_of
from graph.state import ROOM_TITLES, CoachState, Move

RECENT_TURNS = 12
SUMMARY_WORDS = 30  # each answer in the running summary is clipped to this many words
REPLY_RESERVE = 800  # tokens kept free for the coach's answer
_GATHERED = (
    ("best_hopes", "Best hopes"),
    ("meaning", "Meaning / bigger goal"),
    ("future_perfect", "Future perfect"),
    ("notice", "Who notices what"),
    ("scale_why", "What already works"),
    ("scale_next", "One step up"),
    ("resources", "Resources and supporters"),
)


LANGUAGE_NOTES = {
    "fi": "They write in Finnish: reply in Finnish.",
    "other": "They do not write in English: reply in the language they write in.",
}
NEWS_NOTES = {
    "kr": "Acknowledge briefly that this Key Result is noted: {}.",
    "objective": "Acknowledge briefly that the Objective is noted: {}.",
    "objective_adopted": 'Say you have put "{}" in as a working Objective, changeable any time.',
    "baseline_unknown": "Say that not knowing is fine: measuring {} becomes a first step.",
    "not_understood": "Say briefly you did not catch that.",
    "changed": "Read the changed Key Result back briefly: {}.",
    "removed": "Say briefly that the Key Result about {} is removed.",
    "undone": "Say briefly that the last change is undone.",
    "nothing_to_undo": "Say briefly there is nothing to undo.",
    "not_taken": "Say briefly you will not write that number down.",
    "kr_limit": "Say there are five Key Results already, the most one Objective should hold.",
    "welcome": "Greet them briefly; they have said who they are, not yet their hopes.",
    "language": "",
}


def kr_line(kr: dict[str, Any]) -> str:
    text = str(kr.get("text") or kr.get("metric") or "")
    missing = [f for f in ("baseline", "target") if kr.get(f) is None]
    if kr.get("baseline_unknown") and "baseline" in missing:
        missing.remove("baseline")
        text += " (baseline unknown — measure it first)"
    return text + (f" [missing: {', '.join(missing)}]" if missing else "")


def draft_text(state: CoachState) -> str:
    """The draft as the coach reads it: the same objectives and KRs the contract shows."""
    draft = draft_of(state)
    many = len(draft.objectives) > 1
    lines: list[str] = []
    for number, objective in enumerate(draft.objectives or [Objective(title="")], start=1):
        label = f"Objective {number}" if many else "Objective"
        lines.append(f"{label}: {objective.title or '(not yet named)'}")
        if objective.parent:
            lines.append(f"Serves: {objective.parent}")
        lines += [f"KR {i}: {kr_line(kr.model_dump())}"
                  for i, kr in enumerate(objective.key_results, start=1)]
    if draft.period:
        lines.append(f"Period: {draft.period}")
    return "\n".join(lines)


def _clip(text: str, words: int = SUMMARY_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _plain(text: str) -> str:
    return " ".join(text.lower().strip(" .!?").split())


def gathered_text(state: CoachState) -> str:
    """The running summary: every answer so far, each clipped, newest three per topic."""
    answers = state.get("answers", {})
    lines = [f"- {label}: " + " / ".join(_clip(a) for a in answers[key][-3:])
             for key, label in _GATHERED if answers.get(key)]
    said = {_plain(form) for values in answers.values() for a in values
            for form in (a, wish_from_answer(a))}
    wishes = [w for w in state.get("wishes", [])[-3:] if _plain(w) not in said]
    if wishes:
        lines.append("- Wanted instead of problems: " + " / ".join(_clip(w) for w in wishes))
    if state.get("scale") is not None:
        lines.append(f"- Scale today: {state.get('scale')}/10")
    if state.get("steps"):
        lines.append("- Small steps: " + " / ".join(state.get("steps", [])))
    return "\n".join(lines) or "- (nothing yet)"


def findings_text(state: CoachState) -> str:
    findings = state.get("findings", [])
    return "\n".join(f"- {f['severity']}: {f['message']}" for f in findings) or "- none"


def examples_block(examples: list[dict[str, Any]]) -> str:
    """Retrieved past OKRs as fenced, quoted data (instructions inside them are neutralised)."""
    from knowledge.models import Example  # local: the library is loaded only when used
    from knowledge.quoting import format_examples_for_prompt

    fields = Example.model_fields
    return format_examples_for_prompt(
        [Example.model_validate({k: v for k, v in e.items() if k in fields}) for e in examples])


def _slot_values(state: CoachState, slot: str) -> dict[str, Any]:
    krs = state.get("key_results", [])
    _, _, index = slot.partition(":")
    kr = krs[int(index)] if index.isdigit() and int(index) < len(krs) else {}
    scale = state.get("scale")
    return {
        "metric": kr.get("metric") or "that measure",
        "scale": scale if scale is not None else "",
        "next_scale": scale + 1 if scale is not None and scale < 10 else "",
        "kr_count": len(krs),
        "candidate": state.get("objective_candidate") or "",
    }


def facts_for(state: CoachState, move: Move, user_text: str) -> dict[str, Any]:
    """Everything the coach's next words may draw on, as plain values."""
    slot = move.get("slot") or ""
    turns = state.get("turns", [])
    return {
        "room": state.get("room", "ticket_office"),
        "room_title": ROOM_TITLES.get(state.get("room", ""), ""),
        "move": dict(move),
        "slot": slot,
        "slot_values": _slot_values(state, slot),
        "asked_before": bool(state.get("asked_counts", {}).get(slot)),
        "user_text": user_text,
        "was_command": command_of(user_text) is not None,
        "asked": (state.get("asked") or "").partition(":")[0],
        "news": list(state.get("news", [])),
        "first_turn": not turns,
        "problem": state.get("last_problem") or {},
        "objective": state.get("objective"),
        "objective_candidate": state.get("objective_candidate"),
        "key_results": list(state.get("key_results", [])),
        "scale": state.get("scale"),
        "period": state.get("period"),
        "strength": next(iter(state.get("answers", {}).get("scale_why", [])
                              + state.get("answers", {}).get("resources", [])), None),
        "draft": draft_text(state),
        "gathered": gathered_text(state),
        "findings": list(state.get("findings", [])),
        "examples": list(state.get("examples", [])),
        "turn_number": len(turns),
        "personal": bool(state.get("personal")),
        "language": state.get("language") or "en",
    }


def _instruction(move: Move, facts: dict[str, Any]) -> tuple[str, str]:
    kind = move.get("kind", "ask")
    slot = str(facts["slot"]).partition(":")[0]
    if kind == "reframe":
        problem = facts["problem"]
        return render("reframe.md", kind=problem.get("kind", "problem talk"),
                      user_text=facts["user_text"], focus=problem.get("focus", "")), ""
    if kind == "summary":
        return render("summary.md"), ""
    if kind == "confirm":
        questions = [str(n).partition(":")[2] for n in facts.get("news", [])
                     if str(n).startswith("confirm:")]
        question = questions[-1] if questions else "Shall I write that down?"
        return ("Read the value back as a question and ask only this (keep its numbers "
                f"exactly): {question}"), ""
    if kind == "finish":
        return ("Close the session warmly: show the final OKR draft and any findings, "
                "and appreciate one thing they did well."), ""
    goal = str(phrases("questions.yaml").get(slot, {}).get("goal", "Ask the next question."))
    notes = [NEWS_NOTES[key].format(value) for key, _, value in
             (str(item).partition(":") for item in facts.get("news", []))
             if NEWS_NOTES.get(key)]
    if move.get("note") == "paused":
        notes.append("They typed quit: say the session is saved and can be resumed later.")
    if facts.get("personal"):
        notes.append("This is a personal goal: ask about the person and the people close to "
                     "them, not about a team or customers.")
    if move.get("note") == "reopened":
        notes.append("The finished session was opened again for changes: say so briefly.")
    if move.get("entered"):
        notes.append(f"You have just entered the {facts['room_title']}; say so in a few words.")
    extra = " ".join(notes)
    return goal.replace("$metric", str(facts["slot_values"]["metric"])).replace(
        "$scale", str(facts["slot_values"]["scale"])).replace(
        "$next_scale", str(facts["slot_values"]["next_scale"])).replace(
        "$kr_count", str(facts["slot_values"]["kr_count"])), extra


def reply_prompt(
    state: CoachState,
    move: Move,
    user_text: str,
    *,
    budget: int = 8000,
    count: Callable[[str], int] | None = None,
    fresh_examples: bool = False,
) -> Prompt:
    facts = facts_for(state, move, user_text)
    facts["fresh_examples"] = fresh_examples
    instruction, extra = _instruction(move, facts)
    if (language := LANGUAGE_NOTES.get(str(facts["language"]))) is not None:
        extra = f"{extra} {language}".strip()
    room = facts["room"] if facts["room"] != "done" else "gift_shop"
    system = render("system.md") + "\n\n" + render(f"{room}.md")
    context = render("state.md", gathered=facts["gathered"], draft=facts["draft"],
                     findings=findings_text(state))
    if facts["examples"] and fresh_examples:
        context += "\n\n" + render("examples.md", examples=examples_block(facts["examples"]))
    history = [Message(role="assistant" if turn["role"] == "coach" else "user",
                       content=turn["text"]) for turn in state.get("turns", [])]
    max_sentences = 5 if move.get("kind") in ("summary", "finish") else 3
    final = Message(role="system", content=render(
        "move.md", room_title=facts["room_title"], instruction=instruction, extra=extra,
        max_sentences=max_sentences, user_text=user_text.replace('"', "'")[:500]))
    if count is None:
        messages = [Message(role="system", content=system),
                    Message(role="system", content=context), *history[-RECENT_TURNS:]]
    else:
        # The state block is the running summary of every earlier turn (and pins the draft),
        # so the turns that no longer fit are summarised there, never silently lost.
        reserve = message_cost(final.content, count) + min(REPLY_RESERVE, budget // 4)
        messages = fit_history(system, context, history, budget, count,
                               reply_reserve=reserve).messages
    return Prompt(task="coach_reply", messages=[*messages, final], facts=facts)
