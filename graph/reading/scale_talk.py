"""Talk about the 0-10 scale, which is never a KR value: "Maybe a 3?", "like a 5/10", "puts me
at 3 rather than 0", "A 5 would be me jogging twice a week"."""

from __future__ import annotations

import re

SCALE_TALK = re.compile(r"^\W*(?:(?:a|an)\s+)?(?:[1-9]|10)\s+(?:would|will|'d|might|could)\s+"
                         r"(?:be|mean|look|need)\b|^\W*(?:one|a)\s+(?:point|step|notch)\s+"
                         r"(?:higher|up|more)\b", re.I)
SCALE_POINT = re.compile(r"^\W*(?:scale\s*:|where\s+(?:are\s+we|am\s+i)\b[\s.…,?:]*|"
                          r"on\s+(?:the|a|that)\s+scale\b[\s,:]*|"
                          r"(?:i'?d|we'?d)\s+say\s+we'?re\s+(?:at\s+)?)"
                          r"(?:(?:a|an|maybe|about|like|around|probably)\s+)?(?:[0-9]|10)(?!\s*%)"
                          r"(?:[.,](?!\d)|\?|!|\s|$)", re.I)
# "like a 5/10 tbh", "Maybe a 3?", "puts me at 3 rather than 0": a point on the 0-10 scale
SCALE_SAID = re.compile(r"(?<![\d.,])(?:10|[0-9])\s*(?:/|out\s+of|from)\s*10\b|"
                         r"\b(?:10|[0-9])\s+rather\s+than\s+(?:10|[0-9])\b|"
                         r"\b(?:10|[0-9])\s+(?:and\s+)?not\s+(?:0|zero|nought)\b|"
                         r"\bputs?\s+(?:me|us|you|it)\s+at\s+(?:a\s+)?(?:10|[0-9])\b(?!\s*%)|"
                         r"\bon\s+(?:the|a|that|your)\s+scale\b[^.!?\d]{0,40}\b(?:10|[0-9])\b(?!\s*%)|"
                         r"\b(?:i'?d|i\s+would|we'?d)\s+say\s+(?:a|an)\s+(?:10|[0-9])\b(?!\s*%)|"
                         r"\ba\s+generous\s+(?:10|[0-9])\b|"
                         r"\b(?:we|i)\s*(?:'re|'m|\s+are|\s+am)\s+at\s+(?:a\s+)?(?:10|[0-9])"
                         r"(?=\s*(?:[.,!?]|$|because|since|as|now|today))|"
                         r"\b(?:place|put|rate|see)\s+(?:us|me|myself|ourselves)\s+(?:at\s+)?(?:a\s+)?"
                         r"(?:10|[0-9])\b(?!\s*%)|"
                         r"(?:^|[\s,.…])(?:maybe|like|more\s+like|about|probably|around)\s+an?\s+"
                         r"(?:10|[0-9])(?=\s*(?:[?.!,…]|$|\s+(?:tbh|maybe|probably|honestly|really|"
                         r"though|or\s+so|i\s+think|i'?d\s+say)\b))", re.I)
