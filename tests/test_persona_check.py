"""A model-played persona line: its prompt, and the check before it is shown."""

from __future__ import annotations

import pytest

from coach.prompt_files import placeholders
from graph.rehearse.models import PersonaCard, Team
from graph.rehearse.persona_check import (
    MAX_WORDS,
    check_persona_line,
    clean_persona_line,
    persona_prompt,
)
from graph.rehearse.personas import propose_cast

TEAM = Team(function="support", size=8, parent_objective="Customers get help the first time",
            worries=["workload"])
CARDS = propose_cast(TEAM, 4)
ME: PersonaCard = CARDS[0]
OTHERS = [c.name for c in CARDS]
OTHER = CARDS[1].name


def test_prompt_holds_the_card_the_room_and_the_lead_turn() -> None:
    prompt = persona_prompt(ME, "future_gallery", TEAM, "What would customers notice?", OTHERS, 2)
    for part in (ME.name, ME.role, ME.concern, ME.cares_about, ME.hidden_strength, "future gallery",
                 "What would customers notice?", OTHER, "Customers get help the first time"):
        assert part in prompt
    assert f"Answer as {ME.name} only" in prompt and "one to three sentences" in prompt
    assert "never ask the lead coaching questions" in prompt and "$" not in prompt
    others_line = prompt.split("The others in the room:")[1].splitlines()[0]
    assert OTHER in others_line and ME.name not in others_line
    needed = {"persona", "room", "team", "lead_text", "concern"}
    assert needed <= placeholders("rehearse_persona.md")


@pytest.mark.parametrize("text", [
    "Honestly? One more layer of work is the last thing we need.",
    "I'd hope for a quarter where the queue fits into normal hours.",
    "What already works is the macro library, to be fair.",
    "On a scale of 1 to 10 I'm at a 3, if you must know.",
    "(sighs) Fine. Less firefighting, more real help.",
    "You should just let us do our jobs.",
])
def test_in_character_lines_pass(text: str) -> None:
    assert check_persona_line(ME, text, OTHERS) == []


@pytest.mark.parametrize(("text", "problem"), [
    (f"{OTHER}: I disagree completely.", "speaks for someone else"),
    (f"Fine by me. {OTHER}: not by me!", "speaks for someone else"),
    ("Alex: yes.\nSam: no.", "speaks for someone else"),  # strangers, by their labels
    ("Mateo: and so do I. Greta: agreed.", "speaks for someone else"),
    (f"*{OTHER} nods slowly* Sure, whatever.", "stage direction"),
    ("(looks at everyone) Well, nobody else will say it.", "stage direction"),
    ("What would you like to happen instead?", "coach"),
    ("On a scale of 0 to 10, where is the team now?", "coach"),
    ("Great question! I think we want fewer tickets.", "coach"),
    ("What already works for you in the queue?", "coach"),
    ("You might want to ask the quiet ones first.", "coach"),
    ("As an AI, I can't have feelings about workload.", "out of character"),
    ("Speaking as the sceptic persona in this simulation: no.", "out of character"),
    ("I'm just a language model, but fine.", "out of character"),
    ("", "empty"),
    ("   ", "empty"),
    (" ".join(["word"] * (MAX_WORDS + 5)), "too long"),
])
def test_bad_lines_are_caught(text: str, problem: str) -> None:
    problems = check_persona_line(ME, text, OTHERS)
    assert any(problem in p for p in problems), problems


def test_own_label_is_cleaned_not_a_problem() -> None:
    for raw in (f"{ME.name}: Fine, I'll play along.", f"**{ME.name}:** Fine, I'll play along.",
                f"{ME.name} ({ME.role}): Fine, I'll play along.", "“Fine, I'll play along.”"):
        cleaned = clean_persona_line(ME, raw)
        assert cleaned == "Fine, I'll play along."
        assert check_persona_line(ME, cleaned, OTHERS) == []
    assert clean_persona_line(ME, f"{OTHER}: no") == f"{OTHER}: no"
    assert check_persona_line(ME, f"{ME.name}: Fine.", OTHERS) == []
