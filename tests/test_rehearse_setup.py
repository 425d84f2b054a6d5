"""Reading the lead's set-up turns: the team, and edits of the persona cards."""

from __future__ import annotations

import pytest

from graph.rehearse.models import PersonaCard, Team
from graph.rehearse.personas import propose_cast
from graph.rehearse.setup import CardEdit, apply_edit, read_card_edit, read_team


@pytest.mark.parametrize(("text", "function"), [
    ("We are the customer support team for the web shop", "support"),
    ("I lead a team of software engineers", "engineering"),
    ("Our sales team sells to schools", "sales"),
    ("We run marketing campaigns for the brand", "marketing"),
    ("the HR team, mostly recruiting", "hr"),
    ("we do the warehouse and logistics side", "operations"),
    ("the finance team closes the books every month", "finance"),
    ("a product team of PMs and designers", "product"),
    # a new user's plumbing crews were played as a "project coordinator" and an "analyst"
    ("Six plumbers and two dispatchers", "field_service"),
    ("we're the electricians and installers who do the site visits", "field_service"),
    ("a small team in a nonprofit", ""),
])
def test_function_from_keywords(text: str, function: str) -> None:
    assert read_team(text, Team()).function == function


@pytest.mark.parametrize(("text", "size"), [
    ("a team of 8 engineers", 8), ("there are eight of us", 8), ("6 people in support", 6),
    ("we're five, all remote", 5), ("a workshop of 90 minutes", None),
    ("first response from 62% to 75%", None),
])
def test_size(text: str, size: int | None) -> None:
    assert read_team(text, Team()).size == size


@pytest.mark.parametrize(("text", "minutes"), [
    ("we have 90 minutes", 90), ("about 1.5 hours", 90), ("3 hours on Friday", 180),
    ("two hours", 120), ("half a day", 180), ("an hour and a half", 90),
    ("a team of 8", None), ("not sure how long yet", None),
])
def test_minutes_only_when_written(text: str, minutes: int | None) -> None:
    assert read_team(text, Team()).minutes == minutes


def test_parent_objective_and_worries() -> None:
    team = read_team("We align to 'Be the partner customers recommend'. They worry about "
                     "workload and people fear the numbers will be used against them.", Team())
    assert team.parent_objective == "Be the partner customers recommend"
    assert team.worries == ["workload", "the numbers will be used against them"]
    for text, parent in [("the company objective is: grow in the Nordics", "grow in the Nordics"),
                         ("it sits under the goal happier customers", "happier customers")]:
        assert read_team(text, Team()).parent_objective == parent
    assert read_team("The worry is that OKRs add meetings", Team()).worries == [
        "OKRs add meetings"]
    assert read_team("concerned that goals change every month", Team()).worries == [
        "goals change every month"]


def test_later_turns_keep_what_earlier_turns_gave() -> None:
    team = read_team("A support team of 8, 90 minutes. They worry about workload.", Team())
    team = read_team("The company objective is delight every caller.", team)
    assert (team.function, team.size, team.minutes) == ("support", 8, 90)
    assert team.parent_objective == "delight every caller"
    team = read_team("Actually make it two hours, and they worry about workload.", team)
    assert team.minutes == 120 and team.worries == ["workload"]
    assert team.description.startswith("A support team of 8")


@pytest.fixture
def cast() -> list[PersonaCard]:
    return propose_cast(Team(function="support"), 4)


def _one(text: str, cards: list[PersonaCard]) -> CardEdit:
    edit = read_card_edit(text, cards)
    assert edit is not None, text
    return edit


def test_rename_voice_and_texts(cast: list[PersonaCard]) -> None:
    a, b, c = cast[0].name, cast[1].name, cast[2].name
    cards = apply_edit(cast, _one(f"call {a} Anna", cast))
    assert cards[0].name == "Anna" and cards[1:] == cast[1:]
    cards = apply_edit(cards, _one(f"rename {b} to Alex and make {c} sarcastic", cards))
    assert cards[1].name == "Alex" and cards[2].voice == "sarcastic"
    cards = apply_edit(cards, _one("Alex is terse", cards))
    assert cards[1].voice == "terse"
    cards = apply_edit(cards, _one("Anna's concern is time, money and scope. "
                                   f"{c} cares about clean handovers", cards))
    assert cards[0].concern == "time, money and scope"
    assert cards[2].cares_about == "clean handovers"
    cards = apply_edit(cards, _one("Anna's strength is spotting patterns early", cards))
    assert cards[0].hidden_strength == "spotting patterns early"


def test_drop_and_add(cast: list[PersonaCard]) -> None:
    cards = apply_edit(cast, _one("drop the problem speaker", cast))
    assert [c.archetype for c in cards] == ["sceptic", "enthusiast", "quiet_expert"]
    refused = _one(f"remove {cards[0].name}", cards)
    assert refused.refusal and "at least 3" in refused.refusal
    assert apply_edit(cards, refused) == cards
    cards = apply_edit(cards, _one("add a newcomer called Jo", cards), Team(function="support"))
    assert cards[-1].name == "Jo" and cards[-1].archetype == "newcomer"
    assert cards[-1].role == "new support agent"
    cards = apply_edit(cards, _one("add a sceptic", cards))
    assert len(cards) == 5 and cards[-1].archetype == "sceptic"
    assert len({c.name for c in cards}) == 5
    too_many = _one("add an enthusiast", cards)
    assert too_many.refusal and "5" in too_many.refusal


def test_unknown_person_and_duplicate_name(cast: list[PersonaCard]) -> None:
    edit = _one("remove Zed", cast)
    assert edit.refusal and "Zed" in edit.refusal and cast[0].name in edit.refusal
    edit = _one(f"rename {cast[0].name} to {cast[1].name}", cast)
    assert edit.refusal and "already" in edit.refusal


@pytest.mark.parametrize("text", ["start", "looks good", "let's go", "Looks good to me!",
                                  "ok, let's start", "ready"])
def test_start_signal(text: str, cast: list[PersonaCard]) -> None:
    edit = _one(text, cast)
    assert edit.start and not edit.changes and edit.refusal is None


def test_edit_and_start_in_one_turn(cast: list[PersonaCard]) -> None:
    edit = _one(f"Make {cast[1].name} quiet and let's go", cast)
    assert edit.start and edit.changes[0].value == "quiet"


def test_not_an_edit(cast: list[PersonaCard]) -> None:
    assert read_card_edit("hmm, I wonder how this works", cast) is None
    assert read_card_edit("the start date is in May", cast) is None


def test_drop_the_newcomer_by_archetype() -> None:
    five = propose_cast(Team(function="sales"), 5)
    cards = apply_edit(five, _one("drop the newcomer", five))
    assert "newcomer" not in {c.archetype for c in cards} and len(cards) == 4
    missing = _one("drop the newcomer", cards)
    assert missing.refusal and "newcomer" in missing.refusal


@pytest.mark.parametrize(("text", "parent"), [
    ("Our site objective is on-time dispatch for every store.", "on-time dispatch for every store"),
    ("our business goal: grow in Spain", "grow in Spain"),
    ('We align to the company objective "customers stay with us for years".',
     "customers stay with us for years"),
])
def test_the_objective_a_team_serves_in_the_leads_words(text: str, parent: str) -> None:
    assert read_team(text, Team()).parent_objective == parent


def test_a_goal_named_by_its_kind_keeps_only_its_words() -> None:
    """Found in a new user's rehearsal: "we align to the school goal: every pupil leaves with
    a plan" was kept whole, and the run-sheet read "Serves: the school goal: every pupil …"."""
    team = read_team("We align to the school goal: every pupil leaves with a plan. One hour.",
                     Team())
    assert team.parent_objective == "every pupil leaves with a plan"
