"""Numbers that belong to the KR being talked about: "right now it's about 25 min",
"should be 10 min", "target 80 %" — a statement with no metric of its own.

The field comes from the words right before the number ("now", "today", "currently" →
today's value; "should", "want", "target", "down to" → the target) or from the question the
coach asked; when neither says it, the coach asks before writing anything down.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from coach.formatting import number_with_unit
from coach.okr.vocab import words
from graph.measures import units_clash
from graph.reading.context import ReadingContext
from graph.reading.models import Edit, KRStatement, Pending, Quantity
from graph.reading.periods import period_of
from graph.reading.quantities import approximations, said_numbers, said_outside

_FILLER = words(
    "now its it's it is are right currently today should be would could we we're were at "
    "about around on the a target goal aim want wanted like to maybe i i'd id say probably "
    "think hmm ok okay so well thats that's there here up down get let's lets make more less "
    "than roughly approx approximately average avrage just only still already really honestly "
    "and but or if currently: today: now: target: goal: baseline baseline: starting point "
    "value number figure level per cent percent realistic realistically hoping hope reach hit "
    "something would've ideally moment present these days time us me our them all "
    "last this season year month week term quarter semester spring summer autumn fall winter "
    "yesterday tonight night oh ah though although however anyway fine sure yeah yes alright "
    "nyt se on ne niitä niitä noin suunnilleen tällä hetkellä hetkellä tavoite tavoitteena "
    "tavoitteeksi olisi olla ollaan meillä meil me olemme on ja mutta ehkä vähintään "
    "alle yli jo vielä sitten haluaisin haluamme pitäisi kai luulen tänään "
)
_BASE_CUE = re.compile(
    r"\b(?:now|today|currently|at\s+the\s+moment|right\s+now|presently|these\s+days|"
    r"(?:it|we)\s*(?:'s|'re|is|are)(?:\s+at)?|its|sits?|stands?|starting(?:\s+point)?|from|"
    r"baseline|at\s+present|(?:i'?d\s+)?(?:guess|estimate|reckon)|(?:i|we)\s+(?:manage|average)|"
    r"last\s+(?:month|year|quarter|week|term|time|season|semester)|"
    r"so\s+far|(?:we|i)\s+(?:usually\s+|currently\s+|typically\s+|normally\s+)?(?:issued|had|"
    r"have|got|get|did|do|made|make|ran|run|sold|sell|saw|see|serve|served|handle|handled|"
    r"process|processed|ship|shipped|deliver|delivered|produce|produced|receive|received|"
    r"answer|answered|close|closed|win|won|publish|published|read|write|wrote|spend|spent|pay|"
    r"paid|use|used|lose|lost|throw|threw|waste|wasted)|nyt|tällä\s+hetkellä|"
    r"tänään|viime\s+(?:vuonna|kuussa|viikolla))\b[^\d]{0,40}$", re.I)
_TARGET_CUE = re.compile(
    r"\b(?:should|would|could|want|wanna|aim|goal|target|to|reach|hit|get(?:\s+it)?|need|"
    r"(?<!its\s)(?<!it's\s)(?<!\bis\s)(?<!was\s)(?<!'s\s)(?<!now\s)(?<!today\s)"
    r"like|"  # "its like 6 km", "now like 1.8%": about that much today
    r"needs|must|have\s+to|hope\s+for|plan|planning|expect|let'?s\s+say|make\s+it|love|"
    r"dream|wish|tavoite\w*|pitäisi|haluaisin|haluamme|"
    r"down\s+to|up\s+to|under|below|over|above|at\s+least|ideally|hope|hoping|realistic)\b"
    r"[^\d]{0,25}$", re.I)


_CLAUSE_START = words(
    "would could should will be is are was were it it's its that this we i i'd we'd we're "
    "i'm you they if when now right currently today at then us me where "
)


_PREPOSITION = words("with without by until till before after during per within using via across "
                     "among throughout")


_RESTATING = re.compile(r"\s*(?:so|i\.?e\.?|that\s+is|that'?s|meaning|which\s+(?:is|means))\b",
                        re.I)
_WISH = re.compile(r"\b(?:want|wanna|like|love|target|goal|aim|should|need|hope|wish)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|by|until|before|should|would|could|next|later|then)\b", re.I)
_PAIR = re.compile(r"\d\s*%?\s*(?:and|or|/|&)\s*\d", re.I)


_DID = re.compile(r"^\s*[a-z]+ed\s+(?:in|at|on|with|it|them|the|our|my|that|this|up|out|"
                  r"again|yesterday|today)\b", re.I)


_NUMBER_WORDS = words("one two three four five six seven eight nine ten eleven twelve twenty "
                      "thirty forty fifty hundred thousand million half a few couple")


def junk_metric(metric: str | None) -> bool:
    """"now its", "should", "would be a second evening": no measure named, only the words
    around a number or a clause."""
    if not metric:
        return True
    words = re.findall(r"[\w'%:]+", metric.lower())
    first = (metric.split() or [""])[0].lower().strip(",.;:")
    return not words or all(w in _FILLER or w in _NUMBER_WORDS for w in words) \
        or words[0] in _CLAUSE_START \
        or first in _PREPOSITION or first in ("target", "goal", "baseline", "aim") \
        or bool(_DID.match(metric))  # "with the same team", "checked in the system": no measure


def _field(text: str, start: int) -> Literal["baseline", "target"] | None:
    before = text[:start]
    clauses = re.split(r"[,;.!?](?=\s)", before)
    clause = clauses[-1]  # the cue is in the number's own clause
    if len(clauses) > 1 and _RESTATING.match(clause) and not (
            _BASE_CUE.search(clause) or _TARGET_CUE.search(clause)) and _WISH.search(clauses[-2]):
        return "target"  # "I want every Saturday covered, so 100%"
    if _BASE_CUE.search(clause) or _TARGET_CUE.search(clause):
        before = clause
    after = text[start : start + 40]
    if re.match(r"[^.;]{0,40}?\b(?:last\s+(?:term|year|month|week|quarter|time)|so\s+far|"
                r"today|now|currently|at\s+the\s+moment)\b", after, re.I):
        return "baseline"
    named = re.match(r"[\d.,]+[^\d.;,?!]{0,25}?\b(?:as|for|is|would\s+be)\s+(?:a|the|my|our)\s+"
                     r"(?P<f>target|goal|aim|baseline|starting\s+point)\b", after, re.I)
    if named:  # "maybe 500 a month as a target?"
        return "baseline" if named.group("f").lower() in ("baseline", "starting point") \
            else "target"
    if re.match(r"[\d.,]+\s*(?:%|[^\W\d]+(?:/[^\W\d]+)?)?\s*(?:(?:a|an|per)\s+\w+\s+)?"
                r"(?:by|until|till|before)\s+\S", after, re.I) and not (
            _BASE_CUE.search(clause) or _TARGET_CUE.search(clause)):
        return "target"  # "55 % today, 75 % by 30.9.2026"
    base, target = _BASE_CUE.search(before), _TARGET_CUE.search(before)
    between = before[base.start():target.start()] if base and target else ""
    if base and target and re.fullmatch(r"(?:we|i)\s+(?:\w+\s+)?", between, re.I):
        return "baseline"  # "we get maybe 40": the verb of today's count, not a wish
    if base and target:
        return "baseline" if base.start() > target.start() else "target"
    return "baseline" if base else "target" if target else None


def _target_kr(text: str, ctx: ReadingContext) -> int | None:
    """The KR a bare number is about: the one asked about when the words fit that question,
    else the one the person last named."""
    asked = ctx.asked_index
    if asked is not None and asked < len(ctx.krs):
        want = "target" if ctx.asked_base == "kr_target" else "baseline"
        fields = {_field(text, s.start) for s in said_numbers(text)}
        if not (fields - {None, want}) or ctx.last_kr in (None, asked):
            return asked
    return ctx.last_kr if ctx.last_kr is not None else asked


def values_for_current(statement: KRStatement, text: str,
                       ctx: ReadingContext) -> tuple[list[Edit], list[Pending]]:
    """Edits that fill (or change) fields of the KR being talked about."""
    index = _target_kr(text, ctx)
    if index is None or index >= len(ctx.krs):
        return [], []
    kr = ctx.krs[index]
    edits: list[Edit] = []
    pending: list[Pending] = []
    taken: set[str] = set()
    plain = {_field(text, said.start) for said in said_outside(text)}
    for approx in approximations(text):
        start = text.find(approx.span)
        aimed = _field(text, start) or ("baseline" if kr.baseline is None else "target")
        if aimed in plain:
            continue  # "it's 34% last cycle. Two thirds was years ago": the plain number
        value = approx.proposal
        if approx.relative and kr.baseline is not None:
            value = kr.baseline * {"double": 2, "triple": 3, "half": 0.5}[approx.relative]
            value = int(value) if float(value).is_integer() else value
        if value is None:
            pending.append(Pending(question=f"“{approx.span}” — which number would you put on "
                                            f"it?", kr=index))
            continue
        unit = approx.unit or kr.unit
        pending.append(Pending(
            question=f"“{approx.span}” — about {number_with_unit(value, unit)}?", kr=index,
            values={aimed: Quantity(value=value, span=approx.span, unit=unit, approx=True)}))
    seen: list[float] = []
    for said in said_outside(text):
        if re.search(r"\bnot\s*$", text[: said.start], re.I):
            continue
        if float(said.value) in seen:
            continue  # "like 45%? … so yeah 45": the same value said twice
        seen.append(float(said.value))
        if ctx.asked_base == "scale" and said.unit is None and 0 <= float(said.value) <= 10 \
                and not re.search(r"\b(?:target|goal|baseline)\b", text, re.I):
            continue  # the answer to the 0-10 question, not a KR value
        if units_clash(said.unit, kr.unit):
            continue  # "in under ten minutes" for a KR counted in %: not its value
        quantity = Quantity(value=said.value, span=said.span, unit=said.unit)
        field = _field(text, said.start)
        if field is None and ctx.asked_base in ("kr_target", "kr_baseline"):
            field = "target" if ctx.asked_base == "kr_target" else "baseline"
        if field is None:
            guess = "baseline" if kr.baseline is None and kr.target is not None else "target"
            label = "where it is today" if guess == "baseline" else "the target"
            pending.append(Pending(
                question=f"Shall I write {number_with_unit(said.value, quantity.unit)} as "
                         f"{label} for {kr.metric or 'KR ' + str(index + 1)}?",
                kr=index, values={guess: quantity}))
            continue
        if field in taken:
            continue
        taken.add(field)
        edits.append(Edit(action="change", kr=index, field=field, value=quantity))
    if statement.due and not edits and not pending:
        edits.append(Edit(action="change", kr=index, field="due", due=statement.due))
    return edits, pending


_MEASURE = re.compile(
    r"\b(?:thing|one|number|sign|metric)\s+to\s+(?:measure|track|watch|count)\s*(?:would\s+be|"
    r"is|could\s+be|:|-|–)\s*(?:the\s+)?(?P<m2>[^.?!;]{3,90})|"
    r"^\W*(?:for\s+[^,]{1,30},\s*)?(?:i|we)?\s*(?:'d|would|want\s+to|wanna|could|can|should|will|"
    r"'ll)?\s*(?:like\s+to\s+)?"
    r"(?:measure|track|count|look\s+at|use|go\s+with|watch|monitor)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?P<m>[^.?!;]{3,90})", re.I)


def measured_metric(text: str) -> str | None:
    """"I want to measure the average wait from check-in to being called in"."""
    m = _MEASURE.search(text)
    if not m:
        return None
    metric = (m.group("m") or m.group("m2") or "").strip().rstrip(",")
    qualifiers = re.sub(r"\b(?:aged|between|within|under|over|above|below)\s+\d+(?:\s*(?:to|-|and)"
                        r"\s*\d+)?", "", metric)
    if re.search(r"\d", qualifiers):
        return None
    metric = re.sub(r"\s+(?:and|but|so|because)\s+.*$", "", metric, flags=re.I)
    return metric or None


def cue_says_other_field(text: str, ctx: ReadingContext) -> bool:
    """"Where should it be?" — "right now it's about 25": the words name the other field."""
    asked = "target" if ctx.asked_base == "kr_target" else "baseline"
    fields = {_field(text, said.start) for said in said_numbers(text)}
    return bool(fields - {None, asked})


def fill_from(statement: KRStatement, junk: KRStatement, text: str) -> KRStatement:
    return fill_and_ask(statement, junk, text)[0]


def fill_and_ask(statement: KRStatement, junk: KRStatement,
                 text: str) -> tuple[KRStatement, list[Pending]]:
    """"Library cards issued to teenagers. We issued 45 last term, and I'd like 90": the
    numbers of the clause after a named measure belong to that measure."""
    start = text.find(junk.text[:12]) if junk.text else -1
    part = text[start:] if start >= 0 else text
    offset = start if start >= 0 else 0
    update: dict[str, Quantity] = {}
    pending: list[Pending] = []
    pair = _PAIR.search(part)
    if pair and not re.search(r"\b(?:from|to|now|today|currently|target|goal)\b", part, re.I):
        both = said_outside(part)
        if len(both) == 2:  # "maybe 20 and 30": which is today's, which the target?
            a, b = both
            return statement, [Pending(
                question=f"Is {a.span} where {statement.metric or 'it'} is today, and {b.span} "
                         f"where you want it to be?", statement=statement,
                values={"baseline": Quantity(value=a.value, span=a.span, unit=a.unit),
                        "target": Quantity(value=b.value, span=b.span, unit=b.unit)})]
    plain = {_field(text, offset + said.start) for said in said_outside(part)}
    known = statement.baseline or next(
        (Quantity(value=s.value, span=s.span, unit=s.unit) for s in said_outside(part)
         if _field(text, offset + s.start) == "baseline"), None)
    for approx in approximations(part):
        if approx.relative and known is not None and approx.proposal is None:
            factor = {"double": 2, "triple": 3, "half": 0.5}[approx.relative]
            value = known.value * factor
            approx = replace(approx, proposal=int(value) if float(value).is_integer() else value,
                             unit=approx.unit or known.unit)  # "3 000 steps … double it"
        aimed = _field(text, offset + part.find(approx.span)) or (
            "baseline" if statement.baseline is None else "target")
        if aimed in plain:
            continue  # "about a third of studio bookings … overall roughly 12%": the number
        if approx.proposal is None or getattr(statement, aimed) is not None:
            pending.append(Pending(question=f"“{approx.span}” — which number would you put on "
                                            f"it?", statement=statement))
            continue
        unit = approx.unit or statement.unit
        pending.append(Pending(
            question=f"“{approx.span}” — about {number_with_unit(approx.proposal, unit)}?",
            statement=statement, values={aimed: Quantity(value=approx.proposal, span=approx.span,
                                                         unit=unit, approx=True)}))
    uncued = []
    for said in said_outside(part):
        field = _field(text, offset + said.start)
        if field and getattr(statement, field) is None and field not in update:
            update[field] = Quantity(value=said.value, span=said.span, unit=said.unit)
        elif field is None:
            uncued.append(said)
    target = update.get("target") or statement.target
    if len(uncued) == 1 and statement.baseline is None and "baseline" not in update \
            and target is not None and uncued[0].unit == target.unit \
            and (at := part.find(target.span)) > uncued[0].end \
            and not _FUTURE.search(part[uncued[0].end:at]):
        # "about 60% of the roster comes, I want 85%": the number before the wish is today's
        update["baseline"] = Quantity(value=uncued[0].value, span=uncued[0].span,
                                      unit=uncued[0].unit)
    due = statement.due or period_of(part)
    unit = statement.unit or next((q.unit for q in (update.get("target"), update.get("baseline"))
                                   if q is not None and q.unit), None)
    return statement.model_copy(update={**update, "due": due, "unit": unit}), pending


def fits_current(text: str, ctx: ReadingContext) -> bool:
    """A bare number with a unit like the current KR's ("around 120 a week")."""
    index = _target_kr(text, ctx)
    if index is None or index >= len(ctx.krs):
        return False
    unit = ctx.krs[index].unit
    if approximations(text) and not said_outside(text):
        return True
    units = {s.unit for s in said_outside(text)}
    return bool(units) and (unit in units or (unit is None and any(
        u and u not in ("points",) for u in units)))


def field_cue(text: str, start: int) -> Literal["baseline", "target"] | None:
    """Which field the words right around the number at `start` point to, if any."""
    return _field(text, start)
