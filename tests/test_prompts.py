"""Every prompt file renders with its named placeholders, and fails loudly without them."""

from __future__ import annotations

import pytest

from coach.prompt_files import PromptError, phrases, placeholders, render, template_names
from graph.agenda import AGENDA


@pytest.mark.parametrize("name", template_names())
def test_every_prompt_renders(name: str) -> None:
    values = {key: f"<{key}>" for key in placeholders(name)}
    text = render(name, **values)
    assert text and "$" not in text
    for value in values.values():
        assert value in text


@pytest.mark.parametrize("name", [n for n in template_names() if placeholders(n)])
def test_missing_placeholder_fails_loudly(name: str) -> None:
    with pytest.raises(PromptError):
        render(name)


def test_every_slot_has_a_goal_and_offline_questions() -> None:
    questions = phrases("questions.yaml")
    for slots in AGENDA.values():
        for slot in slots:
            assert questions[slot]["goal"]
            for variant in ("questions", "again", "with_candidate", "no_scale"):
                assert all(q.count("?") == 1 for q in questions[slot].get(variant, []))


def test_system_prompt_is_a_stable_prefix() -> None:
    assert placeholders("system.md") == set()
