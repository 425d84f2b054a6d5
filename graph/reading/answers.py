"""The answer to the question the coach asked: a number for "where is it today / where
should it be?", a scale point, a deadline, or free words — each number with its span."""

from __future__ import annotations

import re

from graph.reading import signals
from graph.reading.context import ReadingContext
from graph.reading.followups import field_cue
from graph.reading.models import Pending, Quantity, SlotAnswer
from graph.reading.periods import period_of
from graph.reading.quantities import approximations, hedged, said_numbers
from graph.reading.statements import readback_question

KR_SLOTS = frozenset({"kr_first", "more_krs", "confirm", "kr_due"})
NUMBER_SLOTS = frozenset({"kr_target", "kr_baseline"})


def number_answer(text: str, ctx: ReadingContext) -> tuple[SlotAnswer | None, list[Pending]]:
    """The answer to "where is X today?" / "where should X be?"."""
    slot = ctx.asked or ""
    field = "target" if ctx.asked_base == "kr_target" else "baseline"
    found = approximations(text)
    said = [s for s in said_numbers(text) if not any(s.span in a.span for a in found)
            and not re.search(r"\bnot\s*$", text[: s.start], re.I)]
    if signals.exception_in(text) and len(text.split()) > 10:
        return None, []  # "not 0 because on Thursdays when Lena … it works": an instance
    if found and not said:
        approx = found[0]
        unit = approx.unit
        if ctx.asked_index is not None and ctx.asked_index < len(ctx.krs):
            kr = ctx.krs[ctx.asked_index]
            unit = approx.unit or kr.unit
            if approx.relative and kr.baseline is not None and field == "target":
                factor = {"double": 2, "triple": 3, "half": 0.5}[approx.relative]
                value = kr.baseline * factor
                proposal = int(value) if float(value).is_integer() else value
                found[0] = type(approx)(approx.span, proposal, unit, None)
                approx = found[0]
        if approx.proposal is None:
            return None, [Pending(question=readback_question(approx.span, None, unit),
                                  kr=ctx.asked_index)]
        quantity = Quantity(value=approx.proposal, span=approx.span, unit=unit, approx=True)
        return None, [Pending(question=readback_question(approx.span, approx.proposal, unit),
                              kr=ctx.asked_index, values={field: quantity})]
    if len(text.split()) > 15:  # a long story: only a number the words tie to the question
        said = [s for s in said if field_cue(text, s.start) is not None]
    if not said:
        return None, []
    first = said[0]
    one_value = len({float(s.value) for s in said}) == 1
    if one_value and first.unit is None and 0 <= float(first.value) <= 10 and re.search(
            r"\b(?:an?|at)\s*$", text[: first.start], re.I):
        # "about a 4": the 0-10 scale, not the KR's value
        return SlotAnswer(slot="scale", text=text,
                          number=Quantity(value=first.value, span=first.span)), []
    distinct = {float(s.value) for s in said}
    if len(distinct) == 1 and hedged(text, said[0]):
        first = said[0]
        quantity = Quantity(value=first.value, span=first.span, unit=first.unit, approx=True)
        return None, [Pending(question=readback_question(first.span, first.value, first.unit)
                              .replace(" — about ", " — shall I write down "),
                              kr=ctx.asked_index, values={field: quantity})]
    if len(distinct) > 1:
        question = ("I heard " + " and ".join(s.span for s in said[:3])
                    + " — which one number should I write down?")
        return None, [Pending(question=question, kr=ctx.asked_index)]
    first = said[0]
    return SlotAnswer(slot=slot, text=text,
                      number=Quantity(value=first.value, span=first.span, unit=first.unit)), []


_OF_TEN = re.compile(r"(?<![\d.,])(?P<n>10|[0-9](?:[.,]5)?)\s*(?:/|out\s+of|of|from)\s*10\b", re.I)


def slot_answer(text: str, ctx: ReadingContext) -> tuple[SlotAnswer | None, list[Pending]]:
    base = ctx.asked_base
    if not base:
        return None, []
    if base in NUMBER_SLOTS:
        return number_answer(text, ctx)
    if base == "scale":
        of_ten = _OF_TEN.search(text)  # "a 3 out of 10", "6/10"
        if of_ten:
            point = float(of_ten.group("n").replace(",", "."))
            return SlotAnswer(slot=ctx.asked or base, text=text, number=Quantity(
                value=int(point) if point.is_integer() else point, span=of_ten.group("n"))), []
        said = [s for s in said_numbers(text) if s.unit in (None, "points")]
        if said and 0 <= float(said[0].value) <= 10:
            s = said[0]
            return SlotAnswer(slot=ctx.asked or base, text=text,
                              number=Quantity(value=s.value, span=s.span)), []
        return None, []
    if base == "kr_due":
        due = period_of(text)
        return (SlotAnswer(slot=ctx.asked or base, text=text, due=due), []) if due else (None, [])
    return SlotAnswer(slot=ctx.asked or base, text=text), []


