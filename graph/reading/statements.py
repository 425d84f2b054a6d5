"""Key Result statements out of a turn, each number tied to the words it came from.

Approximate quantities are masked before the KR parser reads the text (so "about two thirds"
never becomes 2), and come back as read-back questions. Two numbers with nothing to say which
is today's and which the target ("40 and 60") are not placed: the coach asks.
"""

from __future__ import annotations

import re

from coach.formatting import number_with_unit
from coach.okr.locale_forms import case_endings_as_words
from coach.okr.parser import analyse_kr, split_kr_candidates
from coach.okr.vocab import words
from graph.measures import precision
from graph.reading.followups import field_cue
from graph.reading.models import KRStatement, Pending, Quantity
from graph.reading.periods import period_of
from graph.reading.quantities import (
    Approximation,
    approximations,
    mask_scales,
    races_as_distances,
    said_numbers,
    span_for,
)

_BASE_CUE = re.compile(r"(?:\bfrom|\bis|\bat|\bcurrently|\btoday|\bnow|\bwas|\bbaseline|"
                       r"\bstarting|\bsits?|\bstands?)\s*(?:at\s+|about\s+|around\s+|roughly\s+)?$",
                       re.I)
_ORDER_CUES = re.compile(
    r"\bfrom\b|\bto\b|->|→|=>|\bnow\b|\btoday\b|\bcurrently\b|\bat\s+the\s+moment\b|\bdown\s+to\b|"
    r"\bup\s+to\b|\binstead\s+of\b|\bvs\.?\b|\bbaseline\b|\btarget\b|\bunder\b|\bbelow\b|"
    r"\bover\b|\babove\b|\bat\s+least\b|\bis\b|\bwas\b|\breach\b|\bhit\b|\bgoal\b|"
    r"\btavoite\w*|\bnyt\b|\btällä\s+hetkellä\b|\blähtötaso\w*|\benintään\b|\bvähintään\b", re.I)


def mask(text: str, found: list[Approximation]) -> str:
    """`text` with every approximate quantity blanked (same length)."""
    out = text
    for approx in found:
        start = out.find(approx.span)
        if start >= 0:
            out = out[:start] + " " * len(approx.span) + out[start + len(approx.span):]
    return out


def _quantity(text: str, value: float | int | None, unit: str | None) -> Quantity | None:
    said = span_for(text, value)
    if said is None or value is None:
        return None
    return Quantity(value=value, span=said.span, unit=unit)


_FROM_ACTIVITY = re.compile(r"\bfrom\s+(?P<m>(?:[a-z]+ing|[a-z]+)(?:\s+[a-z]+){0,2}?)\s+(?=\S*\d|"
                            r"once|twice|one|two|three|four|five|six|seven|eight|nine|ten)",
                            re.I)
_PAIR_AND = re.compile(r"(?<![\w.,])(?P<a>\d+(?:[.,]\d+)?)\s*(?P<u1>%|percent)?\s*(?:and|or|/|&)\s*"
                       r"(?P<b>\d+(?:[.,]\d+)?)\s*(?P<u2>%|percent)?(?!\w|[.,]\d)", re.I)


_PIECE_LEAD = re.compile(r"^(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:rather|prefer\s+to|"
                         r"like\s+to)\s+"
                         r"(?:measure|track|count|use|go\s+with|look\s+at)\s+", re.I)
_MEASURE_LEAD = re.compile(r"^(?:(?:i|we)?\s*'?d\s+|(?:i|we)\s*'ll\s+|i\s+|we\s+)?"
                           r"(?:(?:could|can|would|will|should|might|may)\s+(?:also\s+|maybe\s+)?)?"
                           r"(?:rather\s+|like\s+to\s+|want\s+to\s+|wanna\s+)?"
                           r"(?:measure|track|count|watch|monitor)\s+"
                           r"(?:(?:is|would\s+be|will\s+be)\s+(?:the\s+)?)?", re.I)
""""We could measure the share of …", "I'd track …", "(what I want to) measure is …": the
lead before the measure's name."""
_CLAUSE_TAIL = re.compile(r",\s*(?:it'?s|it\s+is|which|that'?s|currently|now|today|we'?re|we\s+are|"
                          r"right\s+now|at\s+the\s+moment)\b", re.I)
_SHARE_OF = re.compile(r"(?:the\s+)?(?:%|percent(?:age)?|share|proportion)\s+of\b[^.;!?]*", re.I)
_WITHIN = re.compile(r"\b(?:within|in\s+under|in\s+less\s+than|inside)\s*$", re.I)


_PREFIX = re.compile(r"^(?P<m>[A-Za-z][^,;:]*?),?\s+(?:from|is|was|at|currently|today|now)\s+\S*\d",
                     re.I)
_KR_VERBS = words(
    "increase raise grow reduce cut lower decrease bring get reach run lift boost improve "
    "shorten halve double answer resolve sell save lose read publish win retain hit "
    "achieve move drop keep go make have see "
)


def _fuller_metric(text: str, metric: str | None) -> str | None:
    """"Onboarding time for new accounts, from 45 days …": the parser took "onboarding" for a
    verb; with no KR verb in front, the whole noun phrase before "from" is the metric."""
    m = _PREFIX.match(text)
    if not m or not metric:
        return metric
    prefix = _MEASURE_LEAD.sub("", m.group("m").strip()).strip() or m.group("m").strip()
    first = prefix.split()[0].lower()
    if first in _KR_VERBS or not prefix.lower().endswith(metric.lower()) or len(
            prefix.split()) > 10:
        return metric
    return prefix[:1].lower() + prefix[1:] if prefix[1:2].islower() else prefix


_SHARE_OF_WHAT = re.compile(r"\d\s*(?:%|percent|per\s+cent)\s+of\s+(?:the\s+|our\s+|all\s+)?"
                            r"(?P<what>[a-z][^,.;\d]*?)\s+(?:to|->|→)\s+\S*\d", re.I)


def _metric_from_words(piece: str) -> str | None:
    """"from running once a week now to three …": the activity is what is measured."""
    m = _FROM_ACTIVITY.search(piece)
    if not m:
        return None
    words = [w for w in m.group("m").split() if w.lower() not in ("about", "around", "roughly")]
    share = _SHARE_OF_WHAT.search(piece, m.end())
    if words and share:  # "from answering about 60 percent of emails within a day to 90"
        words += share.group("what").split()
    return " ".join(words) or None


_OUT_OF = re.compile(r"\b(?P<verb>[a-z]+)\s+(?:at\s+least\s+|about\s+)?\d+\s+(?:of|out\s+of)\s+"
                     r"(?:our|the|their|my|all)?\s*(?P<of>\d+)\s+(?P<noun>[a-z]+)", re.I)
_DONE = {"win": "won", "sell": "sold", "make": "made", "hit": "hit", "get": "got",
         "run": "run", "keep": "kept", "do": "done", "pass": "passed", "close": "closed"}


def _out_of(piece: str) -> str | None:
    """"we win at least 8 of our 12 games": the measure is "games won out of 12"."""
    m = _OUT_OF.search(piece)
    if not m:
        return None
    verb = m.group("verb").lower()
    done = _DONE.get(verb) or (verb + "d" if verb.endswith("e") else verb + "ed")
    return f"{m.group('noun')} {done} out of {m.group('of')}"


_DASH_CLAUSE = re.compile(r"\s+[-–—]\s+(?=(?:it|it'?s|its|we|we'?re|that|this|currently|now|"
                          r"today|right|at|sitting|about|around)\b)", re.I)
_COMMA_CLAUSE = re.compile(r",\s+(?=(?:we|i|they|it'?s|that'?s|which|because|so|but|also\s+not|"
                           r"not\s+(?:measured|tracked|counted)|nobody|no\s+one|no\s+idea)\b|"
                           r"[^,]*\bbecause\b)", re.I)
_RACE = re.compile(r"\b(?P<n>\d+)\s?k\b", re.I)
_TOPIC_COLON = re.compile(r"^(?P<a>[^:]{1,30}):\s*(?:my|our|the|their)?\s*(?P<b>\S.*)$", re.I)


def _in_their_words(piece: str, metric: str) -> str:
    """The measure in the person's words: "the 5k: my time" is the "5k time" (the race keeps
    its name, a "topic: my …" lead-in is folded in)."""
    for m in _RACE.finditer(piece):
        metric = re.sub(rf"\b{m.group('n')}\s?km\b", f"{m.group('n')}k", metric)
    colon = _TOPIC_COLON.match(metric)
    return f"{colon.group('a')} {colon.group('b')}" if colon else metric


def statement_of(piece: str, source: str) -> KRStatement:
    """One KR piece read by the parser; numbers are kept only with the words they came from."""
    piece = _PIECE_LEAD.sub("", piece.strip())
    analysis = analyse_kr(races_as_distances(piece))
    parsed = analysis.parsed
    metric = _CLAUSE_TAIL.split(parsed.metric)[0].strip(" ,") if parsed.metric else None
    metric = _MEASURE_LEAD.sub("", metric).strip() or None if metric else None
    if metric:  # a measure ends with its sentence
        metric = re.split(r"(?<=[a-z0-9%)])[.!?]\s+", metric)[0].strip() or metric
        metric = _DASH_CLAUSE.split(metric)[0].strip() or metric  # "retention - it's about"
        metric = _COMMA_CLAUSE.split(metric)[0].strip() or metric  # "customers, we get"
        metric = _in_their_words(source, metric)
        clock = re.search(re.escape(metric) + r"\s+(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'clock)\b)",
                          piece, re.I)
        metric = f"{metric} {clock.group(1)}" if clock else metric  # "loaded before 5 am"
    metric = _fuller_metric(analysis.text, metric)
    if metric:
        metric = re.sub(r"^(?:the|a|an|our|my|their)\s+", "", metric, flags=re.I) or metric
    if metric is None and (parsed.baseline is not None or parsed.target is not None):
        metric = _metric_from_words(piece) or _out_of(piece)
    target = _quantity(source, parsed.target, parsed.unit)
    unit = parsed.unit
    if parsed.target is not None and target is None:  # the parser's target was not a value
        baseline_said = span_for(source, parsed.baseline)
        unit = baseline_said.unit if baseline_said is not None else None
    share = _SHARE_OF.match(analysis.text)
    if share and target is not None and _WITHIN.search(piece.split(target.span)[0][-12:] + " "):
        # "% of patients called in within 15 min": the time is part of what is counted
        metric = share.group(0).strip().rstrip(".,;")
        target, unit = None, "%"
    return KRStatement(
        text=analysis.text,
        metric=metric,
        direction=analysis.direction,
        baseline=_quantity(source, parsed.baseline, parsed.unit),
        target=target,
        unit=unit,
        due=_precise_due(piece, parsed.due),
        baseline_unknown=analysis.baseline_unknown,
    )


def _precise_due(piece: str, due: str | None) -> str | None:
    """"12 books this year, so by 31 December": the most precise deadline said wins."""
    said = period_of(piece)
    if said and (not due or precision(said) > precision(due)):
        return said
    return due


def field_of(text: str, approx: Approximation) -> str:
    start = text.find(approx.span)
    return "baseline" if start >= 0 and _BASE_CUE.search(text[:start]) else "target"


def readback_question(span: str, value: float | int | None, unit: str | None) -> str:
    if value is None:
        return f"“{span}” — which number would you put on it?"
    return f"“{span}” — about {number_with_unit(value, unit)}?"


def pending_for(statement: KRStatement, text: str, found: list[Approximation],
                kr: int | None) -> list[Pending]:
    """Read-back questions for the approximate parts of one KR statement."""
    out: list[Pending] = []
    for approx in found:
        field = field_of(text, approx)
        if getattr(statement, field) is not None:
            continue
        value = approx.proposal
        unit = approx.unit if approx.unit else statement.unit
        if approx.relative and statement.baseline is not None:
            factor = {"double": 2, "triple": 3, "half": 0.5}[approx.relative]
            value = statement.baseline.value * factor
            value = int(value) if float(value).is_integer() else value
            unit = statement.baseline.unit or statement.unit
        if value is None:
            out.append(Pending(question=readback_question(approx.span, None, unit), kr=kr,
                               statement=statement))
            continue
        quantity = Quantity(value=value, span=approx.span, unit=unit, approx=True)
        out.append(Pending(question=readback_question(approx.span, value, unit), kr=kr,
                           values={field: quantity}, statement=statement))
    return out


def unordered(statement: KRStatement, piece: str) -> bool:
    """Two numbers and nothing that says which is today's and which the target."""
    return (statement.baseline is not None and statement.target is not None
            and not _ORDER_CUES.search(case_endings_as_words(piece)))


def kr_statements(text: str, all_pieces: bool) -> tuple[list[KRStatement], list[Pending], str]:
    """(statements, read-back questions, the text that is left once the KRs are read).

    `all_pieces`: take partial KRs too (the coach asked for a KR); else only KRs stated whole.
    """
    found = approximations(text)
    masked = mask(text, found)
    statements: list[KRStatement] = []
    pending: list[Pending] = []
    rest = text
    masked = _named_then_values(mask_scales(masked))
    pair = _PAIR_AND.search(masked)
    starts = {s.start for s in said_numbers(text)}
    if pair and not _ORDER_CUES.search(masked) and {pair.start("a"), pair.start("b")} <= starts:
        return _unordered_pair(text, masked, pair, found)  # not "24/7": a name
    pieces = split_kr_candidates(races_as_distances(masked))
    if not pieces:
        entire = statement_of(masked, text)
        both = bool(entire.baseline and entire.target)
        if entire.metric and (both or (all_pieces and (entire.baseline or entire.target))):
            pieces = [masked]
    for piece in pieces:
        statement = statement_of(piece, text)
        whole = statement.metric and (statement.target or statement.baseline)
        if not (all_pieces or (whole and statement.baseline and statement.target)):
            continue
        if unordered(statement, piece) and statement.baseline and statement.target:
            question = (f"Is {statement.baseline.span} where {statement.metric or 'it'} is today, "
                        f"and {statement.target.span} where you want it to be?")
            pending.append(Pending(question=question, values={
                "baseline": statement.baseline, "target": statement.target},
                statement=statement.model_copy(update={"baseline": None, "target": None})))
            statement = statement.model_copy(update={"baseline": None, "target": None})
        mine = [a for a in found if a.span in text and _near(text, a.span, piece)]
        pending.extend(pending_for(statement, text, mine, None))
        statements.append(statement)
        rest = rest.replace(piece.strip(), " ")
    if statements:
        statements[-1] = attach_orphans(statements[-1], masked, pieces, text)
    return statements, pending, rest


_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
_NAME_THEN_VALUES = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<name>(?!(?:i|we|it|they|you|he|she|that|this|there|yes|no|ok|okay|"
    r"thanks|so|but|because|if|when|then)\b)[A-Za-z][^\d.!?;:]{3,80}?)\.\s+"
    r"(?=(?:today|now|currently|right\s+now|at\s+the\s+moment|at\s+present|baseline|we'?re\s+at|"
    r"we\s+are\s+at|it'?s\s+at|from|about|around|roughly|target|goal|aim)\b[^.!?]*\d|\d)",
    re.I)


def _named_then_values(masked: str) -> str:
    """"Waiting time for the main course. Today 22 minutes, the goal is 15.": the measure named
    in a sentence of its own, its numbers in the next one, read as one KR piece."""
    return _NAME_THEN_VALUES.sub(lambda m: f"{m.group('name')}, ", masked)
_LEAD_WORDS = re.compile(r"^\W*(?:(?:and|also|plus|then|for|the|a|an|our|my)\s+)+", re.I)


def attach_orphans(statement: KRStatement, masked: str, pieces: list[str],
                   source: str) -> KRStatement:
    """"I read 12 books this year. Baseline is 3 books." / "… today 22 minutes, the goal is 15
    minutes": a number outside every KR piece, with words that say which field it is, fills a
    free field of the KR before it."""
    others = pieces[:-1]
    taken = [(at, at + len(p.strip())) for p in others if (at := masked.find(p.strip())) >= 0]
    used = {q.value for q in (statement.baseline, statement.target) if q is not None}
    update: dict[str, object] = {}
    for said in said_numbers(masked):
        if said.value in used or any(a <= said.start < b for a, b in taken) or (
                len(taken) < len(others) and any(said.span in p for p in others)):
            continue
        field = field_cue(masked, said.start)
        if field is None or getattr(statement, field) is not None or field in update:
            continue
        if span_for(source, said.value) is None:
            continue
        update[field] = Quantity(value=said.value, span=said.span,
                                 unit=said.unit or statement.unit)
    return statement.model_copy(update=update) if update else statement


def _near(text: str, span: str, piece: str) -> bool:
    """The approximation belongs to this piece (it sits inside the piece's words)."""
    words = [w for w in re.findall(r"\w+", piece) if len(w) > 3][:2]
    start = text.find(span)
    return start >= 0 and (not words or any(w.lower() in text.lower() for w in words))


def _unordered_pair(text: str, masked: str, pair: re.Match[str],
                    found: list[Approximation]) -> tuple[list[KRStatement], list[Pending], str]:
    """"we're thinking 40 and 60 for publications": ask which is today's and which the target."""
    said = [s for s in said_numbers(text) if s.start in (pair.start("a"), pair.start("b"))]
    after = re.match(r"\s*(?:for|of|on)\s+(?:the\s+|our\s+|my\s+)?(?P<w>[A-Za-z][\w' -]{2,40}?)"
                     r"\s*(?:[.,;!?]|$)", masked[pair.end():])
    before = _SENTENCE.split(masked[: pair.start()].strip())
    words = [w for w in re.findall(r"[A-Za-z][\w'-]+", _LEAD_WORDS.sub("", before[-1]))
             if w.lower() not in _FILLER]
    metric = after.group("w").strip() if after else " ".join(words[-5:]) if words else None
    if not after and len(before) > 1 and len(words) <= 1:
        # "The ones who hang up before we answer. Maybe 20 and 30.": the sentence before
        metric = _LEAD_WORDS.sub("", before[-2]).strip(" .,;") or metric
    statement = KRStatement(text=text.strip(), metric=metric)
    if len(said) != 2:
        return [statement], [], ""
    a, b = said
    unit = a.unit or b.unit
    question = (f"Is {a.span} where {metric or 'it'} is today, and {b.span} where you want it "
                f"to be?")
    values = {"baseline": Quantity(value=a.value, span=a.span, unit=unit),
              "target": Quantity(value=b.value, span=b.span, unit=unit)}
    return [statement], [Pending(question=question, values=values, statement=statement)], ""


_FILLER = words(
    "we we're were are is thinking think maybe perhaps something like or so for the a an "
    "of about around roughly i'd i'm would be guess say "
)
