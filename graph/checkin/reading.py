"""One typed reading per check-in turn, by rules (no model), behind the number guard.

`read_checkin_turn(text, expecting, kr)` turns the person's words into one
`CheckinReading`. A value or a confidence carries `span`, the very words it was read from;
anything that would need a guess ("about the same", "roughly 40", "30-40", "dunno",
"12 out of 10") is `unusable` with the reason, so the coach can ask once more and name what
was unclear. Approximate quantities ("about two thirds") come back with `approx=True`: the
coach reads them back as a yes/no question and takes them only on a yes. A value answer
may carry the confidence too ("31, and I'd say a 7"): it comes back in `also`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from coach.okr.vocab import words
from graph.checkin.answers import (
    DONE,
    NO,
    NONE,
    SKIP,
    UNKNOWN,
    WRONG,
    YES,
    Unclear,
    clean,
    has_number,
    numbers_in,
    read_confidence,
    read_value,
)
from graph.checkin.models import BackKind, CheckinKR, Number, ValueKind
from graph.checkin.split import confidence_mark, has_other_number, marked_only

Expecting = Literal["review", "value", "confidence", "both", "yes_no", "text", "topic",
                    "commitment"]
ReadingKind = Literal["value", "confidence", "skip", "yes", "no", "correction", "unusable",
                      "text", "kr_choice", "done", "bare"]
"""`bare`: a lone "yes" / "ok" where words were asked for (what is working, strengths)."""


class CheckinReading(BaseModel):
    """What one user turn says, in the terms of the question that was asked."""

    kind: ReadingKind
    text: str  # the person's words, trimmed (a note, a topic, a commitment)
    value: Number | None = None  # a value, a confidence, or a correction's new number
    span: str | None = None  # the words `value` was read from
    approx: bool = False  # approximate: read back as a question, taken on a yes
    about: BackKind | None = None  # a correction: of the value or of the confidence
    reason: Unclear | None = None  # why an answer is unusable
    said: str | None = None  # the unclear words, to name them in the follow-up
    said_unit: str | None = None  # a unit other than the KR's ("3 hours" for minutes)
    kr_choice: int | None = None  # 0-based index of the chosen KR
    closing: bool = False  # "…, and that's it": the last commitment
    also: CheckinReading | None = None  # the confidence said with the value, read on its own


_CUE = re.compile(r"^(?:no|nope|not|sorry|oops|wait|i\s+meant|make\s+that|correction|"
                  r"(?:it|that)?\s*should\s+(?:be|read)|actually,?\s+it(?:'?s|\s+is|\s+was))\b",
                  re.I)
_CLOSING = re.compile(r"[\s,;.—-]*(?:and\s+)?(?:that'?s|that\s+is)\s+(?:it|all)[.!]*$", re.I)
_KR_NUMBER = re.compile(r"\b(?:kr|key\s+result|number|no\.|#)\s*(\d+)\b|^\s*(?:the\s+)?(\d+)\s*"
                        r"(?:st|nd|rd|th)?(?:\s+one)?[.!]*\s*$", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "one": 1, "two": 2,
             "three": 3, "four": 4, "five": 5}
_ORDINAL = re.compile(r"^(?:the\s+|kr\s+)?(?P<w>" + "|".join(_ORDINALS) + r")(?:\s+(?:one|kr))?"
                      r"[.!]*$", re.I)
_STOP = words("the and with that this from into about what which would help most our their "
              "have more less than talk let's lets want like think maybe")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-zäöå]{4,}", text.lower()) if w not in _STOP}


def _topic(text: str, krs: Sequence[CheckinKR]) -> CheckinReading:
    low = clean(text)
    m = _KR_NUMBER.search(low)
    number = int(m.group(1) or m.group(2)) if m else None
    ordinal = _ORDINAL.match(low)
    if ordinal:
        number = _ORDINALS[ordinal.group("w")]
    elif re.match(r"^(?:the\s+)?last(?:\s+one)?[.!]*$", low):
        number = len(krs)
    if number is not None:
        if 1 <= number <= len(krs):
            return CheckinReading(kind="kr_choice", text=text, kr_choice=number - 1)
        return CheckinReading(kind="unusable", text=text, reason="no_such_kr", said=str(number))
    said = _stems(text)
    scores = [len(said & _stems(f"{kr['metric']} {kr['text']}")) for kr in krs]
    best = max(scores, default=0)
    if best and scores.count(best) == 1:
        return CheckinReading(kind="kr_choice", text=text, kr_choice=scores.index(best))
    if best:
        return CheckinReading(kind="unusable", text=text, reason="ambiguous", said=text)
    return CheckinReading(kind="text", text=text)


def _number(text: str, about: ValueKind, kr: CheckinKR | None) -> CheckinReading:
    """A value or a confidence from `text` (for the KR `kr`)."""
    answer = read_value(text, kr) if about == "value" else read_confidence(text, kr)
    if answer.reason is not None:
        return CheckinReading(kind="unusable", text=text, reason=answer.reason,
                              said=(answer.said or "").strip(" ,;—–-"), said_unit=answer.unit)
    return CheckinReading(kind=about, text=text, value=answer.value, span=answer.span,
                          approx=answer.approx)


def _value(text: str, kr: CheckinKR | None) -> CheckinReading:
    """This week's value; with a confidence marked in the same words ("31 — confidence 7")
    the value is the number outside the mark and the confidence comes in `also`."""
    mark = confidence_mark(text)
    if mark is None or not has_other_number(text, mark):
        if marked_only(text):  # "confidence 7" is no value
            return CheckinReading(kind="unusable", text=text, reason="no_number", said=text)
        return _number(text, "value", kr)
    value = _number(text[: mark.start()] + " " * len(mark.group(0)) + text[mark.end():],
                    "value", kr).model_copy(update={"text": text})
    if value.kind != "value" or value.approx:
        return value  # the value first; the confidence is asked on its own
    confidence = _number(mark.group(0), "confidence", kr).model_copy(update={"text": text})
    return value.model_copy(update={"also": confidence})


_BARE = re.compile(r"^(?:\d+|[a-z]+)$", re.I)


def _either(text: str, kr: CheckinKR | None, *, framed: bool) -> CheckinReading:
    """A number after the read-back of a value and a confidence together: the confidence
    when it is marked as one ("confidence 6", "6 out of 10", "a 6"), else the value — but a
    bare whole number from 0 to 10 could be either and is asked about, unless the question
    said how to tell them apart (`framed`)."""
    mark = confidence_mark(text)
    if mark is not None:
        reading = _number(mark.group(0), "confidence", kr)
        return reading.model_copy(update={"text": text})
    reading = _number(text, "value", kr)
    bare = reading.value is not None and _BARE.match((reading.span or "").strip())
    if not framed and bare and float(reading.value or 0).is_integer() and \
            0 <= float(reading.value or 0) <= 10:
        return CheckinReading(kind="correction", text=text, about="both")
    return reading


def _guarded(reading: CheckinReading, text: str) -> CheckinReading:
    """The number guard: an exact value stays only when its span is in the person's words
    and those words hold that very number; an approximate one only when its words are."""
    if reading.also is not None:
        also = _guarded(reading.also, text)
        if also is not reading.also:
            reading = reading.model_copy(update={"also": also})
    if reading.value is None:
        return reading
    span = reading.span or ""
    said = bool(span.strip()) and clean(span) in clean(text)
    if said and (reading.approx or float(reading.value) in numbers_in(span)):
        return reading
    return CheckinReading(kind="unusable", text=reading.text, reason="no_number", said=span)


def read_checkin_turn(text: str, expecting: Expecting, kr: CheckinKR | None = None, *,
                      about: BackKind | None = None,
                      krs: Sequence[CheckinKR] = ()) -> CheckinReading:
    """The one reading of a user turn.

    `expecting` is what the coach just asked; `kr` the KR it was about; `about` is set when
    the last line read back a value or a confidence (or asked yes/no about one): a number
    with "no" / "not 3.9" / "I meant" then corrects it (a bare "no" asks for the number);
    `about="both"` after a value and a confidence read back together.
    `krs` are the KRs a topic may name.
    """
    return _guarded(_read(text.strip(), expecting, kr, about, krs), text)


def _read(text: str, expecting: Expecting, kr: CheckinKR | None, about: BackKind | None,
          krs: Sequence[CheckinKR]) -> CheckinReading:
    low = clean(text)
    if not low:
        return CheckinReading(kind="unusable", text=text, reason="empty", said="")
    if about is not None and expecting != "yes_no":
        if WRONG.match(low):
            return CheckinReading(kind="correction", text=text, about=about)
        if _CUE.match(low) and has_number(text):
            fixed = _either(text, kr, framed=False) if about == "both" else _number(
                text, about, kr)
            if fixed.kind == "correction":
                return fixed
            if fixed.kind == about or (about == "both" and fixed.kind in ("value", "confidence")):
                return fixed.model_copy(update={"kind": "correction", "about": fixed.kind})
    if SKIP.match(low):
        return CheckinReading(kind="skip", text=text)
    if expecting == "yes_no":
        if YES.match(low) and not has_number(text):
            return CheckinReading(kind="yes", text=text)
        if NO.match(low) and not has_number(text):
            return CheckinReading(kind="no", text=text)
        if about is not None and about != "both" and has_number(text):
            return _number(text, about, kr)
        return CheckinReading(kind="text", text=text)
    if expecting == "both":
        return _either(text, kr, framed=True)
    if expecting == "value":
        return _value(text, kr)
    if expecting == "confidence":
        if UNKNOWN.match(low):
            return CheckinReading(kind="unusable", text=text, reason="unknown", said=text)
        return _number(text, "confidence", kr)
    if expecting == "topic":
        if NONE.match(low):
            return CheckinReading(kind="skip", text=text)
        return _topic(text, krs)
    if expecting == "commitment":
        if DONE.match(low) or NONE.match(low):
            return CheckinReading(kind="done", text=text)
        if YES.match(low):
            return CheckinReading(kind="yes", text=text)
        closing = _CLOSING.search(text)
        if closing and closing.start() > 0:
            return CheckinReading(kind="text", text=text[: closing.start()].strip(" ,;"),
                                  closing=True)
        return CheckinReading(kind="text", text=text)
    if expecting == "text" and NONE.match(low):
        return CheckinReading(kind="no", text=text)
    if expecting == "text" and YES.match(low) and not has_number(text):
        return CheckinReading(kind="bare", text=text)
    return CheckinReading(kind="text", text=text)
