"""The number guard: one place, for both readers.

A baseline, target or deadline enters the draft only when its span is in the person's own
words and those words read as that very value. An approximate or derived value may only
travel as a read-back question (`Reading.confirm`), never straight into the draft. Anything
else is dropped — better missing than wrong — and named in `Reading.guarded`.
"""

from __future__ import annotations

import re

from graph.reading.models import Edit, KRStatement, Pending, Quantity, Reading, SlotAnswer
from graph.reading.quantities import said_numbers


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").replace("\u202f", " ").split())


def _in_words(span: str, text: str) -> bool:
    return bool(span.strip()) and _norm(span) in _norm(text)


def exact(quantity: Quantity | None, text: str) -> bool:
    """The person said this very value, in these very words."""
    if quantity is None or quantity.approx or not _in_words(quantity.span, text):
        return False
    start = _norm(text).find(_norm(quantity.span))
    window = _norm(text)[start : start + len(_norm(quantity.span))]
    return any(float(s.value) == float(quantity.value) for s in said_numbers(window))


def said_approx(quantity: Quantity, text: str) -> bool:
    return _in_words(quantity.span, text)


def _due_ok(due: str | None, text: str) -> bool:
    """A deadline is taken only from the person's words: its digits and its words are there."""
    if due is None:
        return True
    if _in_words(due, text):
        return True
    low = _norm(text)
    words = re.findall(r"[^\W\d_]{3,}|\d+", due.lower())
    return bool(words) and all(w in low for w in words)


class _Check:
    def __init__(self, text: str) -> None:
        self.text = text
        self.dropped: list[str] = []

    def quantity(self, q: Quantity | None, what: str) -> Quantity | None:
        if q is None:
            return None
        if exact(q, self.text):
            return q
        self.dropped.append(f"{what} {q.value} ({q.span!r})")
        return None

    def due(self, due: str | None, what: str) -> str | None:
        if _due_ok(due, self.text):
            return due
        self.dropped.append(f"{what} {due!r}")
        return None

    def statement(self, s: KRStatement | None, what: str) -> KRStatement | None:
        if s is None:
            return None
        baseline = self.quantity(s.baseline, f"{what} baseline")
        target = self.quantity(s.target, f"{what} target")
        unit = s.unit
        dropped = [q.unit for q, kept in ((s.baseline, baseline), (s.target, target))
                   if q is not None and kept is None]
        if unit is not None and unit in dropped:  # the unit came with a number that went
            unit = (target.unit if target else None) or (baseline.unit if baseline else None)
        return s.model_copy(update={"baseline": baseline, "target": target, "unit": unit,
                                    "due": self.due(s.due, f"{what} deadline")})

    def edit(self, e: Edit) -> Edit | None:
        value = self.quantity(e.value, "edit value") if e.value is not None else None
        if e.action == "change" and e.field in ("baseline", "target") and value is None:
            return None
        return e.model_copy(update={"value": value, "statement": self.statement(
            e.statement, "replacement"), "due": self.due(e.due, "edit deadline")})

    def pending(self, p: Pending) -> Pending | None:
        values = {k: q for k, q in p.values.items()
                  if (q.approx and said_approx(q, self.text)) or exact(q, self.text)}
        if p.values and not values:
            self.dropped.append(f"read-back {p.question!r}")
            return None
        return p.model_copy(update={"values": values})

    def answer(self, a: SlotAnswer | None) -> SlotAnswer | None:
        if a is None:
            return None
        return a.model_copy(update={"number": self.quantity(a.number, "answer"),
                                    "due": self.due(a.due, "answer deadline")})


def guard(reading: Reading, text: str) -> Reading:
    """`reading` with every number the person did not say removed."""
    check = _Check(text)
    krs = [s for s in (check.statement(s, f"KR {i + 1}") for i, s in enumerate(reading.krs))
           if s is not None]
    edits = [e for e in (check.edit(e) for e in reading.edits) if e is not None]
    confirm = [p for p in (check.pending(p) for p in reading.confirm) if p is not None]
    return reading.model_copy(update={
        "krs": krs, "edits": edits, "confirm": confirm, "answer": check.answer(reading.answer),
        "guarded": [*reading.guarded, *check.dropped]})
