"""The rules reader: the offline way to read a turn into a `Reading` (no model needed).

Order: a command; a correction of the draft; Key Results stated and the answer to the asked
slot; then, on what remains, problem talk, an exception, yes / no / "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, replace

from coach.okr.dates import iter_dates
from coach.reframe.detector import ProblemTalk
from graph import phrases
from graph.reading import signals
from graph.reading.context import ReadingContext
from graph.reading.edits import find_edit, not_pair, rephrased, resolve_kr
from graph.reading.followups import (
    cue_says_other_field,
    fill_and_ask,
    fill_from,
    fits_current,
    junk_metric,
    measured_metric,
    values_for_current,
)
from graph.reading.guard import guard
from graph.reading.models import (
    Edit,
    KRStatement,
    Pending,
    ProblemNote,
    Quantity,
    Reading,
    SlotAnswer,
)
from graph.reading.quantities import (
    approximations,
    hedged,
    said_numbers,
    said_outside,
)
from graph.reading.statements import kr_statements, pending_for, readback_question, statement_of

Notice = Callable[[str], ProblemTalk | None]
KR_SLOTS = frozenset({"kr_first", "more_krs", "confirm", "kr_due"})
NUMBER_SLOTS = frozenset({"kr_target", "kr_baseline"})
_MIN_PROBLEM_WORDS = 3


def _number_answer(text: str, ctx: ReadingContext) -> tuple[SlotAnswer | None, list[Pending]]:
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
    if not said:
        return None, []
    first = said[0]
    if len(said) == 1 and first.unit is None and 0 <= float(first.value) <= 10 and re.search(
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


def _slot_answer(text: str, ctx: ReadingContext) -> tuple[SlotAnswer | None, list[Pending]]:
    base = ctx.asked_base
    if not base:
        return None, []
    if base in NUMBER_SLOTS:
        return _number_answer(text, ctx)
    if base == "scale":
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


def period_of(text: str) -> str | None:
    """The deadline(s) as stated: "End of Q3, so September 30" keeps both."""
    found = [d.phrase for d in iter_dates(text)]
    period = phrases.period_in(text)
    if period:
        found.append(period)
    bare = [re.sub(r"^(?:by|until|before|in|on)\s+", "", f, flags=re.I) for f in found]
    kept: list[str] = []
    for phrase in bare:
        low = phrase.lower()
        if any(low in other.lower() and low != other.lower() for other in bare):
            continue
        if low not in (k.lower() for k in kept):
            kept.append(phrase)
    return ", ".join(kept) or None


def _problem(text: str, notice: Notice) -> ProblemNote | None:
    if len(text.split()) < _MIN_PROBLEM_WORDS or signals.positive_with_negative_words(text):
        return None
    found = notice(text)
    return ProblemNote(**asdict(found)) if found is not None else None


_STRONG_CUE = re.compile(r"\b(?:at\s+present|these\s+days|i'?d\s+like\s+(?:it|that)\s+to\s+be|"
                         r"(?:it|that)\s+should\s+be|"
                         r"target\s*(?:is|of|:|would\s+be)?|today\s+it'?s|right\s+now\s+it'?s|"
                         r"currently\s+(?:it'?s|at))\s*\d", re.I)
_TERSE_CUE = re.compile(r"\b(?:now|today|currently|at\s+the\s+moment|target|aim(?:ing)?\s+for|goal|"
                        r"should\s+be|want|down\s+to|up\s+to)\b", re.I)


_UNIT_HINT = re.compile(r"^(?P<m>.+?),?\s+(?:in\s+)?(?P<u>minutes|mins|hours|days|weeks|percent|"
                        r"%|euros?|"
                        r"€|\$|dollars)\W*$", re.I)
_HINT_UNITS = {"minutes": "min", "mins": "min", "hours": "h", "days": "days", "weeks": "weeks",
               "percent": "%", "%": "%", "euro": "€", "euros": "€", "€": "€", "$": "$",
               "dollars": "$"}


def _noun_phrase(words: str) -> str | None:
    """"the gross margin on new orders, which should move from 18 % …" -> its measure."""
    head = re.split(r",|\b(?:which|that|from|to|at|is|should|would|will)\b|\d", words,
                    maxsplit=1, flags=re.I)[0]
    head = re.sub(r"^(?:the|a|an|our|my)\s+", "", head.strip(), flags=re.I).strip()
    return head if 1 <= len(head.split()) <= 8 else None


def _unit_hint(metric: str) -> tuple[str, str | None]:
    """"Handover duration, minutes" -> ("Handover duration", "min")."""
    m = _UNIT_HINT.match(metric)
    if not m:
        return metric, None
    return m.group("m").strip(" ,"), _HINT_UNITS[m.group("u").lower()]


def _terse_value(text: str) -> bool:
    """"About 45 now.", "Aim for 20.": one number and a word that says which field."""
    return len(text.split()) <= 6 and len(said_outside(text)) == 1 and bool(
        _TERSE_CUE.search(text))


_FIELD_FIRST = re.compile(r"^\W*(?:(?:and|the|my|our|a)\s+)?(?:target|goal|baseline|aim)\b", re.I)
_INTRO = re.compile(r"^\W*(?:(?:and|oh\s+and|plus)\s+)?(?:maybe|perhaps|also|possibly|then|"
                    r"and\s+then|"
                    r"next)\s+(?:also\s+)?", re.I)
_ABOUT_REF = re.compile(r"\b(?:about|for|on|regarding)\s+(?:the\s+|our\s+|"
                        r"my\s+)?(?P<w>[\w\s'-]{2,40}?)"
                        r"(?:\s+(?:one|kr|key\s+result))?(?:\s+earlier|\s+before)?\s*:", re.I)
_OBJECTIVE_LEAD = re.compile(
    r"^\W*(?:i\s+guess|i\s+think|maybe|perhaps|ok(?:ay)?|so|well|hmm+)?[,\s]*(?:something\s+like|"
    r"how\s+about|what\s+about|could\s+we\s+(?:phrase|put|say)\s+it\s+(?:as|like)|let'?s\s+say|"
    r"i'?d\s+(?:say|put\s+it\s+as|call\s+it))?\s*[:,]?\s*", re.I)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that|where|because|as|so)\b", re.I)
_ACK = re.compile(r"^\W*(?:(?:fine|ok(?:ay)?|yes|yeah|sure|alright|right|well|so|hmm+)[,.!\s]+)+",
                  re.I)
_LEAD = re.compile(
    r"^\W*(?:i\s+(?:just\s+)?(?:told|said)\s+(?:you|that|this)|as\s+i\s+said|like\s+i\s+said|"
    r"ok(?:ay)?\s+so|so|well|right|and\s+also|also|plus|and(?=\s))\s*[:,.\-–—]*\s*", re.I)
_KR_LABEL = re.compile(
    r"^\W*(?:the\s+|my\s+|our\s+)?(?:first|second|third|fourth|fifth|next|last|final|other|"
    r"another)\s+"
    r"(?:key\s+result|kr|one|measure|metric)\s+(?:concerns|is\s+about|is|would\s+be|will\s+be|"
    r"should\s+be|could\s+be)\s+|"
    r"^\W*(?:(?:and\s+)?(?:another|one\s+more|the\s+next|next|a\s+(?:second|third|fourth|"
    r"fifth)|(?:the\s+)?(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last))"
    r"(?:\s+(?:one|kr|key\s+result|measure|metric|number|thing))?|(?:o?kr|"
    r"key\s+result)\s*#?\s*\d?)\s*[:\-–—,]\s*|"
    r"^\W*(?:another|one\s+more)\s+(?:one|kr|key\s+result)\b[\s,:]*", re.I)


def _lead_free(text: str) -> tuple[str, bool]:
    """The turn without lead-ins ("I just told you:", "Ok so"); True when a KR label
    ("Another one:", "2nd one:", "KR 3:") says a Key Result follows."""
    body = text
    for _ in range(3):
        body = _LEAD.sub("", body).strip()
    intro = _INTRO.match(body)
    if intro and _KR_LABEL.match(body[intro.end():]):
        body = body[intro.end():]  # "Maybe a fourth one: comped dishes"
    labelled = bool(_KR_LABEL.match(body))
    body = _KR_LABEL.sub("", body).strip()
    intro = _INTRO.match(body)
    if intro and not labelled:
        rest = body[intro.end():]
        first = re.split(r"(?<=[.;!?])\s+|,\s*", rest, maxsplit=1)
        if len(first) == 2 and 2 <= len(first[0].split()) <= 8 and not re.search(
                r"\d", first[0]) and re.search(r"\d", first[1]):
            return rest.strip(), True  # "Then funded grant proposals, maybe 2 and 4?"
    return body or text, labelled


class RulesReader:
    """`read(text, ctx) -> Reading` with the lexicon/classifier noticer for problem talk."""

    name = "rules"

    def __init__(self, notice: Notice) -> None:
        self.notice = notice

    def read(self, text: str, ctx: ReadingContext) -> Reading:
        return guard(self._read(text, ctx), text)

    def _read(self, raw: str, ctx: ReadingContext) -> Reading:
        text = raw.strip()
        reading = Reading(text=text, language=signals.language_of(text),
                          personal=signals.personal(text))
        if (command := signals.command_in(text)) is not None:
            return reading.model_copy(update={"command": command})
        body, labelled = _lead_free(text)
        new_words = rephrased(body)
        correction = not_pair(body, ctx) if ctx.krs else None
        if correction is not None:
            return reading.model_copy(update={"edits": [correction.edit]})
        if new_words is not None and ctx.krs:
            statements, _pending, _rest = kr_statements(new_words, all_pieces=True)
            if statements and (statements[0].baseline or statements[0].target):
                return self._rephrase(reading, new_words, text, ctx)
        found = find_edit(body, ctx)
        if found is not None:
            edit = found.edit
            if found.statement_text:
                statement = statement_of(found.statement_text, text)
                if statement.metric is None or junk_metric(statement.metric):
                    words = found.statement_text.strip().rstrip(".!")
                    statement = statement.model_copy(update={
                        "metric": measured_metric(words) or signals.metric_only(words)
                        or _noun_phrase(words)})
                edit = edit.model_copy(update={"statement": statement})
            return reading.model_copy(update={"edits": [edit]})
        if new_words is not None:
            return self._rephrase(reading, new_words, text, ctx)
        return self._content(reading, body, text, ctx, labelled)

    def _rephrase(self, reading: Reading, words: str, text: str, ctx: ReadingContext) -> Reading:
        """"Actually, …" / "not quite, I'd put it as: …": the new words replace the old."""
        head, colon, tail = words.partition(":")
        ref = resolve_kr(head, ctx) if colon and len(head) < 60 else None
        if ref is not None or (colon and len(head) < 60 and not said_numbers(head)):
            words = tail.strip()
        statements, pending, _rest = kr_statements(words, all_pieces=True)
        if statements and ctx.krs:
            kr = ctx.last_kr if ctx.last_kr is not None else len(ctx.krs) - 1
            kr = ref if ref is not None else kr
            same = [i for i, v in enumerate(ctx.krs) if ref is None and statements[0].metric
                    and (v.metric or "").lower() == statements[0].metric.lower()]
            kr = same[0] if same else kr
            edit = Edit(action="replace", kr=kr, statement=statements[0])
            return reading.model_copy(update={"edits": [edit], "confirm": pending})
        if not statements and not said_numbers(words) and ctx.asked_base in ("objective",
                                                                              "confirm"):
            title = phrases.clean_objective(words)
            return reading.model_copy(update={"edits": [Edit(action="rename_objective",
                                                             title=title)]})
        return self._content(reading, words, text, ctx, False)

    def _statements(self, body: str, base: str,
                    labelled: bool) -> tuple[list[KRStatement], list[Pending], str]:
        """KR statements of the turn; a named measure first, then its numbers."""
        if (base in ("kr_first", "more_krs") or labelled) and (metric := measured_metric(body)):
            statement = KRStatement(text=body, metric=metric,
                                    baseline_unknown=signals.says_unknown_value(body))
            return [statement], [], ""
        if labelled or base in ("kr_first", "more_krs"):
            first = re.split(r"(?<=[.;:!?])\s+", body, maxsplit=1)[0]
            tail = body[len(first):].strip()
            if first and not said_numbers(first) and (said_numbers(tail) or approximations(tail)) \
                    and len(first.split()) <= 10 and not phrases.is_yes(first) \
                    and not phrases.is_no_more(first):
                name = _RELATIVE_CLAUSE.split(first.rstrip(".;:"))[0].strip()
                named = KRStatement(text=name, metric=name,
                                    baseline_unknown=signals.says_unknown_value(tail))
                filled, asks = fill_and_ask(named, KRStatement(text=tail), body)
                return [filled], asks, ""
        return kr_statements(body, all_pieces=base in KR_SLOTS or labelled)

    def _content(self, reading: Reading, body: str, text: str, ctx: ReadingContext,
                 labelled: bool) -> Reading:
        base = ctx.asked_base
        updates: dict[str, object] = {}
        objective = next((found for part in re.split(r"(?<=[.!?])\s+|\n+", body)
                          if (found := phrases.explicit_objective(_ACK.sub("", part)))), None)
        if objective:
            updates["objective"] = objective
        statements: list[KRStatement] = []
        pending: list[Pending] = []
        rest = body
        if labelled or base not in NUMBER_SLOTS | {"scale", "scale_why", "scale_next"} or \
                re.search(r"\bfrom\b.*\bto\b", body, re.I):
            statements, pending, rest = self._statements(body, base, labelled)
            if signals.exception_in(body) and not labelled:
                statements = [s for s in statements if s.baseline and s.target]
        measure_named = base in NUMBER_SLOTS and (signals.names_a_measure(body)
                                                  or measured_metric(body) is not None)
        if not statements and not objective and (base in KR_SLOTS or labelled
                                                 or measure_named):
            first = re.split(r"(?<=[.;!?])\s+", body, maxsplit=1)[0].rstrip(".;!? ")
            first = _RELATIVE_CLAUSE.split(first)[0].strip()
            named = first if (labelled or measure_named) and len(first.split()) <= 10 \
                and not said_numbers(first) else None
            short = signals.metric_only(body)
            metric = measured_metric(body) or named or (
                short if base == "kr_first" or labelled or (
                    short and signals.names_a_measure(body)
                    and base not in ("objective", "confirm")) else None)
            if metric and signals.reply_in(body, base) in (None, "unknown"):
                metric, unit = _unit_hint(metric)
                statements = [KRStatement(text=body, metric=metric, unit=unit,
                                          baseline_unknown=signals.says_unknown_value(body))]
        edits: list[Edit] = []
        kept: list[KRStatement] = []
        about = _ABOUT_REF.search(body)
        index = resolve_kr(about.group("w"), ctx) if about and ctx.krs else None
        if index is not None and about is not None and said_outside(body[about.end():]):
            focused = replace(ctx, last_kr=index, asked=None)
            more_edits, more_pending = values_for_current(KRStatement(text=body),
                                                          body[about.end():], focused)
            edits += more_edits
            pending += more_pending
            statements = []
        if not statements and ctx.krs and (((base in KR_SLOTS or _STRONG_CUE.search(body))
                                           and fits_current(body, ctx)) or _terse_value(body)):
            statements = [KRStatement(text=body)]
        for statement in statements:
            if junk_metric(statement.metric) and kept:
                kept[-1] = fill_from(kept[-1], statement, body)
            elif junk_metric(statement.metric) and ctx.krs and not labelled:
                more_edits, more_pending = values_for_current(statement, body, ctx)
                edits += more_edits
                pending += more_pending
            elif not junk_metric(statement.metric):
                if not statement.baseline_unknown and signals.says_unknown_value(body) \
                        and statement.baseline is None:
                    statement = statement.model_copy(update={"baseline_unknown": True})
                kept.append(statement)
        statements = kept
        if edits:
            updates["edits"] = edits
        if base in NUMBER_SLOTS and statements:
            statements = [s for s in statements if s.baseline and s.target] or statements
        answer = None
        named_field = _FIELD_FIRST.match(body) and ctx.krs and not statements
        if named_field or (base in NUMBER_SLOTS and not statements
                           and cue_says_other_field(body, ctx)):
            more_edits, more_pending = values_for_current(KRStatement(text=body), body, ctx)
            edits += more_edits
            pending += more_pending
            if edits:
                updates["edits"] = edits
        if (not statements and not edits) or base in NUMBER_SLOTS:
            answer, more = _slot_answer(body, ctx) if not (statements or edits) else (None, [])
            pending.extend(more)
        if base in NUMBER_SLOTS and statements and ctx.asked_index is not None:
            pending = [p.model_copy(update={"kr": ctx.asked_index}) for p in pending]
        if edits:
            updates["edits"] = list({e.model_dump_json(): e for e in edits}.values())
        updates.update(krs=statements, answer=answer, confirm=pending,
                       period=period_of(body))
        if base == "objective" and not statements and not objective and not said_outside(body) \
                and signals.reply_in(body, base) is None:
            title = phrases.clean_objective(_OBJECTIVE_LEAD.sub("", body).strip(" '\"“”‘’?"))
            if len(title.split()) >= 2:
                updates["objective"] = objective = title
        if any(signals.says_save(part) for part in re.split(r"(?<=[.!?])\s+", body)):
            updates["final"] = True
        reply = signals.reply_in(body, base)
        if reply is not None and not statements and not objective:
            updates["reply"] = reply
        if signals.exception_in(body):
            updates["exception"] = body
        elif not statements and not edits and not objective and reply is None and not (
                answer and answer.number is not None):
            updates["problem"] = _problem(rest if rest.strip() else body, self.notice)
        return reading.model_copy(update=updates)


def read_approximate_statement(text: str, statement: KRStatement, kr: int | None) -> list[Pending]:
    """Read-back questions for a statement another reader produced (the model reader)."""
    return pending_for(statement, text, approximations(text), kr)
