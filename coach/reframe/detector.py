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
from itertools import pairwise

from coach.reframe import grammar
from coach.reframe.lexicon import (
    CLAUSE_BREAK,
    COPULAS,
    DURATION,
    DURATION_WEIGHT,
    FREQUENCY,
    FREQUENCY_WEIGHT,
    GOAL_WINDOW,
    GOAL_WORDS,
    NEGATION_WINDOW,
    NEGATORS,
    POSITIVE_EVAL,
    THIRD_PARTIES,
    THRESHOLD,
    WORDS,
)
from coach.reframe.scan import (
    ALL_ANCHORS,
    BOOST,
    COMPILED_PHRASES,
    CONTRAST,
    FALSE,
    FLAGS,
    FRAME_PROOF,
    KEEP,
    KR_SHAPE,
    QUESTION,
    TOKEN,
    VERDICT,
    Hit,
    Kind,
    Shape,
    as_kind,
    in_goal_frame,
    in_past,
    negated_action_hits,
    segment,
    words_before,
)


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


def _phrase_hits(text: str, masked: list[tuple[int, int]]) -> list[Hit]:
    hits: list[Hit] = []
    low = text.lower()
    present = {a for a in ALL_ANCHORS if a in low}
    for pattern, kind, weight, anchors in COMPILED_PHRASES:
        if anchors and anchors.isdisjoint(present):
            continue
        for m in pattern.finditer(text):
            named = [m.start(g) for g, v in m.groupdict().items() if v is not None]
            head_end = min(named) if named else m.end()
            if any(a < head_end and m.start() < b for a, b in masked):
                continue
            if in_past(text, m.start()):
                continue
            if kind not in FRAME_PROOF and in_goal_frame(text, m.start()):
                continue
            groups = m.groupdict()
            if (
                "no" in m.group(0).lower().split()[:3]
                and groups.get("focus")
                and any(w in WORDS for w in TOKEN.findall(groups["focus"].lower())[:3])
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
                elif re.search(verbish, raw, FLAGS):
                    shape = "clause"
            elif groups.get("clause"):
                gstart = m.start("clause")
            cue_end = gstart if gstart > m.start() else m.end()
            hits.append(
                Hit(
                    as_kind(kind),
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


def _nobody_clause(clause: list[str]) -> bool:
    """The clause so far has "nobody" / "no one" as its subject (its first words)."""
    head = clause[:3]
    return "nobody" in head or "noone" in head or any(
        pair == ("no", "one") for pair in pairwise(head))


def _word_hits(text: str, masked: list[tuple[int, int]], taken: list[Hit]) -> list[Hit]:
    hits: list[Hit] = []
    tokens = list(TOKEN.finditer(text))
    for i, tok in enumerate(tokens):
        low = tok.group(0).lower()
        entry = WORDS.get(low)
        if entry is None:
            continue
        pos = tok.start()
        if any(a <= pos < b for a, b in masked) or any(h.start <= pos < h.end for h in taken):
            continue
        before = words_before(text, pos, max(NEGATION_WINDOW, GOAL_WINDOW))
        if NEGATORS & set(before[-NEGATION_WINDOW:]) or _governed_by_goal(before[-GOAL_WINDOW:]):
            continue
        if _nobody_clause(words_before(text, pos, 12)):
            continue  # "nobody hangs up in frustration": the problem, wished away
        if in_past(text, pos) or in_goal_frame(text, pos):
            continue
        kind, weight = entry
        if weight < THRESHOLD:
            after = {t.group(0).lower() for t in tokens[i + 1 : i + 3]}
            near = (set(before[-3:]) | after) - KEEP
            boosted = near & BOOST or COPULAS & set(before[-4:])
            if boosted or (before and before[-1] in KEEP):
                weight = THRESHOLD
        hits.append(Hit(as_kind(kind), weight, pos, tok.end(), pos, tok.end(), "", "clause", False))
    return hits


def _time_hits(text: str) -> list[Hit]:
    """Weak cues that only count next to another: "for weeks", "twice this week"."""
    hits: list[Hit] = []
    for pattern, weight in ((DURATION, DURATION_WEIGHT), (FREQUENCY, FREQUENCY_WEIGHT)):
        for m in pattern.finditer(text):
            if in_past(text, m.start()) or in_goal_frame(text, m.start()):
                continue
            hits.append(
                Hit("complaint", weight, m.start(), m.end(), m.start(), m.end(), "", "clause",
                     False)
            )
    return hits


def _contrast_filter(text: str, hits: list[Hit]) -> list[Hit]:
    """Drop cues outweighed by what follows: "not perfect, but good enough to start";
    "slipping one date was fine because we caught the bug"."""
    kept = []
    for hit in hits:
        sentence_end = re.search(r"[.!?]", text[hit.end :])
        stop = hit.end + sentence_end.start() if sentence_end else len(text)
        but = CONTRAST.search(text, hit.end, stop)
        if but and POSITIVE_EVAL.search(text, but.end(), stop) and not any(
            h.start >= but.end() and h.weight >= THRESHOLD for h in hits
        ):
            continue
        clause = CLAUSE_BREAK.search(text, hit.end)
        clause_end = clause.start() if clause and clause.start() < stop else stop
        if VERDICT.search(text, hit.end, clause_end):
            continue
        kept.append(hit)
    return kept


def _governed_by_goal(before: list[str]) -> bool:
    """ "reduce complaints" yes; "the reporting is a nightmare" no (a copula intervenes)."""
    for k in range(len(before) - 1, -1, -1):
        if before[k] in COPULAS:
            return False
        if before[k] in GOAL_WORDS:
            return True
    return False


def _is_blame(text: str, hit: Hit) -> bool:
    words = words_before(text, hit.start, 4)
    return bool(words) and (words[0] in THIRD_PARTIES or "team" in words[:3])


def score(text: str) -> tuple[float, list[Hit]]:
    """Total cue weight and the counted cues (for diagnostics and tests)."""
    return _score(grammar.expand_contractions(text))


def _score(norm: str) -> tuple[float, list[Hit]]:
    masked = [(m.start(), m.end()) for m in FALSE.finditer(norm)]
    phrases = _phrase_hits(norm, masked)
    phrases += [
        h
        for h in negated_action_hits(norm, masked)
        if not any(p.start <= h.start < p.end or h.start <= p.start < h.end for p in phrases)
    ]
    words = _word_hits(norm, masked, phrases)
    hits = _contrast_filter(norm, phrases + words)
    if hits:
        hits += _time_hits(norm)
    return sum(h.weight for h in hits), hits


FEWER = frozenset({"fewer", "less", "reduce", "reduced", "cut", "stop", "stopped"})
"""Words that wish a problem smaller ("fewer angry walk-ins"), for `wishes_problems_away`."""


def wishes_problems_away(text: str) -> bool:
    """The text names problems only to say they are gone ("nobody hangs up in frustration",
    "no more angry calls"): a problem word, each one negated. The noticer does not ask the
    classifier about such a text, which would hear only the problem words."""
    norm = grammar.expand_contractions(text[:2000])
    found = False
    for tok in TOKEN.finditer(norm):
        if tok.group(0).lower() not in WORDS:
            continue
        before = words_before(norm, tok.start(), 12)
        if not ((NEGATORS | FEWER) & set(before[-NEGATION_WINDOW:]) or _nobody_clause(before)):
            return False
        found = True
    return found


def detect(text: str) -> ProblemTalk | None:
    """Return what kind of problem talk `text` is, or None when it is not problem talk."""
    if not text or len(text) > 2000:
        text = text[:2000]
    if KR_SHAPE.search(text):
        return None
    norm = grammar.expand_contractions(text)
    total, hits = _score(norm)
    if total < THRESHOLD or not hits:
        return None
    hits.sort(key=lambda h: (not h.phrase or h.weight < THRESHOLD, -h.weight, h.start))
    best = hits[0]
    clause = segment(norm, best.cue_start, best.cue_end)
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
        wanted=_wanted(best, cue, focus, clause, question=QUESTION.search(norm) is not None),
    )


def _wanted(best: Hit, cue: str, focus: str, clause: str, question: bool) -> str | None:
    """A safe positive counterpart of the problem, or None."""
    if question:
        return None
    if best.kind == "unwanted" and best.shape in {"vp", "np"}:
        return grammar.positive_gerund(focus)
    if best.kind == "inability" and best.shape == "np":
        lacking = re.search(r"\b(?:enough|few|little|short)\b", cue, FLAGS)
        return f"enough {focus}" if lacking and not focus.startswith("enough") else focus
    return grammar.wanted_clause(clause)


def is_problem_talk(text: str) -> bool:
    """Shorthand for `detect(text) is not None`."""
    return detect(text) is not None
