"""Read key results out of what people type.

`parse_kr("Increase response rate from 70% to 90% by end of Q2")` gives
``metric="response rate", baseline=70, target=90, unit="%", due="end of Q2"``.

- Numbers are ints when integral, else floats; "500K" -> 500000, "1,200" -> 1200.
- Units follow the scheme in `coach.okr.numbers` ("%", "$", "/month", "min", "users", ...).
- `metric` is the measured noun phrase without verb and numbers ("response rate"); a
  sentence-initial capital is lowered ("Customer churn" -> "customer churn"), acronyms kept.
- `due` is the deadline as stated, without "by" ("end of Q2", "March 31", "within 3 months").
- Nothing is invented: a field the text does not state is None. "by 20%" or "double" is a
  relative change, not a target (`KRAnalysis.relative`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from coach.okr import vocab
from coach.okr.dates import find_due, mask_dates, parse_due
from coach.okr.leadin import LABEL_RE, says_unknown, strip_lead_in
from coach.okr.metric import choose_metric
from coach.okr.models import ParsedKR
from coach.okr.numbers import NumberToken, convert_time, parse_number, scan_numbers
from coach.okr.shapes import read_shape
from coach.okr.vocab import words
from coach.okr.wordnums import digits_for_words

__all__ = [
    "KRAnalysis",
    "analyse_kr",
    "parse_due",
    "parse_kr",
    "parse_number",
    "says_unknown",
    "split_kr_candidates",
    "strip_lead_in",
]

_BASE_BEFORE = re.compile(
    r"(?:\b(?:from|was|were|is|are|currently|current|today|now|baseline|vs\.?|versus|"
    r"instead\s+of|rather\s+than|previously|before|prior|used\s+to\s+be|"
    r"last\s+(?:year|quarter|month|week|period|time|cycle|term|season)|"
    r"starting\s+(?:at|from)|compared\s+(?:to|with)|sits?|stands?|stood|sat|"
    r"(?:we|i|they|you|it|there)\s*(?:'ve|have|has|had|'re|are|were|was|is|'s)(?:\s+got)?|"
    r"nyt|tällä\s+hetkellä|tänään|viime\s+(?:vuonna|kuussa|viikolla|kaudella)|"
    r"(?:we|i|they)\s+(?:usually\s+|currently\s+|typically\s+)?(?:get|got|see|saw|do|did|make|made|"
    r"sell|sold|receive|received|handle|handled|manage|average))"
    r"\s*(?:at\s+|of\s+|is\s+|:\s*|=\s*)?(?:about|around|roughly|approx\.?|approximately|"
    r"only|just|noin|suunnilleen|n\.|maybe|perhaps|like|probably)?\s*[(:]?\s*[<>≤≥~]?\s*)$",
    re.IGNORECASE,
)
_BASE_AFTER = re.compile(
    r"^(?:\s+[A-Za-z][\w'-]*){0,3}?\s*\)?\s*,?\s*(?:today|now|currently|at\s+the\s+moment|"
    r"at\s+present|right\s+now|last\s+(?:year|quarter|month|week|period)|\(\s*(?:current|"
    r"today|now|baseline)\s*\)|(?:is\s+)?(?:the\s+)?baseline)\b",
    re.IGNORECASE,
)
_PAIR_BETWEEN = re.compile(
    r"^(?:\s+(?!(?:and|or|but|plus|while|with|as\s+well)\b)[A-Za-z][\w'/-]*){0,4}\s*"
    r"(?:to|->|-->|→|=>|➝|⟶|—>|>)\s*(?:about\s+|around\s+|"
    r"under\s+|below\s+|less\s+than\s+|at\s+least\s+|over\s+|above\s+|just\s+)?[<>≤≥~]*\s*$",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\band\b|[;,]\s", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s*(?:under|below|over|above|at\s+least)?\s*[<>≤≥~]?\s*$", re.I)
_TARGET_MARK = re.compile(r"\b(?:target|goal|aim|tavoite|tavoitteena|tavoitteeksi)\s*(?:is|of|:|=|"
                          r"would\s+be|olisi|on)?\s*(?:about|around|noin)?\s*$", re.I)
_FROM_UNKNOWN = re.compile(r"\bfrom\s+(?:\?+|x|tbd|unknown|n/?a)(?!\w)", re.IGNORECASE)
_NOT_MEASURES = words("become be go make ensure")
_RELATIVE_VERBS = words("double triple quadruple halve")
# a change with no number in it: "by a third", "cut in half", "twice as many"
_RELATIVE_WORDS = re.compile(
    r"\bby\s+(?:a|one|two|three)[\s-](?:half|thirds?|quarters?|fifths?|tenths?)\b|"
    r"\b(?:by|in)\s+half\b|\b(?:twice|three\s+times|ten\s+times)\s+(?:as|more|the)\b|"
    r"\b(?:doubl|tripl|quadrupl|halv)(?:e|es|ed|ing)\b",
    re.IGNORECASE,
)
_PCT_OF = re.compile(r"\s*of\b", re.IGNORECASE)
_PCT_METRIC = re.compile(r"(?:^|\s)(?:%|percent(?:age)?|per\s?cent)\s+of\b", re.IGNORECASE)


@dataclass(frozen=True)
class KRAnalysis:
    """Everything the validator needs to judge the wording of a KR."""

    text: str  # the KR without labels and lead-in chatter
    parsed: ParsedKR
    verb: str | None  # lemma of the main verb ("increase"), if any
    particle: str | None  # "roll *out*", "bring *down*"
    direction: vocab.Direction | None
    relative: bool  # a change is stated instead of a target ("by 20%", "double")
    several: bool  # more than one from/to construct: several metrics in one KR
    has_numbers: bool
    baseline_unknown: bool  # the text itself says the baseline is unknown
    race: bool = False  # "Run 5 km in under 30 minutes": a timed performance, not a task


Slot = NumberToken | None


def _names(work: str, values: list[NumberToken], first: NumberToken) -> list[NumberToken]:
    """Numbers in the metric's name before a from/to pair: "my 5k time from 28 to 24 min"."""
    return [
        t
        for t in values
        if t.start < first.start
        and re.match(r"\s*[A-Za-z]", work[t.end :])
        and not re.search(r"\d|\band\b|[,;(]", work[t.unit_end : first.start])
        and not _BASE_BEFORE.search(work[: t.start])
        and not _TO_BEFORE.search(work[: t.start])
    ]


def _assign(work: str, values: list[NumberToken]) -> tuple[Slot, Slot, bool, list[NumberToken]]:
    """(baseline, target) tokens, whether several from/to constructs are present, and the
    numbers that are part of the metric's name."""
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(values)
        if _PAIR_BETWEEN.match(work[a.unit_end : b.start])
    ]
    names = _names(work, values, pairs[0][0]) if pairs else []
    values = [t for t in values if t not in names]
    based = [
        t
        for t in values
        if _BASE_BEFORE.search(work[: t.start]) or _BASE_AFTER.match(work[t.unit_end :])
    ]
    to_marked = [t for t in values if _TO_BEFORE.search(work[: t.start])]
    several = len(pairs) > 1 or len(based) > 1 or len(to_marked) > 1
    several = (
        several
        or any(  # "... from 12 to 4 and keep uptime above 99.9%"
            _JOINED.search(work[a.unit_end : b.start]) for a, b in itertools.pairwise(values[1:])
        )
    )
    if pairs:
        return pairs[0][0], pairs[0][1], several, names
    marked = [t for t in values if _TARGET_MARK.search(work[: t.start])]
    if marked:  # "repair time 3.9 hours, target 2.5 hours": the number before is today's
        based = [t for t in based if t is not marked[0]]  # "target is 30 %"
        before = [t for t in values if t.start < marked[0].start and t not in based]
        baseline = based[0] if based else (before[0] if len(before) == 1 else None)
        return baseline, marked[0], several, names
    baseline = based[0] if based else None
    rest = [t for t in values if t not in based]
    # "under 2 hours for 90% of tickets": the share is the target, the time a threshold
    share = [t for t in rest if t.unit == "%" and _PCT_OF.match(work, t.unit_end)]
    fallback: Slot = (share or rest)[0] if share or rest else None
    target = next((t for t in rest if t in to_marked), fallback)
    return baseline, target, several, names


def _main_verb(kr: str) -> tuple[str | None, str | None, int]:
    """(lemma, particle, end offset) of a KR-initial verb, skipping leading adverbs."""
    pos = 0
    for m in re.finditer(r"[A-Za-z][\w'-]*", kr):
        word = m.group(0)
        if word.lower().endswith("ly") and not vocab.verb_lemma(word) and m.start() < 30:
            continue
        lemma = vocab.verb_lemma(word)
        if not lemma or m.start() > 30:
            return None, None, 0
        pos = m.end()
        nxt = re.match(r"\s+(up|down|out|off|in)\b", kr[pos:], re.IGNORECASE)
        if nxt and lemma not in vocab.UP_VERBS | vocab.DOWN_VERBS:
            return lemma, nxt.group(1).lower(), pos + nxt.end()
        return lemma, None, pos
    return None, None, 0


def _direction(lemma: str | None, particle: str | None, pre: str) -> vocab.Direction | None:
    if particle in ("up", "down") and lemma in vocab.NEUTRAL_CHANGE_VERBS | {"cut", "scale"}:
        return "up" if particle == "up" else "down"
    if direction := vocab.direction_of(lemma):
        return direction
    for word in pre.split():  # "Customer churn reduced from 5% to 3%"
        if direction := vocab.direction_of(vocab.verb_lemma(word)):
            return direction
    return None


def analyse_kr(text: str) -> KRAnalysis:
    kr = strip_lead_in(text)
    due = find_due(kr)  # the deadline as typed, before number words become digits
    work = kr if due is None else kr[: due.start] + " " * (due.end - due.start) + kr[due.end :]
    work = mask_dates(digits_for_words(work))
    scanned = scan_numbers(work)
    values = [t for t in scanned if t.role == "value"]
    baseline, target, several, names = _assign(work, values)
    tokens = [t for t in scanned if t.role in ("value", "relative") and t not in names]
    limits = [t for t in scanned if t.role == "within"]
    lemma, particle, verb_end = _main_verb(work)
    to_marked = target is not None and bool(_TO_BEFORE.search(work[: target.start]))
    shape = read_shape(work, values, limits, (baseline, target), lemma, verb_end, to_marked)
    if shape is not None:
        target = shape.target
    if target is None and limits and not (shape and shape.relative):
        target = limits[0]  # "Process permits in 20 days instead of 45"
    if target is not None and target not in tokens:
        tokens = sorted([*tokens, target], key=lambda t: t.start)
    first = min((t.start for t in tokens), default=len(work))
    pre = work[verb_end:first] if first >= verb_end else work[:first]
    measurable = lemma not in vocab.ACTIVITY_VERBS | vocab.BINARY_VERBS | _NOT_MEASURES
    metric = choose_metric(work, tokens, (baseline, target), lemma, verb_end, measurable)
    if shape is not None and shape.metric and (shape.replace_metric or metric is None):
        metric = shape.metric
    unit = (target.unit if target else None) or (baseline.unit if baseline else None)
    if shape is not None and shape.target is target:
        unit = shape.unit
    if unit is None and (target or baseline) and metric and _PCT_METRIC.search(metric):
        unit = "%"  # "Increase the % of on-time deliveries from 88 to 96"
    base_value = baseline.value if baseline else None
    if baseline and baseline.unit != unit and base_value is not None:
        base_value = convert_time(base_value, baseline.unit, unit) or base_value
    parsed = ParsedKR(
        metric=metric,
        baseline=base_value,
        target=target.value if target else None,
        unit=unit,
        due=due.phrase if due else None,
    )
    relative = any(t.role == "relative" for t in tokens) or lemma in _RELATIVE_VERBS
    relative = relative or bool(shape and shape.relative)
    relative = relative or bool(_RELATIVE_WORDS.search(work))
    unknown = baseline is None and bool(says_unknown(kr) or _FROM_UNKNOWN.search(kr))
    return KRAnalysis(
        text=kr,
        parsed=parsed,
        verb=lemma,
        particle=particle,
        direction=_direction(lemma, particle, pre),
        relative=relative,
        several=several,
        has_numbers=bool(tokens),
        baseline_unknown=unknown,
        race=bool(shape and shape.race),
    )


def parse_kr(text: str) -> ParsedKR:
    """Metric, baseline, target, unit and deadline of one KR sentence (None = not stated)."""
    return analyse_kr(text).parsed


def looks_like_kr(text: str) -> bool:
    """A metric and a destination: a target number or a stated change ("by 20%")."""
    a = analyse_kr(text)
    return a.parsed.metric is not None and (a.parsed.target is not None or a.relative)


_KR_LABEL_SPLIT = re.compile(r"(?:^|\s)(?:o?kr|key\s+result)\s*#?\s*\d+\s*[:.)\-–]\s*", re.I)
_SENTENCE_SPLIT = re.compile(
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!approx\.)(?<!\bvs\.)(?<!\bca\.)(?<=[.!?;])\s+|\n+"
)
_JOINERS = re.compile(r"(,\s*and\s+|,\s+|;\s*|\s+and\s+|\s+&\s+|\s+plus\s+|\s+as\s+well\s+as\s+)")


# "…, target 2.5 hours", "…, tavoite 2,5 tuntia": the same KR goes on
_FIELD_START = re.compile(r"\s*(?:the\s+)?(?:target|goal|aim|baseline|tavoite\w*|lähtötaso\w*|"
                          r"nyt)\b", re.I)


def _split_joined(sentence: str) -> list[str]:
    """Cut at "and" / "," / ";" only where both sides are complete KRs."""
    parts = _JOINERS.split(sentence)
    out: list[str] = []
    cur = parts[0]
    for i in range(1, len(parts), 2):
        rest = "".join(parts[i + 1 :])
        if looks_like_kr(cur) and looks_like_kr(rest) and not _FIELD_START.match(rest):
            out.append(cur)
            cur = parts[i + 1]
        else:
            cur += parts[i] + parts[i + 1]
    return [*out, cur]


def split_kr_candidates(text: str) -> list[str]:
    """The pieces of a longer utterance that look like key results, cleaned of labels and
    lead-in chatter; everything else is dropped."""
    found: list[str] = []
    for line in text.splitlines():
        for chunk in _KR_LABEL_SPLIT.split(LABEL_RE.sub("", line)):
            for sentence in _SENTENCE_SPLIT.split(chunk):
                for piece in _split_joined(sentence.strip()):
                    kr = strip_lead_in(piece)
                    if kr and looks_like_kr(kr):
                        found.append(kr)
    return found
