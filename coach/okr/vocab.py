"""Word lists the KR parser and the validator share.

Verbs are stored as lemmas; `verb_lemma` maps the usual inflections back to
the lemma ("reduced" -> "reduce", "cutting" -> "cut", "grew" -> "grow").
"""

from __future__ import annotations

import re
from typing import Literal

Direction = Literal["up", "down"]


def words(text: str) -> frozenset[str]:
    """A word set from a space-separated list."""
    return frozenset(text.split())


UP_VERBS = words(
    "increase grow raise boost lift expand double triple quadruple gain climb rise "
    "accelerate widen extend scale"
)
DOWN_VERBS = words(
    "reduce decrease cut lower shrink halve decline drop slash trim lessen shorten "
    "eliminate curb minimise minimize fall lose"
)
NEUTRAL_CHANGE_VERBS = words("improve change move shift bring push drive get")
# Verbs that state a level to reach ("Reach 1,200 customers").
ACHIEVE_VERBS = words(
    "reach achieve hit attain have aim target deliver land secure win sign close "
    "resolve answer onboard convert retain collect serve enrol enroll pay place "
    "acquire attract generate earn book see score read save vaccinate screen process "
    "treat visit patch fix remediate respond reply handle contact call recycle divert "
    "inspect review approve"
)
MAINTAIN_VERBS = words("maintain keep stay remain sustain preserve")
# Verbs that are tasks ("hold 4 workshops") unless they hold a level ("hold accuracy at 98%").
LEVEL_VERBS = words("hold run")
# Tasks: doing them says nothing about the result (DESIGN §1).
ACTIVITY_VERBS = words(
    "launch build implement hire recruit run create migrate develop design introduce deploy "
    "write organise organize conduct establish define start ship release install draft "
    "prepare plan redesign refactor automate integrate document research investigate "
    "explore evaluate pilot host attend send buy purchase open adopt replace upgrade update "
    "publish train hold rebuild rewrite set roll kick map study analyse analyze "
    "introduce facilitate produce organise set-up"
)
# Verbs that make an objective read like a task (aspirational "build"/"create" are fine).
OBJECTIVE_TASK_VERBS = words(
    "launch implement migrate install deploy roll set hire recruit run introduce release ship "
    "upgrade update write publish conduct hold organise organize complete finish finalise "
    "finalize go"
)
# Tasks in disguise: done or not done.
BINARY_VERBS = words("complete finish finalise finalize")
ACTIVITY_NOUNS = words(
    "launch implementation introduction rollout roll-out migration creation setup set-up "
    "development deployment redesign hiring recruitment construction installation "
    "completion delivery"
)
# Personal habits measured by a count or time ("Walk 10,000 steps a day").
HABIT_VERBS = words("walk swim cycle jog ride row sleep meditate practise practice learn do spend")
PHRASAL_PARTICLES = words("up down out off in")
# Nouns after an activity noun that make it a metric ("deployment frequency", "delivery time").
MEASURE_HEADS = re.compile(
    r"(?:frequency|time|times|rate|rates|speed|lead|success|failure|failures|cost|costs|"
    r"velocity|throughput|count|duration|errors?|quality|accuracy|volume|lag|backlog|"
    r"delays?|score|capacity)\b"
)

# "Resolve 80% of tickets" -> "tickets resolved" (metric reads as a measured thing).
PARTICIPLES = {
    "resolve": "resolved",
    "answer": "answered",
    "close": "closed",
    "sign": "signed",
    "win": "won",
    "onboard": "onboarded",
    "convert": "converted",
    "retain": "retained",
    "collect": "collected",
    "serve": "served",
    "enrol": "enrolled",
    "enroll": "enrolled",
    "pay": "paid",
    "place": "placed",
    "acquire": "acquired",
    "book": "booked",
    "deliver": "delivered",
    "secure": "secured",
    "vaccinate": "vaccinated",
    "screen": "screened",
    "process": "processed",
    "treat": "treated",
    "patch": "patched",
    "fix": "fixed",
    "remediate": "remediated",
    "handle": "handled",
    "contact": "contacted",
    "recycle": "recycled",
    "inspect": "inspected",
    "review": "reviewed",
    "approve": "approved",
}

ALL_VERBS = (
    UP_VERBS
    | DOWN_VERBS
    | NEUTRAL_CHANGE_VERBS
    | ACHIEVE_VERBS
    | MAINTAIN_VERBS
    | ACTIVITY_VERBS
    | BINARY_VERBS
    | frozenset({"become", "be", "go", "ensure", "make"})
    | HABIT_VERBS
)

_IRREGULAR = {
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "brought": "bring",
    "got": "get",
    "gotten": "get",
    "won": "win",
    "paid": "pay",
    "held": "hold",
    "kept": "keep",
    "built": "build",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "sent": "send",
    "bought": "buy",
    "made": "make",
    "hit": "hit",
    "set": "set",
    "cut": "cut",
}


def verb_lemma(word: str) -> str | None:
    """The lemma of `word` if it is one of the known verbs (any inflection), else None."""
    w = word.lower().strip(".,;:!?()\"'")
    if w in ALL_VERBS:
        return w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    candidates: list[str] = []
    for suffix in ("ies", "ied"):
        if w.endswith(suffix):
            candidates.append(w[: -len(suffix)] + "y")
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # cutting -> cut, dropped -> drop
    for cand in candidates:
        if cand in ALL_VERBS:
            return cand
    return None


def direction_of(lemma: str | None) -> Direction | None:
    if lemma in UP_VERBS:
        return "up"
    if lemma in DOWN_VERBS:
        return "down"
    return None


VAGUE_RE = re.compile(
    r"\b(?:significant(?:ly)?|substantial(?:ly)?|dramatic(?:ally)?|considerabl[ey]|greatly|"
    r"massive(?:ly)?|huge(?:ly)?|noticeabl[ey]|marked(?:ly)?|a\s+lot|lots|much|more|better|"
    r"higher|lower|faster|slower|fewer|less|further|stronger|bigger|smaller|"
    r"as\s+(?:much|many|far|high|low|"
    r"soon|quickly|fast)\s+as\s+possible|asap|maximi[sz]e|minimi[sz]e|optimi[sz]e|enhance|"
    r"some|somewhat|a\s+bit|happier|easier|healthier|quicker|cheaper|smoother|safer|"
    r"sooner|nicer|greener|cleaner)\b",
    re.IGNORECASE,
)

BINARY_RE = re.compile(
    r"\bgo(?:es|ing)?[- ]live\b|\bgo[- ]live\b|\bgone\s+live\b|\byes\s*/\s*no\b|"
    r"\b(?:is|are|be|being|been|get|gets|got)\s+(?:fully\s+)?(?:live|launched|done|completed?|"
    r"finished|ready|in\s+place|implemented|deployed|released|approved|signed\s+off|certified|"
    r"rolled\s+out|migrated|delivered|shipped|operational|up\s+and\s+running)\b|"
    r"\b(?:done|completed?|finished)\s*[.!]?\s*$|"
    r"\b(?:achieve|obtain|get|gain|receive|earn|secure)\s+(?:\S+\s+){0,3}?"
    r"(?:certification|accreditation|approval|sign-?off)\b|"
    r"\bpass(?:es|ed)?\s+(?:the\s+)?(?:\S+\s+)?(?:audit|inspection|certification)\b|"
    r"\b(?:get|gets|got|become|be)\s+(?:[A-Z0-9][\w-]*\s+){1,4}(?:certified|accredited)\b",
    re.IGNORECASE,
)
COMPLETE_100_RE = re.compile(
    r"(?:\b100\s*%|\bfrom\s+0\s*%\s+to\s+100\s*%)\s*(?:of\s+(?:[\w'-]+\s+){1,4}?)?"
    r"(?:complete|completed|completion|done|finished|implemented|delivered|rolled\s+out|"
    r"migrated|live|deployed|trained|onboarded|installed|upgraded|documented|set\s+up)\b|\b(?:complete|completion|done)\s*(?:of\s+)?(?:\S+\s+)?100\s*%",
    re.IGNORECASE,
)
MAINTAIN_RE = re.compile(
    r"\b(?:stay|stays|remain|remains|hold|holds|keep\s+\S+)\s+(?:at|above|below|under|over|"
    r"within)\b|\bno\s+(?:lower|higher)\s+than\b|\bsteady\s+at\b|\bat\s+least\s+as\b|"
    r"\b(?:hold|holds|holding|run|runs|running)\s+(?:[\w'-]+\s+){1,5}?(?<!\bin\s)(?:at|above|below|under|"
    r"over|within)\s+(?:or\s+(?:above|below)\s+)?[<>≤≥~]?\s*[$€£]?\d(?![\d:.]*\s*[ap]\.?m\b)",
    re.IGNORECASE,
)

PRONOUNS = words(
    "it this that them these those everything things stuff something anything one "
    "we i they you he she"
)
VAGUE_METRICS = words(
    "results performance numbers kpi kpis metrics metric score quality success outcomes "
    "output stuff the number things"
)
# Metrics where a rise is bad news: "increase churn" is probably a slip.
LOWER_IS_BETTER = re.compile(
    r"\b(?:churn|costs?|errors?|incidents?|escalations?|complaints?|defects?|bugs?|"
    r"turnover|attrition|absenteeism|backlog|debt|delays?|outages?|downtime|waste|"
    r"emissions|accidents|injuries|readmissions|dropouts?|vacancies|overdue|"
    r"(?:wait(?:ing)?|handling|lead|cycle|response|resolution|processing|queue)\s+times?)$",
    re.IGNORECASE,
)
METRIC_NOUNS = re.compile(
    r"\b(?:rate|revenue|arr|mrr|nps|enps|csat|churn|costs?|conversion|retention|margin|"
    r"profit|sales|score|ratio|kpi|percentage|share|number\s+of|turnover|headcount|uptime|"
    r"latency|ebitda|roi|income|count|spend|spending|expenses?)\b",
    re.IGNORECASE,
)

UNKNOWN_RE = re.compile(
    r"\b(?:(?:do|does|did)\s*n[o']?t\s+know|don'?t\s+know|dunno|no\s+idea|no\s+clue|"
    r"not\s+sure|unknown|unclear|not\s+known|(?:not|never|haven'?t|hasn'?t|isn'?t|aren'?t)\s+"
    r"(?:been\s+)?(?:measured|tracked|counted|measuring|tracking)|"
    r"(?:we|they|i)\s+(?:do\s*n[o']?t|don'?t|never|can'?t)\s+(?:measure|track|count|know)|"
    r"no\s+(?:data|baseline|numbers?|figures?)(?:\s+yet)?|n/a|tbd|to\s+be\s+(?:measured|"
    r"determined|defined|confirmed)|can'?t\s+say|no\s+way\s+to\s+tell)\b|\?\?",
    re.IGNORECASE,
)

ADVERB_RE = re.compile(
    r"\b(?:significantly|substantially|dramatically|considerably|greatly|massively|hugely|"
    r"noticeably|markedly|further|steadily|gradually|consistently|sharply|drastically)\b",
    re.IGNORECASE,
)

# Things that can be new, so that a count of their users, sales or uses starts at zero.
_NEW_THINGS = (
    r"(?:product|feature|channel|service|app|application|platform|portal|tool|system|"
    r"offering|offer|market|region|country|city|store|shop|marketplace|website|site|"
    r"newsletter|podcast|community|programme|program|plan|tier|subscription|course|"
    r"brand|line|api|integration|module|format|location|branch|office|clinic|campus|"
    r"route|partnership|venue|edition|version|release|checkout|catalogue|catalog)s?"
)
# Words that end the noun phrase after "new": in "new customers for our app" the new thing is
# the customers (a count that never starts at zero), not the app.
_ENDS_PHRASE = (
    r"(?:for|of|to|in|on|at|from|with|by|per|and|or|the|a|an|our|their|my|its|this|that|"
    r"who|which|customers?|users?|clients?|members?|people|staff|hires?|employees?|leads?|"
    r"words?|accounts?|patients?|students?|volunteers?|donors?|partners?)"
)
# "first" that names an occasion, not a beginning: "resolved on our first call".
_FIRST_OCCASIONS = r"(?:call|contact|visit|attempt|try|time|response|reply|pass|answer)s?"
_NEW_METRIC_SIGNS = (
    # "the new app", "our brand-new self-service portal", "the newly launched store"
    r"\b(?:brand[-\s]+)?new(?:ly)?[-\s]+(?:(?!" + _ENDS_PHRASE + r"\b)[a-z][\w'-]*\s+){0,2}"
    + _NEW_THINGS + r"\b",
    r"\b(?:upcoming|forthcoming|planned|future|first-ever)\s+(?:[a-z][\w'-]*\s+){0,2}"
    + _NEW_THINGS + r"\b",
    # "launched in May", "after launch", "the shop we open in May", "once it goes live"
    r"\blaunch(?:ed|ing)\b",
    r"\b(?:at|after|since|from|on|upon|post)[-\s]+(?:the\s+|its\s+|our\s+)?(?:launch|go[-\s]live)\b",
    r"\b(?:we|i|they)\s+(?:will\s+|are\s+going\s+to\s+|plan\s+to\s+)?"
    r"(?:launch|start|begin|open|introduce|roll\s+out|set\s+up)\b",
    r"\b(?:it|that|which)\s+(?:launches|opens)\b",
    r"\bgo(?:es|ing)?[-\s]live\b|\bwent\s+live\b",
    # "our first 10 paying customers", "the first 100 users", "our first-ever webinar"
    r"\b(?:our|my|their|its)\s+(?:very\s+)?first(?![-\s]+" + _FIRST_OCCASIONS + r"\b)\b",
    r"\bfirst[-\s]ever\b|\bthe\s+first\s+\d",
    # "schools in the pilot", "200 beta testers"
    r"\b(?:the|a|our|in|into|of)\s+(?:\w+\s+)?(?:pilot|beta)\b",
    r"\b(?:pilot|beta)[-\s]+(?:programme|program|scheme|project|phase|group|cohort|sites?|"
    r"schools?|customers?|users?|testers?|version|release|launch|study|run|test)\b",
    # "from scratch", "starting from nothing"
    r"\b(?:from|start(?:s|ed|ing)?\s+(?:from|at))\s+(?:zero|scratch|nothing|nil|none)\b",
    # "a channel that does not exist yet", "not live yet", "yet to launch"
    r"\b(?:does|do|did)\s*n[o']?t\s+(?:yet\s+)?exist\b",
    r"\bnot\s+(?:yet\s+)?(?:live|launched|open|available)\s+yet\b",
    r"\bnot\s+yet\s+(?:exist|live|launched|open|available)\b",
    r"\byet\s+to\s+(?:launch|open|start|exist|go\s+live|be\s+(?:launched|built|opened))\b",
)
# A KR whose metric is new and so starts at zero (DESIGN §1): "Reach 5,000 users of the new
# app", "Sign our first 10 paying customers", "500 sign-ups after launch".
NEW_METRIC_RE = re.compile("|".join(_NEW_METRIC_SIGNS), re.IGNORECASE)
# Metric heads that have a value from the first day, even for something new: rates, scores,
# times. Their unstated start is unknown, not zero.
NOT_FROM_ZERO = re.compile(
    r"\b(?:rate|rates|ratio|rating|ratings|score|scores|nps|enps|csat|satisfaction|time|times|"
    r"latency|uptime|availability|accuracy|quality|margin|speed|duration|wait|delay|"
    r"conversion|retention|engagement|utili[sz]ation|occupancy)$",
    re.IGNORECASE,
)
