"""The words of a check-in answer: a KR's value, a confidence 0–10, yes/no/skip/done.

Built on `graph.reading.quantities` (the numbers as said, with their spans). An answer is
either one number the person said plainly, an approximate quantity to read back as a
question, or a reason why it cannot be used — never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.okr.numbers import scan_numbers
from coach.okr.wordnums import WORD_NUMBERS
from graph.checkin.models import CheckinKR, Number
from graph.reading.quantities import (
    Said,
    approximations,
    hedged,
    mask_scales,
    said_outside,
    values_in,
)

Unclear = Literal["empty", "no_number", "unknown", "approximate", "range", "several", "unit",
                  "out_of_range", "whole", "scale", "no_such_kr", "ambiguous"]


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})[\s.!]*$", re.I)


SKIP = _whole(r"(?:let'?s\s+|please\s+|i'?d\s+rather\s+|can\s+we\s+)?(?:skip|pass|later|"
              r"next|move\s+on|come\s+back\s+to\s+(?:it|that|this)(?:\s+later)?|ask\s+me\s+later|"
              r"not\s+this\s+week|leave\s+it(?:\s+blank)?|no\s+value(?:\s+this\s+week)?)"
              r"(?:\s+(?:it|this|that|this\s+one|that\s+one|for\s+now|please|this\s+week|"
              r"for\s+this\s+week))*")
YES = _whole(r"(?:yes|yep|yeah|yup|ya|sure|correct|right|ok|okay|fine|exactly|absolutely|indeed|"
             r"true|y|good|that'?s\s+(?:right|correct|fine|it)|sounds\s+(?:good|right)|"
             r"go\s+ahead|please\s+do)(?:[\s,]+(?:please|that'?s\s+(?:right|it|fine)|thanks|"
             r"it\s+is|fine|ok|sure))*")
NO = _whole(r"(?:no|nope|nah|not\s+really|not\s+quite|no\s+thanks|n|i'?d\s+rather\s+not|"
            r"rather\s+not|don'?t)(?:[\s,]+(?:thanks|thank\s+you|not\s+really))*")
WRONG = _whole(r"no|nope|wrong|that'?s\s+wrong|that'?s\s+not\s+right|not\s+right|incorrect|"
               r"no,?\s+that'?s\s+(?:wrong|not\s+right)")
DONE = _whole(r"(?:that'?s|that\s+is)\s+(?:it|all|everything)|nothing\s+(?:else|more)|no\s+more|"
              r"done|i'?m\s+done|we'?re\s+done|finished|all\s+good|enough|that'?ll\s+do|"
              r"no,?\s+that'?s\s+(?:it|all)|nope,?\s+that'?s\s+(?:it|all)")
NONE = _whole(r"none|nothing|no|nope|neither|nothing\s+in\s+particular|not\s+really|all\s+fine|"
              r"no\s+topic|nothing\s+special|nothing\s+(?:is\s+)?(?:working|really)|"
              r"nothing,?\s+really|no\s+idea|none\s+of\s+them")
UNKNOWN = _whole(r"n/?a|dunno|i\s+don'?t\s+know|don'?t\s+know|do\s+not\s+know|no\s+idea|"
                 r"not\s+sure|unknown|can'?t\s+say|cannot\s+say|idk|\?+|no\s+data|"
                 r"(?:i\s+)?haven'?t\s+(?:checked|measured)(?:\s+yet)?|not\s+measured(?:\s+yet)?|"
                 r"no\s+clue|hard\s+to\s+say")
_SAME = re.compile(r"^(?:it'?s\s+|still\s+)?(?:the\s+)?(?:same\s+as\s+last\s+week|unchanged|"
                   r"no\s+change|same|the\s+same|hasn'?t\s+moved|didn'?t\s+move|still\s+the\s+same|"
                   r"stayed\s+the\s+same|same\s+as\s+before)[\s.!]*$", re.I)
_ROUGH_SAME = re.compile(r"\b(?:about|roughly|more\s+or\s+less|pretty\s+much|kind\s+of|sort\s+of|"
                         r"basically|around|nearly|almost|approximately)\s+(?:the\s+)?same\b|"
                         r"\bsame[\s-]?ish\b", re.I)
_APPROX_BEFORE = re.compile(r"(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|"
                            r"close\s+to|circa|ca\.|just\s+(?:over|under|below|above)|"
                            r"more\s+or\s+less|something\s+like|probably|likely|at\s+least|"
                            r"at\s+most|over|under|above|below)\s*|~\s*)$", re.I)
_APPROX_AFTER = re.compile(r"^\s*(?:-?ish\b|or\s+so\b|or\s+thereabouts\b|give\s+or\s+take\b|"
                           r"\+|-\s*ish|at\s+(?:least|most)\b|or\s+(?:more|less|fewer)\b)", re.I)
_GLUED_ISH = re.compile(r"\d\s*-?ish\b", re.I)
_NUM = r"\d+(?:[.,]\d+)?"
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("none", "nothing", "nobody")),
                         key=len, reverse=True))
_RANGE = re.compile(rf"(?<!from\s)(?<![\w.])(?:{_NUM})\s*%?\s*(?:-|–|to|or|and)\s*(?:{_NUM})\b|"
                    rf"(?<!from\s)\b(?:{_WORDS})\s+(?:to|or|and)\s+(?:{_WORDS})\b|"
                    rf"\bbetween\s+(?:{_NUM}|{_WORDS})\s*%?\s*(?:and|&)\s*(?:{_NUM}|{_WORDS})",
                    re.I)
_OUT_OF = re.compile(rf"(?P<n>-?{_NUM}|{_WORDS})\s*(?:/|out\s+of|of|from)\s*(?P<d>\d+|ten|five|"
                     r"hundred)\b", re.I)
_REF_BEFORE = re.compile(r"\b(?:from|was|were|last\s+week|previously|before|target|goal|"
                         r"baseline|aim(?:ing)?(?:\s+for)?|vs\.?|versus|since|then)\W*$", re.I)
_REF_AFTER = re.compile(r"^\W*(?:last\s+week|before|previously|at\s+the\s+start|earlier|is\s+the"
                        r"\s+(?:target|goal)|target)\b", re.I)
_MEASURES = frozenset(["%", "pp", "points", "$", "€", "£", "CHF", "ms", "s", "min", "h", "days",
                       "weeks", "months", "years", "kg", "t", "km", "KB", "MB", "GB", "TB", "l",
                       "kWh", "MWh", "GWh"])


def clean(text: str) -> str:
    """Lower case, one space between words, curly quotes straight."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.lower().split())


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(re.search(rf"\b(?:{_WORDS})\b", text, re.I))


def numbers_in(span: str) -> set[float]:
    """Every number written in `span`, in digits or in words (for the guard)."""
    found = {float(s.value) for s in values_in(span)}
    found |= {float(m.replace(",", ".")) for m in re.findall(_NUM, span)}
    found |= {float(WORD_NUMBERS[w.lower()]) for w in re.findall(rf"\b(?:{_WORDS})\b", span, re.I)}
    return found


def unit_of(unit: str | None) -> str | None:
    """A KR's unit in the scheme of `coach.okr.numbers` ("minutes" -> "min")."""
    if not unit:
        return None
    for probe in (f"1 {unit}", f"{unit}1"):
        tokens = scan_numbers(probe)
        if tokens and tokens[0].unit:
            return tokens[0].unit
    return unit


def _measure(unit: str | None) -> bool:
    return unit is not None and (unit in _MEASURES or "/" in unit)


@dataclass(frozen=True)
class Answer:
    value: Number | None = None
    span: str | None = None
    approx: bool = False
    reason: Unclear | None = None
    said: str | None = None
    unit: str | None = None


def _unclear(reason: Unclear, said: str, unit: str | None = None) -> Answer:
    return Answer(reason=reason, said=said.strip(), unit=unit)


def _references(text: str, said: list[Said], refs: list[Number | None]) -> list[Said]:
    """`said` without numbers that restate a known reference ("down from 4.2", "target 3")."""
    known = {float(r) for r in refs if r is not None}
    kept = [s for s in said if not (float(s.value) in known and (
        _REF_BEFORE.search(text[max(0, s.start - 24): s.start])
        or _REF_AFTER.match(text[s.end: s.end + 30])))]
    return kept if kept else said


def _approximate(text: str, s: Said) -> bool:
    return bool(hedged(text, s) or _APPROX_BEFORE.search(text[max(0, s.start - 24): s.start])
                or _APPROX_AFTER.match(text[s.end: s.end + 20]))


def _one_number(text: str, refs: list[Number | None]) -> Said | Answer:
    """The single plain number in `text`, or why there is none."""
    if _GLUED_ISH.search(text):
        return _unclear("approximate", text)
    rng = _RANGE.search(mask_scales(text))
    if rng:
        return _unclear("range", rng.group(0))
    said = _references(text, [s for s in values_in(text) if s in said_outside(text)], refs)
    if not said:
        return _unclear("no_number", text)
    if len(said) > 1:
        return _unclear("several", ", ".join(s.span for s in said))
    if _approximate(text, said[0]):
        return _unclear("approximate", text)
    return said[0]


def read_value(text: str, kr: CheckinKR | None) -> Answer:
    """This week's value of `kr` from the person's words."""
    unit = unit_of(kr["unit"]) if kr else None
    last = kr["last_value"] if kr else None
    if UNKNOWN.match(clean(text)):
        return _unclear("unknown", text)
    if _ROUGH_SAME.search(text):
        return _unclear("approximate", text)
    if _SAME.match(clean(text)):
        if last is None:
            return _unclear("no_number", text)
        return Answer(value=last, span=text.strip(), approx=True)
    rng = _RANGE.search(mask_scales(text))
    if rng:
        return _unclear("range", rng.group(0))
    approxes = approximations(text)
    if approxes and not said_outside(text):
        first = approxes[0]
        if len(approxes) == 1 and first.proposal is not None and first.unit in (None, unit):
            return Answer(value=first.proposal, span=first.span, approx=True)
        return _unclear("approximate", first.span)
    refs = [last, kr["baseline"], kr["target"]] if kr else []
    one = _one_number(text, refs)
    if isinstance(one, Answer):
        return one
    said_unit = unit_of(one.unit)
    counted = unit is not None and unit.startswith("/") and not _measure(said_unit)
    if said_unit != unit and said_unit is not None and not counted and (
        _measure(said_unit) or _measure(unit)
    ):  # "31 loaves" on a per-week KR names what is counted; "3 hours" on minutes is asked
        return _unclear("unit", one.span, said_unit)
    return Answer(value=one.value, span=one.span)


def read_confidence(text: str, kr: CheckinKR | None) -> Answer:
    """A confidence 0–10: "7", "7/10", "seven", "7 out of 10"."""
    if _GLUED_ISH.search(text):
        return _unclear("approximate", text)
    rng = _RANGE.search(mask_scales(text))
    if rng:
        return _unclear("range", rng.group(0))
    out_of = _OUT_OF.search(text)
    if out_of:
        if out_of.group("d").lower() not in ("10", "ten"):
            return _unclear("scale", out_of.group(0))
        raw = out_of.group("n").lower()
        value = float(WORD_NUMBERS[raw]) if raw in WORD_NUMBERS else float(raw.replace(",", "."))
        span = out_of.group(0)
        near = Said(int(value) if value.is_integer() else value, None, span, out_of.start(),
                    out_of.end())
        if _approximate(text, near):
            return _unclear("approximate", span)
        return _scale_point(value, span)
    one = _one_number(text, [kr["last_confidence"]] if kr else [])
    if isinstance(one, Answer):
        return one
    if one.unit == "%":
        if float(one.value) % 10 == 0 and 0 <= one.value <= 100:
            return Answer(value=int(one.value) // 10, span=one.span, approx=True)
        return _unclear("scale", one.span)
    return _scale_point(float(one.value), one.span)


def _scale_point(value: float, span: str) -> Answer:
    if not 0 <= value <= 10:
        return _unclear("out_of_range", span)
    if not value.is_integer():
        return _unclear("whole", span)
    return Answer(value=int(value), span=span)
