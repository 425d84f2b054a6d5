"""Problem-talk detector: a transparent lexicon + pattern scorer (no model weights).

`detect(text)` returns a `ProblemTalk` when the utterance talks about what is wrong,
what the user does not want, blame, worry, complaints or inability; else `None`.
Each cue has a weight (see `lexicon.py`); cues inside a negation scope ("not bad",
"no complaints"), behind a goal word ("reduce complaints") or in the past ("we used to
have bugs") do not count. The utterance is problem talk when the weights reach
`THRESHOLD`. The strongest, earliest cue supplies `kind`, `cue` and `focus`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.reframe import grammar
from coach.reframe.lexicon import (
    CLAUSE_BREAK,
    COPULAS,
    FALSE_FRIENDS,
    GOAL_WINDOW,
    GOAL_WORDS,
    INTENSIFIERS,
    NEGATION_WINDOW,
    NEGATORS,
    PAST_MARKERS,
    PHRASES,
    THIRD_PARTIES,
    THRESHOLD,
    WORDS,
    word_set,
)

Kind = Literal["unwanted", "inability", "complaint", "blame", "worry", "negative_state"]
Shape = Literal["vp", "np", "clause"]


@dataclass(frozen=True, slots=True)
class ProblemTalk:
    """What the detector found.

    `focus` is the user's phrase the reframe builds on, in the second person
    (`"answering all calls"`, `"losing customers"`, `"the release is always late"`);
    `shape` says whether it is a gerund/verb phrase, a noun phrase or a clause.
    `wanted` is a mechanically derived positive counterpart when one is safe
    (`"you can answer all calls"`, `"keeping customers"`), else `None`.
    """

    kind: Kind
    cue: str
    focus: str
    shape: Shape
    clause: str
    score: float
    wanted: str | None = None


@dataclass(frozen=True, slots=True)
class _Hit:
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


_FLAGS = re.IGNORECASE
_PHRASES = tuple((re.compile(p, _FLAGS), kind, w) for p, kind, w in PHRASES)
_FALSE = re.compile("|".join(rf"\b(?:{p})" for p in FALSE_FRIENDS), _FLAGS)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CLAUSE_SEP = re.compile(r"[,;:.!?()]|\s-\s")
_CLAUSE_WORDS = word_set("but although though however yet whereas")
_QUESTION = re.compile(r"^\s*(?:why|how|what|who|when|where|is|are|does|do)\b.*\?\s*$", _FLAGS)
_KEEP = frozenset({"keep", "keeps", "kept"})
# "Increase NPS from 30 to 45", "Keep the error rate below 1%": a KR, not a complaint.
_KR_SHAPE = re.compile(
    r"^\s*(?:increase|reduce|decrease|cut|grow|raise|improve|keep|maintain|lower|halve"
    r"|double|move|reach|get|bring|shorten|achieve)\b[^.!?]*\d",
    _FLAGS,
)
_KINDS: frozenset[str] = frozenset(
    ("unwanted", "inability", "complaint", "blame", "worry", "negative_state")
)


def _kind(name: str) -> Kind:
    if name not in _KINDS:  # pragma: no cover - lexicon typo guard
        raise ValueError(f"unknown problem-talk kind {name!r}")
    return name  # type: ignore[return-value]


def _clause_start(text: str, pos: int) -> int:
    """Index where the clause containing `pos` starts."""
    start = 0
    for m in _CLAUSE_SEP.finditer(text, 0, pos):
        start = m.end()
    for m in _TOKEN.finditer(text, start, pos):
        if m.group(0).lower() in _CLAUSE_WORDS:
            start = m.end()
    return start


def _words_before(text: str, pos: int, n: int) -> list[str]:
    head = text[_clause_start(text, pos) : pos]
    return [w.lower() for w in _TOKEN.findall(head)][-n:]


def _in_past(text: str, pos: int) -> bool:
    head = text[_clause_start(text, pos) : pos].lower()
    return any(marker in head for marker in PAST_MARKERS)


def _segment(text: str, cue_start: int, cue_end: int) -> str:
    """The clause segment around a cue, in second person, contractions restored."""
    seg_start = 0
    for m in CLAUSE_BREAK.finditer(text, 0, cue_start):
        if m.end() <= cue_start:
            seg_start = m.end()
    m_end = CLAUSE_BREAK.search(text, cue_end)
    seg = text[seg_start : m_end.start() if m_end else len(text)]
    seg = re.sub(
        r"^\s*(?:honestly|frankly|to be honest|well|so|ok|okay|yes|yeah)\b,?\s*",
        "",
        seg,
        flags=_FLAGS,
    )
    return grammar.contract(grammar.swap_person(grammar.first_clause(seg, 14)))


def _phrase_hits(text: str, masked: list[tuple[int, int]]) -> list[_Hit]:
    hits: list[_Hit] = []
    for pattern, kind, weight in _PHRASES:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in masked) or _in_past(text, m.start()):
                continue
            groups = m.groupdict()
            if (
                "no" in m.group(0).lower().split()[:3]
                and groups.get("focus")
                and any(w in WORDS for w in _TOKEN.findall(groups["focus"].lower())[:3])
            ):
                continue  # "there are no open incidents": a negated problem
            vp, np_ = groups.get("vp"), groups.get("focus")
            shape: Shape = "clause"
            focus, raw, gstart = "", "", m.end()
            if vp:
                focus, shape, gstart = grammar.verb_phrase_to_gerund(vp), "vp", m.start("vp")
                raw = grammar.swap_person(grammar.first_clause(vp, 10))
            elif np_:
                raw = grammar.first_clause(np_, 8)
                focus, shape, gstart = (
                    grammar.contract(grammar.swap_person(raw)),
                    "np",
                    m.start("focus"),
                )
                verbish = r"\b(?:will|would|is|are|was|were|has|have|keeps?|never|fails?|goes)\b"
                about = re.search(r"\b(?:about|of|with)\s*$", m.group(0)[: gstart - m.start()])
                if kind == "worry":
                    shape = "np" if about else "clause"
                elif re.search(verbish, raw, _FLAGS):
                    shape = "clause"
            elif groups.get("clause"):
                gstart = m.start("clause")
            cue_end = gstart if gstart > m.start() else m.end()
            hits.append(
                _Hit(
                    _kind(kind),
                    weight,
                    m.start(),
                    m.end(),
                    m.start(),
                    cue_end,
                    focus,
                    shape,
                    True,
                    raw,
                )
            )
    return hits


def _word_hits(text: str, masked: list[tuple[int, int]], taken: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    tokens = list(_TOKEN.finditer(text))
    for i, tok in enumerate(tokens):
        low = tok.group(0).lower()
        entry = WORDS.get(low)
        if entry is None:
            continue
        pos = tok.start()
        if any(a <= pos < b for a, b in masked) or any(h.start <= pos < h.end for h in taken):
            continue
        before = _words_before(text, pos, max(NEGATION_WINDOW, GOAL_WINDOW))
        if NEGATORS & set(before[-NEGATION_WINDOW:]) or GOAL_WORDS & set(before[-GOAL_WINDOW:]):
            continue
        if _in_past(text, pos):
            continue
        kind, weight = entry
        if weight < THRESHOLD:
            after = {t.group(0).lower() for t in tokens[i + 1 : i + 3]}
            near = (set(before[-3:]) | after) - _KEEP
            boosted = near & INTENSIFIERS or COPULAS & set(before[-4:])
            if boosted or (before and before[-1] in _KEEP):
                weight = THRESHOLD
        hits.append(_Hit(_kind(kind), weight, pos, tok.end(), pos, tok.end(), "", "clause", False))
    return hits


def _is_blame(text: str, hit: _Hit) -> bool:
    words = _words_before(text, hit.start, 4)
    return bool(words) and (words[0] in THIRD_PARTIES or "team" in words[:3])


def score(text: str) -> tuple[float, list[_Hit]]:
    """Total cue weight and the counted cues (for diagnostics and tests)."""
    norm = grammar.expand_contractions(text)
    masked = [(m.start(), m.end()) for m in _FALSE.finditer(norm)]
    phrases = _phrase_hits(norm, masked)
    words = _word_hits(norm, masked, phrases)
    hits = phrases + words
    return sum(h.weight for h in hits), hits


def detect(text: str) -> ProblemTalk | None:
    """Return what kind of problem talk `text` is, or None when it is not problem talk."""
    if not text or len(text) > 2000:
        text = text[:2000]
    if _KR_SHAPE.search(text):
        return None
    total, hits = score(text)
    if total < THRESHOLD or not hits:
        return None
    norm = grammar.expand_contractions(text)
    hits.sort(key=lambda h: (not h.phrase or h.weight < THRESHOLD, -h.weight, h.start))
    best = hits[0]
    clause = _segment(norm, best.cue_start, best.cue_end)
    focus, shape = best.focus, best.shape
    if not focus:
        focus, shape = clause, "clause"
    kind: Kind = best.kind
    if kind == "complaint" and _is_blame(norm, best):
        kind = "blame"
    cue = norm[best.cue_start : best.cue_end].strip()
    return ProblemTalk(
        kind=kind,
        cue=cue,
        focus=focus,
        shape=shape,
        clause=clause,
        score=round(total, 2),
        wanted=_wanted(best, cue, focus, clause, question=_QUESTION.search(norm) is not None),
    )


def _wanted(best: _Hit, cue: str, focus: str, clause: str, question: bool) -> str | None:
    """A safe positive counterpart of the problem, or None."""
    if question:
        return None
    if best.kind == "unwanted" and best.shape in {"vp", "np"}:
        return grammar.positive_gerund(focus)
    if best.kind == "inability" and best.shape == "np":
        lacking = re.search(r"\b(?:enough|few|little|short)\b", cue, _FLAGS)
        return f"enough {focus}" if lacking and not focus.startswith("enough") else focus
    return grammar.wanted_clause(clause)


def is_problem_talk(text: str) -> bool:
    """Shorthand for `detect(text) is not None`."""
    return detect(text) is not None
