"""With a model, the feedback's labels come from the model, cross-checked by the classifier.

The model reads the lead's turn into `LeadLabels` (structured output). The classifier
(rules plus the trained second opinion) is the fallback when the model fails, and the
cross-check when it answers: whether the turn asks one question or several, and whether it
reuses the team's words, are read by the rules (punctuation and word overlap, which they get
right); advice the rules see plainly ("you should …") stays advice whatever the model says.
The model decides the rest: open or closed, the focus, concerns turned into hopes, voices
invited, strengths named.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from coach.llm.port import LLM, LLMError, Message, Prompt
from coach.prompt_files import render
from graph.rehearse.facilitation import analyse
from graph.rehearse.models import LeadLabels
from graph.rehearse.reading import Classify, Source

log = logging.getLogger(__name__)

TASK = "label_lead_turn"
PROMPT = "rehearse_labels.md"
RULES_DECIDE = ("question", "several_questions", "team_words")


def labels_by_model(llm: LLM, text: str, team_lines: Sequence[str], room: str,
                    fallback: Classify) -> tuple[LeadLabels, Source]:
    """The model's labels, cross-checked; the classifier's when the model fails."""
    classified = fallback(text, team_lines)
    prompt = Prompt(task=TASK, messages=[
        Message(role="system", content=render(
            PROMPT, room=room.replace("_", " "), lead_text=text.strip(),
            team_lines="\n".join(f"- {line}" for line in team_lines) or "(nothing yet)")),
        Message(role="user", content="Label the lead's turn now.")])
    try:
        labelled = llm.structured(prompt, LeadLabels)
    except (LLMError, ValueError) as err:
        log.info("lead turn labels: the model failed (%s); the classifier's are used", err)
        return classified, "rules"
    rules = analyse(text, team_lines)
    update = {key: getattr(classified, key) for key in RULES_DECIDE}
    if rules.cues.get("advice") and rules.labels.advice:
        update["advice"] = True
    merged = labelled.model_copy(update=update)
    if not merged.question:
        merged = merged.model_copy(update={"open": False, "several_questions": False})
    return merged, "model"
