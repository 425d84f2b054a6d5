"""Edits of the proposed cast, read from the lead's set-up turns (re-exported by `setup`).

"call Priya Anna", "rename Sam to Alex", "make Ben sarcastic", "Ben's concern is …", "Lea
cares about …", "drop the newcomer", "add a sceptic", "looks good" / "let's go" (the start
signal). Several edits in one turn are read one by one ("rename Sam to Alex and make Ben
terse"). The cast keeps 3–5 cards: an edit that would break that, or names nobody in the
cast, comes back with a `refusal` the planner can say as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from graph.rehearse.models import PersonaCard, Team, Voice
from graph.rehearse.personas import ARCHETYPES, make_card, pick_name

MIN_CAST, MAX_CAST = 3, 5

Action = Literal["rename", "voice", "concern", "cares_about", "strength", "role", "resistance",
                 "archetype", "drop", "add"]


class CardChange(BaseModel):
    """One change to the cast."""

    action: Action
    target: str = ""
    """The name of the card it changes ("" for `add`)."""
    value: str = ""
    """The new name, voice, text, resistance ("1"–"3") or archetype; for `add`, the
    archetype (and `name` the new person's name when the lead gave one)."""
    name: str = ""


class CardEdit(BaseModel):
    """What one lead turn does to the proposed cast."""

    changes: list[CardChange] = Field(default_factory=list)
    start: bool = False
    """The lead is happy with the cast and wants to begin ("start", "looks good", "let's go")."""
    refusal: str | None = None
    """Why the edit is not applied (say it as it is); None when it can be applied."""


_VOICES: dict[str, Voice] = {}
for _voice, _words in {
    "terse": "terse short blunt curt brief laconic",
    "rambling": "rambling chatty talkative long-winded wordy rambly",
    "sarcastic": "sarcastic cynical snarky dry ironic",
    "quiet": "quiet shy reserved timid silent",
    "eager": "eager enthusiastic keen excited energetic",
    "measured": "measured calm thoughtful careful balanced",
}.items():
    for _word in _words.split():
        _VOICES[_word] = _voice  # type: ignore[assignment]
_ARCH_WORDS = {"sceptic": "sceptic", "skeptic": "sceptic", "cynic": "sceptic",
               "critic": "sceptic", "enthusiast": "enthusiast", "optimist": "enthusiast",
               "fan": "enthusiast", "quiet expert": "quiet_expert", "expert": "quiet_expert",
               "quiet one": "quiet_expert", "problem speaker": "problem_speaker",
               "complainer": "problem_speaker", "moaner": "problem_speaker",
               "pessimist": "problem_speaker", "newcomer": "newcomer", "new hire": "newcomer",
               "new joiner": "newcomer", "new person": "newcomer", "new one": "newcomer",
               "junior": "newcomer", "quiet_expert": "quiet_expert",
               "problem_speaker": "problem_speaker"}
_ARCH = "|".join(sorted(map(re.escape, _ARCH_WORDS), key=len, reverse=True))
_START = re.compile(
    r"^(?:(?:ok(?:ay)?|yes|yeah|great|fine|good|perfect|sure|alright|all right|cool|nice|"
    r"lovely|thanks?|thank you)\W*)*(?:(?:then|so|now)\s+)?(?:(?:let'?s|we can|i'?m ready to)\s+)?"
    r"(?:go|start|begin|rehearse|get going|get started|do (?:it|this)|start (?:the )?"
    r"(?:rehearsal|workshop)|begin (?:the )?(?:rehearsal|workshop)|looks? (?:good|great|fine|"
    r"right)(?: to me)?|sounds? (?:good|great|fine)|that'?s (?:fine|good|great|perfect)|"
    r"(?:i'?m |we'?re )?ready|good to go|go ahead|ok(?:ay)?|yes|perfect)?(?:\s+now)?\W*$", re.I)
_STARTERS = r"(?:make|call|rename|drop|remove|delete|add|let'?s|start|begin|looks|sounds|give|"


def _ref(cards: Sequence[PersonaCard]) -> str:
    names = "|".join(re.escape(c.name) for c in cards)
    return (rf"(?P<t>{names + '|' if names else ''}the (?:{_ARCH})|the [a-z]+(?: [a-z]+)?|"
            r"(?!(?:it|them|that|this|him|her|everyone|someone)\b)[a-z][\w'-]*)")


def _find(cards: Sequence[PersonaCard], ref: str) -> PersonaCard | None:
    ref = re.sub(r"^the\s+", "", ref.strip().lower())
    for card in cards:
        if card.name.lower() == ref:
            return card
    arch = _ARCH_WORDS.get(ref)
    for card in cards:
        if (arch and card.archetype == arch) or (not arch and ref in card.role.lower().split()):
            return card
    return None


def _parse(clause: str, cards: Sequence[PersonaCard]) -> CardChange | str | None:
    """One clause as a change, or a refusal string (an unknown person), or None."""
    ref, vws = _ref(cards), "|".join(sorted(_VOICES, key=len, reverse=True))
    extra = r"(?:more |a bit |a little |very |really |quite |rather )?"
    role, new = r"[a-z][\w -]{2,60}", r"[A-Za-z][\w'-]*"
    forms: list[tuple[str, str]] = [
        ("rename", rf"^(?:let'?s |please )?(?:call|rename)\s+{ref}\s+(?:to |as )?(?P<v>{new})$"),
        ("rename", rf"^{ref}\s+(?:should be called|is called|becomes)\s+(?P<v>{new})$"),
        ("rename", rf"^change {ref}'s name to\s+(?P<v>{new})$"),
        ("drop", rf"^(?:please )?(?:drop|remove|delete|lose|cut|skip)\s+{ref}$"),
        ("drop", rf"^(?:we )?(?:don'?t|do not) need\s+{ref}$"),
        ("add", rf"^(?:please )?add (?:a|an|another|one more)\s+(?P<v>{_ARCH})"
                r"(?:,? (?:called|named) (?P<n>[A-Za-z][\w'-]*))?$"),
        ("add", rf"^(?:please )?add (?P<n>{new}),? (?:a|an|the|as (?:a|an))\s+(?P<v>{_ARCH})$"),
        ("add", r"^(?:please )?add (?:someone|somebody|one more|another (?:person|one)|"
                r"a person)(?P<v>)$"),
        ("voice", rf"^(?:make|let)\s+{ref}\s+(?:be |sound )?{extra}(?P<v>{vws})$"),
        ("voice", rf"^{ref}\s+(?:is|should be|sounds|talks|can be)\s+{extra}(?P<v>{vws})$"),
        ("resistance", rf"^(?:make\s+)?{ref}\s+(?:is |should be )?(?P<v>harder|easier|hard|easy|"
                       r"tough|tougher)(?: to (?:win over|convince))?$"),
        ("concern", rf"^{ref}(?:'s| has a| has the)?\s+(?:main |biggest )?(?:concern|worry|fear)"
                    r"\s+(?:is|:)\s*(?:that\s+)?(?P<v>.+)$"),
        ("concern", rf"^{ref}\s+(?:is worried|worries|is concerned|fears|is afraid)"
                    r"\s*(?:about|that|of)?\s+(?P<v>.+)$"),
        ("cares_about", rf"^{ref}\s+(?:cares|really cares) (?:most )?about\s+(?P<v>.+)$"),
        ("cares_about", rf"^{ref}'s\s+(?:priority|main care|passion) is\s+(?P<v>.+)$"),
        ("strength", rf"^{ref}'s\s+(?:hidden |secret |real )?strength is\s+(?P<v>.+)$"),
        ("strength", rf"^{ref}\s+is (?:really |very |quietly )?good at\s+(?P<v>.+)$"),
        ("archetype", rf"^make\s+{ref}\s+(?:a|an|the|our)\s+(?P<v>{_ARCH})$"),
        ("archetype", rf"^{ref}\s+is (?:a|an|the|our)\s+(?P<v>{_ARCH})$"),
        ("role", rf"^make\s+{ref}\s+(?:a|an|our)\s+(?P<v>{role})$"),
        ("role", rf"^{ref}\s+is (?:a|an|our)\s+(?P<v>{role})$"),
        ("role", rf"^{ref}'s role is(?: a| an)?\s+(?P<v>{role})$"),
    ]
    for action, pattern in forms:
        found = re.match(pattern, clause, re.I)
        if not found:
            continue
        groups = found.groupdict()
        value = (groups.get("v") or "").strip(" \"'“”")
        name = (groups.get("n") or "").strip()
        if action == "add":
            return CardChange(action="add", value=_ARCH_WORDS.get(value.lower(), ""),
                              name=name[:1].upper() + name[1:])
        card = _find(cards, groups["t"])
        if card is None:
            who = ", ".join(c.name for c in cards)
            return f"I can't find {groups['t']} in the cast — the team is {who}. Who did you mean?"
        if action == "voice":
            value = _VOICES[value.lower()]
        elif action == "resistance":
            value = "1" if value.lower().startswith("eas") else "3"
        elif action == "archetype":
            value = _ARCH_WORDS[value.lower()]
        elif action == "rename":
            value = value[:1].upper() + value[1:]
        return CardChange(action=action, target=card.name, value=value)
    return None


def _clauses(text: str, cards: Sequence[PersonaCard]) -> list[str]:
    names = "|".join(re.escape(c.name) for c in cards)
    starts = _STARTERS + (names + "|" if names else "") + r"the (?:" + _ARCH + r"))\b"
    parts: list[str] = []
    for sentence in re.split(r"[.;!?\n]+", text):
        parts += re.split(rf",?\s+(?:and|then|also|plus)\s+(?={starts})|,\s*(?={starts})",
                          sentence, flags=re.I)
    return [p.strip(" ,") for p in parts if p and p.strip(" ,")]


def check_edit(cards: Sequence[PersonaCard], edit: CardEdit) -> str | None:
    """Why `edit` cannot be applied to `cards`, or None when it can."""
    count, names = len(cards), {c.name.lower() for c in cards}
    for change in edit.changes:
        if change.action == "drop":
            count -= 1
            if count < MIN_CAST:
                return (f"I'd keep at least {MIN_CAST} people in the room, so {change.target} "
                        "stays — shall I change them instead, or swap them for someone else?")
        elif change.action == "add":
            count += 1
            if count > MAX_CAST:
                return (f"{MAX_CAST} is the most I can play well at once — drop someone first, "
                        "and I'll add the new person.")
        elif change.action == "rename" and change.value.lower() in names - {change.target.lower()}:
            return f"There is already a {change.value} in the cast — which other name shall I use?"
    return None


def read_card_edit(text: str, cards: Sequence[PersonaCard]) -> CardEdit | None:
    """Read a set-up turn as an edit of the cast; None when it edits nothing and isn't a go."""
    text = text.replace("’", "'").strip()
    edit, refusal = CardEdit(), None
    for clause in _clauses(text, cards):
        parsed = _parse(clause, cards)
        if isinstance(parsed, CardChange):
            edit.changes.append(parsed)
        elif isinstance(parsed, str):
            refusal = refusal or parsed
        elif _START.match(clause) and re.search(r"\w", clause):
            edit.start = True
    if not edit.changes and not edit.start and refusal is None:
        return None
    edit.refusal = refusal or check_edit(cards, edit)
    return edit


def apply_edit(cards: Sequence[PersonaCard], edit: CardEdit,
               team: Team | None = None) -> list[PersonaCard]:
    """The cast after `edit` (unchanged when the edit is refused)."""
    if edit.refusal or check_edit(cards, edit):
        return list(cards)
    cast = list(cards)
    fields = {"concern": "concern", "cares_about": "cares_about", "strength": "hidden_strength",
              "role": "role", "voice": "voice", "archetype": "archetype", "rename": "name"}
    for change in edit.changes:
        index = next((i for i, c in enumerate(cast) if c.name == change.target), None)
        if change.action == "add":
            present = {c.archetype for c in cast}
            arch = change.value or next((a for a in ARCHETYPES if a not in present), "sceptic")
            name = change.name or pick_name({c.name for c in cast}, len(cast) + len(arch))
            cast.append(make_card(arch, team or Team(), name=name))
        elif index is None:
            continue
        elif change.action == "drop":
            cast.pop(index)
        elif change.action == "resistance":
            cast[index] = cast[index].model_copy(update={"resistance": int(change.value)})
        else:
            cast[index] = cast[index].model_copy(update={fields[change.action]: change.value})
    return cast
