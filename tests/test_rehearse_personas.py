"""The proposed cast and the offline reaction engine (real bank, no mocks)."""

from __future__ import annotations

import re
import string

import pytest

from coach.prompt_files import fill
from graph.rehearse.models import ROOMS, LeadLabels, PersonaCard, Team
from graph.rehearse.persona_lines import Reply, answer, line_for
from graph.rehearse.personas import ARCHETYPES, bank, card_line, propose_cast

SUPPORT = Team(function="support", size=8,
               worries=["they fear the targets will be used against them"])
OPEN_FUTURE = LeadLabels(question=True, open=True, focus="future")
RESOURCE = LeadLabels(question=True, open=True, focus="resource")
ADVICE = LeadLabels(advice=True)
CLOSED = LeadLabels(question=True, open=False)
PROBLEM = LeadLabels(question=True, open=True, focus="problem")
TO_HOPE = LeadLabels(question=True, open=True, focus="future", concern_to_hope=True)
SEVERAL = LeadLabels(question=True, open=True, focus="future", several_questions=True)
ALL_LABELS = [OPEN_FUTURE, RESOURCE, ADVICE, CLOSED, PROBLEM, TO_HOPE, SEVERAL,
              LeadLabels(), LeadLabels(invites_voice=True), LeadLabels(names_strength=True)]


@pytest.mark.parametrize("count", [1, 3, 4, 5, 9])
def test_cast_has_three_to_five_distinct_people(count: int) -> None:
    cards = propose_cast(SUPPORT, count)
    assert 3 <= len(cards) <= 5 and len(cards) == max(3, min(5, count))
    assert len({c.name for c in cards}) == len(cards)
    assert [c.archetype for c in cards] == list(ARCHETYPES[: len(cards)])
    assert len({c.voice for c in cards}) == len(cards)


def test_function_shapes_the_cards() -> None:
    support, sales = propose_cast(Team(function="support")), propose_cast(Team(function="sales"))
    assert support[0].role == "senior support agent" and sales[0].role == "senior account executive"
    assert "ticket queue" in support[0].cares_about and "pipeline" in sales[0].cares_about
    assert support[2].hidden_strength != sales[2].hidden_strength
    general = propose_cast(Team())
    assert all(c.role and c.concern and c.hidden_strength for c in general)


def test_a_named_worry_becomes_a_concern() -> None:
    cards = propose_cast(SUPPORT)
    assert cards[0].concern == "we fear the targets will be used against us"
    two = propose_cast(Team(function="hr", worries=["workload", "being judged"]))
    assert [c.concern for c in two][:1] == ["workload"]
    assert "being judged" in [c.concern for c in two]


def test_cast_is_deterministic_and_names_vary_by_team() -> None:
    assert propose_cast(SUPPORT) == propose_cast(SUPPORT)
    names = {tuple(c.name for c in propose_cast(Team(function=f))) for f in
             ("sales", "support", "engineering", "hr", "finance")}
    assert len(names) > 1


def test_card_line_is_one_line() -> None:
    card = propose_cast(SUPPORT)[0]
    line = card_line(card)
    assert "\n" not in line and card.name in line and card.role in line
    assert card.hidden_strength not in line
    assert card.hidden_strength in card_line(card, strength=True)


def _reply(labels: LeadLabels, *, room: str = "ticket_office", text: str = "What do you hope for?",
           turn: int = 0, cards: list[PersonaCard] | None = None,
           moods: dict[str, int] | None = None) -> Reply:
    return answer(cards or propose_cast(SUPPORT, 5), moods or {}, labels, room, text, SUPPORT, turn)


def test_strength_surfaces_only_on_a_resource_question() -> None:
    cards = propose_cast(SUPPORT, 5)
    for turn in range(12):
        for labels in ALL_LABELS:
            for room in ROOMS:
                reply = _reply(labels, room=room, turn=turn, cards=cards)
                surfaced = [ln for ln in reply.lines if ln.kind == "strength_surfaces"]
                if labels is RESOURCE:
                    assert surfaced and reply.revealed
                    card = next(c for c in cards if c.name == surfaced[0].persona)
                    assert card.hidden_strength[:20].lower() in surfaced[0].text.lower()
                else:
                    assert not surfaced and not reply.revealed
                    for line in reply.lines:
                        card = next(c for c in cards if c.name == line.persona)
                        assert card.hidden_strength[:25] not in line.text


def test_revealed_is_kept_from_earlier_turns() -> None:
    reply = answer(propose_cast(SUPPORT), {}, OPEN_FUTURE, "ticket_office", "Hopes?", SUPPORT, 0,
                   revealed=["Someone"])
    assert reply.revealed == ["Someone"]


def test_advice_gets_pushback_and_lowers_moods() -> None:
    for turn in range(6):
        reply = _reply(ADVICE, text="You should just automate the replies.", turn=turn)
        assert any(ln.kind == "pushback_on_advice" for ln in reply.lines)
        assert all(m < 0 for m in reply.moods.values())
        assert reply.concerns


def test_reactions_by_kind_of_turn() -> None:
    assert [ln.kind for ln in _reply(CLOSED, text="Is that okay?", turn=1).lines] == [
        "short_closed_answer"]
    assert _reply(PROBLEM, text="What is going wrong?", turn=1).lines[0].kind == "problem"
    hope = _reply(OPEN_FUTURE, turn=1)
    assert hope.lines[0].kind == "hope" and hope.hopes[0] in hope.lines[0].text
    assert _reply(SEVERAL, turn=1).lines[0].kind == "which_question_first"
    steps = _reply(OPEN_FUTURE, room="gift_shop", text="What could you try tomorrow?", turn=1)
    assert steps.lines[0].kind == "small_step"


def test_future_gallery_offers_tasks_ideas_and_kr_candidates() -> None:
    kinds, krs = set(), []
    for turn in range(12):
        reply = _reply(OPEN_FUTURE, room="future_gallery", text="Imagine June went perfectly.",
                       turn=turn)
        kinds |= {ln.kind for ln in reply.lines}
        krs += reply.kr_candidates
    assert {"hope", "task_as_kr", "kr_candidate", "off_topic"} <= kinds
    support_krs = bank()["functions"]["support"]["kr_candidates"]
    assert krs and all(kr in support_krs for kr in krs)
    assert any(re.search(r"\d+% to \d+%", kr) for kr in krs)


def test_concern_to_hope_softens_an_easy_persona_at_once_and_a_hard_one_later() -> None:
    cards = propose_cast(SUPPORT, 5)
    enthusiast, sceptic = cards[1], cards[0]
    text = f"{enthusiast.name}, what would you like instead of endless talk?"
    reply = _reply(TO_HOPE, text=text, cards=cards)
    assert [ln.kind for ln in reply.lines] == ["softens_into_hope"] and reply.hopes
    text = f"{sceptic.name}, I hear the worry about targets — what would you like instead?"
    first = _reply(TO_HOPE, text=text, cards=cards)
    assert first.lines[0].kind == "not_yet" and first.moods[sceptic.name] > 0
    second = _reply(TO_HOPE, text=text, cards=cards, moods=first.moods, turn=1)
    assert second.lines[0].kind == "softens_into_hope"
    assert second.moods[sceptic.name] > first.moods[sceptic.name]


def test_the_addressed_persona_answers() -> None:
    cards = propose_cast(SUPPORT, 5)
    for turn, card in enumerate(cards):
        reply = _reply(OPEN_FUTURE, text=f"{card.name.lower()}, what would you notice?",
                       turn=turn * 3 + 2, cards=cards)
        assert [ln.persona for ln in reply.lines] == [card.name]


def test_an_invited_voice_is_the_quiet_one() -> None:
    reply = _reply(LeadLabels(question=True, open=True, invites_voice=True),
                   text="Who hasn't spoken yet?")
    assert [ln.persona for ln in reply.lines] == [propose_cast(SUPPORT, 5)[2].name]


def test_rotation_and_two_speakers() -> None:
    speakers = [tuple(ln.persona for ln in _reply(OPEN_FUTURE, text="Hopes?", turn=t).lines)
                for t in range(6)]
    assert len({s[0] for s in speakers}) >= 3
    assert any(len(s) == 2 for s in speakers) and all(1 <= len(s) <= 2 for s in speakers)
    both = _reply(OPEN_FUTURE, text="What do you all hope for?", turn=0)
    assert len(both.lines) == 2


def test_topic_favours_the_persona_whose_concern_matches() -> None:
    cards = propose_cast(SUPPORT, 5)
    reply = _reply(OPEN_FUTURE, text="How could targets help rather than be used against anyone?",
                   turn=3, cards=cards)
    assert reply.lines[0].persona == cards[0].name


def test_voices_differ() -> None:
    base = propose_cast(SUPPORT, 5)[0]
    texts = set()
    for voice in ("terse", "rambling", "sarcastic", "quiet", "eager", "measured"):
        card = base.model_copy(update={"voice": voice})
        line, _ = line_for(card, "problem", SUPPORT, 4)
        texts.add(line.text)
        assert base.concern[:20] in line.text
    assert len(texts) == 6
    terse, _ = line_for(base.model_copy(update={"voice": "terse"}), "problem", SUPPORT, 4)
    rambling, _ = line_for(base.model_copy(update={"voice": "rambling"}), "problem", SUPPORT, 4)
    assert len(terse.text.split()) < len(rambling.text.split())


def test_deterministic_and_varied_by_turn() -> None:
    for labels in ALL_LABELS:
        assert _reply(labels, turn=5) == _reply(labels, turn=5)
    assert len({_reply(OPEN_FUTURE, turn=t).lines[0].text for t in range(6)}) > 3


def test_good_turns_raise_moods() -> None:
    reply = _reply(OPEN_FUTURE)
    assert all(m > 0 for m in reply.moods.values())


def test_every_bank_line_fills() -> None:
    data = bank()
    values = {key: f"<{key}>" for key in ("concern", "cares", "strength", "hope", "topic",
                                          "daily", "users", "tool", "win", "task", "idea",
                                          "kr", "step")}
    kinds = {"hope", "problem", "pushback_on_advice", "short_closed_answer", "strength_surfaces",
             "softens_into_hope", "which_question_first", "task_as_kr", "off_topic",
             "kr_candidate", "small_step", "agrees", "not_yet"}
    for archetype in ARCHETYPES:
        lines = data["lines"][archetype]
        assert set(lines) == kinds
        for options in lines.values():
            for template in options:
                assert "$" not in fill(template, **values)
        for hope in data["archetypes"][archetype]["hopes"]:
            assert "$" not in fill(hope, **values)
    for name, fills in data["functions"].items():
        assert len(fills["tasks"]) >= 2 and len(fills["kr_candidates"]) >= 2, name
        assert len(fills["off_topic"]) >= 1 and len(fills["small_steps"]) >= 2, name
        assert set(fills["roles"]) == set(ARCHETYPES), name
        for kr in fills["kr_candidates"]:
            assert re.search(r"from .*\d.* to .*\d", kr), kr
        for text in (*fills["tasks"], *fills["off_topic"], *fills["small_steps"]):
            assert not any(p[1] for p in string.Template.pattern.findall(text)), text


def test_every_line_for_every_function_and_voice_reads_cleanly() -> None:
    for function in bank()["functions"]:
        team = Team(function="" if function == "general" else function)
        for card in propose_cast(team, 5):
            for labels in ALL_LABELS:
                for room in ROOMS:
                    for line in answer([card], {}, labels, room, "So?", team, 2).lines:
                        assert line.text and "$" not in line.text and "  " not in line.text
                        assert line.text[0].isupper() or line.text[0] in "…"
                        assert len(line.text.split()) <= 70, line.text
