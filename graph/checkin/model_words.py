"""A model words a mode's move; the offline line stands in whenever it cannot.

The planner decides every number; the model only puts the move into words. Its reply passes
the reply guard's rules (`coach.llm.reply_guard.check_reply`: one question, a length limit,
no leaked prompt, no advice, no number that is not in the move), is asked for once more
with a reminder naming what to fix, and when that fails too — or the model fails — the
offline line (`wording.say`) is shown instead. Only the move's own words count as said:
a number the person typed but the planner did not take (an unclear "about 40") is not the
model's to repeat.

Written for the check-in and shared by the retrospective: a mode passes its `Words` (its
task name, its lines and prompt, the parts that read a value back); the default is the
check-in's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from coach.llm.guarded import GuardStats, Verdict
from coach.llm.port import LLM, LLMError, Message, Prompt
from coach.llm.reply_guard import check_reply, reminder
from coach.llm.reply_numbers import numbers_in
from graph.checkin import wording
from graph.checkin.models import Part

log = logging.getLogger(__name__)

TASK = "checkin_reply"
"""Not the prepare coach's `coach_reply`: the wrapper's guard and offline fallback are for
prepare's moves; this module guards the check-in's replies itself."""
CUE = "Write the coach's next turn now."
READ_BACK = ("readback", "corrected")
"""Parts that restate a captured value: the model's wording must keep their numbers."""


class MoveLike(Protocol):
    """A mode's move (`graph.checkin.models.Move`, `graph.retro.models.Move`)."""

    @property
    def step(self) -> str: ...

    @property
    def parts(self) -> Sequence[Part]: ...

    @property
    def done(self) -> bool: ...

    @property
    def variant(self) -> int: ...


@dataclass(frozen=True)
class Words:
    """What differs between the modes whose moves a model words."""

    task: str
    line: Callable[[Part, int], str]
    """One part in the offline coach's words (`wording.line`)."""
    prompt: Callable[[Any, str], str]
    """The system prompt for a move and the person's words (`wording.model_prompt`)."""
    read_back: tuple[str, ...]
    """Part keys (prefixes) that restate a captured value."""
    name: str = "check-in"


CHECKIN_WORDS = Words(task=TASK, line=wording.line, prompt=wording.model_prompt,
                      read_back=READ_BACK)


def read_back_numbers(move: MoveLike, words: Words = CHECKIN_WORDS) -> set[str]:
    """The numbers the reply must restate (the value just taken, so it can be corrected)."""
    found: set[str] = set()
    for i, part in enumerate(move.parts):
        if part.key.startswith(words.read_back):
            found |= numbers_in(words.line(part, move.variant + i))
    return found


def check(text: str, prompt: Prompt, move: MoveLike, offline: str,
          words: Words = CHECKIN_WORDS) -> list[str]:
    """The reply guard's rules, and `readback`: a captured value is restated."""
    failed = check_reply(text, prompt, reference=offline)
    if not read_back_numbers(move, words) <= numbers_in(text):
        failed.append("readback")
    return failed


def reply_prompt(move: MoveLike, offline: str, user_text: str, *, first: bool,
                 words: Words = CHECKIN_WORDS) -> Prompt:
    """The request for the model. `facts` feed the guard: `draft` (the offline line) holds
    the only numbers allowed; `person` masks the person's words out of the leak check
    without making their numbers allowed."""
    return Prompt(
        task=words.task,
        messages=[Message(role="system", content=words.prompt(move, user_text)),
                  Message(role="user", content=CUE)],
        facts={"move": {"kind": "summary" if move.done else "ask"}, "draft": offline,
               "person": user_text, "first_turn": first, "step": move.step},
    )


def _reminder(rules: list[str], text: str, prompt: Prompt, offline: str) -> str:
    others = [r for r in rules if r != "readback"]
    said = (reminder(others, text, prompt, reference=offline) if others
            else "Your last reply could not be shown. Write the reply again.")
    if "readback" not in rules:
        return said
    back = "restate the value exactly as in the draft, so the person can correct it"
    return said[:-1] + ("; " if others else " and ") + back + "."


def _read(llm: LLM, prompt: Prompt) -> str:
    return "".join(llm.stream(prompt)).strip()


def _record(llm: LLM, verdict: Verdict) -> str:
    guard = getattr(llm, "guard", None)
    if isinstance(guard, GuardStats):  # the counts `coach chat --json` shows as "guard"
        guard.record(verdict)
    return verdict.text


def model_words(llm: LLM, move: MoveLike, offline: str, user_text: str, *, first: bool,
                words: Words = CHECKIN_WORDS) -> str:
    """The model's wording of `move` when it passes the guard (first or second try), else
    `offline`."""
    prompt = reply_prompt(move, offline, user_text, first=first, words=words)
    failed: list[tuple[str, ...]] = []
    try:
        text = _read(llm, prompt)
        rules = check(text, prompt, move, offline, words)
        if not rules:
            return _record(llm, Verdict(text, "passed"))
        failed.append(tuple(rules))
        again = Prompt(task=words.task, facts=prompt.facts, messages=[
            *prompt.messages,
            Message(role="system", content=_reminder(rules, text, prompt, offline))])
        log.debug("%s reply failed %s; asking once more", words.name, rules)
        second = _read(llm, again)
        rules = check(second, again, move, offline, words)
        if not rules:
            return _record(llm, Verdict(second, "regenerated", tuple(failed)))
        failed.append(tuple(rules))
    except LLMError as err:
        log.debug("%s reply: the model failed (%s); offline line", words.name, err)
    return _record(llm, Verdict(offline, "fell_back", tuple(failed)))
