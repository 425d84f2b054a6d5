"""The metric of a KR: a short noun phrase for what is measured, without verb or numbers."""

from __future__ import annotations

import re

from coach.okr import vocab
from coach.okr.numbers import NumberToken

_TRAIL = re.compile(
    r"(?:[\s(:=,\-–>→<~≤≥'\"]|(?<!-)\b(?:from|to|of|at|by|is|are|was|were|be|will|up|down|reach|"
    r"no|not|most|max|maximum|minimum|past|beyond|exceed|exceeding|"
    r"reaching|hit|hitting|target|goal|least|less|more|fewer|than|under|below|above|over|"
    r"around|about|approximately|approx|roughly|only|just|currently|today|now|baseline|a|an|"
    r"the|with|for|and|or|vs|versus|starting|in|per|within|so|that|through|via|it|them|"
    r"up|out|off|on|right|nyt|noin|suunnilleen|tällä\s+hetkellä|oli|olisi|tavoite)\b)+$",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:[\s(:,\-–'\"]|\b(?:(?:twice|(?:three|four|ten)\s+times)\s+as\s+(?:many|much)|for|"
    r"the|our|my|your|their|its|a|an|this|these|those|of|in|on|"
    r"(?:we|i|they|you|it|there|that)(?:'re|'ve|'s|'m|\s+are|\s+is|\s+have|\s+has|\s+had|"
    r"\s+were|\s+was|\s+am)?|at)\b)+",
    re.IGNORECASE,
)
_POST_STOP = re.compile(
    r"[,;.()\[\]:!?]|\s[-–—]\s|(?<!-)\b(?:by|from|to|until|till|before|and|or|vs|versus|"
    r"compared|this|next|last|than|more|less|fewer|while|so|but|because|which|who|up|down|"
    r"per|today|now|currently|baseline|target|instead|rather|starting|where|when)\b(?!-)",
    re.IGNORECASE,
)
_CUT_NO_NUMBERS = re.compile(
    r"[,;.()!?]|(?<!-)\b(?:so\s+that|by|to|through|via|with|while|because|"
    r"and\s+(?:then|also))\b(?!-)",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"\s(?:within|in|on|at|for|with|without|during)\s", re.I)


_S_FORMS = vocab.words("grows rises increases decreases improves declines goes moves climbs")


def _is_verb_form(word: str, lemma: str) -> bool:
    """'reduced', 'grew', 'grows' after a metric; not 'hires' or 'sales' (plural nouns)."""
    return word != lemma and (not word.endswith("s") or word in _S_FORMS)


def _tidy(phrase: str, drop_verb: bool = True) -> str:
    prev = None
    while prev != phrase:
        prev = phrase
        phrase = _TRAIL.sub("", phrase)
        phrase = _LEAD.sub("", phrase)
        words = phrase.split()
        # "Customer churn reduced", "ARR grows": drop a trailing change verb.
        if (
            len(words) > 2
            and words[-2].lower() == "to"
            and vocab.direction_of(vocab.verb_lemma(words[-1]))
        ):
            phrase = " ".join(words[:-2])  # "for churn to drop"
            continue
        lemma = vocab.verb_lemma(words[-1]) if len(words) > 1 else None
        if drop_verb and lemma and _is_verb_form(words[-1].lower(), lemma):
            phrase = " ".join(words[:-1])
    return re.sub(r"\s+", " ", phrase).strip(" .,;:")


def _finish(phrase: str, drop_verb: bool = True) -> str | None:
    phrase = _tidy(vocab.ADVERB_RE.sub(" ", phrase), drop_verb)
    if not phrase or not re.search(r"[A-Za-z]", phrase):
        return None
    if phrase.lower() in vocab.PRONOUNS or phrase.lower() in vocab.ALL_VERBS:
        return None
    first, _, rest = phrase.partition(" ")
    title_case = rest[:1].isupper() and rest.split()[0][1:].islower()  # "Net Promoter Score"
    code = any(c.isdigit() for c in first)  # "Sev1", "P2"
    if first[:1].isupper() and first[1:].islower() and not title_case and not code:
        phrase = (first[0].lower() + first[1:] + " " + rest).strip()
    return phrase


def metric_before(pre: str) -> str | None:
    """The metric written before the numbers: "[verb] <metric> from 70% to 90%"."""
    return _finish(pre)


def metric_after(post: str, verb: str | None) -> str | None:
    """The metric written after the number: "Reach 1,200 <paying customers> in the EU"."""
    stop = _POST_STOP.search(post)
    phrase = _tidy(post[: stop.start()] if stop else post)
    participle = vocab.PARTICIPLES.get(verb or "")
    said_verb = bool(phrase) and phrase.lower().split()[0].startswith(verb or "\0")
    if phrase and participle and participle not in phrase.lower().split() and not said_verb:
        m = _PREPOSITION.search(f" {phrase} ")
        cut = m.start() - 1 if m else len(phrase)
        phrase = f"{phrase[:cut].rstrip()} {participle} {phrase[cut:].lstrip()}".strip()
        return _finish(phrase, drop_verb=False)
    return _finish(phrase)


def metric_without_numbers(rest: str) -> str | None:
    """The metric of a KR with no number ("Increase revenue significantly" -> "revenue")."""
    cut = _CUT_NO_NUMBERS.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    return _finish(vocab.VAGUE_RE.sub(" ", phrase))


_COMPARATIVE = re.compile(
    r"^(?:better|more|fewer|less|higher|lower|faster|quicker|cheaper|greater|stronger)\s+",
    re.IGNORECASE,
)


def choose_metric(
    work: str,
    tokens: list[NumberToken],
    slots: tuple[NumberToken | None, NumberToken | None],
    verb: str | None,
    verb_end: int,
    measurable: bool,
) -> str | None:
    """The metric of a KR whose numbers are `tokens` (baseline and target in `slots`)."""
    baseline, target = slots
    if not tokens:
        if verb:
            return metric_without_numbers(work[verb_end:]) if measurable else None
        if m := _COMPARATIVE.match(work):  # "Better collaboration between sales and product"
            return metric_without_numbers(work[m.end() :])
        return None
    first = min(t.start for t in tokens)
    metric = metric_before(work[verb_end:first] if first >= verb_end else work[:first])
    anchor = target or baseline or tokens[0]
    nxt = min((t.start for t in tokens if t.start > anchor.start), default=len(work))
    if metric is None:
        metric = metric_after(work[anchor.unit_end : nxt], verb)
    if metric is None and baseline is not None and anchor is not baseline:
        metric = metric_after(work[baseline.unit_end : target.start if target else None], verb)
    for t in tokens:  # "10x the number of API calls from 50k per day"
        if metric is None and t.role == "relative":
            nxt = min((u.start for u in tokens if u.start > t.start), default=len(work))
            metric = metric_after(work[t.unit_end : nxt], verb)
    return metric
