"""The offline reaction engine: how the simulated team answers one lead turn (no model).

Who answers: a persona the lead addressed by name; else, when the lead invites a quiet voice,
the quiet one; else a deterministic rotation by turn that favours a persona whose concern or
care shares words with the lead's turn. On every third turn (or when the lead asks the whole
team) a second persona answers too.

How they react: advice → pushback (the enthusiast agrees); several questions → "which one
first?"; a resource question → the persona's hidden strength surfaces (only then); a concern
turned into a hope → the persona softens into a hope once won over enough (resistance), else
"not yet"; a closed question → a short answer plus the concern; problem focus → more problem
talk; an open question → a hope (in the Future Gallery sometimes a task dressed as a KR, an
off-topic idea or a measurable KR candidate; in the Gift Shop a small step). Every line is
styled by the persona's voice. The same inputs always give the same reply; `turn` varies it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

from coach.prompt_files import fill
from graph.rehearse.models import LeadLabels, PersonaCard, PersonaLine, Team
from graph.rehearse.personas import bank, fill_values, function_fills, stable

MOOD_MIN, MOOD_MAX = -3, 5
WON_OVER = {1: 1, 2: 2, 3: 4}
"""The mood a persona of each resistance needs before a concern softens into a hope."""
CONCERN_KINDS = frozenset({"problem", "pushback_on_advice", "short_closed_answer", "not_yet"})
HOPE_KINDS = frozenset({"hope", "softens_into_hope"})
_FUTURE_KINDS = {
    "enthusiast": ("task_as_kr", "hope", "kr_candidate", "off_topic"),
    "sceptic": ("hope", "kr_candidate", "task_as_kr", "hope"),
    "quiet_expert": ("kr_candidate", "hope", "kr_candidate", "off_topic"),
    "problem_speaker": ("hope", "off_topic", "kr_candidate", "hope"),
    "newcomer": ("hope", "task_as_kr", "kr_candidate", "hope"),
}
_BY_VOICE = {"sarcastic": "sceptic", "eager": "enthusiast", "quiet": "quiet_expert",
             "rambling": "problem_speaker", "terse": "newcomer", "measured": "sceptic"}
_WARM = frozenset({"hope", "softens_into_hope", "strength_surfaces", "agrees", "small_step",
                   "kr_candidate"})
_WHOLE_TEAM = re.compile(r"\b(?:everyone|everybody|all of you|you all|each of you|anyone|"
                         r"anybody|the rest of you|what do you think,? team)\b", re.I)
_STOP_WORDS = ("about after again also because been before being could does doing from "
                  "have here into just like make more most much need only other over really "
                  "should some than that their them then there these they thing think this "
                  "those very want what when where which while will with would your yours "
                  "team today")
_STOP = frozenset(_STOP_WORDS.split())


class Reply(BaseModel):
    """The team's answer to one lead turn, and what it changed."""

    lines: list[PersonaLine] = Field(default_factory=list)
    moods: dict[str, int] = Field(default_factory=dict)
    """Per persona, how won over they are (0 at the start; up with good turns, down with
    advice and problem talk)."""
    revealed: list[str] = Field(default_factory=list)
    """The names whose hidden strength has surfaced (this turn or before)."""
    concerns: list[str] = Field(default_factory=list)
    """The concern texts voiced this turn."""
    hopes: list[str] = Field(default_factory=list)
    """The hope texts voiced this turn."""
    kr_candidates: list[str] = Field(default_factory=list)
    """Measurable KR candidates a persona offered this turn (in the persona's own words)."""


def turn_delta(labels: LeadLabels) -> int:
    """How much one lead turn wins the team over (-2 … +2)."""
    delta = 0
    if labels.advice:
        delta -= 2
    if labels.focus == "problem":
        delta -= 1
    if labels.question and labels.open:
        delta += 1
    if labels.focus in ("future", "resource"):
        delta += 1
    if labels.concern_to_hope or labels.names_strength or labels.team_words:
        delta += 1
    return max(-2, min(2, delta))


def won_over(card: PersonaCard, mood: int) -> bool:
    """Whether `card` is won over enough to soften (a hard persona needs more good turns)."""
    return mood >= WON_OVER[card.resistance]


def archetype_of(card: PersonaCard) -> str:
    """The bank's archetype for `card` (from its voice when it has none)."""
    return card.archetype if card.archetype in _FUTURE_KINDS else _BY_VOICE[card.voice]


def addressed(cards: Sequence[PersonaCard], lead_text: str) -> list[PersonaCard]:
    """The personas the lead named, in the order named."""
    found = []
    for card in cards:
        hit = re.search(rf"(?<![\w']){re.escape(card.name)}(?![\w])", lead_text, re.I)
        if hit:
            found.append((hit.start(), card))
    return [card for _, card in sorted(found, key=lambda pair: pair[0])]


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def _rotation(cards: Sequence[PersonaCard], turn: int) -> list[PersonaCard]:
    start = turn % len(cards)
    return list(cards[start:]) + list(cards[:start])


def speakers(cards: Sequence[PersonaCard], labels: LeadLabels, lead_text: str,
             turn: int) -> list[PersonaCard]:
    """Who answers this turn (one or two personas)."""
    order = _rotation(cards, turn)
    named = addressed(cards, lead_text)
    if named:
        chosen = named[:2]
    elif labels.invites_voice:
        quiet = [c for c in order if c.voice == "quiet" or archetype_of(c) == "quiet_expert"]
        new = [c for c in order if archetype_of(c) == "newcomer"]
        chosen = (quiet or new or order)[:1]
    else:
        topic = _words(lead_text)
        topical = [c for c in order if topic & _words(f"{c.concern} {c.cares_about}")]
        first = (topical or order)[0]
        if labels.advice and archetype_of(first) == "enthusiast":
            first = next((c for c in order if archetype_of(c) != "enthusiast"), first)
        chosen = [first]
        if len(cards) > 1 and (turn % 3 == 2 or _WHOLE_TEAM.search(lead_text)):
            chosen.append(next(c for c in order if c is not first))
    if labels.advice and all(archetype_of(c) == "enthusiast" for c in chosen):
        other = next((c for c in order if archetype_of(c) != "enthusiast"), None)
        if other is not None:
            chosen.append(other)
    return chosen


def reaction(card: PersonaCard, labels: LeadLabels, room: str, mood: int, turn: int,
             position: int = 0) -> str:
    """The kind of line `card` answers with (the bank's key under its archetype)."""
    arch = archetype_of(card)
    if labels.advice:
        return "agrees" if arch == "enthusiast" else "pushback_on_advice"
    if labels.several_questions and position == 0:
        return "which_question_first"
    if labels.question and labels.focus == "resource":
        return "strength_surfaces"
    if labels.concern_to_hope:
        return "softens_into_hope" if won_over(card, mood) else "not_yet"
    if labels.question and not labels.open:
        return "short_closed_answer"
    if labels.focus == "problem":
        return "problem"
    if room == "gift_shop":
        return "small_step"
    if labels.question:
        if room == "future_gallery" and labels.focus in ("future", "neutral"):
            cycle = _FUTURE_KINDS[arch]
            return cycle[(turn + position) % len(cycle)]
        return "hope"
    return "hope" if labels.invites_voice else "agrees"


def _pick(options: Sequence[Any], *seed: object) -> Any:
    return options[stable(*seed) % len(options)]


def _values(card: PersonaCard, team: Team, kind: str, turn: int) -> dict[str, str]:
    fills = function_fills(team.function)
    hopes = bank()["archetypes"][archetype_of(card)]["hopes"]
    values = fill_values(team)
    values.update(concern=card.concern, cares=card.cares_about, strength=card.hidden_strength)
    values["hope"] = fill(_pick(hopes, card.name, "hope", turn), **values)
    for key, source in (("task", "tasks"), ("idea", "off_topic"), ("kr", "kr_candidates"),
                        ("step", "small_steps")):
        values[key] = str(_pick(fills[source], card.name, key, turn))
    return values


def _tidy(text: str) -> str:
    text = " ".join(text.split()).replace("..", ".")
    text = re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _style(text: str, card: PersonaCard, kind: str, turn: int, key: str,
           values: Mapping[str, str]) -> str:
    """The line in the persona's voice."""
    voices = bank()["voices"]
    seed = (card.name, card.voice, kind, turn)
    if card.voice == "terse":
        parts = _sentences(text)
        kept = [s for i, s in enumerate(parts)
                if (key and key in s) or (i == 0 and len(s.split()) <= 3)] or parts[:1]
        if parts[0] not in kept and len(" ".join([parts[0], *kept]).split()) <= int(
                voices["terse"]["max_words"]):
            kept.insert(0, parts[0])
        text = re.sub(r"^(?:Honestly|Well|Okay|Oh|Fine|So|Actually|Hm)[,.!?]?\s+(?:—\s+)?", "",
                      " ".join(kept))
        return _tidy(text)
    if card.voice == "rambling":
        parts = _sentences(text)
        aside = fill(_pick(voices["rambling"]["asides"], *seed), **values)
        return " ".join([parts[0], aside, *parts[1:]])
    if card.voice == "sarcastic":
        if kind in _WARM:
            return f"{text} {_pick(voices['sarcastic']['soft_edges'], *seed)}"
        return f"{_pick(voices['sarcastic']['edges'], *seed)} {text}"
    opener = str(_pick(voices[card.voice]["openers"], *seed))
    if opener.split()[0].strip("…,").lower() == text.split()[0].strip("…,.").lower():
        opener = "Um… " if card.voice == "quiet" else ""
    if card.voice == "quiet":
        if not re.match(r"I\b|I'", text):
            text = text[:1].lower() + text[1:]
        return opener + re.sub(r"[.!]$", "…", text)
    if card.voice == "eager":
        text = re.sub(r"\.$", "!", text)
        if re.match(r"(?:Oh|Ooh|Yes|Okay|Easy|Love|Great)\b", text):
            return text
        lower = opener.endswith((", ", "— ")) and not re.match(r"I\b|I'", text)
        return opener + (text[:1].lower() + text[1:] if lower else text)
    return opener + (text[:1].lower() + text[1:] if opener.endswith(", ") and
                     not re.match(r"I\b|I'", text) else text)


def line_for(card: PersonaCard, kind: str, team: Team, turn: int) -> tuple[PersonaLine, str]:
    """One styled line of `kind` for `card`, and the content it carries (the hope, the
    concern, the KR candidate …)."""
    values = _values(card, team, kind, turn)
    lines: dict[str, list[str]] = bank()["lines"][archetype_of(card)]
    template = _pick(lines[kind], card.name, kind, turn)
    content_key = {"hope": "hope", "softens_into_hope": "hope", "strength_surfaces": "strength",
                   "task_as_kr": "task", "off_topic": "idea", "kr_candidate": "kr",
                   "small_step": "step"}.get(kind, "concern" if kind in CONCERN_KINDS else "")
    content = values.get(content_key, "") if content_key else ""
    text = _tidy(fill(template, **values))
    key_text = next((s for s in _sentences(text) if content and content[:12].lower() in
                     s.lower()), "")
    styled = _style(text, card, kind, turn, key_text, values)
    return PersonaLine(persona=card.name, text=styled, kind=kind), content


def answer(cards: Sequence[PersonaCard], moods: Mapping[str, int], labels: LeadLabels,
           room: str, lead_text: str, team: Team, turn: int,
           revealed: Collection[str] = ()) -> Reply:
    """The team's reply to one lead turn (1–2 persona lines) and the moods after it."""
    if not cards:
        return Reply(moods=dict(moods), revealed=list(revealed))
    delta = turn_delta(labels)
    chosen = speakers(cards, labels, lead_text, turn)
    named = addressed(cards, lead_text)
    new_moods = {}
    for card in cards:
        seen = labels.invites_voice or labels.concern_to_hope or card in named
        bonus = 1 if card in chosen and delta > 0 and seen else 0
        mood = moods.get(card.name, 0) + delta + bonus
        new_moods[card.name] = max(MOOD_MIN, min(MOOD_MAX, mood))
    reply = Reply(moods=new_moods)
    shown = set(revealed)
    for position, card in enumerate(chosen):
        kind = reaction(card, labels, room, new_moods[card.name], turn, position)
        line, content = line_for(card, kind, team, turn)
        reply.lines.append(line)
        if kind == "strength_surfaces":
            shown.add(card.name)
        elif kind in CONCERN_KINDS:
            reply.concerns.append(card.concern)
        elif kind in HOPE_KINDS:
            reply.hopes.append(content)
        elif kind == "kr_candidate":
            reply.kr_candidates.append(content)
    reply.revealed = [c.name for c in cards if c.name in shown] + sorted(
        shown - {c.name for c in cards})
    return reply
