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
    DESIRABLE,
    DURATION,
    DURATION_WEIGHT,
    FALSE_FRIENDS,
    FREQUENCY,
    FREQUENCY_WEIGHT,
    GOAL_FRAME,
    GOAL_WINDOW,
    GOAL_WORDS,
    GOOD_MOVES,
    HEDGE_VERBS,
    INTENSIFIERS,
    MORE_INTENSIFIERS,
    MORE_PHRASES,
    NEG_GAP,
    NEGATION_WINDOW,
    NEGATORS,
    PAST_MARKERS,
    PHRASES,
    POSITIVE_EVAL,
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


def _anchors(pattern: str) -> frozenset[str]:
    """Literal words of a pattern; every match contains at least one of them.

    Used as a cheap substring prefilter (the detector runs on every turn). Escapes,
    group names and letters made optional by `?`/`*` are cut out, so each anchor is a
    plain substring of any text the pattern can match. Empty means "always run".
    """
    src = re.sub(r"\(\?P<\w+>|\\[a-zA-Z]|\[[^\]]*\]|[a-zA-Z][?*]|\{[^}]*\}", " ", pattern.lower())
    return frozenset(re.findall(r"[a-z]{3,}", src))


_PHRASES = tuple(
    (re.compile(p, _FLAGS), kind, w, _anchors(p)) for p, kind, w in PHRASES + MORE_PHRASES
)
_ALL_ANCHORS = tuple(sorted(frozenset().union(*(a for _, _, _, a in _PHRASES))))
_BOOST = INTENSIFIERS | MORE_INTENSIFIERS
# Frame scope: a "would"/"want"/"goal" reaches across "and" but not past these.
_FRAME_BREAK = re.compile(r"[,;:.!?()]|\s-\s|\b(?:but|because|since|so|although|though|when"
                          r"|while|whereas|unless|yet|now)\b", _FLAGS)
# Phrase kinds that already say what is not wanted: a goal frame does not cancel them.
_FRAME_PROOF = frozenset({"unwanted", "worry"})
_NEG_SUBJECTS = word_set("i we you")
_CONTRAST = re.compile(r"\bbut\b", _FLAGS)
# "slipping one date was fine": a positive verdict later in the same clause.
_VERDICT = re.compile(
    r"\b(?:is|was|were|are|been|be|turned out|seems?|seemed)\s+(?:totally |actually |really "
    r"|completely |perfectly |quite )?(?:fine|ok|okay|good|great|worth it|manageable"
    r"|acceptable|no big deal|not a problem|not an issue|under control)\b",
    _FLAGS,
)
_FALSE = re.compile("|".join(rf"\b(?:{p})" for p in FALSE_FRIENDS + GOOD_MOVES), _FLAGS)
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


def _in_goal_frame(text: str, pos: int) -> bool:
    """True when `pos` sits in a wanted/hypothetical clause ("we'd have fewer …")."""
    start = 0
    for m in _FRAME_BREAK.finditer(text, 0, pos):
        start = m.end()
    return bool(GOAL_FRAME & {w.lower() for w in _TOKEN.findall(text[start:pos])})


def _segment(text: str, cue_start: int, cue_end: int) -> str:
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
        flags=_FLAGS,
    )
    return grammar.contract(grammar.swap_person(subjects + grammar.first_clause(seg, 14)))


def _phrase_hits(text: str, masked: list[tuple[int, int]]) -> list[_Hit]:
    hits: list[_Hit] = []
    low = text.lower()
    present = {a for a in _ALL_ANCHORS if a in low}
    for pattern, kind, weight, anchors in _PHRASES:
        if anchors and anchors.isdisjoint(present):
            continue
        for m in pattern.finditer(text):
            named = [m.start(g) for g, v in m.groupdict().items() if v is not None]
            head_end = min(named) if named else m.end()
            if any(a < head_end and m.start() < b for a, b in masked):
                continue
            if _in_past(text, m.start()):
                continue
            if kind not in _FRAME_PROOF and _in_goal_frame(text, m.start()):
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
        if NEGATORS & set(before[-NEGATION_WINDOW:]) or _governed_by_goal(before[-GOAL_WINDOW:]):
            continue
        if _in_past(text, pos) or _in_goal_frame(text, pos):
            continue
        kind, weight = entry
        if weight < THRESHOLD:
            after = {t.group(0).lower() for t in tokens[i + 1 : i + 3]}
            near = (set(before[-3:]) | after) - _KEEP
            boosted = near & _BOOST or COPULAS & set(before[-4:])
            if boosted or (before and before[-1] in _KEEP):
                weight = THRESHOLD
        hits.append(_Hit(_kind(kind), weight, pos, tok.end(), pos, tok.end(), "", "clause", False))
    return hits


_GET_FORMS = frozenset({"get", "gets", "got", "getting", "gotten"})
_GET_BAD = frozenset({"hurt", "stuck", "lost", "caught", "burnt", "sick", "woken", "shouted",
                      "overwhelmed", "left"})


def _negated_action_hits(text: str, masked: list[tuple[int, int]]) -> list[_Hit]:
    """ "nobody reads the reports", "IT never replies", "we haven't even built it",
    "I'm not invited", "the sync stopped working": a wanted action that does not happen."""
    hits: list[_Hit] = []
    tokens = list(_TOKEN.finditer(text))
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
        if _in_past(text, cue_start) or _in_goal_frame(text, cue_start):
            continue
        hits.append(
            _Hit("complaint", 1.0, cue_start, tokens[i].end(), cue_start, tokens[i].end(),
                 "", "clause", True)
        )
    return hits


def _time_hits(text: str) -> list[_Hit]:
    """Weak cues that only count next to another: "for weeks", "twice this week"."""
    hits: list[_Hit] = []
    for pattern, weight in ((DURATION, DURATION_WEIGHT), (FREQUENCY, FREQUENCY_WEIGHT)):
        for m in pattern.finditer(text):
            if _in_past(text, m.start()) or _in_goal_frame(text, m.start()):
                continue
            hits.append(
                _Hit("complaint", weight, m.start(), m.end(), m.start(), m.end(), "", "clause",
                     False)
            )
    return hits


def _contrast_filter(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Drop cues outweighed by what follows: "not perfect, but good enough to start";
    "slipping one date was fine because we caught the bug"."""
    kept = []
    for hit in hits:
        sentence_end = re.search(r"[.!?]", text[hit.end :])
        stop = hit.end + sentence_end.start() if sentence_end else len(text)
        but = _CONTRAST.search(text, hit.end, stop)
        if but and POSITIVE_EVAL.search(text, but.end(), stop) and not any(
            h.start >= but.end() and h.weight >= THRESHOLD for h in hits
        ):
            continue
        clause = CLAUSE_BREAK.search(text, hit.end)
        clause_end = clause.start() if clause and clause.start() < stop else stop
        if _VERDICT.search(text, hit.end, clause_end):
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


def _is_blame(text: str, hit: _Hit) -> bool:
    words = _words_before(text, hit.start, 4)
    return bool(words) and (words[0] in THIRD_PARTIES or "team" in words[:3])


def score(text: str) -> tuple[float, list[_Hit]]:
    """Total cue weight and the counted cues (for diagnostics and tests)."""
    return _score(grammar.expand_contractions(text))


def _score(norm: str) -> tuple[float, list[_Hit]]:
    masked = [(m.start(), m.end()) for m in _FALSE.finditer(norm)]
    phrases = _phrase_hits(norm, masked)
    phrases += [
        h
        for h in _negated_action_hits(norm, masked)
        if not any(p.start <= h.start < p.end or h.start <= p.start < h.end for p in phrases)
    ]
    words = _word_hits(norm, masked, phrases)
    hits = _contrast_filter(norm, phrases + words)
    if hits:
        hits += _time_hits(norm)
    return sum(h.weight for h in hits), hits


def detect(text: str) -> ProblemTalk | None:
    """Return what kind of problem talk `text` is, or None when it is not problem talk."""
    if not text or len(text) > 2000:
        text = text[:2000]
    if _KR_SHAPE.search(text):
        return None
    norm = grammar.expand_contractions(text)
    total, hits = _score(norm)
    if total < THRESHOLD or not hits:
        return None
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
