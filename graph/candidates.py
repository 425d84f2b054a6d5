"""Objective candidates built from the user's own words (best hopes, wishes, future perfect)."""

from __future__ import annotations

import re

from coach.reframe.reframer import wish_from_answer
from graph.phrases import clean_objective
from graph.reading import signals
from graph.state import CoachState

_UNIT = (r"(?:%|percent\b|[km]\b|[ap]\.?m\.?(?!\w)|o'clock\b|h\b"
         r"|(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b)")
_NUMBERS = re.compile(r"\s*[$€£]?\d[\d.,:]*\s*" + _UNIT + "?", re.I)
_MEASURE = re.compile(
    r"\s\b(?:from|to|by|of|at|before|after|under|within|in)\s+[$€£]?\d[\d.,:]*"
    r"(?:\s*" + _UNIT + r"|\s*$)", re.I)
"""A number with its unit (or ending the phrase) led in by a preposition is the measure, and
the phrase ends before it: "bread before 7am" -> "bread" (taking the bare digit out left
"befoream"); any other number goes alone: "orders from 12 cafes" -> "orders from cafes"."""
_CLAUSE_END = re.compile(r"\.(?=\s|$)|[;!?]|,\s|\s(?:because|so that|but|which)\s", re.IGNORECASE)
"""Where the first clause ends: a full stop before a space (not the one in "7.5")."""
_PERIOD_LEAD = re.compile(r"^(?:(?:this|the|next)\s+(?:quarter|year|period|month|season|term|"
                          r"spring|summer|autumn|fall|winter)\s+(?:to\s+be|is|will\s+be)\s+the\s+one\s+"
                          r"(?:where|when|in\s+which)\s+)", re.I)
"""The period a hope is set in is no objective: "this quarter to be the one where …"."""
_MAX_WORDS = 12
# "callers to get through quickly" -> "callers get through quickly"
_SUBJECT_TO = re.compile(r"^((?:our |the |all |every )?[A-Za-z-]+(?: [A-Za-z-]+)?) to ([a-z]+)\b")
_AND = re.compile(r"\s(?:and|or|while|with)\s(?!.*\s(?:and|or|while|with)\s)", re.IGNORECASE)


_SELF_CORRECTED = re.compile(
    r"\b(?:i mean|i meant|what i mean is|what i meant is|i mean the opposite|rather)\b"
    r"(?: the opposite)?\s*[:,—–-]?\s+", re.IGNORECASE)
"""The person corrects themselves mid-answer: what follows is what they mean."""


def _meant(text: str) -> str:
    """"Nothing would change if they hung up, I mean the opposite: calls answered fast" ->
    "calls answered fast" (the words after the last self-correction, when there are some)."""
    found = list(_SELF_CORRECTED.finditer(text))
    if found and len(text[found[-1].end():].split()) >= 2:
        return text[found[-1].end():]
    return text


def _phrase(text: str) -> str:
    phrase = wish_from_answer(_CLAUSE_END.split(_meant(text).strip(), maxsplit=1)[0])
    phrase = _PERIOD_LEAD.sub("", phrase)
    led = _MEASURE.search(phrase)
    if led and len(phrase[:led.start()].split()) >= 2:
        phrase = phrase[:led.start()]
    phrase = " ".join(_NUMBERS.sub(" ", phrase).split()).strip(" ,")
    phrase = _SUBJECT_TO.sub(r"\1 \2", phrase)
    while len(phrase.split()) > _MAX_WORDS and _AND.search(phrase):
        phrase = _AND.split(phrase)[0]
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        phrase = " ".join(words[:_MAX_WORDS])
    return clean_objective(phrase)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_JOIN = re.compile(r",?\s+(?:and|but|so)\s+", re.I)


def _hope_sentences(source: str) -> list[str]:
    """The sentences of an answer without the person saying who they are ("I coordinate the
    repair crews at …"; "We run a food bank and we want …" -> "we want …")."""
    hopes = []
    for sentence in _SENTENCE_END.split(source.strip()):
        if signals.about_themselves(sentence):
            continue
        head, *rest = _JOIN.split(sentence, maxsplit=1)
        if rest and signals.about_themselves(head) and signals.wishes(rest[0]):
            sentence = rest[0]
        hopes.append(sentence)
    return [h for h in hopes if h.strip()]


def objective_candidate(state: CoachState) -> str | None:
    """A one-line, number-free objective in the user's words, or None when there is nothing yet."""
    answers = state.get("answers", {})
    sources = [
        *reversed(state.get("wishes", [])),
        *answers.get("best_hopes", []),
        *answers.get("future_perfect", []),
        *answers.get("meaning", []),
    ]
    for source in sources:
        for sentence in _hope_sentences(source):
            phrase = _phrase(sentence)
            if len(phrase.split()) >= 2:
                return phrase
    return None
