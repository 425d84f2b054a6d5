"""The words and patterns a lead's turn is read with (the cues of `facilitation`): question
forms, advice, voices invited, strengths, future / resource / problem focus, concerns and
hopes; and the helpers that split a turn into sentences, clauses and content words."""

from __future__ import annotations

import re
from collections.abc import Sequence

_WH = r"(?:what|what's|whats|how|how's|when|where|who|who's|whose|which|why|in what way)"
_AUX = (r"(?:is|isn't|are|aren't|am|was|were|do|don't|does|doesn't|did|didn't|can|can't|"
        r"could|couldn't|would|wouldn't|will|won't|should|shouldn't|shall|have|haven't|has|"
        r"hasn't|had|may|might|must)")
_LEAD_IN = r"(?:(?:and|so|but|then|okay|ok|now|right|also|just|and so|so then),?\s+)*"

REQUEST = re.compile(
    r"\b(?:tell (?:me|us)|say (?:a (?:bit|little) )?more|describe|walk (?:me|us) through|"
    r"(?:i'd|i would) (?:really )?(?:love|like) to hear|i'm curious|i am curious|i wonder|"
    r"please share|share (?:one|your|a)|go (?:round|around)|let's hear|quick round|"
    r"your turn|one (?:word|idea|hope|thing) each|give me an example|"
    r"let's start with someone)\b", re.I)
"""A request to speak that counts as a question without a question mark."""

_COUNT_Q = re.compile(r"^how (?:many|much|often|long)\b", re.I)
_LEADING = re.compile(
    r"^(?:why not\b|why don't (?:you|we)\b|have you (?:considered|thought about|tried)\b|"
    r"wouldn't it\b|couldn't (?:you|we)\b|isn't the (?:real )?(?:answer|solution)\b|"
    r"shouldn't (?:you|we)\b|should we (?:not )?just\b|how about\b|what if (?:we|you|i)\b|"
    r"what about (?:using|adding|making|moving|trying|hiring|asking|a|an|some)\b|"
    r"would it help (?:to|if (?:we|you))\b|would an? \w+(?:[- ]\w+)? (?:work|help|be enough)\b|"
    r"could we (?:try|just)\b|shall we (?:make|just|go)\b|can we (?:commit|just|agree to)\b|"
    r"would (?:the )?\w+ be happier with\b|wouldn't a\b)", re.I)
"""Questions that carry a proposal: advice, and not open."""

_ADVICE = re.compile(
    r"\b(?:you need (?:a|an|some|better|more|fewer|proper)|"
    r"you (?:should|ought to|need to|must|have to|might try|could (?:simply|just)|"
    r"'d be better off|would be better off)|you'd be better off|i'd suggest|i would suggest|"
    r"i suggest|i'd recommend|i recommend|my (?:advice|suggestion|tip|recommendation)|"
    r"if i were you|if you ask me|the (?:real |obvious |best |simple )?(?:answer|solution|fix|"
    r"way forward) is|the best way is|what you need is|here's what i'd do|i'd go for|"
    r"i'd start with|it would be (?:smart|wise|best) to|it's worth considering|"
    r"one option (?:might|would|could) be|teams sometimes try|in my experience it helps|"
    r"(?:everyone|the team|the reps|you all|we) (?:should|needs? to|must|ought to|has to|"
    r"have to))\b", re.I)
_ADVICE_START = re.compile(
    r"^(?:just|try|stop|drop|put|make sure|cut|pick|hire|add|use|automate|fix|cancel|raise|"
    r"lower|double|split|merge|outsource|focus on|keep it|set up|get rid of|switch to|ask the|"
    r"write it|move the|honestly,? (?:you|the fix|the answer))\b", re.I)
_LETS = re.compile(r"\blet's\s+(\w+(?:\s+\w+)?)", re.I)
_LETS_PROCESS = re.compile(
    r"^(?:take|move on|move to|go round|go around|go back|hear|start|do|park|pause|vote|wrap|"
    r"get started|get going|look|begin|continue|come back|recap|summari[sz]e|check|give|see|"
    r"not|turn|spend|finish|stop here|try that|keep going|think|imagine|picture|play|note|"
    r"capture|write|collect|meet|break|welcome|open|close|use the|have a|each)", re.I)

_NAME_STOP = {
    "so", "okay", "ok", "great", "right", "well", "yes", "no", "thanks", "thank", "fair", "sure",
    "understood", "honestly", "now", "then", "good", "nice", "alright", "also", "and", "but",
    "first", "finally", "again", "wow", "hmm", "perfect", "absolutely", "interesting", "sorry",
    "please", "today", "together", "instead", "since", "before", "after", "next", "yeah", "oh",
    "look", "listen", "actually", "still", "anyway", "friends", "everyone", "team", "folks",
    "all", "guys", "imagine", "suppose", "remember", "maybe", "besides", "otherwise", "here",
    "there", "indeed", "exactly", "true", "got", "ah", "excellent", "lovely", "cool", "brilliant",
    "clearly", "obviously", "similarly", "meanwhile", "however", "if", "when", "what", "who",
    "how", "why", "where", "which", "the", "this", "that", "it", "i", "you", "we", "they",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "ticket", "future", "instances", "gift", "okrs", "okr", "kr", "krs",
}
_NAME = r"([A-Z][a-z]{1,14})"
_NAME_PATTERNS = (
    re.compile(rf"^{_NAME},\s"),
    re.compile(rf",\s+{_NAME}\s*(?:\?|—|–|-\s|$|\.)"),
    re.compile(rf"(?:—|–|-)\s+{_NAME},\s"),
    re.compile(rf"\bstarting with {_NAME}\b"),
    re.compile(rf"\babout you,?\s+{_NAME}\b"),
)
_VOICE = re.compile(
    r"\b(?:who hasn't|who haven't|haven't heard from|hasn't (?:spoken|said|had|shared)|"
    r"haven't (?:spoken|said|shared|had a say)|anyone (?:else|who)|anybody else|who else|"
    r"rest of you|everyone else|each of you|from each|everyone gets a say|"
    r"what does everyone|round the (?:room|table)|around the table|go (?:round|around)|"
    r"quick round|your turn|quieter|the quiet|who (?:would like|wants) to (?:go|start)|"
    r"who wants to go|go first|hear from (?:someone|the|everyone|each|you)|joined recently|"
    r"one (?:word|idea|hope|thing) each|someone we haven't|not heard from|hasn't had a say|"
    r"anyone who|anybody who|different view)\b", re.I)

_STRENGTH = re.compile(
    r"\b(?:you (?:clearly |obviously |really )?know (?:\w+ ){0,4}(?:inside out|better than|"
    r"so well|really well)|you(?:'ve| have)? (?:clearly|obviously|really|already)? ?(?:care|"
    r"built|kept|held|got|done|managed|pulled|learn|turned|found)|you're (?:clearly |obviously "
    r"|really )?(?:great|good|very good|brilliant|excellent|strong|skilled) at|you (?:clearly|"
    r"obviously) \w+|you're clearly|(?:is|are) (?:very |really |so )?(?:good|great|strong|"
    r"skilled) at|(?:that's|that is|what) (?:a |an )?(?:real |great |rare |strong |big )?"
    r"(?:strength|talent|skill|asset|achievement|gift|foundation|head start|resourceful)|"
    r"impressive|well done|nice work|great work|good work|i noticed (?:how|you|that you)|"
    r"i'm struck|i am struck|i can tell|it's clear you|your (?:\w+ )?(?:patience|persistence|"
    r"calm|skills?|knowledge|experience|care|eye|network|discipline|creativity|honesty|"
    r"talent|strength|relationships?)\b.{0,40}\b(?:shows?|paid off|will|is a|are a|"
    r"kept|matters?|makes?|helps?)|real (?:achievement|discipline|talent|strength|creativity|"
    r"asset|gift|skill)|takes? real|took (?:real )?courage|that's rare|strong (?:relationships|"
    r"sense|foundation)|deep knowledge|great eye|learns? fast|take pride|back each other up|"
    r"head start|shows? real|shows? (?:a lot of |real |great )?(?:care|skill|courage|"
    r"judgement|judgment)|smart (?:workaround|move|idea|call)|remarkable|on your own)\b", re.I)

PROBLEM_CUES = re.compile(
    r"\b(?:wrong|problems?|issues?|fault|blame|obstacles?|risks?|blockers?|blocking|"
    r"bottlenecks?|broken|break(?:s|ing)? down|breaks?\b|fail(?:s|ed|ing|ure)?|flop(?:ped)?|"
    r"missed|missing|keeps? missing|slip(?:ped|s)?|delays?|worst|bad|worse|annoy\w*|"
    r"frustrat\w*|struggl\w*|weak\w*|stopping|stops? you|holding (?:\w+ ){1,3}back|not working|"
    r"isn't working|complain\w*|cancel+ing|leave the company|damage|mistakes?|"
    r"disappoint\w*|root cause|caus\w+|worry about|worries you|dropping|turnover|"
    r"dropp?ed the ball|forget|forgot|out of control|getting worse|painful|go(?:es)? wrong|"
    r"went wrong|hurt|so (?:bad|low|slow|late|hard)|never deliver|always (?:missed|late|"
    r"run late|slow)|run late|keep being wrong|keeps? going wrong|what's not|morale so low|"
    r"can't we|can't you|didn't (?:the \w+ )?work|wrong with|whose fault|to blame|"
    r"behind the complaints|go wrong|could go wrong|fail again|churn went up|"
    r"ignoring|so painful|how come|out of hand|in the way|gets in the way|slow|slower|"
    r"worried about|so worried|mess|firefighting|what isn't|headaches?|badly|dragging|"
    r"drag(?:s|ged)? (?:\w+ ){0,3}down|stuck|keeps? (?:re)?appearing|keeps? coming back|"
    r"leaving so|so quickly|losing|lost|pain points?|complaints?|nightmare|chaos|"
    r"overwhelm\w*|burn(?:ed|t)? out|burnout|too (?:slow|late|many|much))\b", re.I)
FUTURE_CUES = re.compile(
    r"\b(?:hopes?|hoping|hoped|would (?:you )?(?:like|love|want|prefer)|like to see|love to see|"
    r"want|wish|instead|imagine|picture|suppose|notice|different|differently|success|"
    r"successful|look like|be like|feel like|sign|signs|next (?:step|week)|first step|"
    r"small(?:est)? (?:step|thing)|tomorrow|by (?:the end|june|july|march|friday|autumn|"
    r"summer|monday)|future|dream|stretch|make possible|would (?:tell|mean|change|happen|need|"
    r"be|make|give|let|say|feel|you see|you notice)|will you|try|one step up|one point|notch|"
    r"look like\?|prefer|rather|miracle|win|celebrate|proud|improve[sd]?|better|ideal|"
    r"great day|good day|in place|their place|its place|able to|be known for|worth|"
    r"delighted|thank you for|excited|confident|get there|got there|reached|reach|"
    r"in (?:three|four|six) months|end of|on track|do on monday|get started|"
    r"a (?:five|six|seven|eight|nine|ten) look)\b", re.I)
RESOURCE_CUES = re.compile(
    r"\b(?:already|working|works|worked|work well|went well|go(?:es)? well|going well|"
    r"helped|helps|help(?:ed)? you|strengths?|good at|do well|best (?:thing|launch)|"
    r"managed?|manage to|pull(?:ed)? off|cope|coped|exceptions?|keep|protect|supports? you|"
    r"count on|scale|zero to ten|0 to 10|one to ten|from one|rather than|and not (?:at )?a|"
    r"not lower|got you to|puts you at|skills|resources|envy|enjoy|surprise(?:d)? you|"
    r"smooth(?:ly)?|useful|delighted|wins?|learnt|learned|went right|go right|kept|"
    r"rely on|lean on|build on|habits|last time|did you do|what did you do|tried|"
    r"run smoothly|time when|a time|best customers|like about|happiest|figured out|"
    r"where are you (?:today|now|on)|where is the team|today|so far|already doing|"
    r"worth keeping|paid off|solved|was different|were different|a bit (?:better|smaller)|"
    r"a little (?:better|smaller)?|"
    r"stayed|kept going|proud of what|what's good|successes|(?:went|gone) (?:\w+ )?well|"
    r"(?:make|made|makes) a difference|praised?|thanked|compliments?|already working)\b", re.I)
_FUTURE_STRONG = re.compile(
    r"\b(?:would|will|could you (?:do|try)|imagine|if .{0,40}(?:went|worked|were|came true|"
    r"happened|was fixed|faded|stopped)|hopes?|hoping|want|wish|next (?:step|steps|week)|"
    r"first step|tomorrow|"
    r"(?:a|one|two|three) (?:month|week)s? in|"
    r"instead|look like|be like)\b", re.I)
_RESOURCE_STRONG = re.compile(
    r"\b(?:already|what's working|working (?:well|in)|went well|go(?:es)? (?:well|smoothly|"
    r"right)|went (?:smoothly|right)|helped|strengths?|do well|pull(?:ed)? off|when did|"
    r"when was|last time|when (?:is|are|do|does) .{0,40}(?:smaller|better|useful|smoothly)|"
    r"when have|how did you|how have you|got you to|puts you at|rather than a zero|"
    r"and not lower|scale|zero to ten|0 to 10|one to ten|what did you do|tell me about (?:a|the) "
    r"(?:time|best)|rely on|lean on|build on|keep|protect|count on|supports? you|"
    r"good at|envy|enjoy|cope|managed?|figured out|where (?:are you|is the team) (?:today|now|"
    r"on)|paid off|worked|solved|(?:was|were) different|who (?:could|can) help|"
    r"what makes? (?:them|that|it|you)|what made (?:that|it|the difference)|made that possible|"
    r"(?:went|gone) (?:\w+ )?well|(?:make|made) a difference|praised?|already working|"
    r"when has)\b",
    re.I)

_HOPE_ASK = re.compile(
    r"\b(?:instead|in (?:its|their) place|rather|prefer|hope|hoping|would you (?:like|want|love)|"
    r"do you want|you want|look like|be like|feel like|make (?:it|this|this one) worth|"
    r"worth (?:it|your)|make possible|let you|give you|would .{0,30} (?:make possible|let you)|"
    r"could (?:believe in|stand behind|act on)|stand behind|believe in|want to feel|"
    r"would help you feel|like to feel|want to see|like to see|would (?:quick|steady|more|"
    r"trustworthy|fewer|a lighter) \w+|need to happen|feel real|be better|better than|"
    r"would (?:a|the) (?:happy|good|great|calm|fair|realistic|manageable|sustainable)|"
    r"how would .{0,40} look)\b", re.I)
_ACKNOWLEDGE = re.compile(
    r"\b(?:sounds? (?:like|really|exhausting|tough|hard|frustrating|stressful)|that sounds|"
    r"i hear|i'm hearing|i can (?:see|hear)|i get (?:that|it)|got it|i understand|understood|"
    r"fair (?:enough|point|worry)|makes sense|that's (?:a (?:real|fair)|tough|hard|rough)|"
    r"it's hard|it is hard|is real|you're (?:worried|concerned|frustrated|tired|sceptical)|"
    r"you don't want|you mentioned|you said|several of you|many of you|a lot of you|"
    r"it's clear|it seems|worries you|the worry|that worry|concern|the pressure|okay, the|"
    r"right, the|yes, the|so the|so nobody|so you don't|no wonder|if the \w+ \w+ "
    r"(?:stopped|faded|went away))\b", re.I)
_CONCERN = re.compile(
    r"\b(?:worr\w*|concern\w*|problems?|can't|cannot|never|always|too|hate|pointless|waste|"
    r"mess|chaos|late|slow\w*|angry|lost|cut|frustrat\w*|don't want|not another|nobody|"
    r"no one|burn\w*|stress\w*|tired|unfair|vague|unrealistic|killing|drowning|pile|complain"
    r"\w*|terrible|broke|broken|fell apart|leaving|shook|hurt|eat|eats|impossible|clunky|"
    r"exhaust\w*|pressure|disaster|rework|firefighting|forgotten|blame|finger|"
    r"nightmare|lost|hopeless|wreck|zero trust|down|awful|sceptic\w*|went nowhere|"
    r"handed down|only|barely|painful|forever|last minute|constantly|interrupt\w*)\b", re.I)

_STOP_WORDS = """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
having he her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it
it's its itself just let's me more most mustn't my myself no nor not of off on once only or
other ought our ours ourselves out over own same she should shouldn't so some such than that
that's the their theirs them themselves then there there's these they they'd they'll they're
they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when where which while who whom why will with won't would wouldn't
you you'd you'll you're you've your yours yourself yourselves yes yeah okay ok oh well still
think know really thing things people team teams want wants wanted need needs needed like get
gets got make makes made time times day days week weeks month months year years work working
good great bad lot lots kind sort something anything everything nothing much many every even
always never maybe say said tell see go going went come back new one ones way us again ever
actually honestly somehow probably guess mean bit quite last next first else now today right
sure thanks thank everyone someone anyone all also whole feel feels felt keep kept keeps look
looks still though which would could should might must shall may can will just only already
"""
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def stem(word: str) -> str:
    """A crude stem: enough for deadline/deadlines, worried/worry, reviews/reviewed."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def content_words(text: str) -> list[str]:
    """The text's content words (no stopwords, no general talk), in order."""
    return [w for w in _words(text) if w not in _STOP and (len(w) > 2 or w.isdigit())]


def shared_words(text: str, team_lines: Sequence[str]) -> list[str]:
    """Content words of `text` (as the lead wrote them) that the team's lines also hold."""
    team = {stem(w) for line in team_lines for w in content_words(line)}
    found: list[str] = []
    for word in content_words(text):
        s = stem(word)
        hit = s in team or any(
            len(s) >= 5 and len(t) >= 5 and (s.startswith(t) or t.startswith(s)) for t in team)
        if hit and word not in found:
            found.append(word)
    return found


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!])\s+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _clauses(sentence: str) -> list[str]:
    parts = re.split(r"\s*(?:—|–|\s-\s|:|;|,)\s*", sentence)
    return [re.sub(rf"^{_LEAD_IN}", "", p.strip(), flags=re.I) for p in parts if p.strip()]


def question_sentences(text: str) -> list[str]:
    """The turn's questions: sentences with a question mark or a request to speak."""
    found: list[str] = []
    for s in sentences(text):
        if "?" in s:
            pieces = [p for p in re.split(r"(?<=\?)\s*", s) if p.strip()]
            found += [p.strip() for p in pieces if "?" in p] or [s]
        elif REQUEST.search(s):
            found.append(s)
    return found
