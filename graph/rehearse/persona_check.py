"""When a model plays a persona: its system prompt, and the check of the line it wrote.

`persona_prompt` renders `prompts/rehearse_persona.md` for one card and one lead turn.
`check_persona_line` lists what is wrong with a model's line (empty list: fine to show):
speaking for someone else, stage directions for others, a coaching voice, stepping out of
character, too long or empty. `clean_persona_line` strips the persona's own "Name:" label
(and wrapping quotes) before the check, so a harmless label does not cost a retry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.prompt_files import render
from graph.rehearse.models import PersonaCard, Team

MAX_WORDS = 60
PROMPT = "rehearse_persona.md"
ROOM_PURPOSES = {
    "ticket_office": "best hopes and what the objective means to the team",
    "future_gallery": "imagining the end of the period gone perfectly; objective and KR ideas",
    "instances_gallery": "what already works, past successes, strengths and baselines",
    "gift_shop": "an appreciative summary and first small steps",
}
_VOICE_HINTS = {
    "terse": "terse — very short sentences, no padding",
    "rambling": "rambling — long-winded, with asides",
    "sarcastic": "sarcastic — dry and a little cynical, never rude",
    "quiet": "quiet — hesitant, tentative, says little",
    "eager": "eager — enthusiastic, quick to jump to ideas",
    "measured": "measured — calm, weighs things up",
}
_COACH_QUESTION = re.compile(
    r"what would you like (?:to (?:happen|see) )?instead|on a scale (?:of|from)|"
    r"(?:from|between) (?:0|1|one|zero) (?:to|and) (?:10|ten)\b|what (?:already )?works "
    r"(?:well )?for you|what are your best hopes|what would be different for you|"
    r"how would you know|what difference would (?:that|it) make|imagine (?:that )?a miracle|"
    r"what (?:small|first) step (?:could|would|will) you|tell me more|what else\b", re.I)
"""SF coaching questions: a coaching voice when they are asked (the sentence is a question)."""
_COACH_ANY = re.compile(
    r"great question|good question|i hear you saying|as (?:your|a) (?:coach|facilitator)|"
    r"(?:you|the lead) (?:should|could|might want to|may want to|need to) (?:try )?"
    r"(?:ask(?:ing)?|facilitat\w*|invite|rephrase|reframe|focus on|let the team|open with)|"
    r"(?:my|a) (?:tip|advice)(?: for you)? (?:is|would be)|\btip:|i(?:'d| would) "
    r"(?:suggest|recommend) (?:you|that you|asking)|try asking",
    re.I)
_OUT_OF_CHARACTER = re.compile(
    r"\bas an? (?:ai|a\.i\.|language model|assistant|model)\b|\blanguage model\b|\bllm\b|"
    r"\bchatbot\b|\bai (?:model|assistant)\b|\bi(?:'m| am) an? (?:ai|model|assistant|bot)\b|"
    r"\bassistant\b(?! (?:manager|director|controller|editor))|\bpersonas?\b|"
    r"\bsimulat\w*|\brole[- ]?play\w*|\b(?:in|out of|break(?:ing)?) character\b|"
    r"\bi(?:'m| am) (?:only |just )?playing\b|\bthis (?:rehearsal|exercise) is (?:fake|pretend)",
    re.I)
_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?P<name>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)"
                    r"(?:\s*\([^)]{0,40}\))?(?:\*\*|__)?\s*:(?:\*\*|__)?\s*", re.M)
_MID_LABEL = re.compile(r"[.!?…]\s+(?:\*\*|__)?(?P<name>[A-Z][\w'.-]*)(?:\*\*|__)?\s*:\s")
"""A speaker label after a sentence: `… fine. Greta: agreed.`"""
_NOT_NAMES = frozenset({"note", "honestly", "example", "so", "well", "look", "ok", "okay",
                        "listen", "update", "edit", "ps", "p.s", "fact", "truth"})
"""Words that may open a sentence with a colon without naming a speaker."""
_STAGE = re.compile(r"\*[^*\n]{2,80}\*|\([^)\n]{2,80}\)|\[[^\]\n]{2,80}\]")
_STAGE_VERBS = re.compile(r"\b(?:nods?|sighs?|laughs?|smiles?|shrugs?|looks?|leans?|"
                          r"glances?|frowns?|rolls?|crosses?|pauses?|whispers?|grins?|"
                          r"raises?|turns?|says?|adds?|interrupts?)\b", re.I)
_GROUP = re.compile(r"\b(?:everyone|the team|the others|the lead|the room|you)\b", re.I)


def persona_prompt(card: PersonaCard, room: str, team: Team, lead_text: str,
                   others: Sequence[str] = (), mood: int = 0) -> str:
    """The system prompt for a model playing `card` in `room`, answering `lead_text`."""
    team_text = ", ".join(part for part in (
        team.function and f"{team.function} team",
        team.size and f"{team.size} people",
        team.parent_objective and f"aligned to “{team.parent_objective}”",
        team.worries and "worries: " + "; ".join(team.worries),
    ) if part) or team.description or "a team preparing its next OKRs"
    feeling = ("won over and fairly open" if mood >= 3 else "warming up" if mood >= 1 else
               "wary" if mood >= -1 else "annoyed and guarded")
    return render(
        PROMPT, persona=card.name, role=card.role, voice=_VOICE_HINTS.get(card.voice, card.voice),
        cares_about=card.cares_about, concern=card.concern,
        hidden_strength=card.hidden_strength, resistance=card.resistance, mood=feeling,
        team=team_text, room=room.replace("_", " "), room_purpose=ROOM_PURPOSES.get(room, ""),
        others=", ".join(n for n in others if n != card.name) or "nobody else",
        lead_text=lead_text.strip() or "(nothing yet)")


def clean_persona_line(card: PersonaCard, text: str) -> str:
    """`text` without the persona's own leading "Name:" label, wrapping quotes and extra spaces."""
    text = text.strip()
    label = _LABEL.match(text)
    if label and label.group("name").split()[0].lower() == card.name.lower():
        text = text[label.end():]
    text = " ".join(text.split())
    if len(text) >= 2 and text[0] in "\"“" and text[-1] in "\"”" and text.count("\"") <= 2:
        text = text[1:-1].strip()
    return text


def check_persona_line(card: PersonaCard, text: str, others: Sequence[str]) -> list[str]:
    """What is wrong with a model-written line for `card` (empty: it can be shown)."""
    text = text.strip()
    if not text:
        return ["empty: the persona said nothing"]
    problems: list[str] = []
    names = {n.lower(): n for n in others if n.lower() != card.name.lower()}
    labels = [m.group("name") for m in _LABEL.finditer(text)]
    labels += [m.group("name") for m in _MID_LABEL.finditer(text)]
    strangers = [n for n in labels if n.split()[0].lower() != card.name.lower()
                 and n.lower() not in _NOT_NAMES]
    others_labelled = [name for low, name in names.items() if re.search(
        rf"(?:^|[.!?…]\s+|\n)[*_]*{re.escape(low)}(?:\s*\([^)]{{0,40}}\))?[*_]*\s*:", text, re.I)]
    if others_labelled or strangers:
        problems.append(f"speaks for someone else ('{(others_labelled or strangers)[0]}:')")
    elif len({n.lower() for n in labels}) > 1:
        problems.append("several speakers in one line")
    for found in _STAGE.finditer(text):
        inner = found.group(0)[1:-1]
        words = {w.lower() for w in re.findall(r"[\w']+", inner)}
        if words & set(names) or (_STAGE_VERBS.search(inner) and _GROUP.search(inner)):
            problems.append(f"a stage direction for someone else ({found.group(0)})")
            break
    questions = [q for q in re.findall(r"[^.!?]*\?", text) if _COACH_QUESTION.search(q)]
    coaching = _COACH_ANY.search(text) or (_COACH_QUESTION.search(questions[0])
                                          if questions else None)
    if coaching:
        problems.append(f"sounds like a coach, not a team member (“{coaching.group(0)}”)")
    stepped_out = _OUT_OF_CHARACTER.search(text)
    if stepped_out:
        problems.append(f"out of character (mentions “{stepped_out.group(0)}”)")
    count = len(text.split())
    if count > MAX_WORDS:
        problems.append(f"too long ({count} words; at most {MAX_WORDS})")
    return problems
