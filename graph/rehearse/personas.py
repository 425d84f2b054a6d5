"""Proposing the cast: 3–5 persona cards shaped by the team's function and the lead's worries.

The cards come from five archetypes (`ARCHETYPES`), in that order: a sceptic worried about
workload, an enthusiast who jumps to solutions, a quiet expert, a problem speaker and a
newcomer. The function's fills in `prompts/rehearse_personas.yaml` give each its role, what
it cares about, its concern and its hidden strength; a worry the lead named becomes a
persona's concern. Everything is deterministic: the same team gives the same cast.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Mapping
from typing import Any

from coach.prompt_files import fill, phrases
from graph.rehearse.models import PersonaCard, Team

BANK = "rehearse_personas.yaml"
ARCHETYPES: tuple[str, ...] = ("sceptic", "enthusiast", "quiet_expert", "problem_speaker",
                               "newcomer")
_WORRY_TAKERS = ("sceptic", "problem_speaker", "newcomer", "quiet_expert", "enthusiast")
_PRONOUNS = {"they": "we", "them": "us", "their": "our", "theirs": "ours",
             "themselves": "ourselves", "they're": "we're", "they'll": "we'll",
             "they've": "we've", "they'd": "we'd"}
_RESISTANCE_WORDS = {1: "easy to win over", 2: "needs some convincing", 3: "hard to win over"}


def bank() -> dict[str, Any]:
    """The offline persona bank (archetypes, function fills, lines, voices)."""
    return phrases(BANK)


def stable(*parts: object) -> int:
    """A number from `parts` that is the same in every process (unlike `hash`)."""
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8"))


def function_fills(function: str) -> dict[str, Any]:
    """The bank's fills for a team function ("" or an unknown one: the general fills)."""
    functions: dict[str, Any] = bank()["functions"]
    found: dict[str, Any] = functions.get(function or "general") or functions["general"]
    return found


def fill_values(team: Team) -> dict[str, str]:
    """The plain-text fills ($daily, $users, $tool, $win, $topic) of the team's function."""
    fills = function_fills(team.function)
    values = {k: str(v) for k, v in fills.items() if isinstance(v, str)}
    if team.parent_objective:
        values["topic"] = team.parent_objective
    return values


def as_our_worry(worry: str) -> str:
    """The lead's "they worry about X" as a team member would say it ("we", "our")."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = _PRONOUNS[word.lower()]
        return new.capitalize() if word[0].isupper() else new
    pattern = r"\b(?:" + "|".join(sorted(map(re.escape, _PRONOUNS), key=len, reverse=True))
    return re.sub(pattern + r")(?![\w'])", swap, worry.strip(), flags=re.I)


def pick_name(taken: Collection[str], seed: int) -> str:
    """A name from the bank not yet taken (and with a new initial when possible)."""
    names: list[str] = bank()["names"]
    initials = {n[:1].lower() for n in taken}
    lowered = {n.lower() for n in taken}
    start, fallback = seed % len(names), ""
    for offset in range(len(names)):
        name = names[(start + offset * 7) % len(names)]
        if name.lower() in lowered:
            continue
        if name[:1].lower() not in initials:
            return name
        fallback = fallback or name
    return fallback or f"Member{len(taken) + 1}"


def make_card(archetype: str, team: Team, name: str, concern: str = "") -> PersonaCard:
    """One card of `archetype`, shaped by the team's function."""
    spec: Mapping[str, Any] = bank()["archetypes"][archetype]
    fills = function_fills(team.function)
    values = fill_values(team)
    return PersonaCard(
        name=name,
        role=str(fills["roles"][archetype]),
        voice=spec["voice"],
        cares_about=fill(spec["cares_about"], **values),
        concern=concern or fill(spec["concern"], **values),
        hidden_strength=fill(spec["hidden_strength"], **values),
        resistance=int(spec["resistance"]),
        archetype=archetype,
    )


def propose_cast(team: Team, count: int = 4) -> list[PersonaCard]:
    """3–5 persona cards for `team` (count is clamped to 3–5)."""
    count = max(3, min(5, count))
    archetypes = ARCHETYPES[:count]
    takers = [a for a in _WORRY_TAKERS if a in archetypes]
    concerns = {takers[i]: as_our_worry(w) for i, w in enumerate(team.worries[: len(takers)])}
    seed = stable(team.function, team.description, team.parent_objective)
    cards: list[PersonaCard] = []
    for index, archetype in enumerate(archetypes):
        name = pick_name({c.name for c in cards}, seed + index * 3)
        cards.append(make_card(archetype, team, name, concerns.get(archetype, "")))
    return cards


def card_line(card: PersonaCard, *, strength: bool = False) -> str:
    """A one-line summary of a card for the set-up screen (the hidden strength on request)."""
    kind = card.archetype.replace("_", " ") or "team member"
    line = (f"{card.name} — {card.role} ({kind}, {card.voice}): cares about {card.cares_about}; "
            f"concern: {card.concern}; {_RESISTANCE_WORDS[card.resistance]}")
    return line + (f"; hidden strength: {card.hidden_strength}" if strength else "")
