"""Scanning helpers shared by the problem-talk cue finders: hits, clauses, frames."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.reframe import grammar
from coach.reframe.lexicon import (
    CLAUSE_BREAK,
    DESIRABLE,
    FALSE_FRIENDS,
    GOAL_FRAME,
    GOOD_MOVES,
    HEDGE_VERBS,
    INTENSIFIERS,
    MORE_INTENSIFIERS,
    MORE_PHRASES,
    NEG_GAP,
    NEGATORS,
    PAST_MARKERS,
    PHRASES,
    word_set,
)

Kind = Literal["unwanted", "inability", "complaint", "blame", "worry", "negative_state"]
Shape = Literal["vp", "np", "clause"]


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Kind
    weight: float
    start: int
    end: int
    cue_start: int
    cue_end: int
    focus: str
    shape: Shape
    phrase: bool
    raw: str = ""


FLAGS = re.IGNORECASE


def _anchors(pattern: str) -> frozenset[str]:
    """Literal words of a pattern; every match contains at least one of them.

    Used as a cheap substring prefilter (the detector runs on every turn). Escapes,
    group names and letters made optional by `?`/`*` are cut out, so each anchor is a
    plain substring of any text the pattern can match. Empty means "always run".
    """
    src = re.sub(r"\(\?P<\w+>|\\[a-zA-Z]|\[[^\]]*\]|[a-zA-Z][?*]|\{[^}]*\}", " ", pattern.lower())
    return frozenset(re.findall(r"[a-z]{3,}", src))


COMPILED_PHRASES = tuple(
    (re.compile(p, FLAGS), kind, w, _anchors(p)) for p, kind, w in PHRASES + MORE_PHRASES
)
ALL_ANCHORS = tuple(sorted(frozenset().union(*(a for _, _, _, a in COMPILED_PHRASES))))
BOOST = INTENSIFIERS | MORE_INTENSIFIERS
# Frame scope: a "would"/"want"/"goal" reaches across "and" but not past these.
_FRAME_BREAK = re.compile(r"[,;:.!?()]|\s-\s|\b(?:but|because|since|so|although|though|when"
                          r"|while|whereas|unless|yet|now)\b", FLAGS)
# Phrase kinds that already say what is not wanted: a goal frame does not cancel them.
FRAME_PROOF = frozenset({"unwanted", "worry"})
_NEG_SUBJECTS = word_set("i we you")
CONTRAST = re.compile(r"\bbut\b", FLAGS)
# "slipping one date was fine": a positive verdict later in the same clause.
VERDICT = re.compile(
    r"\b(?:is|was|were|are|been|be|turned out|seems?|seemed)\s+(?:totally |actually |really "
    r"|completely |perfectly |quite )?(?:fine|ok|okay|good|great|worth it|manageable"
    r"|acceptable|no big deal|not a problem|not an issue|under control)\b",
    FLAGS,
)
FALSE = re.compile("|".join(rf"\b(?:{p})" for p in FALSE_FRIENDS + GOOD_MOVES), FLAGS)
TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CLAUSE_SEP = re.compile(r"[,;:.!?()]|\s-\s")
_CLAUSE_WORDS = word_set("but although though however yet whereas")
QUESTION = re.compile(r"^\s*(?:why|how|what|who|when|where|is|are|does|do)\b.*\?\s*$", FLAGS)
KEEP = frozenset({"keep", "keeps", "kept"})
# "Increase NPS from 30 to 45", "Keep the error rate below 1%": a KR, not a complaint.
KR_SHAPE = re.compile(
    r"^\s*(?:increase|reduce|decrease|cut|grow|raise|improve|keep|maintain|lower|halve"
    r"|double|move|reach|get|bring|shorten|achieve)\b[^.!?]*\d",
    FLAGS,
)
_KINDS: frozenset[str] = frozenset(
    ("unwanted", "inability", "complaint", "blame", "worry", "negative_state")
)


def as_kind(name: str) -> Kind:
    if name not in _KINDS:  # pragma: no cover - lexicon typo guard
        raise ValueError(f"unknown problem-talk kind {name!r}")
    return name  # type: ignore[return-value]


def _clause_start(text: str, pos: int) -> int:
    """Index where the clause containing `pos` starts."""
    start = 0
    for m in _CLAUSE_SEP.finditer(text, 0, pos):
        start = m.end()
    for m in TOKEN.finditer(text, start, pos):
        if m.group(0).lower() in _CLAUSE_WORDS:
            start = m.end()
    return start


def words_before(text: str, pos: int, n: int) -> list[str]:
    head = text[_clause_start(text, pos) : pos]
    return [w.lower() for w in TOKEN.findall(head)][-n:]


def in_past(text: str, pos: int) -> bool:
    head = text[_clause_start(text, pos) : pos].lower()
    return any(marker in head for marker in PAST_MARKERS)


def in_goal_frame(text: str, pos: int) -> bool:
    """True when `pos` sits in a wanted/hypothetical clause ("we'd have fewer …")."""
    start = 0
    for m in _FRAME_BREAK.finditer(text, 0, pos):
        start = m.end()
    return bool(GOAL_FRAME & {w.lower() for w in TOKEN.findall(text[start:pos])})


def segment(text: str, cue_start: int, cue_end: int) -> str:
    """The clause segment around a cue, in second person, contractions restored."""
    seg_start = 0
    prev_start = 0
    for m in CLAUSE_BREAK.finditer(text, 0, cue_start):
        if m.end() <= cue_start:
            prev_start, seg_start = seg_start, m.end()
    head = text[prev_start:seg_start]
    subjects = ""
    if re.fullmatch(r"\s*(?:the |our |my )?[A-Za-z-]+(?: [A-Za-z-]+)?\s+and\s+", head):
        subjects = head.strip() + " "  # "Engineering and product don't talk": both subjects
    m_end = CLAUSE_BREAK.search(text, cue_end)
    seg = text[seg_start : m_end.start() if m_end else len(text)]
    seg = re.sub(
        r"^\s*(?:honestly|frankly|to be honest|well|so|ok|okay|yes|yeah)\b,?\s*",
        "",
        seg,
        flags=FLAGS,
    )
    return grammar.contract(grammar.swap_person(subjects + grammar.first_clause(seg, 14)))


_GET_FORMS = frozenset({"get", "gets", "got", "getting", "gotten"})
_GET_BAD = frozenset({"hurt", "stuck", "lost", "caught", "burnt", "sick", "woken", "shouted",
                      "overwhelmed", "left"})


def negated_action_hits(text: str, masked: list[tuple[int, int]]) -> list[Hit]:
    """ "nobody reads the reports", "IT never replies", "we haven't even built it",
    "I'm not invited", "the sync stopped working": a wanted action that does not happen."""
    hits: list[Hit] = []
    tokens = list(TOKEN.finditer(text))
    low = [t.group(0).lower() for t in tokens]
    for i, word in enumerate(low):
        if word not in DESIRABLE:
            continue
        if word in _GET_FORMS and i + 1 < len(low) and (
            low[i + 1].endswith("ed") or low[i + 1] in _GET_BAD
        ):
            continue  # "nobody gets paged / hurt / blamed": an unwanted thing not happening
        pos = tokens[i].start()
        clause_start = _clause_start(text, pos)
        j = i - 1
        while j >= 0 and tokens[j].start() >= clause_start and low[j] in NEG_GAP:
            j -= 1
        if j < 0 or tokens[j].start() < clause_start or i - j > 5:
            continue
        neg = low[j]
        if neg == "one" and j and low[j - 1] == "no":
            neg, j = "no one", j - 1
        if neg not in NEGATORS | {"no one", "stopped", "stop", "stops"}:
            continue
        if neg in {"no", "none", "without", "zero"} and not (
            j + 1 < len(low) and low[j + 1] in {"longer", "one"}
        ):
            continue  # "no progress" is a noun phrase; "no longer reply" is the action
        if neg in {"stopped", "stop", "stops"} and not word.endswith("ing"):
            continue
        between = low[j + 1 : i]
        if any(
            w == "to" and k and between[k - 1] in {"have", "has", "had", "need", "needs", "needed"}
            for k, w in enumerate(between)
        ):
            continue  # "nobody had to work the weekend": no obligation, good news
        if "yet" in between or (j + 1 < len(low) and low[j + 1] == "yet"):
            continue  # "not yet started": in progress
        subject = low[j - 1] if j else ""
        if j >= 2 and low[j - 1] in {"do", "does", "did", "have", "has", "am", "would"}:
            subject = low[j - 2]
        if word in HEDGE_VERBS and (subject in _NEG_SUBJECTS or neg in {"never"}):
            continue  # "I don't know", "I never thought", "we don't mind"
        cue_start = tokens[j].start()
        if any(a <= cue_start < b or a <= pos < b for a, b in masked):
            continue
        if in_past(text, cue_start) or in_goal_frame(text, cue_start):
            continue
        hits.append(
            Hit("complaint", 1.0, cue_start, tokens[i].end(), cue_start, tokens[i].end(),
                 "", "clause", True)
        )
    return hits
