"""The rehearsal coach's words for a `Move` (prompts/rehearse_offline.yaml), and the
team's lines labelled by name for line-based output."""

from __future__ import annotations

from coach.prompt_files import PromptError, fill, phrase_lines
from graph.rehearse.models import PersonaLine
from graph.rehearse.plan_models import Part

PHRASE_FILE = "rehearse_offline.yaml"
LISTED = ("cast_line", "debrief_well", "debrief_try", "scorecard_row")
"""Parts shown one per line, as a list."""


def lines() -> dict[str, list[str]]:
    """Every line of the phrase file, by key."""
    return phrase_lines(PHRASE_FILE)


def line(part: Part, variant: int = 0, session_id: str = "SESSION") -> str:
    """One part in words; `$session` is the session's id (for `coach export`)."""
    variants = lines().get(part.key)
    if not variants:
        raise PromptError(f"{PHRASE_FILE} has no line {part.key!r}")
    return fill(variants[variant % len(variants)], session=session_id, **part.values).strip()


def say(parts: list[Part], variant: int = 0, session_id: str = "SESSION") -> str:
    """The coach's words: sentences run on; listed parts one per line ("• …")."""
    out = ""
    listing = False
    for i, part in enumerate(parts):
        text = line(part, variant + i, session_id)
        if part.key in LISTED:
            out += f"\n• {text}"
        elif out:
            out += ("\n\n" if part.key.endswith("_intro") or listing else " ") + text
        else:
            out = text
        listing = part.key in LISTED
    return out.strip()


def labelled(line_: PersonaLine) -> str:
    """`Greta: We tried that before.` — one speaker per line."""
    return f"{line_.persona}: {line_.text}"
