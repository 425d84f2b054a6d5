"""Reading short answers: commands, yes/no, "that's all", explicit objectives, periods."""

from __future__ import annotations

import re

COMMANDS = frozenset({"next", "back", "summary", "quit"})
_COMMAND_ALIASES = {"exit": "quit", "bye": "quit", "previous": "back", "skip": "next"}

YES_RE = _YES = re.compile(
    r"^(?:yes|yep|yeah|yup|sure|ok(?:ay)?|sounds (?:good|great|right)|that works|perfect|great|"
    r"looks (?:good|great|right)|correct|agreed|agree|fine|good|exactly|right|absolutely|"
    r"definitely|let'?s (?:go|do it)|go (?:ahead|for it)|confirm(?:ed)?|approved?|lgtm|"
    r"that'?s (?:it|right|good|great|perfect|fine))\b",
    re.IGNORECASE,
)
_NO_MORE = re.compile(
    r"^(?:no(?:pe|t really)?|nothing(?: else| more)?|none|enuf|(?:it )?is enough|"
    r"(?:those|these|the) (?:two|three|four|five|2|3|4|5) (?:will|would|should) do|"
    r"that'?s (?:all|it|enough|everything)|"
    r"that is (?:all|it|enough)|enough|no more|i'?m done|we'?re done|done|all good|"
    r"(?:those|these|that) (?:are|is|will be|should be) (?:enough|it|all)|"
    r"(?:i think |i guess |ok(?:ay)?,? |yeah,? )?(?:that'?s|those are|these are) (?:all|it|enough)|"
    r"(?:i think |i guess |ok(?:ay)?,? |yeah,? )?(?:two|three|four|five|2|3|4|5)"
    r"(?: krs?| key results| of them| ones)? (?:is|are|will do|would do|feels?|seems?) "
    r"(?:enough|plenty|fine|right|ok|"
    r"okay|good)|(?:i think |i guess |ok(?:ay)?,? |yeah,? )?(?:(?:two|three|four|five|2|3|4|5) )?"
    r"(?:is|are|feels|seems) (?:enough|plenty)|"
    r"(?:i believe |i think )?(?:two|three|four|five|2|3|4|5|these|those) "
    r"(?:are|is|would be|will be) (?:sufficient|adequate)|"
    r"(?:i believe |i think |i guess )?(?:these|those|the) (?:two|three|four|five|2|3|4|5) "
    r"(?:are|will be|would be|should be) (?:enough|plenty|sufficient|fine|ok|good)|"
    r"(?:no |kyllä |ok |okei )?(?:(?:nämä|nää|ne|kolme|kaksi|neljä) )?riittä\w*|"
    r"ei (?:muita|enempää|enää|lisää)|siinä kaikki|se on siinä)\b(?!-)",
    re.IGNORECASE,
)
_OBJECTIVE = re.compile(
    r"^\s*(?:(?:as|for)\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?=objective))?"
    r"(?:(?:our|the|my|main|new)\s+){0,2}(?:objective|objectiv(?=\s*[:=\-–])|"
    r"obj\b\.?(?=\s*[:=\-–]))"
    r"(?:\s+(?:is|would be|could be|will be|"
    r"should be))?(?:,?\s*(?:something\s+like|roughly|maybe|perhaps|i'?d\s+say)\s*[:\-–])?"
    r"\s*(?:[:=\-–]\s*|\s+)(?P<body>.+)$|^\s*O\d?\s*[:\-–]\s*(?P<body2>.+)$|"
    r"^\s*(?:pää)?tavoit(?:e|teemme|teeni|teeksi)(?:\s+(?:vaikka|esimerkiksi|ehkä|siis))?"
    r"\s*[:\-–]\s*(?P<body3>[^\d]+)$",
    re.IGNORECASE | re.DOTALL,
)
_PARENT = re.compile(
    r"(?:parent|higher[- ]level|company|organi[sz]ation(?:'?s)?|corporate|group|department(?:'?s)?|"
    r"strategic|annual|serves?|supports?|part of|contributes? to|aligns? (?:with|to)|under|"
    r"feeds? into)\s+(?:the |our |my |a |an )?(?:[\w-]+\s+){0,3}?"
    r"(?:objective|goal|strategy|priority|okr)(?:\s*(?:is|:|-|–|=|of)\s*|\s+(?=[\"“']))"
    r"[\"“']?(?P<body>[^\"”'.;]+)",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b(?P<p>Q[1-4](?:\s*(?:20)?\d{2})?|H[12]\s*(?:20)?\d{2}|"
    r"(?:this|next|the coming) (?:quarter|half[- ]year|half|year|period)|"
    r"(?:the )?next (?:two|three|four|five|six|2|3|4|5|6) (?:months|weeks)|"
    r"(?:end of|by) (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: (?:20)?\d{2})?|(?:20\d{2}))\b",
    re.IGNORECASE,
)
_LEADING_FILLER = re.compile(
    r"^(?:i'?d say|i would say|maybe|perhaps|how about|let'?s say|something like|i think|"
    r"probably|it would be|it'?s|it is)[:,]?\s+",
    re.IGNORECASE,
)


def command_of(text: str) -> str | None:
    word = text.strip().strip("/!.").lower()
    word = _COMMAND_ALIASES.get(word, word)
    return word if word in COMMANDS else None


def is_yes(text: str) -> bool:
    stripped = text.strip()
    return bool(_YES.match(stripped)) and " but " not in stripped.lower()


def is_no_more(text: str) -> bool:
    return bool(_NO_MORE.match(text.strip()))


_NO = re.compile(r"^(?:no|nope|not really|not quite|not yet)\b(?!-)(?!\s+(?:changes?|more)\b)",
                 re.IGNORECASE)


def is_no(text: str) -> bool:
    """A plain "no" (as an answer to "does this capture it?"), not "no changes"."""
    return bool(_NO.match(text.strip()))


def explicit_objective(text: str) -> str | None:
    match = _OBJECTIVE.match(text)
    if not match:
        return None
    body = match.group("body") or match.group("body2") or match.group("body3") or ""
    if _KEEPS.match(body.strip()):
        return None  # "the objective is fine as I pasted it": it stays, no new title
    return clean_objective(body) or None


_KEEPS = re.compile(r"^(?:(?:just|still|all|totally|perfectly|quite)\s+)?(?:fine|good|ok(?:ay)?|"
                    r"great|right|correct|perfect|the\s+same|unchanged|as\s+(?:it\s+is|i\s+"
                    r"(?:pasted|wrote|said|had)))\b", re.I)


def parent_objective(text: str) -> str | None:
    match = _PARENT.search(text)
    return clean_objective(match.group("body")) if match else None


def period_in(text: str) -> str | None:
    match = _PERIOD.search(text)
    return match.group("p").strip() if match else None


_WORDING_LEAD = re.compile(r"\b(?:propose|proposal|wording|phrase|phrasing|put\s+it|say|suggest|"
                           r"how\s+about|maybe|perhaps|objective|version|draft|line)\b", re.I)


def clean_objective(text: str) -> str:
    """Tidy an objective the user typed: no quotes, filler or trailing full stop."""
    cleaned = text.strip().strip("\"'“”‘’ ")
    cleaned = _LEADING_FILLER.sub("", cleaned)
    head, colon, tail = cleaned.partition(":")
    if colon and tail.strip() and len(head.split()) <= 8 and _WORDING_LEAD.search(head):
        cleaned = tail  # "I would propose the following wording: A city where …"
    cleaned = cleaned.strip().strip("\"'“”‘’ ").rstrip(".!")
    return cleaned[:1].upper() + cleaned[1:] if cleaned else ""
