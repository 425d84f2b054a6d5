"""A model words the check-in's move; the offline line stands in whenever it cannot.

The planner decides every number; the model only puts the move into words. Its reply passes
the reply guard's rules (`coach.llm.reply_guard.check_reply`: one question, a length limit,
no leaked prompt, no advice, no number that is not in the move), is asked for once more
with a reminder naming what to fix, and when that fails too — or the model fails — the
offline line (`wording.say`) is shown instead. Only the move's own words count as said:
a number the person typed but the planner did not take (an unclear "about 40") is not the
model's to repeat.
"""

from __future__ import annotations

import logging

from coach.llm.guarded import GuardStats, Verdict
from coach.llm.port import LLM, LLMError, Message, Prompt
from coach.llm.reply_guard import check_reply, reminder
from graph.checkin.models import Move
from graph.checkin.wording import model_prompt

log = logging.getLogger(__name__)

TASK = "checkin_reply"
"""Not the prepare coach's `coach_reply`: the wrapper's guard and offline fallback are for
prepare's moves; this module guards the check-in's replies itself."""
CUE = "Write the coach's next turn now."


def reply_prompt(move: Move, offline: str, user_text: str, *, first: bool) -> Prompt:
    """The request for the model. `facts` feed the guard: `draft` (the offline line) holds
    the only numbers allowed; `person` masks the person's words out of the leak check
    without making their numbers allowed."""
    return Prompt(
        task=TASK,
        messages=[Message(role="system", content=model_prompt(move, user_text)),
                  Message(role="user", content=CUE)],
        facts={"move": {"kind": "summary" if move.done else "ask"}, "draft": offline,
               "person": user_text, "first_turn": first, "step": move.step},
    )


def _read(llm: LLM, prompt: Prompt) -> str:
    return "".join(llm.stream(prompt)).strip()


def _record(llm: LLM, verdict: Verdict) -> str:
    guard = getattr(llm, "guard", None)
    if isinstance(guard, GuardStats):  # the counts `coach chat --json` shows as "guard"
        guard.record(verdict)
    return verdict.text


def model_words(llm: LLM, move: Move, offline: str, user_text: str, *, first: bool) -> str:
    """The model's wording of `move` when it passes the guard (first or second try), else
    `offline`."""
    prompt = reply_prompt(move, offline, user_text, first=first)
    failed: list[tuple[str, ...]] = []
    try:
        text = _read(llm, prompt)
        rules = check_reply(text, prompt, reference=offline)
        if not rules:
            return _record(llm, Verdict(text, "passed"))
        failed.append(tuple(rules))
        again = Prompt(task=TASK, facts=prompt.facts, messages=[
            *prompt.messages,
            Message(role="system", content=reminder(rules, text, prompt, reference=offline))])
        log.debug("check-in reply failed %s; asking once more", rules)
        second = _read(llm, again)
        rules = check_reply(second, again, reference=offline)
        if not rules:
            return _record(llm, Verdict(second, "regenerated", tuple(failed)))
        failed.append(tuple(rules))
    except LLMError as err:
        log.debug("check-in reply: the model failed (%s); offline line", err)
    return _record(llm, Verdict(offline, "fell_back", tuple(failed)))
