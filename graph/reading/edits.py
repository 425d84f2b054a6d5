"""Corrections in plain words: "remove the second one", "no, the target is 25", "not 20, 25",
"change KR 2 to …", "actually, I've changed my mind: …", "rename the objective to …", "undo".

`find_edit` returns at most one `Edit` per turn (a person corrects one thing at a time) and,
for a replacement, the words of the new KR for the reader to read as a KR statement.
A field change names its KR and field only when the words or the draft make it clear; when
they do not, `Edit.field` is None and the coach asks before changing anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.okr.vocab import words
from graph.reading.context import KRView, ReadingContext
from graph.reading.models import Edit, KRField, Quantity
from graph.reading.quantities import Said, said_numbers

_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "fifth": 4, "5th": 4, "one": 0, "two": 1, "three": 2, "four": 3,
             "five": 4}
_KR_NUMBER = re.compile(r"\b(?:o?kr|key\s+result|number|no\.?|#)\s*#?\s*(?P<n>[1-5])\b", re.I)
_ORDINAL = re.compile(r"\b(?:(?:the|my|our)\s+(?P<o>first|1st|second|2nd|third|3rd|fourth|4th|"
                      r"fifth|5th)\b(?!-)(?:\s+(?:one|kr|key\s+result|target|goal))?|"
                      r"(?P<o2>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\s+(?:one|kr|"
                      r"key\s+result)\b)", re.I)
_LAST = re.compile(r"\b(?:the\s+)?(?:last|latest|previous|newest)\s+(?:one|kr|key\s+result)\b|"
                   r"\bthat\s+(?:one|kr|key\s+result)\b", re.I)
_WORD_REF = re.compile(r"\bthe\s+(?P<w>[\w'-]+(?:[\s-][\w'-]+){0,3}?)\s+(?:one|kr|key\s+result|"
                       r"metric|target)\b", re.I)
_ABOUT = re.compile(r"^\W*(?:about|on|for|regarding|re|as\s+for)\s+(?:the\s+|my\s+|our\s+)?"
                    r"(?P<w>[^:,.]{2,40}?)(?:\s+(?:one|kr|key\s+result))?\s*[:,]", re.I)
_UNDO = re.compile(r"\bundo\b|\brevert\s+(?:that|it|this|the\s+last)|\btake\s+(?:that|it)\s+back\b|"
                   r"\bscratch\s+that\s+(?:last\s+)?change\b|\bgo\s+back\s+to\s+(?:what|how)\s+it\s+was\b|"
                   r"\bput\s+it\s+back(?:\s+the\s+way\s+it\s+was)?\b", re.I)
_REMOVE = re.compile(
    r"(?:^\W*|[.,;!?]\s*|\b(?:please|pls|just|and|then|actually|so|ok(?:ay)?|let'?s|can\s+you|"
    r"could\s+you|you\s+can|we\s+can|i'?d|i\s+want\s+to|i'?d\s+like\s+to|better|maybe|perhaps|"
    r"probably|i\s+think|let\s+me|we\s+could|i'?ll|we'?ll|i\s+will|rather)\s+)"
    r"(?:remove|delete|drop|scrap|forget(?:\s+about)?|get\s+rid\s+of|take\s+out|strike|ditch|"
    r"cross\s+out|leave\s+out|poista)\s+(?P<ref>.*)", re.I)
_RENAME = re.compile(
    r"\b(?:rename|change|call|make|reword|put|turn)\s+(?:the\s+|our\s+|my\s+)?objective\s*"
    r"(?:to|into|as|:|-|–)?\s*[:\-–]?\s*(?P<title>.+)$|"
    r"\b(?:the\s+|our\s+|my\s+)?objective\s+(?:should|would|could|will)\s+(?:be|read|say)"
    r"(?:\s+(?:more\s+)?like)?\s*[:\-–]?\s*(?P<title2>.+)$", re.I | re.S)
_CHANGE = re.compile(r"\b(?:change|make|set|update|put|turn|correct|fix|edit|replace|adjust|"
                     r"move|bump|raise|lower)\b", re.I)
_FIELD = re.compile(
    r"\b(?P<f>target|goal|aim|baseline|starting\s+point|start(?:ing)?\s+value|today'?s\s+"
    r"(?:value|number|figure)|current\s+(?:value|number|figure|level)|deadline|due\s+date|"
    r"end\s+date)\b", re.I)
_FIELD_NAMES: dict[str, KRField] = {"target": "target", "goal": "target", "aim": "target",
                                    "deadline": "due", "due date": "due", "end date": "due"}
_NOT_PAIR = re.compile(
    r"\bei\s+(?:ole\s+|ollut\s+)?(?P<old3>\d+(?:[.,]\d+)*)\s+(?:vaan|mutta)\s+"
    r"(?P<new3>\d+(?:[.,]\d+)*)|"
    r"(?<![\w.,])(?P<new4>\d+(?:[.,]\d+)*)\s*\S{0,8}?\s+eikä\s+(?P<old4>\d+(?:[.,]\d+)*)|"
    r"\bnot\s+(?P<old>\d+(?:[.,]\d+)*)\s*\S{0,8}?\s*(?:,|but|;|—|–|-|rather)\s*"
    r"(?:it'?s\s+|make\s+it\s+)?(?P<new>\d+(?:[.,]\d+)*)|"
    r"(?<![\w.,])(?P<new2>\d+(?:[.,]\d+)*)(?:\s*[^\s\d]+){0,6}?\s*(?:,\s*)?(?:not|instead\s+of|"
    r"rather\s+than)"
    r"\s+(?P<old2>\d+(?:[.,]\d+)*)", re.I)
_NOT_ZERO = re.compile(r"\b(?:10|[0-9])\s+(?:and\s+)?not\s+(?:0|zero|nought)\b", re.I)
_REPHRASE = re.compile(
    r"^\W*(?:(?:no|nope|sorry|hmm+|ok(?:ay)?|wait|well)[,.!\s]+)*(?:actually|on\s+second\s+"
    r"thought|i'?ve\s+changed\s+my\s+mind|change\s+of\s+plan|not\s+quite|let\s+me\s+rephrase|"
    r"scratch\s+that|correction|i\s+meant|what\s+i\s+meant\s+(?:is|was)|i'?d\s+(?:rather\s+)?"
    r"(?:put|say|phrase)\s+it\s+(?:as|like\s+this)|make\s+that|instead(?=\s*[:,—–-]))\b[\s,.:;—–-]*",
    re.I)
_MORE_REPHRASE = re.compile(
    r"^(?:(?:actually|i'?ve\s+changed\s+my\s+mind|not\s+quite|i'?d\s+(?:rather\s+)?(?:put|say|"
    r"phrase)\s+it\s+(?:as|like\s+this)|let'?s\s+(?:just\s+)?(?:say|make\s+it)|make\s+it|"
    r"it\s+should\s+be|"
    r"instead|rather)[\s,.:;—–-]*)+", re.I)
_MAKE_IT = re.compile(r"^\W*(?:(?:no|sorry|actually|wait|ok(?:ay)?)[,.!\s]+)*(?:make\s+it|"
                      r"let'?s\s+(?:just\s+)?(?:say|make\s+it)|it\s+should\s+be|change\s+it\s+to|"
                      r"set\s+it\s+to)\b", re.I)


@dataclass(frozen=True)
class Found:
    edit: Edit
    statement_text: str | None = None  # the new KR's words, for a replacement


def _stem(word: str) -> str:
    return word.lower().strip("'s-")[:4]


_REF_STOP = words(
    "the one that this about with make change target goal baseline from into kr key "
    "result "
)


_SPLIT = re.compile(r"[\s\-:,.]+")


def kr_by_words(words: str, krs: tuple[KRView, ...]) -> int | None:
    """The one KR whose words share the most stems with `words` ("the waiting-time one")."""
    wanted = {_stem(w) for w in _SPLIT.split(words) if len(w) > 2
              and w.lower() not in _REF_STOP}
    if not wanted:
        return None
    scores = [len(wanted & {_stem(w) for w in _SPLIT.split(f"{kr.metric or ''} {kr.text}")
                            if len(w) > 2}) for kr in krs]
    best = max(scores, default=0)
    return scores.index(best) if best and scores.count(best) == 1 else None


def resolve_kr(ref: str, ctx: ReadingContext) -> int | None:
    """The KR that `ref` points at ("KR 2", "the second one", "the churn one", "that one")."""
    krs = ctx.krs
    if (m := _ABOUT.match(ref)) and (index := kr_by_words(m.group("w"), krs)) is not None:
        return index
    if m := _KR_NUMBER.search(ref):
        index = int(m.group("n")) - 1
        return index if index < len(krs) else None
    if m := _ORDINAL.search(ref):
        index = _ORDINALS[(m.group("o") or m.group("o2")).lower()]
        return index if index < len(krs) else None
    if _LAST.search(ref):
        return len(krs) - 1 if ctx.last_kr is None and krs else ctx.last_kr
    if m := _WORD_REF.search(ref):
        return kr_by_words(m.group("w"), krs)
    return kr_by_words(ref, krs) if len(ref.split()) <= 4 else None


def quantity_of(said: Said) -> Quantity:
    return Quantity(value=said.value, span=said.span, unit=said.unit)


def _field_named(text: str) -> KRField | None:
    m = _FIELD.search(text)
    if not m:
        return None
    name = " ".join(m.group("f").lower().split())
    return _FIELD_NAMES.get(name, "baseline")


def field_holding(value: float, krs: tuple[KRView, ...],
                   only: int | None = None) -> tuple[int, KRField] | None:
    hits = [(i, f) for i, kr in enumerate(krs) for f in ("baseline", "target")
            if (only is None or i == only) and getattr(kr, f) is not None
            and float(getattr(kr, f)) == value]
    return (hits[0][0], hits[0][1]) if len(hits) == 1 else None  # type: ignore[return-value]


def not_pair(text: str, ctx: ReadingContext) -> Found | None:
    m = _NOT_PAIR.search(text)
    if not m or _NOT_ZERO.search(text):
        return None  # "why 5 not 0": the scale question, no correction
    old_key = next(k for k in ("old", "old2", "old3", "old4") if m.group(k))
    new_key = next(k for k in ("new", "new2", "new3", "new4") if m.group(k))
    old_start, new_start = m.start(old_key), m.start(new_key)
    new_said = next((s for s in said_numbers(text) if s.start == new_start), None)
    old_said = said_numbers(text[old_start:])  # "not 1.2 million": read with its multiplier
    if not old_said or old_said[0].start != 0:
        return None
    old = float(old_said[0].value)
    if new_said is None:
        return None
    ref = resolve_kr(text, ctx)
    hit = field_holding(old, ctx.krs, ref)
    if hit is None:
        field = _field_named(text)
        kr = ref if ref is not None else ctx.last_kr
        return Found(Edit(action="change", kr=kr, field=field, value=quantity_of(new_said)))
    return Found(Edit(action="change", kr=hit[0], field=hit[1], value=quantity_of(new_said)))


def _remove(text: str, ctx: ReadingContext) -> Found | None:
    m = _REMOVE.search(text)
    if not m or not ctx.krs:
        return None
    ref = m.group("ref")
    numbers = [s for s in said_numbers(ref) if not _KR_NUMBER.search(ref[: s.end])]
    if numbers and not _KR_NUMBER.search(ref):
        return None  # "drop churn from 5 % to 3 %" is a KR, not a removal
    index = resolve_kr(ref, ctx)
    if index is None and re.match(r"\s*(?:it|that)\b", ref, re.I) and ctx.last_kr is not None:
        index = ctx.last_kr
    if index is None:
        return None
    return Found(Edit(action="remove", kr=index))


def _rename(text: str) -> Found | None:
    m = _RENAME.search(text)
    if not m:
        return None
    title = (m.group("title") or m.group("title2") or "").strip().strip("\"'“”").rstrip(".!")
    if not title or re.search(r"\d", title):
        return None
    return Found(Edit(action="rename_objective", title=title))


_FIELD_OF = re.compile(r"\b(?:target|goal|baseline|deadline|value)\s+(?:for|of|on)\s+"
                       r"(?:the\s+|my\s+|our\s+)?(?P<w>[\w' -]{3,40}?)"
                       r"(?:\s+(?:one|kr|key\s+result))?\s+"
                       r"(?:is|to|should|would|=|:)", re.I)


_REWORD = re.compile(r"\b(?:change|replace|swap|turn|reword|rewrite)\s+(?:the\s+)?"
                     r"(?:o?kr\s*#?\s*\d|"
                     r"(?:first|second|third|fourth|fifth|last)\s+(?:one|kr|key\s+result))\s*"
                     r"(?:to|into|with|as|:)", re.I)


def _change(text: str, ctx: ReadingContext) -> Found | None:
    """"change KR 2 to …", "the target should be 25", "make the churn one 3 %"."""
    field = _field_named(text)
    verb = _CHANGE.search(text)
    if field == "due":
        from coach.okr.dates import mask_dates, parse_due

        due = parse_due(text)
        if not due or said_numbers(mask_dates(text)):
            return None  # "85 % by June, that's the deadline": a value with a date
        kr = resolve_kr(text, ctx)
        if kr is None:  # "the win rate deadline is wrong … by 14 june"
            kr = kr_by_words(text, ctx.krs)
        return Found(Edit(action="change", kr=kr if kr is not None else ctx.last_kr,
                          field="due", due=due))
    ref = resolve_kr(text, ctx) if (field or verb or _MAKE_IT.search(text)) else None
    words_ref = _WORD_REF.search(text)
    if ref is None and words_ref and kr_by_words(words_ref.group("w"), ctx.krs) is None \
            and not re.fullmatch(r"(?:first|second|third|fourth|fifth|last|new|old|whole)",
                                 words_ref.group("w"), re.I):
        return None  # "change the waiting list target" with no waiting-list KR: not the last
    named = _FIELD_OF.search(text) if ref is None and field else None
    if named:  # "the target for the picking errors is 4"
        ref = kr_by_words(named.group("w"), ctx.krs)
    if not (field or _MAKE_IT.search(text) or (verb and ref is not None)):
        return None  # "raise first-contact resolution from 55 % to 75 %" is a new KR
    m = re.search(r"\b(?:to|into|as|be|is|:|=)\s+(?P<rest>.+)$", text, re.I | re.S)
    rest = m.group("rest") if m else text
    rest_start = m.start("rest") if m else 0
    numbers = [s for s in said_numbers(text) if s.start >= rest_start] or (
        said_numbers(text) if field else [])  # "Change KR 1, target 1 000 m, to be safe."
    lead_words = re.split(r"\d", rest, maxsplit=1)[0].split()
    reworded = len(lead_words) >= 3 and bool(_REWORD.search(text))
    if ref is not None and field is None and (len(numbers) >= 2 or reworded):
        return Found(Edit(action="replace", kr=ref), statement_text=rest)  # "KR 2 to: kids who …"
    if not numbers:
        return None
    if ref is None and re.search(r"\bfrom\b.*\bto\b", text, re.I):
        return None  # a whole KR with its own from/to: read as a statement
    kr = ref if ref is not None else ctx.last_kr
    if kr is None and len(ctx.krs) == 1:
        kr = 0
    if field is None and kr is not None and ctx.asked_base in ("kr_target", "kr_baseline") \
            and ctx.asked_index == kr:
        field = "target" if ctx.asked_base == "kr_target" else "baseline"
    return Found(Edit(action="change", kr=kr, field=field, value=quantity_of(numbers[0])))


# "Practice minutes is more like a task, no? I change my mind: instead of practice, the …"
_MIND_CHANGED = re.compile(r"(?:^|[.!?]\s+)(?:so\s+)?(?:i|we)\s*(?:'ve|\s+have)?\s+"
                           r"chang(?:e|ed|ing)\s+(?:my|our)\s+mind\b[\s,.:;—–-]*(?:instead\s+of\s+[^,.:;]{1,40}[,:]\s*)?",
                           re.I)


def rephrased(text: str) -> str | None:
    """The new words after "actually, …", "not quite, I'd put it as: …" (else None)."""
    m = _REPHRASE.match(text) or _MIND_CHANGED.search(text)
    if not m:
        return None
    body = _MORE_REPHRASE.sub("", text[m.end() :]).strip()
    return body or None


_REPLACE_WITH = re.compile(r"\b(?:replace|swap|exchange|substitute|trade)\s+(?P<ref>.+?)\s+"
                           r"(?:with|for)\s*:?\s+(?P<new>.+)$", re.I | re.S)


# "Korvaa KR3: …", "replace KR 2: …": the new KR after the colon
_REPLACE_LABEL = re.compile(r"\b(?:korvaa|vaihda|replace)\s+"
                            r"(?P<ref>(?:o?kr|avaintulos|mittari)\s*#?\s*\d)\s*(?:[:\-–]|tällä|with)\s*"
                            r"(?P<new>\S.+)$", re.I | re.S)


# "scrap the near miss one, … put it as: % of workers who …, from 70 % to 95 %"
_SCRAP_PUT = re.compile(r"\b(?:scrap|drop|remove|forget|ditch|delete)\s+(?P<ref>[^,.;]{2,60}?)"
                        r"\s*[,.;]"
                        r".*?\b(?:put\s+it\s+as|instead|make\s+it|use|rather|in\s+its\s+place)\s*:?\s*"
                        r"(?P<new>[^\d]*\d.*)$", re.I | re.S)


# "scrap the mastitis one, … put morning milking time instead, 3 hours now, 2 by october"
_SCRAP_PUT_INSTEAD = re.compile(r"\b(?:scrap|drop|remove|forget|ditch|delete)\s+"
                                r"(?P<ref>[^,.;]{2,60}?)\s*[,.;].*?\b(?:put|use|take)\s+(?P<new>[^,.;]{3,60}?)\s+instead\b"
                                r"[\s,:]*(?P<tail>.*)$", re.I | re.S)


def _replace_with(text: str, ctx: ReadingContext) -> Found | None:
    """"Replace that KR with first-contact resolution rate"."""
    if (m := _SCRAP_PUT_INSTEAD.search(text)) and (index := resolve_kr(m.group("ref"), ctx)) \
            is not None:
        return Found(Edit(action="replace", kr=index),
                     statement_text=f"{m.group('new').strip()}, {m.group('tail').strip()}")
    m = _REPLACE_WITH.search(text) or _REPLACE_LABEL.search(text) or _SCRAP_PUT.search(text)
    if not m:
        return None
    index = resolve_kr(m.group("ref"), ctx)
    if index is None and re.search(r"\b(?:it|that|this)\b", m.group("ref"), re.I):
        index = ctx.last_kr
    if index is None:
        return None
    return Found(Edit(action="replace", kr=index), statement_text=m.group("new").strip())


def find_edit(text: str, ctx: ReadingContext) -> Found | None:
    """The correction this turn makes, if it makes one."""
    if _UNDO.search(text) and len(text.split()) <= 16:
        return Found(Edit(action="undo"))
    if found := _rename(text):
        return found
    if not ctx.krs:
        return None
    if found := _replace_with(text, ctx):
        return found
    if found := _remove(text, ctx):
        return found
    if found := not_pair(text, ctx):
        return found
    return _change(text, ctx)
