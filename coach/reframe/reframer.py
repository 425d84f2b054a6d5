"""Turn problem talk into a Solution-Focused "what do you want instead?" question.

`reframe(text)` gives a short acknowledgement plus one question built from the
user's own words, or `None` when the text is not problem talk. Phrasings vary by a
stable hash of the text (no randomness), so the same input always gets the same reply.
No advice, ever: the coach only asks.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from coach.reframe import grammar
from coach.reframe.detector import ProblemTalk, detect
from coach.reframe.scan import Kind

MAX_WORDS = 40


@dataclass(frozen=True, slots=True)
class Reframe:
    """A reframe of one utterance: `text` is `acknowledgement + " " + question`."""

    problem: ProblemTalk
    acknowledgement: str
    question: str
    text: str

    @property
    def kind(self) -> Kind:
        return self.problem.kind

    @property
    def cue(self) -> str:
        return self.problem.cue

    @property
    def focus(self) -> str:
        return self.problem.focus


# Acknowledgements. {c}: the problem clause; {f}: the focus phrase (noun/gerund).
_ACK_CLAUSE = (
    "So {c} — that sounds draining.",
    "I hear that {c}.",
    "It sounds like {c}.",
    "So {c}; that is a lot to carry.",
    "Okay, {c}.",
)
_ACK_PHRASE = (
    "{F} is clearly wearing on everyone.",
    "So {f} is what weighs on you.",
    "{F} sounds hard.",
)
_ACK_BY_KIND: dict[str, tuple[str, ...]] = {
    "unwanted": ("Understood, {f} is not what you want.", "So {f} is what you want to avoid."),
    "unwanted_np": ("You don't want {f}.", "Understood: you don't want {f}."),
    "inability": ("Right now {c}.", "So {c} at the moment.", "That sounds like a real squeeze."),
    "worry": ("It makes sense that {f} is on your mind.", "I hear the concern about {f}."),
    "worry_clause": ("I hear the worry that {f}.", "So the worry is that {f}."),
    "negative_state": ("That sounds tough.", "So {c}; that sounds hard.", "I hear that {c}."),
    "blame": ("It sounds like {c}.", "So {c} — that sounds frustrating."),
}
_ACK_ASKED = ("“{C}?” — a fair question.", "“{C}?” That sounds frustrating.")
_ACK_SHORT = ("That sounds hard.", "That sounds frustrating.", "Thanks for saying it plainly.")

# Questions. {w}: a positive counterpart; {f}: the focus phrase.
_Q_WANTED_CLAUSE = (
    "When {w}, what will you notice instead?",
    "Suppose {w} — what would be different?",
    "What will tell you that {w}?",
    "When {w}, who will notice first?",
    "Imagine {w}: what would that make possible?",
)
_Q_WANTED_GERUND = (
    "{W} — what would that look like?",
    "What would {w} look like for you?",
    "When you are {w}, what will be different?",
)
_Q_WANTED_NP = (
    "If you had {w}, what would be different?",
    "What would having {w} make possible?",
    "When {w} is there, what will you notice first?",
)
_Q_INSTEAD_OF = (
    "What would you like to see instead of {f}?",
    "What do you want in place of {f}?",
    "If {f} were no longer an issue, what would you notice instead?",
)
_Q_TOPIC = (
    "When {f} is where you want it, what will you notice?",
    "What would {f} look like on a really good day?",
)
_Q_GENERIC = (
    "What would you like to happen instead?",
    "What would you rather see happening?",
    "If that changed for the better, what would be the first sign?",
    "What do you want in place of that?",
    "Suppose this were sorted — what would be there instead?",
)
_Q_WORRY = (
    "If things go the way you hope, what will you notice instead?",
    "What would you like to happen instead?",
    "What would tell you it is going well?",
)


def _pick(options: tuple[str, ...], seed: int, salt: int = 0) -> str:
    return options[(seed + salt * 7919) % len(options)]


def _mid(phrase: str) -> str:
    """Lower-case a sentence-initial word so the phrase can sit mid-sentence."""
    words = phrase.split(" ", 1)
    first = words[0]
    if first[:1].isupper() and first[1:].islower() and first != "I":
        words[0] = first.lower()
    return " ".join(words)


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _fill(template: str, **slots: str) -> str:
    values = {k: _mid(v) for k, v in slots.items()}
    values.update({k.upper(): _cap(v) for k, v in values.items()})
    return _cap(template.format(**values))


def _acks(problem: ProblemTalk, generic_question: bool) -> tuple[str, ...]:
    if problem.kind == "unwanted" and problem.shape == "np":
        options = _ACK_BY_KIND["unwanted_np"]
    elif problem.kind == "worry" and problem.shape == "clause":
        worried = re.search(
            r"worr|afraid|concern|scared|anxious|nervous|what if", problem.cue, re.I
        )
        options = _ACK_BY_KIND["worry_clause"] if worried else ("So {c}.",)
    elif problem.kind in {"unwanted", "worry", "inability"}:
        options = _ACK_BY_KIND[problem.kind]
    elif problem.shape in {"vp", "np"} and problem.kind == "complaint":
        options = _ACK_PHRASE
    else:
        options = _ACK_BY_KIND.get(problem.kind, ()) + _ACK_CLAUSE
    if problem.shape == "clause" and problem.kind != "worry":
        options = tuple(o for o in options if "{f}" not in o and "{F}" not in o) or _ACK_CLAUSE
    if generic_question:
        options = tuple(o for o in options if "{" in o) or _ACK_CLAUSE
    return options


def _questions(problem: ProblemTalk) -> tuple[tuple[str, ...], str]:
    """Question templates and the value for their `{w}`/`{f}` slot."""
    if problem.wanted:
        if problem.kind == "unwanted":
            return _Q_WANTED_GERUND, problem.wanted
        if problem.kind == "inability" and problem.shape == "np":
            return _Q_WANTED_NP, problem.wanted
        return _Q_WANTED_CLAUSE, problem.wanted
    if problem.kind == "worry":
        if problem.shape == "np":
            return _Q_TOPIC, problem.focus
        return _Q_WORRY, ""
    if problem.shape == "vp" or (problem.shape == "np" and not re.search(r"\bto\b", problem.focus)):
        return _Q_INSTEAD_OF, problem.focus
    return _Q_GENERIC, ""


def _subjectless(clause: str) -> bool:
    """A clause cut after its subject ("heard nothing") reads badly when echoed."""
    first = clause.split(" ", 1)[0].lower() if clause else ""
    return first.endswith("ed") or first in {"heard", "got", "had", "received"}


def _words(text: str) -> int:
    return len(text.split())


def reframe(
    text: str,
    notice: Callable[[str], ProblemTalk | None] = detect,
    problem: ProblemTalk | None = None,
) -> Reframe | None:
    """Acknowledge problem talk briefly and ask for the preferred alternative.

    `notice` finds the problem talk (the lexicon detector unless another is injected);
    `problem` skips that step when the caller has already noticed it.
    """
    problem = problem or notice(text)
    if problem is None:
        return None
    seed = zlib.crc32(text.strip().lower().encode("utf-8"))
    slots = {"c": problem.clause, "f": problem.focus}
    templates, value = _questions(problem)
    asked = text.rstrip().endswith("?") and problem.kind != "worry"
    acks = _ACK_ASKED if asked else _acks(problem, generic_question=not value)
    if _subjectless(problem.clause):  # "heard nothing": echo the whole sentence instead
        whole = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(" .!?")
        whole = grammar.contract(grammar.swap_person(grammar.expand_contractions(whole)))
        slots["c"] = whole
        acks = _ACK_CLAUSE if len(whole.split()) <= 16 else _ACK_SHORT
    elif re.match(r"(?:getting|being)\b", problem.focus):
        acks = _ACK_SHORT  # "getting postponed" is not a phrase to echo on its own
    ack = _fill(_pick(acks, seed), **slots)
    question = _fill(_pick(templates, seed, 1), w=value, f=value)
    if _words(ack) + _words(question) > MAX_WORDS:
        ack = _pick(_ACK_SHORT, seed)
    if _words(ack) + _words(question) > MAX_WORDS:
        question = _pick(_Q_WORRY if problem.kind == "worry" else _Q_GENERIC, seed, 1)
    ack, question = _tidy(ack), _tidy(question)
    return Reframe(problem, ack, question, f"{ack} {question}")


def _tidy(sentence: str) -> str:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    sentence = re.sub(r"\s+([,.;:?!])", r"\1", sentence)
    return re.sub(r"([.?!])[.?!]+$", r"\1", sentence)


_FILLERS = re.compile(
    r"^(?:(?:well|hmm+|um+|uh+|so|ok(?:ay)?|yes|yeah|i guess|i think|i suppose|maybe|perhaps"
    r"|honestly|ideally|basically|instead|in the end|i hope)\b[\s,]*)+",
    re.IGNORECASE,
)
_WISH_LEAD = re.compile(
    r"^(?:what )?(?:we|i)(?: would| really| just)* (?:want|wish|like|love|hope|prefer|need)"
    r"(?: for)?(?: to see| to have| that| to)?\s+|^(?:our|my) (?:best )?hope is(?: that| to)?\s+"
    r"|^(?:we(?:'d| would)|i(?:'d| would)) (?:like|love)(?: to see| to have| to)?\s+"
    r"|^(?:that|to)\s+",
    re.IGNORECASE,
)


def wish_from_answer(text: str) -> str:
    """Tidy an answer to "what do you want instead?" into a short wish phrase.

    "Well, I guess we'd like customers to get answers on the first call." ->
    "customers to get answers on the first call"; the user's own words otherwise stay.
    """
    s = text.replace("\u2019", "'").strip()
    s = re.split(r"(?<=[.!?])\s", s, maxsplit=1)[0]
    for _ in range(3):
        before = s
        s = _FILLERS.sub("", s).strip()
        s = _WISH_LEAD.sub("", s).strip()
        if s == before:
            break
    s = s.rstrip(" .!?;:,")
    words = s.split()
    if len(words) > 15:
        s = grammar.first_clause(s, 15)
    return _mid(s) if s else text.strip().rstrip(" .!?")
