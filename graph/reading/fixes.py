"""Corrections said with numbers only: "wait, I said 31 hours, it's 34", "I mixed that up: I
meant 30% today and I want it down to 20%" (the KR is found from the numbers or the words)."""

from __future__ import annotations

import re

from graph.measures import units_clash
from graph.reading.context import ReadingContext
from graph.reading.edits import field_holding, kr_by_words, quantity_of
from graph.reading.followups import field_cue
from graph.reading.models import Edit
from graph.reading.quantities import Said, near, said_numbers

_FIX_CUE = re.compile(
    r"(?:^|[.!?,;:]\s*)(?:wait|hang\s+on|hold\s+on)\b|\b(?:sorry|correction|wrong|mistake|"
    r"i\s+said|i\s+meant|i\s+wrote|actually|typo|misread|checked|double-?checked|not\s+right|"
    r"mixed\s+(?:that|it|them)\s+up|the\s+other\s+way\s+round|update|looked\s+(?:it\s+)?up|"
    r"oops|my\s+bad)\b", re.I)


def said_correction(text: str, ctx: ReadingContext) -> list[Edit]:
    """Edits for a correction cue with exactly two numbers: either one the draft holds and one
    new ("I said 31 hours. It's 34"), or a baseline and a target said again for one KR."""
    if not ctx.krs or not _FIX_CUE.search(text):
        return []
    said = said_numbers(text)
    if len(said) == 1:
        return _one_fixed(text, said[0], ctx)
    if len(said) != 2:
        return []
    holds = [(s, field_holding(float(s.value), ctx.krs)) for s in said]
    cues = [field_cue(text, s.start) for s in said]
    if set(cues) == {"baseline", "target"}:  # a restatement of both values of one KR
        kr = kr_by_words(text, ctx.krs)
        held = {hit[0] for _, hit in holds if hit is not None}
        if kr is None and len(held) == 1:
            kr = held.pop()
        if kr is None:
            return []
        return [Edit(action="change", kr=kr, field=cue, value=quantity_of(s))
                for s, cue in zip(said, cues, strict=True) if cue is not None]
    old = [hit for _, hit in holds if hit is not None]
    new = [s for s, hit in holds if hit is None]
    if len(old) != 1 or len(new) != 1:
        return []
    kr, field = old[0]
    return [Edit(action="change", kr=kr, field=field, value=quantity_of(new[0]))]


def _one_fixed(text: str, said: Said, ctx: ReadingContext) -> list[Edit]:
    """"Wait, I checked, it's 3.7 actually": the one KR whose value of that field is close to
    the new number (or the KR named) gets it; when several could, nothing changes."""
    field = field_cue(text, said.start)
    if field is None:
        return []
    kr = kr_by_words(text, ctx.krs)
    if kr is None:
        fitting = [i for i, view in enumerate(ctx.krs)
                   if (held := getattr(view, field)) is not None and float(held) != said.value
                   and near(float(said.value), float(held))
                   and not units_clash(said.unit, view.unit)]
        kr = fitting[0] if len(fitting) == 1 else None
    if kr is None or getattr(ctx.krs[kr], field) == said.value:
        return []
    return [Edit(action="change", kr=kr, field=field, value=quantity_of(said))]
