"""What a lead's turn does, read by transparent word and pattern rules.

`classify(text, team_lines)` labels one facilitator turn (`LeadLabels`) the way
docs/facilitation-labels.md describes. Every label comes from a named cue, so the feedback can
say why; `analyse` also tells, per label, whether a cue was found at all — the trained second
opinion (`facilitation_model`) only decides the labels where the rules found no cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.rehearse.lead_words import (
    _ACKNOWLEDGE,
    _ADVICE,
    _ADVICE_START,
    _AUX,
    _CONCERN,
    _COUNT_Q,
    _FUTURE_STRONG,
    _HOPE_ASK,
    _LEADING,
    _LETS,
    _LETS_PROCESS,
    _NAME_PATTERNS,
    _NAME_STOP,
    _RESOURCE_STRONG,
    _STRENGTH,
    _VOICE,
    _WH,
    FUTURE_CUES,
    PROBLEM_CUES,
    REQUEST,
    RESOURCE_CUES,
    _clauses,
    question_sentences,
    sentences,
    shared_words,
)
from graph.rehearse.models import Focus, LeadLabels

__all__ = ["RuleReading", "analyse", "classify", "question_sentences", "sentences",
           "shared_words"]


def _is_open(question: str) -> bool:
    if REQUEST.search(question):
        return True
    for clause in _clauses(question.rstrip("?")):
        low = clause.lower()
        if _LEADING.search(low) or _COUNT_Q.search(low):
            continue
        if re.match(rf"^{_WH}\b", low):
            return True
        if re.match(r"^(?:could|can|would) you (?:tell|describe|share|give|walk|explain)",
                    low):
            return True
    return False


def _leading(question: str) -> bool:
    return any(_LEADING.search(c.lower()) for c in _clauses(question.rstrip("?")))


def _names(text: str) -> list[str]:
    found: list[str] = []
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1)
            if name.lower() not in _NAME_STOP and name not in found:
                found.append(name)
    return found


_VOICE_ONLY = re.compile(
    r"\b(?:would (?:you )?like to (?:say|start|go|add|share|jump in)|would you add|"
    r"wants? to (?:go|start|jump in)|go (?:first|next)|see it differently|different view|"
    r"look like you (?:might|have)|want to make sure everyone)\b", re.I)
_CLOSED_FUTURE = re.compile(r"\b(?:would you (?:like|love|want)|a success if)\b", re.I)
_CLOSED_RESOURCE = re.compile(
    r"^(?:did|has|have|was|were|does|do)\b.*\b(?:help|helped|success|worked|go well|"
    r"went well)\b", re.I)


def _focus(questions: list[str], text: str, *, concern_to_hope: bool, leading: bool,
           strength: bool, advice: bool) -> tuple[Focus, bool]:
    """The turn's focus and whether a cue decided it (see docs/facilitation-labels.md)."""
    if concern_to_hope:
        return "future", True
    if not questions:
        if strength:
            return "resource", True
        if advice and PROBLEM_CUES.search(text):
            return "problem", True
        return "neutral", bool(advice)
    asks = _VOICE_ONLY.sub(" ", " ".join(questions))
    if PROBLEM_CUES.search(asks):
        return "problem", True
    if leading:
        return "neutral", True
    opens = [q for q in questions if _is_open(q)]
    if not opens:
        if _CLOSED_FUTURE.search(asks):
            return "future", True
        if _CLOSED_RESOURCE.search(asks):
            return "resource", True
        return "neutral", True
    if all(_COUNT_Q.search(q.strip()) for q in opens):
        return "neutral", True
    asks = _VOICE_ONLY.sub(" ", " ".join(opens))
    future = len(FUTURE_CUES.findall(asks)) + 2 * len(_FUTURE_STRONG.findall(asks))
    resource = len(RESOURCE_CUES.findall(asks)) + 2.5 * len(_RESOURCE_STRONG.findall(asks))
    if strength and resource == 0 and future == 0:
        return "resource", True
    if future == 0 and resource == 0:
        return "neutral", False
    if resource > future:
        return "resource", True
    return "future", True


@dataclass
class RuleReading:
    """The rules' labels, with the cues behind them (for feedback and for the combination)."""

    labels: LeadLabels
    cues: dict[str, bool] = field(default_factory=dict)
    """Per label: True when a rule cue decided it (the model is not asked then)."""
    questions: list[str] = field(default_factory=list)
    team_words: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def analyse(text: str, team_lines: Sequence[str] = ()) -> RuleReading:
    """Label one lead turn by the rules and keep the evidence."""
    text = " ".join(text.split())
    questions = question_sentences(text)
    low = text.lower()
    statements = [s for s in sentences(text) if s not in questions and "?" not in s]
    leading = any(_leading(q) for q in questions)
    open_ = any(_is_open(q) for q in questions)

    advice_cue = leading or any(
        _ADVICE.search(s) or _ADVICE_START.search(s) or _lets_advice(s) for s in statements)
    if not advice_cue:
        advice_cue = any(
            _ADVICE_START.search(c) or _lets_advice(c)
            for q in questions for c in _clauses(q) if not re.match(rf"^{_WH}\b", c.lower()))

    shared = shared_words(text, team_lines)
    names = _names(text)
    voice = bool(names) or bool(_VOICE.search(text))

    statement_clauses = [c for s in sentences(text) for c in _clauses(s.rstrip("?"))
                         if not re.match(rf"^(?:{_WH}|{_AUX})\b(?! an? )", c.lower())]
    strength = any(_STRENGTH.search(c) for c in statement_clauses)

    asks = " ".join(questions) if questions else text
    hope_ask = bool(questions) and bool(_HOPE_ASK.search(asks)) and not bool(
        re.search(r"\b(?:what exactly|why are you|how bad|what's wrong)\b", low))
    concern_seen = bool(_ACKNOWLEDGE.search(text)) or any(
        _CONCERN.search(line) for line in team_lines)
    concern_to_hope = hope_ask and concern_seen and not leading

    focus, focus_cue = _focus(questions, text, concern_to_hope=concern_to_hope,
                              leading=leading, strength=strength, advice=advice_cue)

    labels = LeadLabels(
        question=bool(questions),
        open=open_,
        focus=focus,
        advice=advice_cue,
        several_questions=len(questions) >= 2,
        team_words=bool(shared),
        concern_to_hope=concern_to_hope,
        invites_voice=voice,
        names_strength=strength,
    )
    cues = {
        "question": bool(questions) or "?" in text,
        "open": bool(questions),
        "focus": focus_cue,
        "advice": advice_cue,
        "several_questions": True,
        "team_words": True,
        "concern_to_hope": concern_to_hope or hope_ask,
        "invites_voice": voice,
        "names_strength": strength,
    }
    return RuleReading(labels, cues, questions, shared, names)


def _lets_advice(sentence: str) -> bool:
    return any(not _LETS_PROCESS.search(m.group(1)) for m in _LETS.finditer(sentence))


def classify(text: str, team_lines: Sequence[str] = ()) -> LeadLabels:
    """The rules' labels for one lead turn; `team_lines` are the team's recent lines."""
    return analyse(text, team_lines).labels
