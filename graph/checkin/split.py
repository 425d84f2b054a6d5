"""One answer that says several things: a KR's value together with the confidence
("31, and I'd say a 7", "3.9% — confidence 7"), and next week's steps in one line
("call two customers; write the FAQ").

A confidence in a value answer counts only when it is marked as one — the word
"confidence"/"confident", "out of 10" or "/10", or "a 7" — and the value is then the number
outside that mark. Two marks, or no number besides the mark, are not split: the answer is
read the ordinary way (and asked about when it is unclear), never guessed.
"""

from __future__ import annotations

import re

from coach.okr.vocab import words
from coach.okr.wordnums import WORD_NUMBERS

_NUM = r"\d+(?:[.,]\d+)?"
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("none", "nothing", "nobody")),
                         key=len, reverse=True))
_POINT = rf"(?:{_NUM}|{_WORDS})"
_POINTS = rf"{_POINT}(?:\s*(?:-|–|to|or)\s*{_POINT})?(?:\s*%|\s*-?ish\b)?"
_SMALL = r"(?:10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_HEDGE = r"(?:(?:about|around|roughly|maybe|perhaps|probably|like|i\s+guess)\s+)?"
_OUT_OF_TEN = r"\s*(?:/|out\s+of)\s*(?:10|ten)\b"
_MARK = re.compile(
    # "confidence 7", "confidence: 7", "confident at 8", "a confidence of 7 out of 10"
    rf"\bconfiden(?:ce|t)\b(?:\s+(?:is|of|at|level|would\s+be|i'?d\s+say))*\s*[:=,—–-]?\s*"
    rf"{_HEDGE}(?:an?\s+)?{_POINTS}(?:{_OUT_OF_TEN})?"
    # "7 out of 10", "8/10", "7 confidence"
    rf"|{_HEDGE}\b{_POINT}(?:{_OUT_OF_TEN}|\s+(?:for\s+)?confidence\b)"
    # "I'd say a 7", "a 7"
    rf"|{_HEDGE}(?:(?:i'?d\s+say|say|call\s+it|give\s+it)\s+)?(?<![\w.,])an?\s+{_SMALL}"
    rf"(?:\s*(?:-|–|to|or)\s*{_SMALL})?\b(?!\s*(?:%|[.,]\d|[a-z-]))",
    re.I)
_EXPLICIT = re.compile(r"\bconfiden", re.I)


def confidence_mark(text: str) -> re.Match[str] | None:
    """The one place in `text` marked as a confidence, None when there is none or several."""
    marks = list(_MARK.finditer(text))
    return marks[0] if len(marks) == 1 else None


def marked_only(text: str) -> bool:
    """`text` names a confidence ("confidence 7") and nothing else: no value in it."""
    mark = confidence_mark(text)
    return mark is not None and bool(_EXPLICIT.search(mark.group(0))) and not re.search(
        rf"\d|\b(?:{_WORDS})\b", blank(text, mark), re.I)


def blank(text: str, mark: re.Match[str]) -> str:
    """`text` with the mark's characters blanked, so every other span stays where it was."""
    return text[: mark.start()] + " " * (mark.end() - mark.start()) + text[mark.end():]


def has_other_number(text: str, mark: re.Match[str]) -> bool:
    return bool(re.search(rf"\d|\b(?:{_WORDS})\b", blank(text, mark), re.I))


# -- next week's steps ---------------------------------------------------------------------

MAX_STEPS = 3
_VERBS = words("add ask book bake block build buy call check clean collect contact draft email "
          "finish fix follow get give go hold interview invite launch learn list make measure "
          "meet message phone pick plan post practise practice prepare publish read reach "
          "reply review run schedule sell send set share ship show speak spend start take "
          "talk test text tell train try update visit walk write")
_VERB = rf"(?:(?:i'?ll|i\s+will|then|also)\s+)?(?:{'|'.join(sorted(_VERBS))})\b"
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•–])\s+")
_INLINE_NUMBERED = re.compile(r"(?:^|\s)\d+[.)]\s+")
_THEN = re.compile(r"\s*(?:,\s*)?\band\s+then\b\s*|,\s*then\s+", re.I)
_AND_VERB = re.compile(rf"\s*(?:,\s*and|,|\band)\s+(?={_VERB})", re.I)


def _clean_step(text: str) -> str:
    return _ITEM.sub("", text).strip(" ,;.")


def _verb_split(piece: str) -> list[str]:
    """ "call a promoter and write the FAQ" -> both; "talk to sales and marketing" -> one."""
    parts = _AND_VERB.split(piece)
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [piece]


def split_steps(text: str) -> list[str]:
    """Next week's steps from one answer, in the person's words, at most `MAX_STEPS` (more
    are kept together in the last one, nothing is dropped)."""
    pieces = [p for p in re.split(r"[\n;]+", text) if p.strip()]
    if len(pieces) == 1 and len(_INLINE_NUMBERED.findall(text)) >= 2:
        pieces = [p for p in _INLINE_NUMBERED.split(text) if p.strip()]
    found = [s for p in pieces for t in _THEN.split(p) for s in _verb_split(t)]
    steps = [c for c in (_clean_step(s) for s in found) if c]
    if len(steps) > MAX_STEPS:
        steps = [*steps[: MAX_STEPS - 1], "; ".join(steps[MAX_STEPS - 1:])]
    return steps
