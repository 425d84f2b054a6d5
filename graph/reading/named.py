"""How people name a measure before they give its numbers: "I think practice time. I practise
about 20 minutes a day", "oh and visits to my portfolio, no idea, maybe 500 a month"; and the
unit a measure's own name carries ("debtor days", "overtime hours per month")."""

from __future__ import annotations

import re

from graph import phrases
from graph.reading import signals
from graph.reading.followups import junk_metric
from graph.reading.leadins import FIELD_WORD, HINT_UNITS, RELATIVE_CLAUSE
from graph.reading.models import KRStatement
from graph.reading.quantities import approximations, values_in

EDIT_WORDS = re.compile(r"\b(?:change|replace|swap|instead|correct|update|make\s+(?:it|that)|"
                        r"not\s+\d|kr\s*\d|remove|drop|delete|scrap)\b", re.I)

_THINKING = re.compile(r"^\W*(?:(?:as\s+)?for\s+(?:the\s+)?numbers?\b[\s,:]*|number-wise\b[\s,:]*|"
                       r"as\s+(?:for|to)\s+(?:the\s+|my\s+|our\s+)?|since\s+you'?ll\s+ask\b[\s,:]*|"
                       r"(?:the\s+)?(?:obvious|main|first|best)\s+one\s+(?:is|would\s+be)\b\s*|"
                       r"oh\s+and\b\s*|"
                       r"(?:the\s+|my\s+|our\s+)?(?:number|measure|metric|kr)\b(?!\s+of\b)[\s,:]*"
                       r"(?:(?:hmm+|umm*|well|is|would\s+be)\b[\s,.:…]*)*|(?:hmm+|umm*|well|so|ok(?:ay)?)"
                       r"\b[\s,.…]*|i\s+(?:think|guess|suppose)\b[\s,]*|(?:maybe|probably|perhaps)"
                       r"\b[\s,]*)+", re.I)
_LEADING = re.compile(r"^(?:(?:and|also|plus|then|the)\s+)+", re.I)
_PRONOUN_START = re.compile(r"^(?:it|that|this|they|we|i|you|he|she|there|nobody|no\s+one)\b",
                            re.I)


_HEDGE_AFTER = re.compile(r",?\s+(?:i\s+(?:suppose|guess|think|reckon)|maybe|probably|perhaps|tbh|"
                          r"i'?d\s+say)$", re.I)


def a_name(piece: str) -> str | None:
    """`piece` as the name of a measure, or None when it is no measure."""
    words = _THINKING.sub("", piece.rstrip(".;:!?, ")).strip()
    words = _LEADING.sub("", words).strip()
    words = RELATIVE_CLAUSE.split(words)[0].strip()
    words = _HEDGE_AFTER.sub("", words).strip()  # "demo requests i suppose"
    if words and len(words.split()) <= 14 and not junk_metric(words) \
            and not _PRONOUN_START.match(words) and not phrases.is_yes(words) \
            and not phrases.is_no_more(words) and not FIELD_WORD.search(words) \
            and not signals.says_unknown_value(words) and not EDIT_WORDS.search(words) \
            and not re.match(r"^\W*undo\b", words, re.I):
        return words
    return None


def named_clause(sentence: str, after: list[str]) -> tuple[str, str] | None:
    clauses = sentence.split(", ")
    for at, clause in enumerate(clauses[:-1]):
        if values_in(clause) or approximations(clause):
            return None
        if name := a_name(clause):
            return name, ", ".join(clauses[at + 1:]) + (" " + " ".join(after) if after else "")
    return None


def named_sentence(body: str) -> tuple[str, str] | None:
    """"I think practice time. I practise about 20 minutes a day at the moment": the measure
    is named in a sentence (or a first clause) of its own, its numbers come after it."""
    sentences = re.split(r"(?<=[.;:!?])\s+", body)
    name: str | None = None
    for at, sentence in enumerate(sentences):
        if values_in(sentence) or approximations(sentence):
            tail = " ".join(sentences[at:])
            if name is None:  # "oh and visits to my portfolio, no idea, maybe 500 a month"
                return named_clause(sentence, sentences[at + 1:])
            return name, tail
        name = name or a_name(sentence)
    return None


_PER_PERIOD = re.compile(r"\bper\s+(?P<p>day|week|month|year|quarter|shift)\b", re.I)


_COUNTED_IN = re.compile(r"^(?:days|hours|minutes|weeks)\b|\b(?:days|hours|minutes|weeks)$", re.I)


def with_rate(statement: KRStatement) -> KRStatement:
    """"nurse overtime hours per month … 46 hours": the unit is hours a month; "debtor days
    from 62 to 20": the unit is in the measure's name."""
    counted = _COUNTED_IN.search(statement.metric or "")
    if counted and statement.unit is None:
        named = HINT_UNITS[counted.group(0).lower()]
        fields = {f: q.model_copy(update={"unit": named}) for f in ("baseline", "target")
                  if (q := getattr(statement, f)) is not None and q.unit is None}
        statement = statement.model_copy(update={"unit": named, **fields})
    per = _PER_PERIOD.search(statement.metric or "")
    unit = statement.unit
    if per is None or not unit or "/" in unit or unit == "%":
        return statement
    rate = f"{unit}/{per.group('p').lower()}"
    fields = {f: q.model_copy(update={"unit": rate}) for f in ("baseline", "target")
              if (q := getattr(statement, f)) is not None and q.unit == unit}
    return statement.model_copy(update={"unit": rate, **fields})
