"""A model plays the team: each persona line the planner chose is worded by the model, with
the persona's card as context, and checked before it is shown (in character, one speaker,
no coaching voice, short); asked once more naming what to fix, else the offline line stands.

The planner still decides who speaks and what the line does (a hope, pushback, the hidden
strength — which surfaces only on a resource question); the model only words it. Lines that
carry numbers into the run-sheet's draft (a KR candidate) or a task dressed as a KR keep the
offline words, so the draft's numbers are always the ones in the transcript.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from coach.llm.port import LLM, LLMError, Message, Prompt
from graph.rehearse.models import PersonaCard, PersonaLine, Team
from graph.rehearse.persona_check import check_persona_line, clean_persona_line, persona_prompt

log = logging.getLogger(__name__)

TASK = "persona_line"
KEEP_OFFLINE = frozenset({"kr_candidate", "task_as_kr"})
INTENTS: dict[str, str] = {
    "hope": "say what you would hope for, in your own words",
    "softens_into_hope": "you feel heard: soften a little and say what you hope for instead",
    "not_yet": "you are not convinced yet: say so, from your concern",
    "problem": "talk about what goes wrong, from your concern",
    "pushback_on_advice": "push back politely on the lead's suggestion, from your concern",
    "short_closed_answer": "answer briefly, then mention what bothers you",
    "strength_surfaces": "mention your hidden strength as something that already works",
    "which_question_first": "ask which of the questions to answer first",
    "off_topic": "bring up a side idea that is a little off topic",
    "small_step": "offer one small step you could take soon",
    "agrees": "agree briefly, in your own way",
}


def _cue(card: PersonaCard, line: PersonaLine) -> str:
    intent = INTENTS.get(line.kind, "answer the lead")
    return f"Answer now as {card.name}. This time: {intent}."


def persona_words(llm: LLM, card: PersonaCard, line: PersonaLine, *, room: str, team: Team,
                  lead_text: str, others: Sequence[str], mood: int) -> PersonaLine:
    """The model's wording of `line` (checked), or `line` itself when it cannot be used."""
    if line.kind in KEEP_OFFLINE:
        return line
    system = persona_prompt(card, room, team, lead_text, others, mood)
    messages = [Message(role="system", content=system),
                Message(role="user", content=_cue(card, line))]
    for attempt in range(2):
        try:
            text = clean_persona_line(card, llm.complete(Prompt(task=TASK, messages=messages)))
        except LLMError as err:
            log.info("persona line for %s: the model failed (%s)", card.name, err)
            return line
        problems = check_persona_line(card, text, others)
        if not problems:
            return line.model_copy(update={"text": text})
        log.info("persona line for %s refused (attempt %d): %s", card.name, attempt + 1,
                 "; ".join(problems))
        messages = [*messages, Message(role="assistant", content=text), Message(
            role="user", content="That line cannot be used: " + "; ".join(problems)
            + f". Say it again as {card.name} only, in character, one to three sentences.")]
    return line
