"""Cleaning a KR sentence before it is read: bullets, "KR2:" labels and lead-in chatter.

"• KR 3 - So basically I think we could aim to raise CSAT from 4.1 to 4.6?" becomes
"Raise CSAT from 4.1 to 4.6": labels and bullets go, filler words go, and a wish frame
("we want ...", "make sure ...", "the goal is to ...") goes when a KR follows it.
"""

from __future__ import annotations

import re

from coach.okr import vocab
from coach.okr.vocab import words

LABEL_RE = re.compile(
    r"^\s*(?:[-*•–·>]+\s*|\[[ xX]?\]\s*|\(?\d{1,2}[.)](?!\d)\s*|\(?[a-h]\)\s*|"
    r"(?:o?kr|key\s+result)\s*#?\s*\d*\s*[:.)\-–—]\s*)+",
    re.IGNORECASE,
)
_CHATTER = re.compile(
    r"^(?:(?:so|well|ok(?:ay)?|right|hmm+|um+|uh+|erm*|yes|yeah|and|also|then|maybe|perhaps|"
    r"probably|possibly|basically|actually|honestly|really|ideally|realistically|hopefully|"
    r"anyway|like|something\s+like|sth\s+like|for\s+example|for\s+instance|e\.g\.|"
    r"how\s+about|what\s+about|let'?s\s+say|say|i\s+mean|you\s+know|"
    r"i\s+think|i\s+guess|i\s+suppose|i'd\s+say|i\s+believe|i\s+feel)\b[,:\s]*|[-–—…]+\s*)+",
    re.IGNORECASE,
)
# "we want 90% of ...", "make sure 9 out of 10 ...", "the goal is to ...", "our aim: ..."
_WISH = re.compile(
    r"^(?:(?:we|i|the\s+team|they)\s*(?:really\s+|would\s+|'d\s+)?(?:want|need|like|love|"
    r"hope|aim|plan|wish|expect|intend)(?:\s+(?:to|for))?(?:\s+(?:get|have|see|be|reach)\s+(?:to\s+)?)?|"
    r"(?:make\s+sure|ensure|see\s+to\s+it)(?:\s+that)?|(?:(?:the|our|my)\s+)?(?:goal|aim|"
    r"target|ambition|idea|plan|hope)\s+(?:is|would\s+be|will\s+be|:)(?:\s+to)?|"
    r"(?:(?:the|our|my)\s+)?(?:goal|aim|target)\s*:)\s+(?=\S)",
    re.IGNORECASE,
)
_LEAD_WORDS = words(
    "i i'd i'm i'll we we'd we'll we're our my the one another first second third next it "
    "that this goal target how what let's lets you they would could should can kr for"
)
_MODAL_VERB = re.compile(
    r"(?:\b(?:to|will|would|should|must|can|could|shall|'ll|'d|let's|lets)|:)\s+"
    r"(?P<v>[A-Za-z-]+)",
    re.IGNORECASE,
)


def strip_lead_in(text: str) -> str:
    """Drop bullets, "KR2:" labels and lead-in chatter ("I think we should ...")."""
    prev = None
    kr = text.strip()
    while prev != kr:
        prev = kr
        kr = _CHATTER.sub("", LABEL_RE.sub("", kr)).strip()
        if (m := _WISH.match(kr)) and re.search(r"\d|[A-Za-z]{3}", kr[m.end() :]):
            kr = kr[m.end() :]
    words = kr.split()
    if words and words[0].lower().strip(",:") in _LEAD_WORDS:
        for m in _MODAL_VERB.finditer(kr):
            lemma = vocab.verb_lemma(m.group("v"))
            if lemma not in (None, "be") and not re.search(r"\d", kr[: m.start("v")]):
                kr = kr[m.start("v") :]
                break
    kr = kr.strip().rstrip(".!?;,…").rstrip()
    return kr[:1].upper() + kr[1:] if kr[:1].islower() and kr[:2] != "to" else kr


def says_unknown(text: str) -> bool:
    """True when the answer says the number is not known ("no idea", "we don't track it")."""
    return bool(vocab.UNKNOWN_RE.search(text))
