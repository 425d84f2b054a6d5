"""Noticing problem talk: the lexicon detector first, the classifier when it is silent."""

from __future__ import annotations

import re

from coach.reframe import grammar
from coach.reframe.classifier import ProblemTalkClassifier
from coach.reframe.detector import ProblemTalk, detect, wishes_problems_away

MIN_WORDS = 4  # "no", "6", "that's all": too short to be a complaint the lexicon missed
_NUMBERISH = re.compile(r"\d")


class ProblemTalkNoticer:
    """Callable `text -> ProblemTalk | None`; injected where the coach reads user turns."""

    def __init__(self, classifier: ProblemTalkClassifier | None = None) -> None:
        self.classifier = classifier

    def warm_up(self) -> None:
        if self.classifier is not None:
            self.classifier.warm_up()

    def __call__(self, text: str) -> ProblemTalk | None:
        found = detect(text)
        if found is not None or self.classifier is None:
            return found
        words = text.split()
        if len(words) < MIN_WORDS or (_NUMBERISH.search(text) and len(words) < 8):
            return None
        if wishes_problems_away(text):
            return None
        if not self.classifier.says_problem(text):
            return None
        sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(" .!?")
        clause = grammar.contract(grammar.swap_person(grammar.expand_contractions(sentence)))
        return ProblemTalk(kind="negative_state", cue="", focus=clause, shape="clause",
                           clause=clause, score=0.0, wanted=None)


def lexicon_only() -> ProblemTalkNoticer:
    return ProblemTalkNoticer(None)
