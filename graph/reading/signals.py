"""Short signals in a turn: commands in plain words, yes / no / "I don't know", exceptions,
positive statements with negative words, personal goals, the language of the turn."""

from __future__ import annotations

import re

from coach.okr.parser import says_unknown
from graph import phrases
from graph.reading.models import Command, Reply

_COMMANDS: tuple[tuple[Command, re.Pattern[str]], ...] = (
    ("summary", re.compile(r"\b(?:sum\s*(?:it|that|this|everything)?\s*up|summar(?:y|ise|ize)|"
                           r"recap|where\s+are\s+we(?:\s+now)?\s*\?)", re.I)),
    ("back", re.compile(r"(?:^\W*|\b(?:can|could)\s+we\s+|\blet'?s\s+|\bwait,?\s+)go\s+back\b|"
                        r"\bgo\s+back\s+(?:to\s+the\s+(?:previous|last)|a\s+step|one\s+step|"
                        r"please)|^\W*(?:the\s+)?previous\s+(?:room|step|part|question)", re.I)),
    ("next", re.compile(r"\b(?:let'?s\s+(?:move|go)\s+on|move\s+on|skip\s+(?:this|that|it)|"
                        r"(?:go\s+to|continue\s+(?:to|with)|on\s+to)\s+the\s+next|next\s+(?:room|"
                        r"step|part|bit|question)(?:\s+please)?\W*$)", re.I)),
    ("quit", re.compile(r"\b(?:i|we)\s+(?:need|have|must|got)\s+to\s+(?:stop|go|leave|run)\b|"
                        r"\blet'?s\s+stop\b|\bstop\s+(?:here|now|for\s+(?:now|today))\b|"
                        r"\bthat'?s\s+it\s+for\s+(?:now|today)\b|^\W*(?:gotta\s+go|bye)\W*$",
                        re.I)),
)
_YES_MORE = re.compile(
    r"^\W*(?:yes|yep|yeah|yup|ja|sure|ok(?:ay)?|fine|great|perfect|lovely|brilliant|spot\s+on|"
    r"all\s+good|sounds\s+(?:good|great|right|fine)|looks\s+(?:good|great|right|fine)|"
    r"(?:that'?s\s+)?(?:correct|right|it)|keep\s+it|save\s+it|go\s+ahead|do\s+it|"
    r"that\s+(?:works|captures\s+it|'?s\s+what\s+i\s+want)|exactly|absolutely|"
    r"kyllä|joo|juu|hyvä|selvä|sopii|näyttää\s+hyvältä)\b", re.I)
_HESITANT = re.compile(r"\b(?:but|not\s+yet|wait|hold\s+on|hmm+|almost|except|although|however|"
                       r"change|not\s+sure)\b", re.I)
_EXCEPTION = re.compile(
    r"\b(?:when(?:ever)?|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?|on\s+days?\s+when|"
    r"if|the\s+(?:days?|weeks?|times?)\s+(?:when|that))\b[^.?!]{2,120}?\b(?:it\s+(?:works|went|"
    r"goes|is)|works?\s+(?:well|fine|better|great)|(?:goes|went)\s+(?:well|smoothly|fine)|"
    r"(?:is|are|was|were|gets?|feels?)\s+(?:[a-z]+\s+)?(?:calm(?:er)?|fine|great|better|good|"
    r"smooth(?:er)?|easier|quieter|happier)|runs?\s+smoothly|no\s+"
    r"(?:one|body)\s+(?:waits|complains)|it'?s\s+(?:calm|fine|great|better))\b|"
    r"\b(?:already\s+(?:works?|closes?|does|do|gets?|has|have|runs?|handles?|manages?|"
    r"reaches?|hits?|solves?|fixes?)|what\s+(?:already\s+)?works\s+is|worked\s+(?:well|"
    r"really\s+well)|"
    r"went\s+(?:really\s+)?well|a\s+good\s+(?:day|week)\s+(?:is|was)\s+when|"
    r"toimii\s+jo|jo\s+toimii|toimii\s+hyvin|menee\s+hyvin|sujuu\s+(?:hyvin|jo))\b", re.I)
_POSITIVE_NEGATIVE = re.compile(
    r"\b(?:any\s*more|no\s+longer|instead\s+of\s+(?:complaining|waiting|arguing|blaming|"
    r"firefighting|chasing)|no\s+(?:complaints?|queues?|backlog)\s+(?:anymore|any\s+more|at\s+"
    r"all)|without\s+(?:complaints?|stress|waiting))\b|"
    r"^\W*(?:(?:i|we)\s+(?:want|would\s+like|'d\s+like|hope\s+for)\s+)?(?:fewer|less|more|"
    r"better|faster|shorter|calmer|no\s+more)\s+\w+", re.I)  # "Fewer picking errors and …": a wish
_I_WORDS = re.compile(r"\b(?:i|i'?m|i'?ve|i'?d|my|me|myself|mine)\b", re.I)
_WE_WORDS = re.compile(r"\b(?:we|we'?re|we'?ve|our|us|team|colleagues|staff|customers?|"
                       r"clients?|patients?|company|department)\b", re.I)
_FINNISH = re.compile(r"[äöå]|\b(?:ja|on|että|meidän|haluan|haluamme|tavoite|nyt|ei|kyllä|"
                      r"mennessä|noin|asiakkaat|olisi|ovat|joka|tai|mutta|kun|myös)\b", re.I)
_ENGLISH = re.compile(r"\b(?:the|and|is|are|we|i|to|of|a|in|that|it|for|our|my|with|be|this)\b",
                      re.I)


def command_in(text: str) -> Command | None:
    exact = phrases.command_of(text)
    if exact is not None:
        return exact  # type: ignore[return-value]
    if len(text.split()) > 14 or re.search(r"\d", text):
        return None
    return next((name for name, rx in _COMMANDS if rx.search(text)), None)


_NOBODY_KNOWS = re.compile(
    r"\b(?:nobody|no\s+one|no-one|none\s+of\s+us)\s+(?:really\s+)?(?:knows?|has\s+(?:ever\s+)?"
    r"(?:measured|counted|tracked|checked)|measures|tracks|counts|keeps\s+track)\b|\b(?:not|never)"
    r"\s+(?:been\s+)?(?:measured|tracked|counted)\s+(?:yet|it|that)?|\bhaven'?t\s+(?:got\s+)?"
    r"(?:a\s+)?(?:clue|number|figure)|\bno\s+numbers?\s+(?:on|for)\b|\bei\s+(?:ole\s+)?"
    r"(?:tietoa|mitattu)|\ben\s+tiedä\b|\bei\s+(?:ole\s+)?kukaan\s+(?:mittaa|mitannut|tiedä|seuraa|"
    r"seurannut|laske|laskenut)|\bkukaan\s+ei\s+(?:ole\s+)?(?:mittaa|mitannut|seuraa|seurannut|tiedä)|"
    r"\bei\s+"
    r"(?:mitään\s+)?(?:hajua|aavistusta)|\bei\s+(?:tiedetä|mitata|seurata|tiedossa)|"
    r"\btuntemat\w+|\bsitä\s+ei\s+(?:ole\s+)?(?:mitattu|mitata|seurata)", re.I)


def says_unknown_value(text: str) -> bool:
    """"no idea", "nobody knows yet", "we've never measured it"."""
    return says_unknown(text) or bool(_NOBODY_KNOWS.search(text))


_SETTLING = re.compile(r"\b(?:keep|save|go\s+ahead|that'?s\s+it|fine|good|great|right|correct|"
                       r"perfect|works|do\s+it|sounds|looks|exactly|agreed|happy|done)\b", re.I)


_AFTER_YES = re.compile(r"^(?:\s*(?:[,.!;:—–\-]|$)|\s+(?:that'?s\s+(?:it|all|right|good|fine)|keep|"
                        r"save|go\s+ahead|do\s+it|thanks|thank|it|this|that|works|please|"
                        r"captures|looks|sounds|exactly|perfect|fine|good|great)\b)", re.I)


def _plain_yes(text: str) -> bool:
    """A yes that is a yes: "yes", "ok, keep it", "yep that's it" — not "Good team. …"."""
    for rx in (phrases.YES_RE, _YES_MORE):
        m = rx.match(text)
        if m and _AFTER_YES.match(text[m.end():]) and " but " not in text.lower():
            return True
    return False


def _short_or_settling(text: str) -> bool:
    """"yes", "ok, keep it", "yep that's it" — not "Ok, not 0 because Dave's crew …"."""
    words = text.split()
    if len(words) <= 4:
        return True
    return len(words) <= 12 and bool(_SETTLING.search(" ".join(words[1:])))


def reply_in(text: str, asked: str) -> Reply | None:
    """yes / no / unknown, when the turn says so plainly."""
    stripped = text.strip()
    if says_unknown_value(stripped) and len(stripped.split()) <= 14:
        return "unknown"
    if phrases.is_no(stripped):
        return "no"
    if _plain_yes(stripped) and not _HESITANT.search(stripped) and _short_or_settling(stripped):
        return "yes"
    if asked == "confirm" and phrases.is_no_more(stripped) and not phrases.is_no(stripped):
        return "yes"  # "that's all", "nothing to change"
    if asked in ("more_krs", "kr_first", "kr_due") and phrases.is_no_more(stripped):
        return "no"  # "that's all", "those are enough"
    return None


_CAME_FOR = re.compile(r"\b(?:set|write|make|do|create|draft|prepare|work\s+on|need|want)\s+"
                       r"(?:up\s+)?(?:some\s+|our\s+|my\s+|the\s+|new\s+)?(?:okrs?|goals|"
                       r"objectives|key\s+results)\b", re.I)
_HOPE_WORDS = re.compile(r"\b(?:hope|hopes|hoping|wish|so\s+that|less|more|fewer|better|faster|"
                         r"instead|stop|again)\b", re.I)


def introduction(text: str) -> bool:
    """"Hi, I coach track at a high school and I'd like to set some goals for this spring":
    who they are and what they came for, not yet their hopes."""
    return bool(_CAME_FOR.search(text)) and not _HOPE_WORDS.search(text)


_ABOUT_ME = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:so\s+)?(?:i|we)\s*(?:(?:'m|am|are|'re)\s+"
    r"(?:a|an|the|in\s+charge)\b|(?:run|lead|manage|coordinate|head|own|supervise|"
    r"look\s+after|work\s+(?:at|in|for|as|on))\b)", re.I)
_WISHING = re.compile(r"\b(?:hope|hoping|wish|want|would|'d|love|like\s+to|should|less|more|"
                      r"fewer|better|faster|instead|stop)\b", re.I)


def wishes(text: str) -> bool:
    """"we want no family to go hungry", "I'd love …", "fewer apology texts": a wish in it."""
    return bool(_WISHING.search(text))


def about_themselves(text: str) -> bool:
    """"I coordinate the repair crews at a plumbing company": who the person is, no wish in
    it (unlike `introduction`, which is about what they came for)."""
    return bool(_ABOUT_ME.search(text)) and not wishes(text)


def exception_in(text: str) -> bool:
    """"On Tuesdays, when Maria runs the front desk, it works": an instance of the future."""
    return bool(_EXCEPTION.search(text))


def positive_with_negative_words(text: str) -> bool:
    """"Nobody waits anymore", "instead of complaining we …": not problem talk."""
    return bool(_POSITIVE_NEGATIVE.search(text))


def personal(text: str) -> bool:
    """A personal goal: the person speaks of themselves, not of a team."""
    return len(_I_WORDS.findall(text)) >= 2 and not _WE_WORDS.search(text)


def language_of(text: str) -> str:
    """"fi" for Finnish, "other" for a longer turn with no English in it, else "en"."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 3:
        return "en"
    english = len(_ENGLISH.findall(text))
    if len(_FINNISH.findall(text)) >= 2 and english <= 1:
        return "fi"
    foreign = any(ord(ch) > 127 for ch in "".join(words))
    return "other" if english == 0 and len(words) >= 8 and foreign else "en"


_MEASURE_NOUN = re.compile(r"\b(?:time|rate|number|count|share|score|duration|minutes|hours|days|"
                           r"per|"
                           r"percentage|ratio|level|amount|revenue|cost|visits|sales|falls|"
                           r"complaints|tickets|calls|rating|nps|csat|churn|retention|speed)\b",
                           re.I)


def names_a_measure(text: str) -> bool:
    """"Handover duration, minutes", "call bell response time": a short measure name."""
    return len(text.split()) <= 8 and bool(_MEASURE_NOUN.search(text)) and not _CLAUSE.search(
        text) and not re.search(
        r"\d", text)


_CLAUSE = re.compile(r"\b(?:would|will|should|could|can|must|is|are|was|were|am|i|we|they|he|she|"
                     r"you|it's|that's)\b", re.I)


def metric_only(text: str) -> str | None:
    """A short answer naming only what to measure ("time to hire", "NPS")."""
    words = text.strip().rstrip(".!").split()
    if not 1 <= len(words) <= 6 or phrases.is_yes(text) or phrases.is_no_more(text):
        return None
    if _CLAUSE.search(text):
        return None  # "The team would leave on time": a sentence, not a measure
    if any(ch.isdigit() for ch in text) or text.strip().endswith("?"):
        return None
    return " ".join(words)


_SAVE = re.compile(r"^\W*(?:(?:yes|yep|yeah|ok(?:ay)?|fine|good|great|perfect|looks\s+good|"
                   r"that'?s\s+it)"
                   r"[,.!\s]+)*(?:keep\s+it|save\s+it|(?:let'?s\s+)?(?:finali[sz]e|lock)\s+it|"
                   r"that'?s\s+(?:my|our)\s+(?:okr|draft))(?:\s+(?:like\s+that|as\s+it\s+is|"
                   r"please))?\W*$", re.I)


def says_save(text: str) -> bool:
    """"Looks good, keep it", "yes, save it": the person is done with the draft."""
    return bool(_SAVE.match(text.strip()))
