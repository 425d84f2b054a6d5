"""Lead-ins, labels and cue words around what people say: "I just told you:",
"Another one:", "Maybe a fourth one:", "about publications earlier:", "Handover, minutes"."""

from __future__ import annotations

import re

from graph.reading.quantities import said_outside

STRONG_CUE = re.compile(r"\b(?:at\s+present|these\s+days|i'?d\s+like\s+(?:it|that)\s+to\s+be|"
                         r"(?:it|that)\s+should\s+be|"
                         r"target\s*(?:is|of|:|would\s+be)?|today\s+it'?s|(?:right\s+)?now\s+it'?s|"
                         r"currently\s+(?:it'?s|at))\s*(?:about|around|roughly|like|maybe|approx\.?)?"
                         r"\s*\d", re.I)
_TERSE_CUE = re.compile(r"\b(?:now|today|currently|at\s+the\s+moment|target|aim(?:ing)?\s+for|goal|"
                        r"should\s+be|want|down\s+to|up\s+to)\b", re.I)


_UNIT_HINT = re.compile(r"^(?P<m>.+?),?\s+(?:in\s+)?(?P<u>minutes|mins|hours|days|weeks|percent|"
                        r"%|euros?|"
                        r"€|\$|dollars)\W*$", re.I)
HINT_UNITS = {"minutes": "min", "mins": "min", "hours": "h", "days": "days", "weeks": "weeks",
              "percent": "%", "%": "%", "euro": "€", "euros": "€", "€": "€", "$": "$",
              "dollars": "$"}


def noun_phrase(words: str) -> str | None:
    """"the gross margin on new orders, which should move from 18 % …" -> its measure."""
    head = re.split(r",|\b(?:which|that|from|to|at|is|should|would|will)\b|\d", words,
                    maxsplit=1, flags=re.I)[0]
    head = re.sub(r"^(?:the|a|an|our|my)\s+", "", head.strip(), flags=re.I).strip()
    return head if 1 <= len(head.split()) <= 8 else None


def unit_hint(metric: str) -> tuple[str, str | None]:
    """"Handover duration, minutes" -> ("Handover duration", "min")."""
    m = _UNIT_HINT.match(metric)
    if not m:
        return metric, None
    return m.group("m").strip(" ,"), HINT_UNITS[m.group("u").lower()]


def terse_value(text: str) -> bool:
    """"About 45 now.", "Aim for 20.": one number and a word that says which field."""
    return len(text.split()) <= 6 and len(said_outside(text)) == 1 and bool(
        _TERSE_CUE.search(text))


FIELD_WORD = re.compile(r"\b(?:target|goal|baseline|starting\s+point|deadline|tavoite\w*|"
                        r"lähtötaso\w*|aikaraja\w*)\b", re.I)
FIELD_FIRST = re.compile(r"^\W*(?:(?:and|the|my|our|a)\s+)?(?:target|goal|baseline|aim|tavoite\w*|"
                         r"lähtötaso\w*)\b", re.I)
_INTRO = re.compile(r"^\W*(?:(?:and|oh\s+and|plus)\s+)?(?:maybe|perhaps|also|possibly|then|"
                    r"and\s+then|"
                    r"next)\s+(?:also\s+)?", re.I)
ABOUT_REF = re.compile(r"\b(?:about|for|on|regarding)\s+(?:the\s+|our\s+|"
                        r"my\s+)?(?P<w>[\w\s'-]{2,40}?)"
                        r"(?:\s+(?:one|kr|key\s+result))?(?:\s+earlier|\s+before)?\s*:", re.I)
OBJECTIVE_LEAD = re.compile(
    r"^\W*(?:(?:i\s+guess|i\s+think|maybe|perhaps|ok(?:ay)?|so|well|hmm+)(?![\w'])[,\s]*)?"
    r"(?:something\s+like|"
    r"how\s+about|what\s+about|could\s+we\s+(?:phrase|put|say)\s+it\s+(?:as|like)|let'?s\s+say|"
    r"i'?d\s+(?:say|put\s+it\s+as|call\s+it))?\s*[:,]?\s*", re.I)
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that|where|because|as|so)\b", re.I)
ACK = re.compile(r"^\W*(?:(?:fine|ok(?:ay)?|yes|yeah|sure|alright|right|well|so|hmm+)[,.!\s]+)+",
                  re.I)
_LEAD = re.compile(
    r"^\W*(?:i\s+(?:just\s+)?(?:told|said)\s+(?:you|that|this)|as\s+i\s+said|like\s+i\s+said|"
    r"ok(?:ay)?(?:\s+so)?|so|well|right|and\s+also|also|plus|and(?=\s)|oh\s+wait|wait|oh|ah)(?![\w'])"
    r"\s*[:,.\-–—]*\s*",
    re.I)
_KR_LABEL = re.compile(
    r"^\W*(?:ja\s+)?(?:ensimmäinen|toinen|kolmas|neljäs|viides|seuraava|vielä\s+yksi)(?:\s+(?:mittari|"
    r"avaintulos|tulos|tavoite))?\s*[:\-–—,]\s*|"
    r"^\W*(?:ensimmäinen|toinen|kolmas|neljäs|viides|seuraava)(?:\s+(?:mittari|avaintulos|"
    r"tulos))?\s+(?:voisi\s+olla|olisi|on)\s+|"
    r"^\W*(?:the\s+|my\s+|our\s+|a\s+)?(?:first|second|third|fourth|fifth|next|last|final|other|"
    r"another|main|primary|biggest|most\s+important|key|big|obvious)\s+"
    r"(?:key\s+result|kr|one|measure|metric|number)\s+(?:(?:would|should|could|will|might)\s+"
    r"(?:concern|address|be\s+about|cover|measure|track)|concerns|addresses|is\s+about|is|would\s+be|"
    r"will\s+be|should\s+be|could\s+be)\s+(?:the\s+)?|"
    r"^\W*(?:the\s+)?(?:first|second|third|fourth|fifth|next|last)(?:\s+one)?\s+(?:would\s+be|"
    r"could\s+be|is)\s+(?:the\s+)?|"
    r"^\W*(?:(?:oh\s+)?(?:and\s+)?(?:another|one\s+more|the\s+next|next|a\s+(?:second|third|fourth|"
    r"fifth)|(?:the\s+)?(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last))"
    r"(?:\s+(?:one|kr|key\s+result|measure|metric|number|thing))?(?:\s+(?:maybe|perhaps))?|(?:o?kr|"
    r"key\s+result)\s*#?\s*\d?)\s*(?:[:\-–—,]|\.{2,}|…)\s*|"
    r"^\W*(?:another|one\s+more)\s+(?:one|kr|key\s+result)\b(?:\s+(?:might|could|would)\s+be"
    r"(?:\s+the)?\b)?[\s,:]*|"
    r"^\W*(?:first|second|third|1st|2nd|3rd)\s+(?:kr|key\s+result|one)\s*,\s*(?:since\s+you'?ll\s+ask|"
    r"as\s+promised)\s*[:,]\s*|"
    r"^\W*(?:number|numbers|measure|metric|kr|figure)s?[- ]wise\s*[:,\-–—]\s*|"
    r"^\W*o?kr\s*#?\s*\d\s+(?=[a-z])|^\W*(?:o?kr|key\s+result)\s+(?=[a-z]{3})|"
    r"^\W*(?:number\s+(?:one|two|three|four|five|[1-5])|next|first|second|third|fourth|fifth)"
    r"\s*\.\s+(?=[a-z]{3})|"
    r"^\W*(?:the\s+)?(?:2nd|3rd|4th|5th|second|third|fourth|fifth|next)\s+one\s+(?=[a-z]{3})", re.I)


_META = re.compile(r"^\W*(?:now\s+|then\s+|so\s+)?(?:the\s+)?(?:key\s+results|krs|okrs)\s*[.:!]\s+",
                   re.I)


# chat shorthand read as the words it stands for ("repeat customers rn about 18%")
_SHORT_FORMS = {"rn": "right now", "atm": "at the moment", "b4": "before", "w/o": "without"}
_SHORTHAND = re.compile(r"(?<![\w/])(?:rn|atm|b4|w/o)(?![\w/])", re.I)


def lead_free(text: str) -> tuple[str, bool]:
    """The turn without lead-ins ("I just told you:", "Ok so"); True when a KR label
    ("Another one:", "2nd one:", "KR 3:") says a Key Result follows."""
    body = _SHORTHAND.sub(lambda m: _SHORT_FORMS[m.group(0).lower()], text)
    for _ in range(3):
        body = _META.sub("", _LEAD.sub("", body).strip()).strip()  # "Right, so, key results."
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
