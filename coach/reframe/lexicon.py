"""Word lists and patterns for the problem-talk detector.

Everything here is plain data: the detector (`detector.py`) turns it into regular
expressions once at import time. Weights are hand-set; a cue scoring >= 1.0 on its
own is enough to call an utterance problem talk, weaker cues need company.
"""

from __future__ import annotations

import re
from typing import Final

THRESHOLD: Final = 1.0


def word_set(text: str) -> frozenset[str]:
    """A set of whitespace-separated words (keeps the long lists readable)."""
    return frozenset(text.split())


# Contractions expanded before matching (the original case of the rest is kept).
CONTRACTIONS: Final[tuple[tuple[str, str], ...]] = (
    (r"\bcan'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bshan't\b", "shall not"),
    (r"\bain't\b", "is not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'm\b", "I am"),
    (r"\bim\b", "I am"),
    (r"\b(we|you|they)'re\b", r"\1 are"),
    (r"\b(i|we|you|they)'ve\b", r"\1 have"),
    (r"\b(i|we|you|they|he|she)'ll\b", r"\1 will"),
    (r"\b(i|we|you|they|he|she)'d\b", r"\1 would"),
    (r"\b(it|that|there|what|he|she|nothing|nobody|everything|everyone|who|where|here)'s\b",
     r"\1 is"),
)

# Words that negate a negative word inside their scope ("not bad", "no problem").
NEGATORS: Final = word_set(
    "not no never without hardly barely zero nothing none nobody neither nor noone rarely seldom"
)
# Words that turn a problem noun into a goal ("reduce complaints", "fewer bugs").
GOAL_WORDS: Final = word_set(
    """reduce reduced reducing decrease decreasing cut cutting lower lowering fewer less
    minimise minimize minimising minimizing eliminate eliminating halve halving shrink
    remove removing prevent preventing fixed fix solved solve resolved resolve below
    under beat beating overcame overcome handled survived raise raising raised report
    reporting flag flagging track tracking handle handling address addressing avoid
    avoided catch caught stopped"""
)
# "used to" and friends put a problem in the past: not talk about now.
PAST_MARKERS: Final = ("used to", "back then", "in the past", "formerly")
NEGATION_WINDOW: Final = 3
GOAL_WINDOW: Final = 4

# Phrases that look like problem talk but are not.
FALSE_FRIENDS: Final[tuple[str, ...]] = (
    r"can not wait",
    r"could not wait",
    r"can not complain",
    r"can not thank",
    r"can not go wrong",
    r"can not stop smiling",
    r"could not (?:be|have been) (?:happier|prouder|better|more pleased)",
    r"can not believe how (?:good|well|great|much fun)",
    r"not (?:too |that |so )?bad",
    r"no (?:problem|worries|complaints|issues?)\b",
    r"no (?:bugs|errors|incidents)",
    r"not a (?:problem|big deal|worry)",
    r"never (?:late|miss|missed|fails?|failed|disappoints?)",
    r"problem[- ]solv\w+",
    r"(?:killing|nailed|crushing) it",
    r"too good",
    r"no (?:need|doubt|rush|hurry|question|wonder|pressure)",
    r"no more than",
    r"never (?:been|felt|looked) better",
    r"never (?:thought|expected|imagined|dreamed|believed) (?:we|i|it|this|that|they)",
    r"never mind",
    r"(?:i|we) (?:do|did) not (?:know|remember|mind|think so)\b"
    r"(?!\s+(?:why|how|what to|where|who))",
    r"do not get me wrong",
    r"(?:is|was|were|are) (?:no|not a) big deal",
    r"keep(?:s|ing)? (?:up the good work|going|improving|growing|learning|getting better|"
    r"trying|showing up|turning up|coming(?: back)?|returning|attending|winning|smiling|"
    r"succeeding|delivering|booking|asking|reading|running|training|practi[cs]ing|"
    r"getting faster|getting stronger|shipping)",
)

# Problem-talk phrases with their kind and weight. Group "focus" marks the span the
# reframe builds on; group "vp" marks a verb phrase the user *cannot* do (its
# positive form is what they want). Order matters only for ties.
PHRASES: Final[tuple[tuple[str, str, float], ...]] = (
    # what they don't want
    (
        r"\b(?:do|does|did) not want (?:to (?P<vp>[^,.;!?]+)|(?P<focus>[^,.;!?]+))",
        "unwanted",
        1.2,
    ),
    (r"\b(?:would|would not) (?:hate|not like) to (?P<vp>[^,.;!?]+)", "unwanted", 1.2),
    (r"\bno more (?P<focus>[^,.;!?]+)", "unwanted", 1.0),
    (r"\b(?:need|have|want) to stop (?P<focus>[^,.;!?]+)", "unwanted", 1.0),
    (r"\bwant to avoid (?P<focus>[^,.;!?]+)", "unwanted", 1.0),
    (r"\bget rid of (?P<focus>[^,.;!?]+)", "unwanted", 1.0),
    (
        r"\b(?:tired|sick|fed up|weary) (?:of|with) (?P<focus>[^,.;!?]+)",
        "negative_state",
        1.2,
    ),
    # what they cannot do
    (
        r"\b(?:can not|could not|will not be able to|am not able to|are not able to"
        r"|is not able to|not able to|unable to|never manage to|fail to|fails to|failed to"
        r"|struggle to|struggles to|struggling to|no way to) (?P<vp>[^,.;!?]+)",
        "inability",
        1.2,
    ),
    (
        r"\b(?:is|it is|was|are|seems|feels) (?:so |really |very |too |incredibly )?"
        r"(?:hard|difficult|impossible|tough|a struggle) to (?P<vp>[^,.;!?]+)",
        "inability",
        1.2,
    ),
    (r"\bstruggl\w+ with (?P<focus>[^,.;!?]+)", "inability", 1.1),
    (
        r"\b(?:do|does|did) not have (?:any |enough )?"
        r"(?P<focus>(?:the |a |an )?(?:time|budget|money|people|staff|resources?|way|process"
        r"|tools?|data|capacity|clarity|overview)[^,.;!?]*)",
        "inability",
        1.1,
    ),
    (
        r"\b(?:not enough|lack of|lacks?|lacked|lacking|short of|shortage of|too few|too little)"
        r" (?P<focus>[^,.;!?]+)",
        "inability",
        1.1,
    ),
    (r"\b(?:there is|there are|we have|with) no (?P<focus>[^,.;!?]+)", "inability", 1.0),
    # complaints
    (
        r"\bthe (?:main |biggest |real |big )?(?:problem|issue|trouble|challenge|headache"
        r"|pain point)s? (?:is|are|was|were) (?:that )?(?P<focus>[^.;!?]+)",
        "complaint",
        1.2,
    ),
    (r"\b(?:far |way |much )?too (?:many|much) (?P<clause>[^,.;!?]+)", "complaint", 1.1),
    (
        r"\b(?:far |way |much )?too (?:slow|long|late|often|early"
        r"|hard|complex|complicated|expensive|high|low|busy|big|small|short)\b",
        "complaint",
        1.1,
    ),
    (r"\btoo often (?P<clause>[^,.;!?]+)", "complaint", 1.1),
    (r"\b(?:keeps?|kept) (?P<focus>\w+ing\b[^,.;!?]*)", "complaint", 1.0),
    (r"\b(?:runs?|running|ran) out of (?P<clause>[^,.;!?]+)", "complaint", 1.1),
    (
        r"\b(?:am|are|is|was|were|feel|feels|seem|seems) not (?:very |really |so |that |too )?"
        r"(?P<clause>(?:happy|satisfied|pleased|content|good|great|ideal|working|clear|fair"
        r"|sustainable|efficient|acceptable|ok|okay|fine|reliable|motivated|fast)"
        r"\b[^,.;!?]*)",
        "complaint",
        1.1,
    ),
    (
        r"\b(?:never|nobody|no one|noone|not|nothing) (?:ever |really |actually )?"
        r"(?P<clause>(?:work|works|worked|working|respond|responds|reply|replies|answer"
        r"|answers|listen|listens|listening|help|helps|care|cares|read|reads|tell|tells"
        r"|deliver|delivers|communicate|communicates|show|shows|finish|finishes|follow"
        r"|follows|own|owns|understand|understands|support|supports"
        r"|(?:get|gets)(?! (?:\w+ed|hurt|stuck|lost|caught|sick|left)\b)|hit|hits"
        r"|reach|reaches|fit|fits|update|updates|call|calls|return|returns|know|knows"
        r"|scale|scales|load|loads|arrive|arrives|come|comes|give|gives|share|shares|doing)"
        r"\b[^,.;!?]*)",
        "complaint",
        1.0,
    ),
    (r"\bwhat if (?P<focus>[^,.;!?]+)", "worry", 1.1),
    (
        r"\bnot sure (?:if |whether )?"
        r"(?P<focus>(?:we|i|they|you|he|she|it) (?:can|will)\b[^,.;!?]*)",
        "worry",
        1.1,
    ),
    (
        r"\bspends? (?:half|most|all) (?:of )?(?:their|our|my|the|his|her) (?:day|time|week)"
        r"(?P<clause>[^,.;!?]*)",
        "complaint",
        1.0,
    ),
    (
        r"\b(?:am|are|is|was|were|get|getting|feel|feeling) (?:really |so |very |a bit |"
        r"quite |a little )?(?:worried|concerned|afraid|scared|anxious|nervous|frightened"
        r"|terrified) (?:about |that |of |by )?(?P<focus>[^,.;!?]+)",
        "worry",
        1.2,
    ),
    (r"\b(?:i|we) (?:worry|fear|doubt) (?:about |that )?(?P<focus>[^,.;!?]+)", "worry", 1.2),
    (r"\b(?:fault|to blame|blame|blamed|blaming)\b", "blame", 1.1),
    (
        r"\bbecause of (?P<focus>(?:the |that |those |their )?\w+ (?:team|department)"
        r"|management|them|him|her|it|finance|sales|marketing|hr|legal)\b",
        "blame",
        1.0,
    ),
)

# Third parties: a complaint whose subject is one of these counts as blame.
THIRD_PARTIES: Final = word_set(
    """they them he she management managers boss bosses leadership it sales marketing
    finance hr legal procurement vendor vendors supplier suppliers team department
    head office developers devs engineering support customers clients ops others
    everyone nobody"""
)

# Single words: (kind, weight). Problem nouns are weak on their own.
WORDS: Final[dict[str, tuple[str, float]]] = {}


def _add(kind: str, weight: float, words: str) -> None:
    for w in words.split():
        WORDS[w] = (kind, weight)


_add(
    "negative_state",
    1.0,
    """frustrated frustrating frustration annoyed annoying irritating irritated exhausted
    exhausting burned burnt burnout overwhelmed overwhelming overloaded stressed stressful
    stress stuck hate hated hates awful terrible horrible dreadful miserable upset angry
    furious sad depressed depressing disappointed disappointing demotivated demoralised
    demoralized undervalued unappreciated sucks worst ugh fed drained drowning nightmare
    painful hopeless helpless useless pointless embarrassing embarrassed ashamed lonely
    unhappy fail failing failed failure chaos chaotic mess messy broken crashes crashing
    crashed confusing confused hurts hurt sick pain anxiety panic ridiculous tired bored
    boring heartbroken brokenheart suffering disaster toxic unfair cruel rough lousy
    worse killing wrong forever ignore ignores ignored ignoring lost complain complains
    complained complaining mad stupid dumb damn fml wtf smh headache headaches migraine
    sore aching cranky grumpy sigh tears pissed hungover hangover ugly gross rude fails
    disgusting dread dreading regret guilty jealous unemployed fired rejected rejection
    doomed screwed procrastinating procrastination overdue sleepless insomnia fever
    injured injury sickness incomplete inconsistent unreliable unstable flaky buggy clunky
    cumbersome tedious bureaucratic backwards drags dragging bothers bothering explodes
    sliding slipping slipped shrinking collapsing piling bloated""",
)
_add(
    "complaint",
    0.6,
    """bugs bug errors error complaints complaint delays delay delayed backlog churn
    turnover overtime firefighting rework waste wasted wasting bottleneck bottlenecks
    outage outages downtime incidents escalations late slow slower slowly unclear
    lose dropped drops dropping fell falling declining missed miss missing
    problem problems issue issues struggle struggling difficult hard worried
    worry worries concern concerns afraid scared nervous anxious doubt ages
    short-staffed understaffed behind outdated
    blocked blocker blockers interruptions interrupted chase chasing poor crazy insane
    hell dying dead sleepy lazy broke ill deadline deadlines losing paperwork poorly bad sorry
    cold alone crying cry cried sleep lack""",
)

# Words that make a nearby weak cue count fully ("so slow", "always late").
INTENSIFIERS: Final = word_set(
    """so too very really always often seriously constantly again still endless constant every far
    painfully totally completely seriously terribly awfully such keep keeps kept
    doubled tripled rising growing grows grew increasing increased more"""
)
COPULAS: Final = word_set(
    "is are was were be been being feels feel seems seem get gets got getting"
)

# Verb/adjective antonyms for turning an unwanted focus into a wanted one.
ANTONYMS: Final[dict[str, str]] = {
    "lose": "keep",
    "losing": "keeping",
    "miss": "meet",
    "missing": "meeting",
    "fail": "succeed",
    "failing": "succeeding",
    "break": "keep working",
    "breaking": "keeping working",
    "ignore": "hear",
    "ignoring": "hearing",
    "forget": "remember",
    "forgetting": "remembering",
    "delay": "speed up",
    "delaying": "speeding up",
    "late": "on time",
    "slow": "quick",
    "unclear": "clear",
    "confusing": "clear",
    "stressful": "calm",
    "stressed": "calm",
    "chaotic": "calm",
    "messy": "tidy",
    "outdated": "up to date",
    "boring": "engaging",
    "bored": "engaged",
}

CLAUSE_BREAK: Final = re.compile(
    r"\s*(?:[,;:.!?()]|\s-\s|\b(?:and|but|because|which|while|although|though"
    r"|since|cause|when|until|unless|or|whereas)\b)\s*",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------
# Generalisation layer: verb morphology, a wider negative-evaluation lexicon, idioms,
# rhetorical complaint questions, metric polarity and negated desirable actions.
# --------------------------------------------------------------------------------------

_IRREGULAR: Final[dict[str, str]] = {
    "break": "broke broken", "eat": "ate eaten", "go": "went gone", "sit": "sat",
    "take": "took taken", "fall": "fell fallen", "lose": "lost", "get": "got gotten",
    "come": "came", "tell": "told", "know": "knew known", "hear": "heard", "run": "ran",
    "pay": "paid", "make": "made", "give": "gave given", "do": "did done", "show": "shown",
    "understand": "understood", "speak": "spoke spoken", "lead": "led", "meet": "met",
    "stick": "stuck", "bring": "brought", "send": "sent", "spend": "spent", "hold": "held",
    "write": "wrote written", "rise": "rose risen", "grow": "grew grown",
    "shrink": "shrank shrunk", "sink": "sank sunk", "feel": "felt", "see": "saw seen",
    "begin": "began begun", "burn": "burnt", "catch": "caught", "find": "found",
    "fight": "fought", "forget": "forgot forgotten", "drive": "drove driven",
    "sleep": "slept", "buy": "bought", "think": "thought", "teach": "taught",
}
_DOUBLE: Final = word_set(
    "stop drop slip plan ship commit submit admit control quit cut hit sit get run begin"
    " forget let set put drag slam"
)


def verb_forms(lemmas: str) -> frozenset[str]:
    """Base, -s, past and -ing forms of each lemma (`crash` -> crash crashes crashed …)."""
    out: set[str] = set()
    for lemma in lemmas.split():
        out.add(lemma)
        if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            out.add(lemma + "es")
        elif lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
            out.add(lemma[:-1] + "ies")
        else:
            out.add(lemma + "s")
        double = lemma in _DOUBLE
        if lemma in _IRREGULAR:
            out.update(_IRREGULAR[lemma].split())
        elif lemma.endswith("e"):
            out.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
            out.add(lemma[:-1] + "ied")
        else:
            out.add(lemma + (lemma[-1] if double else "") + "ed")
        if lemma.endswith("ie"):
            out.add(lemma[:-2] + "ying")
        elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            out.add(lemma[:-1] + "ing")
        else:
            out.add(lemma + (lemma[-1] if double else "") + "ing")
    return frozenset(out)


def _add_new(kind: str, weight: float, words: str) -> None:
    """Like `_add`, but never lowers the weight of a word already listed."""
    for w in words.split():
        if w not in WORDS or WORDS[w][1] < weight:
            WORDS[w] = (kind, weight)


# Negative evaluation, written for workplace talk. Strong words carry a whole utterance.
_add_new(
    "negative_state",
    1.0,
    """grim bleak dire dismal abysmal appalling atrocious shocking shambolic shambles
    unacceptable unworkable unbearable unsustainable intolerable infuriating maddening
    exasperating exasperated discouraging discouraged disheartening disheartened
    demotivating demoralising demoralizing overworked overstretched swamped slammed
    understaffed underfunded under-resourced underresourced disengaged dysfunctional
    glitchy laggy sluggish stagnant stagnating deadlocked gridlocked paralysed paralyzed
    futile meaningless worthless fiasco catastrophe catastrophic circus silos siloed
    micromanagement bureaucracy neglected sidelined blindsided burning-out exhausting
    depleted resigned powerless stonewalled overruled undermined clueless incompetent
    infighting backstabbing politics dumpster-fire train-wreck trainwreck""",
)
_add_new(
    "complaint",
    1.0,
    " ".join(
        sorted(
            verb_forms(
                """crash break collapse drown micromanage undermine sabotage overrule
                blindside sideline neglect derail stonewall backfire plummet bicker squabble
                overpromise overcommit fester"""
            )
        )
    ),
)
_add_new(
    "complaint",
    0.6,
    " ".join(
        sorted(
            verb_forms(
                """miss drop slip delay postpone cancel block quit resign wait chase bounce
                disappear vanish pile overrun overspend escalate interrupt redo stall drag
                lag freeze hang"""
            )
            - {"hang", "freeze", "lag", "chase"}
        )
    )
    + """ escalation duplicates gaps friction overhead workaround workarounds crunch
    pressure conflict conflicts tension tensions ambiguity confusion noise attrition
    absenteeism lagging behind cluttered outdated patchy shaky sloppy
    spotty vague fuzzy messy siloed frozen hangs hung freezes freezing""",
)

# Adverbs that intensify a nearby weak cue, beyond INTENSIFIERS.
MORE_INTENSIFIERS: Final = word_set(
    """pretty quite super incredibly ridiculously insanely absolutely utterly extremely
    massively hugely another twice whole entire full half forever yet everything
    anything"""
)

# Actions people want from others and from their tools. Negated ("nobody reads", "IT
# never replies", "we haven't even built", "I'm not invited"), they are complaints;
# the negation of a *problem* word ("nobody waits") is not.
DESIRABLE: Final = verb_forms(
    """read reply respond answer listen care help work fix clean update check follow own
    understand tell inform share talk communicate agree decide commit show attend engage
    use approve sign confirm replace hire pay thank recognise recognize notice ask consult
    involve include invite support back trust believe move change improve happen stick
    last finish complete deliver ship launch meet hit reach arrive return call document
    prioritise prioritize explain learn speak act bother want like enjoy value appreciate
    give come get turn review test build start progress budge listen respect hear see
    keep land close win"""
) | word_set("know knows knew known")
# First-person verbs that are hedges, not complaints ("I don't know", "I don't mind").
HEDGE_VERBS: Final = word_set(
    "know knew think thought mind remember recall care see get like want need"
)
# Words allowed between a negator and the negated action.
NEG_GAP: Final = word_set(
    """is are was were be been being am has have had do does did will would can could
    shall should may might ever really actually even properly always yet seem seems
    seemed to bother bothers just quite fully longer anymore one single get gets got"""
)
# Words that put a clause in a wanted, hypothetical or goal frame ("we'd have fewer
# complaints", "our goal is to never lose a customer", "we want zero missed releases").
GOAL_FRAME: Final = word_set(
    """would want wants hope hoping hoped goal goals aim aiming target targets ideally
    imagine imagining objective objectives kr krs wish-list vision dream"""
)
# Positive evaluation: a clause saying this is fine outweighs an earlier weak cue.
POSITIVE_EVAL: Final = re.compile(
    r"\b(?:good|great|fine|enough|better|well|progress|on track|working|happy|proud"
    r"|improving|manageable|okay|ok|worth it|getting there|learning|solved|sorted)\b",
    re.IGNORECASE,
)

# Metric polarity: a good metric going down, or a bad metric going up, is a problem.
_GOOD_METRICS = (
    r"nps|revenue|sales|conversions?|retention|engagement|morale|satisfaction|csat"
    r"|pipeline|budgets?|headcount|margins?|attendance|velocity|quality|productivity"
    r"|uptime|adoption|usage|sign-?ups|bookings|profits?|growth|traffic|leads|scores?"
    r"|participation|throughput|output|trust|confidence|win rate|renewals|funding"
)
_BAD_METRICS = (
    r"churn|attrition|turnover|costs?|complaints|bugs|defects|incidents|tickets|backlog"
    r"|overtime|absence|absenteeism|sick leave|errors|returns|refunds|escalations"
    r"|latency|wait(?:ing)? times?|response times?|lead times?|cycle times?|debt|spend"
    r"|expenses|outages|downtime|workload|queue"
)
_UP = (
    r"went up|goes up|gone up|going up|is up|are up|rose|risen|rising|increased|increasing"
    r"|doubled|tripled|spiked|spiking|jumped|climbed|climbing|grew|growing|exploded"
    r"|through the roof|higher than ever|keeps? (?:going up|growing|rising|climbing)"
)
_DOWN = (
    r"dropped|drops|dropping|fell|falling|fallen|declined|declining|went down|gone down"
    r"|going down|is down|are down|shrank|shrunk|shrinking|slipped|slipping|tanked"
    r"|plummeted|stalled|flat|flatlined|stagnant|stagnated|stagnating|got cut|was cut"
    r"|were cut|been cut|slashed|empty|dried up|dead"
)
_METRIC_GAP = r"(?:\s+(?:\w+|\d+%?)){0,3}?\s+"
_SYSTEMS = (
    r"system|server|servers|site|website|app|tool|tools|service|network|platform|database"
    r"|api|build|builds|pipeline|vpn|wifi|crm|erp|portal|integration|sync"
)

# A metric moving the right way ("churn fell to 3%") is good news: masked like a false friend.
GOOD_MOVES: Final[tuple[str, ...]] = (
    rf"(?:{_BAD_METRICS}){_METRIC_GAP}(?:{_DOWN}|fell to|dropped to|down to)",
    rf"(?:{_GOOD_METRICS}){_METRIC_GAP}(?:{_UP}|up to|rose to)",
)

# Idioms, resignation, rhetorical questions, blame and overload constructions.
MORE_PHRASES: Final[tuple[tuple[str, str, float], ...]] = (
    # metric polarity
    (rf"\b(?:{_GOOD_METRICS}){_METRIC_GAP}(?:{_DOWN})\b", "complaint", 1.0),
    (rf"\b(?:{_BAD_METRICS}){_METRIC_GAP}(?:{_UP})\b", "complaint", 1.0),
    (rf"\b(?:{_SYSTEMS})\s+(?:\w+\s+)?(?:went|goes|go|keeps? going|is|was|were) down\b",
     "complaint", 1.0),
    (rf"\b(?:{_SYSTEMS})\s+(?:\w+\s+)?(?:keeps? )?(?:times? out|timing out|timed out"
     r"|hangs?|hanging|freezes|freezing|froze|lags|lagging)\b", "complaint", 1.0),
    # resignation
    (r"\bit is what it is\b", "negative_state", 1.2),
    (r"\b(?:that|this) is (?:just )?(?:how|the way) it (?:is|works|goes)\b", "negative_state",
     1.2),
    (r"\b(?:just )?(?:how|the way) (?:things|it) (?:work|works|are|is) (?:here|around here)\b",
     "negative_state", 1.1),
    (r"\bnothing (?:ever |really )?(?:changes|will change|is going to change)\b",
     "negative_state", 1.2),
    (r"\bsame old\b", "negative_state", 1.1),
    (r"\b(?:whatever|no matter what) (?:we|i|you|they) do\b", "negative_state", 1.1),
    (r"\b(?:there is )?no point\b", "negative_state", 1.1),
    (r"\b(?:give|gave|given|giving) up\b", "negative_state", 1.1),
    (r"\bwhat can you do\b", "negative_state", 1.0),
    (r"\b(?:par for the course|story of (?:my|our) (?:life|lives))\b", "negative_state", 1.1),
    # rhetorical complaint questions
    (r"^\s*why\b[^?]*\b(?:always|never|nobody|no one|noone|still|even|ever|again|keeps?"
     r"|not|so (?:hard|slow|difficult|long|late)|every time)\b[^?]*\?", "complaint", 1.1),
    (r"\bwhy (?:even )?bother\b", "negative_state", 1.2),
    (r"\bwhat is (?:even )?the (?:point|use)\b", "negative_state", 1.2),
    (r"\bhow (?:am i|are we|is (?:anyone|anybody|he|she|the team|one)|are they|are you)"
     r" (?:even )?supposed to\b", "complaint", 1.2),
    (r"\bwho (?:even|actually|really|ever) \w+", "complaint", 1.0),
    (r"\bwho cares\b", "negative_state", 1.1),
    (r"\bwhen will (?:they|it|this|anyone|anybody|we|he|she) ever\b", "complaint", 1.1),
    (r"\bhow many (?:more )?times\b", "complaint", 1.0),
    # doubt, disbelief
    (r"\b(?:do|does) not see (?:how|why|the point|any way|a way)\b", "worry", 1.2),
    (r"\bnot (?:sure|convinced) (?:that |if |whether )?(?P<focus>[^,.;!?]*\b(?:even|really"
     r"|actually|ever|can|will|could)\b[^,.;!?]*)", "worry", 1.1),
    (r"\bnot even\b", "complaint", 1.0),
    # "we're constantly reacting instead of planning": doing the unwanted thing
    (r"\b(?:am|are|is|was|were|be|being|keep|keeps)\s+(?:\w+ly\s+)?\w+ing\b[^,.;!?]*"
     r"\b(?:instead of|rather than)\b", "complaint", 1.0),
    # "without asking anyone": a negative-polarity item marks the missing action
    (r"\bwithout (?:even )?(?:being )?\w+(?:ing|ed) (?:\w+ )?(?:anyone|anybody|anything|any)\b",
     "complaint", 1.0),
    # negation raising: "I don't think anyone upstairs cares"
    (r"\b(?:do|does) not (?:think|believe|feel like|see) (?:that )?(?:anyone|anybody)\b"
     r"[^,.;!?]*\b(?:cares?|listens?|reads?|knows?|notices?|wants?|understands?|will|can"
     r"|is going to|bothers?)\b", "complaint", 1.1),
    (r"\b(?:takes?|took|taking) (?:\w+ )?(?:months|ages|an eternity|years|weeks)\b",
     "complaint", 1.0),
    (r"\b(?:have|has|had|with|there is|there are|get|gets|got) (?:zero|little|limited|hardly any"
     r"|barely any|no real|next to no) (?P<focus>(?:visibility|insight|say|control|budget|time"
     r"|support|clarity|transparency|ownership|direction|guidance|feedback|resources|capacity"
     r"|headroom|slack|influence|buy-in|alignment|room|help|data|information|information)"
     r"\b[^,.;!?]*)", "inability", 1.1),
    (r"(?:^|[,.;:!?]\s*)(?:it is |that is |things are |honestly |frankly )?not (?:so |that |very |"
     r"really |too )?(?:great|good|ideal|brilliant|amazing|fun|easy|pretty|nice|good enough"
     r"|much progress|going well|going great|looking good)\b", "complaint", 1.0),
    # idioms of trouble
    (r"\bthrough the roof\b", "complaint", 1.1),
    (r"\bout of (?:control|hand|the loop|our depth|my depth)\b", "complaint", 1.1),
    (r"\ball over the place\b", "complaint", 1.1),
    (r"\bblack hole\b", "complaint", 1.1),
    (r"\binto the void\b|\b(?:talking|speaking|talk) to a (?:brick )?wall\b"
     r"|\bhead against (?:a|the) (?:brick )?wall\b", "negative_state", 1.1),
    (r"\beat(?:s|ing)? (?:our|my|their) lunch\b", "complaint", 1.1),
    (r"\b(?:drop|drops|dropped|dropping) the ball\b", "complaint", 1.1),
    (r"\bfall(?:s|ing)? through the cracks\b|\bfell through the cracks\b", "complaint", 1.1),
    (r"\bpass(?:es|ed|ing)? the buck\b", "blame", 1.1),
    (r"\b(?:in|left in|kept in) the dark\b|\bleft out\b", "complaint", 1.0),
    (r"\b(?:spread|stretched) (?:too |so |really |very )?thin\b", "complaint", 1.1),
    (r"\bfires? to put out\b|\bput(?:ting)? out fires\b|\bfighting fires\b", "complaint", 1.1),
    (r"\buphill (?:battle|struggle)\b", "complaint", 1.1),
    (r"\b(?:behind schedule|behind on|over budget|off track|at risk|in the red)\b",
     "complaint", 1.1),
    (r"\bset up to fail\b", "complaint", 1.2),
    (r"\b(?:handed|pushed|forced|dumped|imposed|thrown|dictated) (?:down )?(?:on|onto|at|to)"
     r" (?:us|me|the team|my team|our team)\b|\btop-down\b", "blame", 1.1),
    (r"\bfinger[- ]?pointing\b|\bblame game\b", "blame", 1.2),
    (r"\breinvent(?:s|ed|ing)? the wheel\b", "complaint", 1.0),
    (r"\bin silos\b", "complaint", 1.1),
    (r"\brunning on (?:fumes|empty)\b", "negative_state", 1.1),
    (r"\b(?:a|such a|complete|total) waste of (?:time|money|effort|energy)\b", "complaint", 1.2),
    (r"\blip service\b|\btick-?box\b|\bbox-?ticking\b|\bfor show\b", "complaint", 1.1),
    (r"\b(?:hand|hands|handed|handing) in (?:her|his|their|my|our) notice\b", "complaint",
     1.0),
    (r"\b(?:heard|got|received|had) nothing(?: back)?\b|\bradio silence\b"
     r"|\bno (?:answer|reply|response|feedback|decision) (?:yet|at all|so far|from)\b",
     "complaint", 1.1),
    (r"\bsits? on (?:our|my|the|their|his|her) \w+(?: \w+)? for\b", "blame", 1.1),
    (r"\bdrag(?:s|ging)? (?:their|our|his|her|its) feet\b", "blame", 1.1),
    (r"\b(?:eats?|eating|ate|eaten|swallows?|kills?) (?:up )?(?:all of )?(?:my|our|the|their)"
     r" (?:whole |entire )?(?:day|days|week|weeks|time|evenings?|weekends?|mornings?)\b",
     "complaint", 1.1),
    (r"\b(?:snowed|buried) under\b|\bburied in\b|\bup to (?:our|my) (?:ears|eyeballs|necks)\b",
     "negative_state", 1.2),
    (r"\b(?:pulled|dragged) into (?:every|all|each|too many)\b", "complaint", 1.1),
    (r"\bspends? (?:more time|longer) \w+ing\b[^.!?]* than\b", "complaint", 1.1),
    (r"\bwithout (?:any |a |much )?(?:discussion|consultation|input|notice|warning"
     r"|explanation|training|support|context|asking|a say|being asked)\b", "complaint", 1.1),
    (r"\bwish (?:they|people|he|she|management|leadership|everyone|someone|somebody|it"
     r"|the \w+|\w+)(?: would| could)?(?: just)? (?:stop|stopped|quit)\b", "unwanted", 1.2),
    (r"\bwish (?:we|i) (?:did not|would not|could stop|did not have to)\b", "unwanted", 1.2),
    (r"\b(?:still|yet) (?:waiting|stuck|blocked|chasing|no)\b", "complaint", 1.1),
    (r"\b(?:nobody|no one|noone) (?:really |even )?(?:owns|knows|cares|decides)\b",
     "complaint", 1.1),
    (r"\b(?:barely|hardly) (?:ever )?(?:sleep|see|have|get|keep|make|cope|manage|breathe"
     r"|slept|had|got|kept|made|managed|coping|sleeping|managing)\b", "negative_state", 1.1),
)
# "takes forever", "took months to approve", "waiting three weeks": time as a complaint.
DURATION: Final = re.compile(
    r"\b(?:takes?|took|taking|waited|waiting|for|since|in) (?:\w+ )?(?:ages|forever|an eternity"
    r"|weeks|months|years)\b|\b(?:for|in) (?:over )?(?:an hour|hours)\b",
    re.IGNORECASE,
)
# "twice this week", "every other day", "half the time", "yet again": frequency.
FREQUENCY: Final = re.compile(
    r"\b(?:every other|twice (?:a|this|last|in)|(?:three|four|five|several|many) times"
    r"|half the time|all the time|yet again|again and again|over and over|every single"
    r"|every time)\b",
    re.IGNORECASE,
)
DURATION_WEIGHT: Final = 0.5
FREQUENCY_WEIGHT: Final = 0.4
