"""Reading the lead's set-up turns: what the team is like, and edits to the persona cards.

`read_team` folds one set-up turn into the `Team` gathered so far (a later turn overrides a
fact only when it states it again). `read_card_edit` reads an edit of the proposed cast
("call Priya Anna", "make Ben sarcastic", "drop the newcomer", "add a sceptic", "looks
good") into a `CardEdit`; `apply_edit` applies it. The cast always keeps 3–5 cards: an edit
that would break that comes back with a `refusal` the planner can say as it is.
"""

from __future__ import annotations

import re

from graph.rehearse.card_edits import (
    MAX_CAST,
    MIN_CAST,
    CardChange,
    CardEdit,
    apply_edit,
    check_edit,
    read_card_edit,
)
from graph.rehearse.models import Team

__all__ = ["MAX_CAST", "MIN_CAST", "CardChange", "CardEdit", "apply_edit", "check_edit",
           "read_card_edit", "read_team"]

_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split())}
_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"

_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("engineering", r"engineer\w*|developers?|devs?\b|dev team|devops|software|platform team|"
                    r"backend|frontend|\bsre\b|\bqa\b|programmers?"),
    ("support", r"(?:customer|technical|tech|it|product) support|support (?:team|desk|agents?|"
                r"staff|engineers?|function)|help ?desk|service desk|customer service|"
                r"customer care|contact cent(?:er|re)|call cent(?:er|re)|tickets?\b"),
    ("sales", r"sales|account (?:executives?|managers?)|\bsdrs?\b|\bbdrs?\b|pipeline|quotas?|"
              r"deals?\b"),
    ("marketing", r"marketing|campaigns?|brand\b|content team|growth team|\bseo\b"),
    ("hr", r"\bhr\b|human resources|people team|people ops|recruit\w*|talent|hiring team"),
    ("finance", r"finance|accounting|accountants?|controlling|controllers?|payroll|treasury"),
    ("product", r"product (?:team|management|managers?|owners?|design)|\bpms?\b|\bux\b|designers?"),
    ("operations", r"operations|\bops\b|logistics|warehouse|supply chain|fulfil+ment|facilities"),
    ("field_service", r"plumb\w*|electricians?|technicians?|field (?:service|team|engineers?|"
                      r"staff)|installers?|repair (?:crews?|team)|crews?\b|dispatch\w*|"
                      r"mechanics?|service engineers?|maintenance (?:team|crew|staff)|"
                      r"call-?outs?|site visits?"),
)
_SIZE = (
    re.compile(r"\bteam of (?:about |around |roughly )?" + _NUM + r"\b", re.I),
    re.compile(r"\b" + _NUM + r" of us\b", re.I),
    re.compile(r"\bwe(?:'re| are) (?:a team of )?(?:about |around )?" + _NUM +
               r"\b(?! ?(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?))",
               re.I),
    re.compile(r"\b" + _NUM + r" (?:people|persons|members|colleagues|team ?mates|folks|heads|"
               r"engineers|developers|agents|reps|marketers|recruiters|accountants|analysts|"
               r"designers|managers|specialists)\b", re.I),
)
_QUOTED = re.compile(r"\s*[\"“]([^\"”\n]{3,160})[\"”]")
_PARENT = re.compile(
    r"(?:\bwe align (?:to|with)|\baligns? (?:to|with)|\bwe(?:'re| are) aligned (?:to|with)|"
    r"\b(?:the |our )?(?:company|parent|higher[- ]level|department|group|annual|strategic|"
    r"site|business|division|unit|organi[sz]ation|org|plant|store|regional)(?:'s)? "
    r"(?:objective|goal|okr|priority)(?: for (?:the|this) (?:year|quarter))?\s*(?:is\b|:)|"
    r"\bunder the (?:objective|goal|okr)|\bit serves the (?:objective|goal))"
    r"\s*[:\-–]?\s*[\"“']?(?P<body>[^\"”.;\n]{3,160})", re.I)
_WORRY = re.compile(
    r"\b(?:(?:they|people|some|everyone|folks|the team|we|many|a few|others)(?: \w+)? "
    r"(?:worry|worries|fear|fears|are worried|is worried|are afraid|are concerned|are scared)"
    r"(?: about| that| of)?|(?:concerned|worried|afraid) (?:about|that)|"
    r"the (?:main |big |biggest )?(?:worry|concern|fear) (?:is|:)(?: that)?)\s+", re.I)
_MINUTES = re.compile(
    r"\bhalf[- ]a[- ]day\b|\bhalf[- ]day\b|\ban hour and a half\b|\bhour and a half\b|"
    r"\bhalf an hour\b|\ban hour\b|\b(?P<h>\d+(?:[.,]\d+)?|" + _NUM[1:-1] + r")\s*"
    r"(?:(?P<hu>hours?|hrs?|h)\b(?:\s*(?:and\s*)?(?P<m2>\d{1,2})\s*(?:minutes?|mins?|m)\b)?|"
    r"(?P<mu>minutes?|mins?|min)\b)", re.I)


def _number(word: str) -> float | None:
    word = word.lower().replace(",", ".")
    if word in _NUMBERS:
        return float(_NUMBERS[word])
    try:
        return float(word)
    except ValueError:
        return None


def function_of(text: str) -> str:
    best: tuple[int, str] | None = None
    for key, pattern in _FUNCTIONS:
        found = re.search(pattern, text, re.I)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), key)
    return best[1] if best else ""


def _size_of(text: str) -> int | None:
    for pattern in _SIZE:
        found = pattern.search(text)
        value = _number(found.group(1)) if found else None
        if value is not None and 2 <= value <= 200:
            return int(value)
    return None


def _minutes_of(text: str) -> int | None:
    found = _MINUTES.search(text)
    if not found:
        return None
    phrase = found.group(0).lower()
    if "half" in phrase and "day" in phrase:
        return 180
    if "hour and a half" in phrase:
        return 90
    if phrase == "half an hour":
        return 30
    if phrase == "an hour":
        return 60
    value = _number(found.group("h"))
    if value is None:
        return None
    minutes = value * 60 + int(found.group("m2") or 0) if found.group("hu") else value
    return int(minutes) if 10 <= minutes <= 600 else None


_NAMED_GOAL = re.compile(r"^(?:the |our )?(?:\w+ ){0,2}(?:objective|goal|okr|priority)\s*"
                         r"(?:is\s+|:\s*)", re.I)
"""A body that names its kind first: "the school goal: every pupil …" -> "every pupil …"."""


def _clause(body: str) -> str:
    body = _NAMED_GOAL.sub("", body.strip(), count=1)
    body = re.split(r"\s+(?:but|and then|so)\s+|,\s*(?:but|so)\s+|,?\s+and\s*$",
                    body.strip(), maxsplit=1)[0]
    return body.strip(" ,:;-–\"'“”")[:160]


def read_team(text: str, team: Team) -> Team:
    """Fold one set-up turn into what earlier turns said about the team."""
    text = text.replace("’", "'")
    update: dict[str, object] = {}
    if function := function_of(text):
        update["function"] = function
    if (size := _size_of(text)) is not None:
        update["size"] = size
    if (minutes := _minutes_of(text)) is not None:
        update["minutes"] = minutes
    if (parent := _PARENT.search(text)) and (body := _clause(parent.group("body"))):
        quoted = _QUOTED.match(text, parent.end("body"))  # the company objective "…"
        update["parent_objective"] = quoted.group(1).strip() if quoted else body
    worries = list(team.worries)
    found = list(_WORRY.finditer(text))
    for index, here in enumerate(found):
        span = text[here.end(): found[index + 1].start() if index + 1 < len(found) else None]
        body = _clause(re.split(r"[.;!?\n]", span, maxsplit=1)[0])
        if body and body.lower() not in {w.lower() for w in worries}:
            worries.append(body)
    update["worries"] = worries
    if not team.description and text.strip():
        update["description"] = " ".join(text.split())[:300]
    return team.model_copy(update=update)
