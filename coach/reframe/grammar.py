"""Small, rule-based English helpers for turning a user's phrase into reframe material.

No parser and no model: these rules cover the common shapes of workplace talk
("we can't answer calls", "the release is always late", "IT never replies").
"""

from __future__ import annotations

import re

from coach.reframe.lexicon import (
    ANTONYMS,
    CLAUSE_BREAK,
    CONTRACTIONS,
    word_set,
)

# First person -> second person for the focus phrase.
PERSON_SWAP: dict[str, str] = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "am": "are",
}

# Verbs whose final consonant doubles before -ing.
DOUBLING = word_set(
    """get set put let cut hit sit run stop plan ship drop shop chat fit swap skip tap
    map log win begin forget commit submit admit prefer refer occur regret control
    travel permit"""
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'%-]*")
_TRAILING_FILLERS = re.compile(
    r"(?:\s+(?:again|anymore|any more|at all|ever|either|all the time|every time|too|lately"
    r"|now|today|anyway|though|honestly|really|even))+$",
    re.IGNORECASE,
)
_CONTRACTION_RES = tuple((re.compile(p, re.IGNORECASE), r) for p, r in CONTRACTIONS)
_VOWELS = set("aeiou")
_DROP_WORDS = word_set("always constantly so too very really just still again far way")
_PREPOSITIONS = word_set("to from in on at for with like by over into than after before")
_THIRD_SINGULAR_ES = ("s", "sh", "ch", "x", "z", "o")


def expand_contractions(text: str) -> str:
    """`can't` -> `can not`, `we're` -> `we are` …; other characters keep their case."""
    out = text.replace("\u2019", "'").replace("\u2018", "'")
    for pattern, repl in _CONTRACTION_RES:
        out = pattern.sub(repl, out)
    return out


def first_clause(text: str, max_words: int = 10) -> str:
    """The first clause of `text` (cut at punctuation and conjunctions), at most N words."""
    clause = CLAUSE_BREAK.split(text.strip(), maxsplit=1)[0]
    words = clause.split()[:max_words]
    return _TRAILING_FILLERS.sub("", " ".join(words)).strip(" -'\"")


def swap_person(text: str) -> str:
    """First person to second person: `we can't reach our clients` -> `you can't reach your…`."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low == "am":
            return "are"
        if low == "was":
            return word  # fixed below, after "you"
        return PERSON_SWAP.get(low, word)

    swapped = _WORD.sub(repl, text)
    return re.sub(r"\byou was\b", "you were", swapped)


_CONTRACT = (
    (r"\bcan not\b", "can't"),
    (r"\bwill not\b", "won't"),
    (r"\b(do|does|did|is|are|was|were|have|has|would|could|should) not\b", r"\1n't"),
    (r"\byou are\b", "you're"),
    (r"^it is\b", "it's"),
)


def contract(text: str) -> str:
    """Undo `expand_contractions` for display: `you can not` -> `you can't`."""
    for pattern, repl in _CONTRACT:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text


def gerund(verb: str) -> str:
    """`answer` -> `answering`, `get` -> `getting`, `make` -> `making`, `be` -> `being`."""
    low = verb.lower()
    if low.endswith("ing") and len(low) > 4:
        return low
    if low in {"be", "see", "flee", "agree", "free"}:
        return low + "ing"
    if low.endswith("ie"):
        return low[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        return low[:-1] + "ing"
    if low in DOUBLING:
        return low + low[-1] + "ing"
    return low + "ing"


def third_singular(verb: str) -> str:
    """`listen` -> `listens`, `reach` -> `reaches`, `reply` -> `replies`, `have` -> `has`."""
    low = verb.lower()
    if low == "have":
        return "has"
    if low == "be":
        return "is"
    if low.endswith("y") and len(low) > 2 and low[-2] not in _VOWELS:
        return low[:-1] + "ies"
    if low.endswith(_THIRD_SINGULAR_ES):
        return low + "es"
    return low + "s"


def verb_phrase_to_gerund(vp: str) -> str:
    """`answer all calls` -> `answering all calls` (second person, first clause only)."""
    words = first_clause(vp).split()
    if not words:
        return ""
    words[0] = gerund(words[0])
    return swap_person(" ".join(words))


def positive_gerund(phrase: str) -> str | None:
    """`losing customers` -> `keeping customers` when the first word has a known antonym."""
    words = phrase.split()
    if not words:
        return None
    swap = ANTONYMS.get(words[0].lower())
    if swap is None:
        return None
    kept = [swap]
    for word in words[1:]:
        if word.lower() in _PREPOSITIONS:
            break
        kept.append(word)
    return " ".join(kept)


def drop_intensifiers(clause: str) -> str:
    """`the release is always late` -> `the release is late`."""
    words = clause.split()
    return " ".join(
        w
        for i, w in enumerate(words)
        if w.lower() not in _DROP_WORDS
        and not (w.lower().endswith("ly") and i + 1 < len(words) and len(w) > 4)
    )


def wanted_clause(clause: str) -> str | None:
    """A mechanical positive counterpart of a second-person problem clause, or None.

    `the release is always late` -> `the release is on time`;
    `the other team keeps breaking your builds` -> `the other team stops breaking your builds`;
    `IT never replies to your tickets` -> `IT replies to your tickets`;
    `management does not listen to the front line` -> `management listens to the front line`;
    `you can not keep up` -> `you can keep up`.
    """
    c = clause.strip()
    c = expand_contractions(c)
    if re.search(r"\b(?:do|does|did) not (?:think|believe|know|see|feel)\b", c, re.IGNORECASE):
        return None  # "you don't think anyone cares" has no safe mechanical opposite
    c = re.sub(r"^(?:of|for|due to|thanks to)\b.*?\b(you|they|he|she)\b", r"\1", c, flags=re.I)
    c = re.sub(r"\b(?:just|really|simply|still|honestly|often|sometimes) (?=can\b)", "", c)
    rules: tuple[tuple[str, str], ...] = (
        (r"\b(can|could|will) not\b", r"\1"),
        (r"\b(?:is|are|am) (?:unable|not able) to\b", "can"),
        (r"\b(?:struggles?|fails?|failed|never manages?|never managed) to\b", "can"),
        (
            r"\b(is|was) (?:so |really |very |too )?(?:hard|difficult|tough|impossible) to\b",
            r"\1 easy to",
        ),
        (r"^(?:nobody|no one|noone)\b", "everyone"),
        (r"\bkeeps\b", "stops"),
        (r"\bkeep\b", "stop"),
        (r"\bnever\b\s*", ""),
    )
    for pattern, repl in rules:
        new = re.sub(pattern, repl, c, count=1, flags=re.IGNORECASE)
        if new != c:
            return contract(re.sub(r"\s+", " ", new).strip())
    m = re.search(r"\b(do|does) not (\w+)\b", c, flags=re.IGNORECASE)
    if m:
        verb = m.group(2)
        new_verb = third_singular(verb) if m.group(1).lower() == "does" else verb
        return (c[: m.start()] + new_verb + c[m.end() :]).strip()
    m = re.search(r"\b(is|are|was|were|feels|feel|seems|seem)\b\s+(.*)$", c, flags=re.IGNORECASE)
    if m and len(c[: m.start()].split()) <= 5 and not re.search(r"\bthat\b", c[: m.start()]):
        rest = drop_intensifiers(m.group(2)).split()
        if rest and rest[0].lower() in ANTONYMS:
            if rest[0].lower().endswith("ing"):
                cut = [i for i, w in enumerate(rest) if i and w.lower() in _PREPOSITIONS]
                rest = rest[: cut[0]] if cut else rest
            rest[0] = ANTONYMS[rest[0].lower()]
            copula = {"was": "is", "were": "are"}.get(m.group(1).lower(), m.group(1))
            return contract(f"{c[: m.start()]}{copula} {' '.join(rest)}".strip())
    return None
