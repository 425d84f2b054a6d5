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
    (r"\b(it|that|there|what|he|she)'s\b", r"\1 is"),
)

# Words that negate a negative word inside their scope ("not bad", "no problem").
NEGATORS: Final = word_set(
    "not no never without hardly barely zero nothing none nobody neither nor"
)
# Words that turn a problem noun into a goal ("reduce complaints", "fewer bugs").
GOAL_WORDS: Final = word_set(
    """reduce reduced reducing decrease decreasing cut cutting lower lowering fewer less
    minimise minimize minimising minimizing eliminate eliminating halve halving shrink
    remove removing prevent preventing fixed fix solved solve resolved resolve below
    under beat beating overcame overcome handled survived raise raising raised report
    reporting flag flagging track tracking handle handling address addressing avoid
    avoided"""
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
    r"no (?:need|doubt|rush|hurry|question|wonder)",
    r"keep (?:up the good work|going|improving|growing|learning|getting better|trying)",
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
    (r"\bno (?:more|longer) (?P<focus>[^,.;!?]+)", "unwanted", 1.0),
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
        r"\b(?:not enough|lack of|lack|lacking|short of|shortage of|too few|too little)"
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
        r"|follows|own|owns|understand|understands|support|supports|get|gets|hit|hits"
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
    (r"\b(?:fault|to blame|blame)\b", "blame", 1.1),
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
    sore aching cranky grumpy sigh tears pissed hungover hangover ugly gross rude
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
    cold alone crying cry cried sleep nobody lack""",
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
