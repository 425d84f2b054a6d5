"""One typed reading per retro turn, by rules (no model), behind the number guard.

`read_retro_turn(text, expecting)` turns the person's words into one `RetroReading`. A score
is 0.0–1.0 in tenths and carries `span`, the very words it was read from: "0.6", ".6",
"make it 0.5" are taken as said; derived forms ("six tenths", "6/10", "60 %", "point six",
"half") come back `approx` — read back as a yes/no question and taken only on a yes. Anything
that would need a guess is `unusable` with its reason: a hedge ("about 0.6"), two candidates
("0.6 or 0.7"), a number outside 0–1 ("7", "1.5"), one finer than tenths ("0.65").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from graph.checkin.answers import NO, SKIP, UNKNOWN, WRONG, YES, clean

Expecting = Literal["score", "score_value", "yes_no", "text", "offer"]
ReadingKind = Literal["accept", "score", "skip", "yes", "no", "correction", "unusable", "text",
                      "nothing", "bare"]
"""`bare`: a lone "yes" / "ok" where words were asked for (what you learned, are proud of)."""
Unclear = Literal["empty", "no_number", "approximate", "range", "several", "out_of_range",
                  "tenths", "unclear"]


class RetroReading(BaseModel):
    """What one user turn says, in the terms of the question that was asked."""

    kind: ReadingKind
    text: str  # the person's words, trimmed (a learning, a strength, what they are proud of)
    value: float | None = None  # a score (or a correction's new score)
    span: str | None = None  # the words `value` was read from
    approx: bool = False  # derived ("six tenths"): read back as a question, taken on a yes
    reason: Unclear | None = None  # why an answer is unusable
    said: str | None = None  # the unclear words, to name them in the follow-up


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})[\s.!]*$", re.I)


ACCEPT = _whole(r"(?:(?:yes|yeah|yep|ok|okay|sure|fine|good|right)[\s,]+)?(?:accept(?:ed)?|"
                r"agreed?|i\s+agree|fair(?:\s+enough)?|that'?s\s+fair|keep\s+it|take\s+it|"
                r"leave\s+it\s+as\s+(?:it\s+)?is|as\s+is|that\s+works|works\s+for\s+me|"
                r"(?:sounds|looks|feels)\s+(?:right|fair|good|about\s+right)|"
                r"(?:let'?s\s+)?go\s+with\s+(?:that|it)|happy\s+with\s+(?:that|it)|"
                r"that'?s\s+(?:the\s+)?(?:one|score)|spot\s+on)(?:[\s,]+(?:thanks|please))?")
UNSCORED = _whole(r"(?:let'?s\s+)?(?:leave\s+it\s+unscored|no\s+score|don'?t\s+score\s+(?:it|this)|"
                  r"unscored|not\s+scored|(?:i\s+)?(?:can'?t|cannot|won'?t)\s+score\s+(?:it|this))")
NOTHING = _whole(r"no|nope|nothing|none|no\s+idea|not\s+really|"
                 r"nothing\s+(?:much|really|special|new|in\s+particular)|n/?a|dunno|i\s+don'?t\s+know|pass|no\s+comment|"
                 r"can'?t\s+think\s+of\s+(?:anything|one)")
LATER = _whole(r"(?:not\s+(?:now|yet|today)|later|maybe\s+later|another\s+time|not\s+right\s+now)"
               r"(?:,?\s+thanks)?")
LETS = _whole(r"(?:let'?s\s+(?:do\s+(?:it|that)|go|start)|please|gladly|why\s+not|"
              r"yes,?\s+let'?s(?:\s+do\s+(?:it|that))?)")
_CUE = re.compile(r"^(?:no|nope|not|sorry|oops|wait|actually|i\s+meant|make\s+(?:it|that)|"
                  r"change\s+(?:it|that)|correction|(?:it|that)?\s*should\s+(?:be|read)|"
                  r"rather|let'?s\s+say)\b", re.I)

_D = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_DIGITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "nought": 0, "oh": 0, "half": 0.5}
_W = "|".join(list(_DIGITS)[:11])
_TOKEN = re.compile(
    rf"(?P<frac>(?P<fn>{_D}|\b(?:{_W}))\s*(?:/|\bout\s+of\b|\bof\b)\s*(?:10|ten)\b)"
    rf"|(?P<tenths>(?P<tn>\d+|\b(?:{_W}))\s+tenths?\b)"
    rf"|(?P<pct>(?P<pn>{_D})\s*(?:%|percent\b|per\s+cent\b))"
    rf"|(?P<point>(?:\b(?P<pi>zero|nought|oh|one)\s+)?\bpoint(?P<pd>(?:\s+(?:{_W})\b)+))"
    rf"|(?P<num>(?<![\w.,])-?{_D}(?!\w|[.,]\d))", re.I)
_ONE_WORD = re.compile(rf"^(?:(?:make\s+it|it'?s|let'?s\s+say|i'?d\s+say|say|score)\s+)?"
                       rf"(?:a\s+)?(?P<w>{_W}|half)[\s.!]*$", re.I)
_GLUED_ISH = re.compile(r"\d\s*-?ish\b", re.I)
_BARE = re.compile(rf"^{_D}[\s.!]*$")
_RANGE = re.compile(rf"(?<![\w.]){_D}\s*(?:-|–|to|or)\s*{_D}(?!\w)|"
                    rf"\b(?:{_W})\s+(?:or|to)\s+(?:{_W})\s+tenths\b|"
                    rf"\bbetween\s+(?:{_D}|{_W})\s+and\s+(?:{_D}|{_W})", re.I)
_HEDGE_BEFORE = re.compile(r"(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|"
                           r"maybe|perhaps|probably|possibly|i\s+guess|something\s+like|"
                           r"kind\s+of|sort\s+of|at\s+least|at\s+most|over|under)\s*|~\s*)$",
                           re.I)
_HEDGE_AFTER = re.compile(r"^\s*(?:-?ish\b|or\s+so\b|give\s+or\s+take\b|maybe\b|perhaps\b|"
                          r"or\s+(?:more|less|higher|lower)\b|\?)", re.I)
_REFERENCE = re.compile(r"\b(?:instead\s+of|rather\s+than|not|from|than|suggested|suggestion|"
                        r"vs\.?|versus|you\s+said)\s*$", re.I)


@dataclass(frozen=True)
class _Token:
    value: float
    span: str
    start: int
    end: int
    derived: bool


def _num(raw: str) -> float:
    low = raw.lower().strip()
    return float(_DIGITS[low]) if low in _DIGITS else float(low.replace(",", "."))


def _token(m: re.Match[str]) -> _Token:
    span, derived = m.group(0).strip(), True
    if m.group("frac"):
        value = _num(m.group("fn")) / 10
    elif m.group("tenths"):
        value = _num(m.group("tn")) / 10
    elif m.group("pct"):
        value = _num(m.group("pn")) / 100
    elif m.group("point"):
        whole = _DIGITS[m.group("pi").lower()] if m.group("pi") else 0
        decimals = "".join(str(_DIGITS[w.lower()]) for w in m.group("pd").split())
        value = float(f"{whole}.{decimals}")
    else:
        value, derived = _num(m.group("num")), False
    return _Token(value, span, m.start(), m.start() + len(span), derived)


def _tokens(text: str) -> list[_Token]:
    found = [_token(m) for m in _TOKEN.finditer(text)]
    kept = [t for t in found if not _REFERENCE.search(text[max(0, t.start - 24): t.start])]
    if not found:
        one = _ONE_WORD.match(text)
        if one:
            w = one.group("w")
            kept = [_Token(float(_DIGITS[w.lower()]), w, one.start("w"), one.end("w"), True)]
    return kept


_SCORE_CUE = re.compile(r"(?:\bgive\s+(?:it|us|this|that|the\s+kr)(?:\s+a)?"
                        r"|\bscore\s+(?:it|of|is|would\s+be)|\bcall\s+it|\brate\s+it(?:\s+at)?"
                        r"|\bscored?\s*:)\s*(?:an?\s+)?$", re.I)
"""Words that name the number after them as the score, among other numbers said."""


@dataclass(frozen=True)
class _Score:
    value: float | None = None
    span: str | None = None
    approx: bool = False
    reason: Unclear | None = None
    said: str | None = None


def read_score(text: str) -> _Score:
    """A score 0.0–1.0 in tenths from the person's words, or why there is none."""
    rng = _RANGE.search(text)
    if rng:
        return _Score(reason="range", said=rng.group(0))
    if _GLUED_ISH.search(text):
        return _Score(reason="approximate", said=text.strip())
    tokens = _tokens(text)
    if not tokens:
        return _Score(reason="no_number", said=text)
    if len({t.value for t in tokens}) > 1:
        cued = [t for t in tokens if _SCORE_CUE.search(text[max(0, t.start - 24): t.start])]
        if len(cued) != 1:
            return _Score(reason="several", said=", ".join(t.span for t in tokens))
        tokens = cued  # "we got to 86% in the end, I'd give it 0.8": the score is named
    t = tokens[0]
    if (_HEDGE_BEFORE.search(text[max(0, t.start - 24): t.start])
            or _HEDGE_AFTER.match(text[t.end: t.end + 20])):
        return _Score(reason="approximate", said=text.strip())
    if not 0.0 <= t.value <= 1.0:
        return _Score(reason="out_of_range", said=t.span)
    if abs(t.value * 10 - round(t.value * 10)) > 1e-9:
        return _Score(reason="tenths", said=t.span)
    return _Score(value=round(t.value, 1), span=t.span, approx=t.derived)


def has_score_words(text: str) -> bool:
    """Whether `text` holds anything that reads as a number (for yes/no and cues)."""
    return bool(_TOKEN.search(text) or _ONE_WORD.match(text) or re.search(r"\d", text))


def _score(text: str) -> RetroReading:
    s = read_score(text)
    if s.reason is not None:
        return RetroReading(kind="unusable", text=text, reason=s.reason, said=s.said)
    return RetroReading(kind="score", text=text, value=s.value, span=s.span, approx=s.approx)


def _guarded(reading: RetroReading, text: str) -> RetroReading:
    """The number guard: a score stays only when its span is in the person's words and
    reading that span alone gives the very same score."""
    if reading.value is None:
        return reading
    span = reading.span or ""
    again = read_score(span) if span.strip() and clean(span) in clean(text) else _Score()
    if again.value is not None and abs(again.value - reading.value) < 1e-9:
        return reading
    return RetroReading(kind="unusable", text=reading.text, reason="no_number", said=span)


def read_retro_turn(text: str, expecting: Expecting, *, correctable: bool = False) -> RetroReading:
    """The one reading of a user turn.

    `expecting` is what the coach just asked: "score" (accept the suggestion, adjust it or
    skip), "score_value" (a score is needed: after "no" to a suggestion or a read-back),
    "yes_no" (a derived score read back as a question), "text" (a reflection, a learning,
    what they are proud of, strengths), "offer" (start next period's OKRs?). `correctable`
    is set when the last line read back a score: "no" or "no, 0.7" then corrects it.
    """
    return _guarded(_read(text.strip(), expecting, correctable), text)


def _read(text: str, expecting: Expecting, correctable: bool) -> RetroReading:
    low = clean(text)
    if not low:
        return RetroReading(kind="unusable", text=text, reason="empty", said="")
    if correctable and expecting == "text":
        if WRONG.match(low):
            return RetroReading(kind="correction", text=text)
        if (_CUE.match(low) or _BARE.match(low)) and has_score_words(text):
            fixed = _score(text)
            if fixed.kind == "score":
                return fixed.model_copy(update={"kind": "correction"})
    if expecting in ("score", "score_value"):
        if UNSCORED.match(low) or SKIP.match(low):
            return RetroReading(kind="skip", text=text)
        if ACCEPT.match(low) or (YES.match(low) and not has_score_words(text)):
            return RetroReading(kind="accept", text=text)
        if NO.match(low) and not has_score_words(text):
            return RetroReading(kind="no", text=text)
        if has_score_words(text):
            return _score(text)
        reason: Unclear = "unclear" if UNKNOWN.match(low) else "no_number"
        return RetroReading(kind="unusable", text=text, reason=reason, said=text)
    if expecting == "yes_no":
        if YES.match(low) and not has_score_words(text):
            return RetroReading(kind="yes", text=text)
        if NO.match(low) and not has_score_words(text):
            return RetroReading(kind="no", text=text)
        if has_score_words(text):
            return _score(text)
        if SKIP.match(low) or UNSCORED.match(low):
            return RetroReading(kind="skip", text=text)
        return RetroReading(kind="unusable", text=text, reason="unclear", said=text)
    if expecting == "offer":
        if (YES.match(low) or LETS.match(low)) and not has_score_words(text):
            return RetroReading(kind="yes", text=text)
        if NO.match(low) or LATER.match(low):
            return RetroReading(kind="no", text=text)
        return RetroReading(kind="unusable", text=text, reason="unclear", said=text)
    if NOTHING.match(low) or SKIP.match(low):
        return RetroReading(kind="nothing", text=text)
    if YES.match(low) and not has_score_words(text):
        return RetroReading(kind="bare", text=text)
    return RetroReading(kind="text", text=text)
