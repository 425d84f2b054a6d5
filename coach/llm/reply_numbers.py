"""Numbers for the reply guard: which numbers a reply states, and which it may state.

A number is a run of digits ("90", "1,200", "3.5", the "3" of "Q3"), normalised so that
"90.0" equals "90" and "06" equals "6". Number words in the person's own text ("seventy
percent") count as said too. Some digits are the coach's own furniture, not quantities, and
are never checked: the scale's ends ("0 to 10", "out of 10", "6/10"), ordinal labels
("KR 2", "Key Result 1", "Objective 1", "step 1") and list markers at the start of a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from coach.okr.wordnums import WORD_NUMBER_RE, word_number

# Facts whose values are the person's words or derived from them (the draft, the summary).
SAID_FACTS = ("user_text", "draft", "gathered", "key_results", "scale", "slot_values", "period",
              "news", "findings", "objective", "objective_candidate", "strength", "problem")
SCALE_SLOTS = frozenset({"scale", "scale_why", "scale_next"})

_NUMBER = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_FURNITURE = re.compile(
    r"\b0\s*(?:to|-|–|—)\s*10\b"  # the scale: "0 to 10", "0–10"
    r"|\bout of 10\b|/\s*10\b"  # "6 out of 10", "6/10"
    r"|\b(?:KRs?|key results?|objectives?|steps?|#)\s*#?[1-5]\b"  # ordinal labels
    r"|^\s*\d{1,2}[.)](?=\s)",  # list markers
    re.IGNORECASE | re.MULTILINE,
)


def normalise(raw: str) -> str:
    """One spelling per value: no thousands commas, no leading or trailing zeros."""
    whole, _, fraction = raw.replace(",", "").partition(".")
    fraction = fraction.rstrip("0")
    return str(int(whole)) + (f".{fraction}" if fraction else "")


def numbers_in(text: str) -> set[str]:
    """The numbers `text` states, furniture (scale ends, ordinals, list markers) left out."""
    return {normalise(m.group(0)) for m in _NUMBER.finditer(_FURNITURE.sub(" ", text))}


def said_numbers(text: str) -> set[str]:
    """Every number `text` contains, in digits or in words ("seventy" -> "70")."""
    found = {normalise(m.group(0)) for m in _NUMBER.finditer(text)}
    found |= {str(word_number(m)) for m in WORD_NUMBER_RE.finditer(text)}
    return found


def said_texts(messages: Iterable[tuple[str, str]], facts: Mapping[str, Any]) -> list[str]:
    """The texts whose numbers the person said: their messages and the facts drawn from them.

    Retrieved examples count only when they were offered in this prompt (`fresh_examples`).
    """
    texts = [content for role, content in messages if role == "user"]
    texts += [str(facts[key]) for key in SAID_FACTS if facts.get(key) is not None]
    if facts.get("fresh_examples") and facts.get("examples"):
        texts.append(str(facts["examples"]))
    return texts


def unsaid_numbers(
    reply: str,
    messages: Iterable[tuple[str, str]],
    facts: Mapping[str, Any],
    reference: str = "",
) -> list[str]:
    """The numbers of `reply` that neither the person nor the offline phrasing stated.

    For the scale questions (slots `scale`, `scale_why`, `scale_next`) every whole number
    from 0 to 10 is allowed: the reply may name points on the scale.
    """
    allowed: set[str] = set()
    for text in [*said_texts(messages, facts), reference]:
        allowed |= said_numbers(text)
    slot = str(facts.get("slot") or "").partition(":")[0]
    if slot in SCALE_SLOTS:
        allowed |= {str(n) for n in range(11)}
    return sorted(numbers_in(reply) - allowed, key=lambda n: (len(n), n))
