"""The offline coach's words for a retro `Move`, and the prompt a model gets to word it.

The lines live in `prompts/retro_offline.yaml` (nested groups such as `score_again` are
addressed as `score_again.range`); each may have several phrasings, chosen by the move's
`variant` so that retros don't sound identical. A model that words a move later gets
`prompts/retro_system.md`: it words the planner's move and never decides a number.
"""

from __future__ import annotations

from coach.prompt_files import PromptError, fill, phrase_lines, render
from graph.retro.models import Move, Part

PHRASE_FILE = "retro_offline.yaml"
SYSTEM_FILE = "retro_system.md"


def lines() -> dict[str, list[str]]:
    """Every line of the phrase file, by key ("ask_score", "score_again.range", ...)."""
    return phrase_lines(PHRASE_FILE)


def line(part: Part, variant: int = 0) -> str:
    """One part in words; a missing key or placeholder fails loudly."""
    variants = lines().get(part.key)
    if not variants:
        raise PromptError(f"{PHRASE_FILE} has no line {part.key!r}")
    return fill(variants[variant % len(variants)], **part.values).strip()


def say(move: Move) -> str:
    """The coach's whole turn: read-backs and acknowledgements, then the question; the
    summary one part per line, and the offer after it on a line of its own."""
    out: list[str] = []
    in_summary = False
    for i, part in enumerate(move.parts):
        text = line(part, move.variant + i)
        in_summary = in_summary or part.key.startswith("summary_")
        if out and in_summary:
            out.append("\n" + text)
        elif out:
            out.append(" " + text)
        else:
            out.append(text)
    return "".join(out)


def model_prompt(move: Move, user_text: str) -> str:
    """The prompt for a model to word `move` (the offline line is its draft)."""
    facts = "\n".join(f"- {part.key}: " + ", ".join(f"{k}={v}" for k, v in part.values.items())
                      for part in move.parts if part.values)
    return render(SYSTEM_FILE, step=move.step, draft=say(move), facts=facts or "- (none)",
                  user_text=user_text)
