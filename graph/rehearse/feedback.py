"""Feedback on one lead turn: what went well, what to try, and one better phrasing.

The better phrasing is built from the lead's own words: the topic noun phrase of their turn
("the weekly reports", "deadlines") goes into a Solution-Focused question shape, or — when
they asked several questions — the best of their own questions is kept verbatim. A turn that
was already good gets no rewrite. The room shapes the question where it helps: best hopes in
the Ticket Office, the future perfect in the Future Gallery, what works in the Instances
Gallery, small next steps in the Gift Shop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from graph.rehearse.facilitation import analyse
from graph.rehearse.lead_words import (
    PROBLEM_CUES,
    content_words,
    question_sentences,
    shared_words,
)
from graph.rehearse.models import Feedback, LeadLabels

WENT_WELL = {
    "open": "an open question",
    "future": "future-focused",
    "resource": "it looked for what already works",
    "concern_to_hope": "you turned the worry into a hope",
    "names_strength": "you named a strength of the team",
    "team_words": "you used their words '{words}'",
    "invites_named": "you invited {name} in",
    "invites": "you made room for a quieter voice",
}
TO_TRY = {
    "several": "one question at a time",
    "advice": "ask before suggesting",
    "closed": "an open question (what / how) instead of a yes/no one",
    "problem": "future and what already works before the problem",
    "concern": "take the worry seriously and ask what they'd like instead",
    "small_step": "ask for one small next step",
    "no_question": "hand the thinking back to the team with a question",
}
REASONS = {
    "several": "One question at a time leaves the team room to think, and you hear the answer "
               "to the question that matters.",
    "advice": "The team are the experts on their work; asking what they have tried brings out "
              "their own ideas before yours.",
    "closed": "An open question invites the team to describe what they want, where a yes/no "
              "question only checks your guess.",
    "problem": "Asking about a time it went well turns attention to what already works, which "
               "the team can build on.",
    "problem_future": "Asking what they want instead points the team at the future they are "
                      "working towards, not at the fault.",
    "concern": "Taking the worry seriously and asking what they want instead turns a concern "
               "into a hope without dismissing it.",
    "small_step": "A small, concrete next step is easier to start than a big plan, and it "
                  "keeps the energy of the workshop.",
    "no_question": "A question hands the thinking back to the team, who know their work best.",
}

_DETERMINERS = ("the", "your", "our", "this", "these", "those", "every", "their", "that")
_PHRASE_STOP = {
    "a", "an", "problem", "problems", "issue", "always", "never", "so", "too", "really", "for",
    "to", "of", "in", "on", "at", "with", "by", "from", "and", "or", "but", "is", "are", "was",
    "were", "be", "been", "it", "you", "we", "they", "that", "this", "as", "before", "after",
    "when", "if", "than", "then", "because", "missed", "late", "slow", "bad", "broken", "wrong",
    "again", "just", "still", "here", "there", "right", "now", "altogether", "honestly",
    "keep", "keeps", "go", "goes", "went", "get", "gets", "do", "does", "did", "up", "down",
    "smaller", "bigger", "better", "worse", "first", "only", "all", "what", "how", "why",
    "who", "which", "where", "setting", "any", "more", "less", "much", "many", "about",
    "main", "biggest", "real", "key", "major", "core", "worst", "hardest", "top", "big",
    "i", "i'd", "i'm", "i've", "we'd", "we're", "you'd", "you're", "they're", "it's", "that's",
}


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text)


_ADVERBS = {"always", "really", "usually", "often", "honestly", "currently", "actually",
            "quickly", "simply", "only", "totally", "constantly", "probably", "basically"}
_SUBJECT_START = re.compile(
    r"^(?:why|how come|how|when|where|what)?\s*(?:is|are|was|were|do|does|did|can|can't|"
    r"could|would|will|should|have|has)\s+(?P<rest>.+)$", re.I)


def _det_phrase(words: list[str], skip: set[str]) -> str:
    for i, word in enumerate(words):
        if word.lower() not in _DETERMINERS:
            continue
        phrase: list[str] = []
        for nxt in words[i + 1:i + 4]:
            low = nxt.lower()
            if low in _PHRASE_STOP or low in _ADVERBS or low in _DETERMINERS or nxt in skip:
                break
            if phrase and low.endswith("ing") and phrase[-1].lower().endswith("s"):
                break  # "the tickets coming …": a participle after a plural noun
            phrase.append(nxt)
        if phrase and content_words(" ".join(phrase)):
            det = word.lower()
            if det == "every":
                return " ".join([*phrase[:-1], _plural(phrase[-1])])
            return " ".join([det, *phrase])
    return ""


def topic(text: str) -> str:
    """The topic noun phrase of the lead's turn, in their words ("" when none is found).

    The first phrase after a determiner (the / your / our / this / every …); else, in a
    question, the bare subject after its verb ("why are *deadlines* always missed?")."""
    names = set(analyse(text).names)
    for sentence in question_sentences(text) or [text]:
        found = _det_phrase(_tokens(sentence), names)
        if found:
            return found
    found = _det_phrase(_tokens(text), names)
    if found:
        return found
    for question in question_sentences(text):
        match = _SUBJECT_START.match(question.strip().rstrip("?"))
        if not match:
            continue
        run: list[str] = []
        for word in _tokens(match.group("rest")):
            low = word.lower()
            if low in _PHRASE_STOP or low in _ADVERBS or low not in content_words(low) or (
                    word in names or low in ("you", "we", "they", "i")):
                break
            run.append(word if word.isupper() else low)
        if run:
            return " ".join(run[:2])
    return ""


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"


_MASS_PLURALS = {"sales", "news", "analytics", "operations", "logistics", "finances", "ops",
                 "communications", "metrics"}


def _singular_with_article(phrase: str) -> str:
    """"deadlines" → "a deadline"; phrases with a determiner stay as they are."""
    if not phrase or phrase.split()[0].lower() in _DETERMINERS:
        return phrase
    last = phrase.split()[-1]
    if last.lower() in _MASS_PLURALS:
        return phrase
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        phrase = phrase[: -1]
    article = "an" if phrase[0].lower() in "aeiou" else "a"
    return f"{article} {phrase}"


def _question_score(question: str) -> int:
    labels = analyse(question).labels
    score = 2 if labels.open else -1
    score += {"future": 2, "resource": 2, "problem": -3, "neutral": 0}[labels.focus]
    score -= 3 if labels.advice else 0
    return score


def best_question(text: str) -> str:
    """The most Solution-Focused of the turn's questions, verbatim (the first on a tie)."""
    questions = question_sentences(text)
    if not questions:
        return text
    return max(questions, key=lambda q: (_question_score(q), -questions.index(q)))


def _their_words(text: str, team_lines: Sequence[str]) -> str:
    """The longest run of the lead's words (2–4) also said by the team, else one word."""
    shared = set(shared_words(text, team_lines))
    if not shared:
        return ""
    team_text = " ".join(team_lines).lower()
    words = _tokens(text)
    for size in (4, 3, 2):
        for i in range(len(words) - size + 1):
            run = " ".join(words[i:i + size])
            if run.lower() in team_text and any(w.lower() in shared for w in words[i:i + size]):
                return run.lower()
    return sorted(shared, key=lambda w: (-len(w), w))[0]


_HOPED = re.compile(r"\binstead\b|\bi'?d (?:want|hope|love|like)\b|\bi'd be happy\b", re.I)


def _concern_voiced(team_lines: Sequence[str], concerns: Sequence[str]) -> str:
    """The team's line that voices a concern (its own cue words or a persona's concern)."""
    concern_words = {w for c in concerns for w in content_words(c)}
    for line in reversed(team_lines):
        if _HOPED.search(line):
            continue  # the worry already turned into a hope ("instead of that worry, I'd want")
        if concern_words & set(content_words(line)) or re.search(
                r"\b(?:worr\w*|concern\w*|afraid|can't|never|pointless|waste|hate|don't want|"
                r"too (?:much|high|many)|impossible|mess|chaos|exhaust\w*|tired|sick of)\b",
                line, re.I):
            return line
    return ""


def _room_question(room: str, subject: str) -> str:
    about = f" for {subject}" if subject else ""
    if room == "ticket_office":
        return f"What are your best hopes{about}?"
    if room == "future_gallery":
        target = subject or "this"
        return f"Imagine the period went perfectly — what would be different about {target}?"
    if room == "instances_gallery":
        target = subject or "it"
        return f"When is {target} already a little better, and what is different then?"
    if room == "gift_shop":
        on = f" on {subject}" if subject else ""
        return f"What small step could you take{on} as soon as tomorrow?"
    target = subject or "this"
    return f"What would you like {target} to be like when it goes really well?"


def _instead(subject: str) -> str:
    last = subject.split()[-1].lower()
    plural = last.endswith("s") and not last.endswith("ss") and subject.split()[0] != "this"
    return f"What would you like instead of {subject} as {'they are' if plural else 'it is'} now?"


def _better(kind: str, room: str, text: str, team_lines: Sequence[str]) -> str:
    subject = topic(text)
    if kind == "several":
        return best_question(text)
    if kind == "advice":
        with_ = f" with {subject}" if subject else ""
        return f"What have you already tried{with_} that helped a little?"
    if kind == "problem":
        if room in ("ticket_office", "future_gallery") and subject:
            return _instead(subject)
        thing = _singular_with_article(subject) or "it"
        return f"When did {thing} go well recently, and what made the difference?"
    if kind == "concern":
        said = topic(team_lines[-1]) if team_lines else ""
        subject = subject or said
        if subject:
            return f"What would you like to happen with {subject} instead?"
        return "What would you like to happen instead?"
    if kind == "closed":
        if room == "gift_shop":
            return _room_question(room, subject)
        if subject and PROBLEM_CUES.search(text):
            return _instead(subject)
        return _room_question(room, subject)
    return _room_question(room, subject)


def feedback_for(turn: int, room: str, text: str, labels: LeadLabels,
                 team_lines: Sequence[str] = (), concerns: Sequence[str] = (), *,
                 source: Literal["rules", "model"] = "rules") -> Feedback:
    """Feedback on the lead's turn `turn` in `room`, from its labels and the team's lines."""
    went_well: list[str] = []
    if labels.open and not labels.several_questions:
        went_well.append(WENT_WELL["open"])
    if labels.focus in ("future", "resource"):
        went_well.append(WENT_WELL[labels.focus])
    if labels.concern_to_hope:
        went_well.append(WENT_WELL["concern_to_hope"])
    if labels.team_words:
        words = _their_words(text, team_lines)
        if words:
            went_well.append(WENT_WELL["team_words"].format(words=words))
    if labels.invites_voice:
        names = analyse(text).names
        went_well.append(WENT_WELL["invites_named"].format(name=names[0]) if names
                         else WENT_WELL["invites"])
    if labels.names_strength:
        went_well.append(WENT_WELL["names_strength"])

    problems: list[str] = []
    if labels.several_questions:
        problems.append("several")
    if labels.advice:
        problems.append("advice")
    if labels.focus == "problem" and not labels.concern_to_hope:
        problems.append("problem")
    if labels.question and not labels.open and not labels.advice:
        problems.append("closed")
    concern = _concern_voiced(team_lines, concerns)
    if concern and not labels.concern_to_hope and labels.focus in ("problem", "neutral") and (
            not labels.names_strength):
        problems.append("concern")
    if (room == "gift_shop" and labels.question and labels.focus != "future"
            and not problems and not labels.invites_voice):
        problems.append("small_step")

    to_try = [TO_TRY[k] for k in dict.fromkeys(problems)]
    better = reason = None
    if problems:
        kind = problems[0]
        if kind == "closed" and "concern" in problems:
            kind = "concern"
        better = _better(kind, room, text, team_lines)
        if better.strip() == text.strip():
            better = None
        key = "problem_future" if kind == "problem" and better and "instead" in better else kind
        reason = REASONS[key]
    return Feedback(turn=turn, room=room, text=text, labels=labels, went_well=went_well,
                    to_try=to_try, better=better, reason=reason, source=source)
