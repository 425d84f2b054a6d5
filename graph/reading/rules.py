"""The rules reader: the offline way to read a turn into a `Reading` (no model needed).

Order: a command; a correction of the draft; Key Results stated and the answer to the asked
slot; then, on what remains, problem talk, an exception, yes / no / "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, replace

from coach.okr.dates import mask_dates
from coach.reframe.detector import ProblemTalk
from graph import phrases
from graph.reading import signals
from graph.reading.answers import KR_SLOTS, NUMBER_SLOTS, slot_answer
from graph.reading.context import ReadingContext
from graph.reading.edits import Found, find_edit, kr_by_words, not_pair, rephrased, resolve_kr
from graph.reading.fixes import said_correction
from graph.reading.followups import (
    cue_says_other_field,
    field_cue,
    fill_and_ask,
    fill_from,
    fits_current,
    junk_metric,
    measured_metric,
    values_for_current,
)
from graph.reading.guard import guard
from graph.reading.leadins import (
    ABOUT_REF,
    ACK,
    FIELD_FIRST,
    FIELD_WORD,
    OBJECTIVE_LEAD,
    RELATIVE_CLAUSE,
    STRONG_CUE,
    lead_free,
    noun_phrase,
    terse_value,
    unit_hint,
)
from graph.reading.models import (
    Edit,
    KRStatement,
    Pending,
    ProblemNote,
    Quantity,
    Reading,
)
from graph.reading.named import EDIT_WORDS as _EDIT_WORDS
from graph.reading.named import named_sentence, with_rate
from graph.reading.periods import period_of
from graph.reading.quantities import (
    approximations,
    near,
    said_numbers,
    said_outside,
    values_in,
)
from graph.reading.scale_talk import SCALE_POINT as _SCALE_POINT
from graph.reading.scale_talk import SCALE_SAID as _SCALE_SAID
from graph.reading.scale_talk import SCALE_TALK as _SCALE_TALK
from graph.reading.statements import kr_statements, statement_of

Notice = Callable[[str], ProblemTalk | None]
_FOR_ALL = re.compile(r"\bfor\s+(?:all|everything|each\s+of\s+them|every\s+kr)\b|\ball\s+of\s+"
                      r"(?:it|them)\b|\bthat'?s\s+(?:our|the)\s+(?:period|deadline)\b|"
                      r"\bsame\s+(?:deadline|date)\b|\bdeadline\s+for\s+(?:all|everything)\b", re.I)
_DUE_FOR = re.compile(r"\bfor\s+(?:the\s+|my\s+|our\s+)?(?P<w>[\w'-]+(?:\s+[\w'-]+)?)\s+"
                      r"(?:one|kr|key\s+result|goal)\b", re.I)
_PAST_CHANGE = re.compile(r"\b(?:went|grew|dropped|fell|rose|improved|moved|jumped|climbed|"
                          r"slipped|got)\s+(?:up\s+|down\s+)?from\b", re.I)
_ADDED_MEASURE = re.compile(  # "Then repeat bookings - schools that come back a second time"
    r"^\W*(?:then|and|also|plus|next|another(?:\s+one)?|one\s+more)\b[\s,:]*"
    r"(?P<m>[^\d.,;:!?–—-]{3,60}?)\s*(?:\s[-–—]\s|[:,(]|\.|$)", re.I)
# after the Future Gallery a new KR needs to be said whole or announced ("one more KR: …")
_LATE_SLOTS = frozenset({"scale", "scale_why", "scale_next", "resources", "small_steps",
                         "confirm"})
_ADD_CUE = re.compile(r"\b(?:another|one\s+more|add(?:ing)?|new\s+(?:kr|key\s+result|one|measure|"
                      r"metric)|(?:second|third|fourth|fifth|next)\s+(?:one|kr|key\s+result|measure|"
                      r"metric|number)|kr\s*\d)\b|^\W*(?:second|third|fourth|fifth)\b", re.I)
_TODAY_CUE = re.compile(r"\b(?:now|today|currently|at\s+present|stands?\s+at|sits?\s+at|"
                        r"is\s+at|we'?re\s+at|right\s+now|at\s+the\s+moment|baseline|"
                        r"starting\s+point)\b", re.I)
# before the Key Results are asked for, numbers said with a cue like this start one
_EARLY_SLOTS = frozenset({"best_hopes", "meaning", "future_perfect", "notice", "objective"})
_NUMBERS_CUE = re.compile(r"^\W*(?:(?:as\s+)?for\s+(?:the\s+)?numbers?|number-wise|numbers?\s*:)|"
                          r"\bthe\s+(?:obvious\s+|main\s+|first\s+)?(?:number|measure|metric|kr|"
                          r"key\s+result)\s+(?:is|would\s+be|could\s+be)\b|"
                          r"\bthe\s+(?:obvious|main|first)\s+one\s+(?:is|would\s+be)\b", re.I)
_UNDO_ONLY = re.compile(r"^\W*undo\b", re.I)
_MIN_PROBLEM_WORDS = 3


def _problem(text: str, notice: Notice) -> ProblemNote | None:
    if len(text.split()) < _MIN_PROBLEM_WORDS or signals.positive_with_negative_words(text):
        return None
    found = notice(text)
    return ProblemNote(**asdict(found)) if found is not None else None


_PARENT_BEFORE = re.compile(r"\b(?:company|parent|organi[sz]ation(?:al)?|higher|bigger|corporate|"
                            r"group|department|their|team'?s|serves?|supports?|align\w*|under)"
                            r"(?:'s)?\s+(?:the\s+|our\s+|a\s+)?(?:level\s+)?$", re.I)
_OBJECTIVE_LABEL = re.compile(r"\b(?:objective|obj|tavoite)(?:\s+(?:is|would\s+be|could\s+be|"
                              r"might\s+be|on|olisi))?(?:,[^:.!?\d]{0,50})?\s*:", re.I)


def _objective_in(part: str) -> str | None:
    """"Objective: …" at the start of a sentence, or after a lead ("pasting: Objective: …")."""
    found = phrases.explicit_objective(ACK.sub("", part))
    label = _OBJECTIVE_LABEL.search(part) if found is None else None
    if label is None or _PARENT_BEFORE.search(part[: label.start()]):
        return found  # "It serves the company objective: …" names the bigger goal
    title = part[label.end():].strip(" '\"“”‘’")
    return phrases.explicit_objective(part[label.start():]) or (
        phrases.clean_objective(title) if len(title.split()) >= 3 else None)


def _due_of(index: int | None, period: str | None, ctx: ReadingContext) -> list[Edit]:
    """"Target 80 %, by the end of September", "I'd like to double it by December": the
    deadline said with a value for a KR is that KR's deadline."""
    if not period or index is None or index >= len(ctx.krs) or ctx.krs[index].due == period:
        return []
    return [Edit(action="change", kr=index, field="due", due=period)]


def _readback_answer(body: str, ctx: ReadingContext) -> Edit | None:
    """"“in the low 30s” — about 32?" answered "last month it was 31 hours": the one plain
    number near the read-back is the value it asked about."""
    asked = ctx.readback
    if asked is None or signals.reply_in(body, ctx.asked_base) is not None:
        return None
    if _SCALE_SAID.search(body) or _SCALE_TALK.search(body):
        return None  # "6 would be: a second shift lead": the scale, not the read-back
    said = values_in(body)
    if len(said) != 1 or approximations(body):
        return None
    if not near(float(said[0].value), float(asked.value)):
        return None
    if field_cue(body, said[0].start) not in (None, asked.field):
        return None  # "I'd like at least 85 %" after a read-back of today's value
    return Edit(action="change", kr=asked.kr, field=asked.field,
                value=Quantity(value=said[0].value, span=said[0].span,
                               unit=said[0].unit or asked.unit))


def _names_measure(statement: KRStatement) -> bool:
    """A measure of its own, not only the words around a number ("let's say 5 books")."""
    metric = (statement.metric or "").lower()
    return not junk_metric(metric) and metric != (statement.unit or "").lower()


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
        body, labelled = lead_free(text)
        if (answered := _readback_answer(body, ctx)) is not None:
            period = period_of(body)
            return reading.model_copy(update={"edits": [answered, *_due_of(
                answered.kr, period, ctx)], "period": period})
        if ctx.asked_base == "best_hopes" and signals.introduction(body):
            reading = reading.model_copy(update={"introduction": True})
        if _SCALE_POINT.search(body) and ctx.asked_base != "scale":
            ctx = replace(ctx, asked="scale")  # "Where are we... a 5?" while a KR was asked
        elif _SCALE_TALK.search(body) and ctx.asked_base not in ("scale", "scale_why",
                                                                 "scale_next"):
            ctx = replace(ctx, asked="scale_next")  # "A 5 would be me jogging twice a week"
        elif _SCALE_SAID.search(body) and ctx.asked_base not in ("scale", "scale_why",
                                                                "scale_next"):
            ctx = replace(ctx, asked="scale")
        new_words = rephrased(body)
        correction = not_pair(body, ctx) if ctx.krs else None
        if correction is not None:
            return reading.model_copy(update={"edits": [correction.edit]})
        early = find_edit(body, ctx) if ctx.krs and not labelled else None
        if early is not None and early.edit.action in ("replace", "remove"):
            return self._found(reading, early, body, text, ctx)  # "forget X … Replace it with: …"
        fixes: list[Edit] = []
        if new_words is None:  # "wait, I checked, …": the cue may be in the lead
            fixes = said_correction(body, ctx) or said_correction(text, ctx)
        if fixes:
            return reading.model_copy(update={"edits": fixes})
        field_change = new_words is not None and bool(FIELD_WORD.search(new_words))
        if new_words is not None and ctx.krs and not field_change:
            statements, _pending, _rest = self._statements(new_words, "more_krs", True)
            if statements and (statements[0].baseline or statements[0].target) \
                    and _names_measure(statements[0]):
                return self._rephrase(reading, new_words, text, ctx)
        found = None if (labelled and not _UNDO_ONLY.search(body)) or self._new_kr(body, ctx) \
            else find_edit(
            new_words if field_change and new_words else body, ctx)  # "KR3: …" is a new KR
        if found is not None and found.edit.action == "change" and found.edit.kr is not None \
                and found.edit.field in ("baseline", "target") and len(said_outside(body)) >= 2 \
                and _TODAY_CUE.search(body):
            focused = replace(ctx, last_kr=found.edit.kr)  # "it stands at 21 %, the target … 12 %"
            both, _asks = values_for_current(KRStatement(text=body), body, focused)
            if {e.field for e in both} == {"baseline", "target"}:
                dues = _due_of(found.edit.kr, period_of(body), ctx)
                return reading.model_copy(update={"edits": [*both, *dues]})
        if found is not None:
            return self._found(reading, found, body, text, ctx)
        if new_words is not None:
            return self._rephrase(reading, new_words, text, ctx)
        return self._content(reading, body, text, ctx, labelled)

    @staticmethod
    def _found(reading: Reading, found: Found, body: str, text: str,
               ctx: ReadingContext) -> Reading:
        """The edit the turn makes, with the new KR's words read as a statement."""
        edit = found.edit
        if found.statement_text:
            statement = statement_of(found.statement_text.lstrip(" :"), text)
            if statement.metric is None or junk_metric(statement.metric):
                words = found.statement_text.strip(" :").rstrip(".!")
                statement = statement.model_copy(update={
                    "metric": measured_metric(words) or signals.metric_only(words)
                    or noun_phrase(words)})
            if not statement.baseline_unknown and statement.baseline is None \
                    and signals.says_unknown_value(found.statement_text):
                statement = statement.model_copy(update={"baseline_unknown": True})
            edit = edit.model_copy(update={"statement": statement})
        value_change = edit.action == "change" and edit.field in ("baseline", "target")
        dues = _due_of(edit.kr, period_of(body), ctx) if value_change else []
        return reading.model_copy(update={"edits": [edit, *dues]})

    @staticmethod
    def _new_kr(body: str, ctx: ReadingContext) -> bool:
        """A whole KR about a measure the draft does not hold ("Waiting time for the main
        course. Today 22 minutes, the goal is 15.") is a new KR, not an edit of the last."""
        if not ctx.krs or _EDIT_WORDS.search(body):
            return False
        named = named_sentence(body) if ctx.asked_base in ("kr_first", "more_krs") else None
        if named is not None and kr_by_words(named[0], ctx.krs) is None:
            return True  # "oh and visits to my portfolio, no idea, maybe 500 a month"
        statements, _pending, _rest = kr_statements(body, all_pieces=True)
        return any(s.baseline and s.target and not junk_metric(s.metric)
                   and kr_by_words(s.metric or "", ctx.krs) is None for s in statements)

    def _rephrase(self, reading: Reading, words: str, text: str, ctx: ReadingContext) -> Reading:
        """"Actually, …" / "not quite, I'd put it as: …": the new words replace the old."""
        head, colon, tail = words.partition(":")
        ref = resolve_kr(head, ctx) if colon and len(head) < 60 else None
        if ref is not None or (colon and len(head) < 60 and not said_numbers(head)):
            words = tail.strip()
        statements, pending, _rest = self._statements(words, "more_krs", True)
        if statements and ctx.krs and _names_measure(statements[0]):
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
            tail = body[body.find(metric) + len(metric):] if metric in body else ""
            if said_numbers(tail) or approximations(tail):  # "… Overall I'd guess 12%."
                filled, asks = fill_and_ask(statement, KRStatement(text=tail), body)
                return [filled], asks, ""
            return [statement], [], ""
        if labelled or base in ("kr_first", "more_krs"):
            named_first = named_sentence(body)
            if named_first is not None:
                name, tail = named_first
                named = KRStatement(text=name, metric=name,
                                    baseline_unknown=signals.says_unknown_value(tail))
                filled, asks = fill_and_ask(named, KRStatement(text=tail), body)
                return [filled], asks, ""
        if base in KR_SLOTS or labelled:
            return kr_statements(body, all_pieces=True)
        found, asks, rest = kr_statements(body, all_pieces=True)  # only KRs said whole count
        whole = [s for s in found if s.baseline and s.target and not junk_metric(s.metric)]
        if whole and len(whole) == len(found):
            return whole, asks, rest
        return kr_statements(body, all_pieces=False)

    def _content(self, reading: Reading, body: str, text: str, ctx: ReadingContext,
                 labelled: bool) -> Reading:
        base = ctx.asked_base
        updates: dict[str, object] = {}
        objective = next((found for part in re.split(r"(?<=[.!?])\s+|\n+", body)
                          if (found := _objective_in(part))), None)
        if objective:
            updates["objective"] = objective
        statements: list[KRStatement] = []
        pending: list[Pending] = []
        rest = body
        if base in _EARLY_SLOTS and _NUMBERS_CUE.search(body) and said_numbers(body):
            labelled = True  # "For numbers, the obvious one is visits … 41 500 visits"
        if labelled or base not in NUMBER_SLOTS | {"scale", "scale_why", "scale_next"} or \
                (re.search(r"\bfrom\b.*\bto\b", body, re.I) and not _PAST_CHANGE.search(body)):
            statements, pending, rest = self._statements(body, base, labelled)
            if signals.exception_in(body) and not labelled:
                statements = [s for s in statements if s.baseline and s.target]
        elif base in NUMBER_SLOTS | {"scale", "scale_why", "scale_next"}:
            # a whole new KR said while a value or the scale was asked for
            whole, asks, left = self._statements(body, "more_krs", labelled)
            if whole and all((s.baseline or s.baseline_unknown) and s.target
                             and not junk_metric(s.metric)
                             for s in whole) and not _PAST_CHANGE.search(body) \
                    and not _SCALE_SAID.search(body):
                statements, pending, rest = whole, asks, left
        measure_named = base in NUMBER_SLOTS and not approximations(body) and not said_numbers(
            body) and (signals.names_a_measure(body) or measured_metric(body) is not None)
        if not statements and not objective and (base in KR_SLOTS or labelled
                                                 or measure_named):
            first = re.split(r"(?<=[.;!?])\s+", body, maxsplit=1)[0].rstrip(".;!? ")
            first = RELATIVE_CLAUSE.split(first)[0].strip()
            named = first if (labelled or measure_named) and len(first.split()) <= 10 \
                and not values_in(first) else None
            short = signals.metric_only(body)
            added = _ADDED_MEASURE.match(body) if base in ("kr_first", "more_krs", "kr_due") \
                else None
            named = named or (signals.metric_only(added.group("m")) if added else None)
            metric = measured_metric(body) or named or (
                short if base == "kr_first" or labelled or (
                    short and signals.names_a_measure(body)
                    and base not in ("objective", "confirm")) else None)
            if metric and junk_metric(mask_dates(metric)):
                metric = None  # "By the end of September.": a deadline, no measure
            if metric and signals.reply_in(body, base) in (None, "unknown"):
                metric, unit = unit_hint(metric)
                statements = [KRStatement(text=body, metric=metric, unit=unit,
                                          baseline_unknown=signals.says_unknown_value(body))]
        edits: list[Edit] = []
        kept: list[KRStatement] = []
        about = ABOUT_REF.search(body)
        index = resolve_kr(about.group("w"), ctx) if about and ctx.krs and (
            base not in _LATE_SLOTS or FIELD_WORD.search(body)) else None
        if index is not None and about is not None and said_outside(body[about.end():]):
            focused = replace(ctx, last_kr=index, asked=None)
            more_edits, more_pending = values_for_current(KRStatement(text=body),
                                                          body[about.end():], focused)
            edits += more_edits
            pending += more_pending
            statements = []
        kr_talk = base in KR_SLOTS - {"confirm"} or STRONG_CUE.search(body) or (
            base == "confirm" and FIELD_WORD.search(body))  # a step's "three newest" is no value
        if not statements and ctx.krs and ((kr_talk and fits_current(body, ctx))
                                           or terse_value(body)):
            statements = [KRStatement(text=body)]
        for statement in statements:
            if junk_metric(statement.metric) and kept:
                kept[-1] = fill_from(kept[-1], statement, body)
            elif junk_metric(statement.metric) and ctx.krs and not labelled and (
                    base in KR_SLOTS | NUMBER_SLOTS or STRONG_CUE.search(body)
                    or FIELD_WORD.search(body)) and not (
                    signals.exception_in(body) and not FIELD_WORD.search(body)):
                more_edits, more_pending = values_for_current(statement, body, ctx)
                edits += more_edits
                pending += more_pending
            elif junk_metric(statement.metric) and labelled and not kept and len(statements) == 1:
                words = re.split(r"(?<=[.;!?])\s+", body)[0].rstrip(".;!? ")
                kept.append(statement.model_copy(update={"metric": words}))  # "KR 1: train …"
            elif not junk_metric(statement.metric):
                statement = with_rate(statement)
                if not statement.baseline_unknown and signals.says_unknown_value(body) \
                        and statement.baseline is None:
                    statement = statement.model_copy(update={"baseline_unknown": True})
                kept.append(statement)
        statements = kept
        if edits:
            updates["edits"] = edits
        if base in NUMBER_SLOTS and statements:
            statements = [s for s in statements if s.baseline and s.target] or statements
        if base in _LATE_SLOTS and not labelled and not _ADD_CUE.search(body):
            statements = [s for s in statements if (s.baseline or s.baseline_unknown)
                          and s.target]  # only a KR said whole
        answer = None
        named_field = FIELD_FIRST.match(body) and ctx.krs and not statements
        if named_field or (base in NUMBER_SLOTS and not statements and len(body.split()) <= 25
                           and cue_says_other_field(body, ctx)
                           and not signals.exception_in(body)):
            more_edits, more_pending = values_for_current(KRStatement(text=body), body, ctx)
            edits += more_edits
            pending += more_pending
            if edits:
                updates["edits"] = edits
        if (not statements and not edits) or base in NUMBER_SLOTS:
            answer, more = slot_answer(body, ctx) if not (statements or edits) else (None, [])
            pending.extend(more)
        if base in NUMBER_SLOTS and statements and ctx.asked_index is not None:
            pending = [p.model_copy(update={"kr": ctx.asked_index}) for p in pending]
        period = period_of(body)
        due_for = _DUE_FOR.search(body) if period and ctx.krs and not statements else None
        index = resolve_kr(due_for.group("w"), ctx) if due_for else None
        if index is not None:  # "by the end of June for the sleep one"
            edits.append(Edit(action="change", kr=index, field="due", due=period))
            period, answer = None, None
        elif period and ctx.krs and not statements and not edits and base == "more_krs" \
                and ctx.last_kr is not None and not said_outside(body) \
                and len(body.split()) <= 8 and not _FOR_ALL.search(body):
            edits += _due_of(ctx.last_kr, period, ctx)  # "Also until end of August."
        elif period and ctx.krs and not statements and base in NUMBER_SLOTS and (
                pending or edits or (answer and answer.number is not None)):
            edits += _due_of(ctx.asked_index if ctx.asked_index is not None else ctx.last_kr,
                             period, ctx)
        if edits:
            updates["edits"] = list({e.model_dump_json(): e for e in edits}.values())
        updates.update(krs=statements, answer=answer, confirm=pending,
                       period=period, period_for_all=bool(_FOR_ALL.search(body)))
        if base == "objective" and not statements and not objective and not said_outside(body) \
                and signals.reply_in(body, base) is None and not approximations(body):
            title = phrases.clean_objective(OBJECTIVE_LEAD.sub("", body).strip(" '\"“”‘’?"))
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
