"""The workshop rehearsal end to end: `coach chat --mode rehearse` as a real process on the
real graph and SQLite checkpointer, the export's run-sheet, resuming mid-rehearsal, and the
model path against the fake OpenAI server (personas played by the model and checked against
their cards; the feedback's labels from the model, cross-checked)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.events import CoachReplied, PersonaSpoke, TurnFailed
from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from graph.rehearse.reading import FINISH, NEXT, REPLAY
from tests.support.coach_process import coach, coach_env
from tests.support.fake_openai_server import FakeOpenAIServer, Reply

TEAM = ("We're the customer support team of a software company, 7 of us. We align to the "
        "company objective \"customers stay with us for years\". They worry about workload. "
        "The workshop is 90 minutes.")
ROOM_IDS = ("ticket_office", "future_gallery", "instances_gallery", "gift_shop")
SCRIPT = [
    TEAM, "start",
    # Ticket Office
    "What are your best hopes for this workshop?",
    "Is workload the main problem for you?",
    "You said workload worries you — what would you like instead?",
    # Future Gallery
    "Imagine the quarter went perfectly. What would our customers notice?",
    "You should just automate the password reset replies.",
    "replay",
    "What would tell us, in numbers, that we got there?",
    "And who else would notice the difference?",
    # Instances Gallery
    "When has this already worked, even a little?",
    "next",
    # Gift Shop
    "What small step could we try tomorrow?",
    "What do you appreciate in how we worked today?",
    "finish",
]


def lead_turns(lines: list[str]) -> list[str]:
    """The facilitation turns of a script: after the set-up, not a command."""
    return [t for t in lines[2:] if not any(p.match(t) for p in (REPLAY, NEXT, FINISH))]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return coach_env(tmp_path / "data")


def play(env: dict[str, str], lines: list[str], path: Path) -> dict[str, Any]:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = coach(env, "chat", "--mode", "rehearse", "--script", str(path), "--json")
    assert done.returncode == 0, done.stderr
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


def test_a_scripted_rehearsal_has_personas_feedback_and_a_run_sheet(
        env: dict[str, str], tmp_path: Path) -> None:
    doc = play(env, SCRIPT, tmp_path / "rehearse.txt")
    assert doc["mode"] == "rehearse" and doc["room"] == "done"
    personas = [t for t in doc["turns"] if t["role"] == "persona"]
    assert personas and all(t["persona"] and t["text"] for t in personas)
    assert len({t["persona"] for t in personas}) >= 3  # at least three distinct voices
    assert all(not re.match(r"^\w+:", t["text"]) for t in personas)  # one speaker, no label
    assert {t["room"] for t in personas} == set(ROOM_IDS)
    # one feedback item per lead turn, the replayed one kept and marked
    assert [f["text"] for f in doc["feedback"]] == lead_turns(SCRIPT)
    assert [f["turn"] for f in doc["feedback"]] == list(range(1, len(doc["feedback"]) + 1))
    replayed = [f for f in doc["feedback"] if f["replayed"]]
    assert [f["text"] for f in replayed] == ["You should just automate the password reset replies."]
    advice = replayed[0]
    assert advice["labels"]["advice"] and advice["better"]
    assert "password reset replies" in advice["better"]  # rephrased in the lead's own words
    # the debrief closes it: the scorecard against the principles, yes/no per row
    debrief = doc["turns"][-1]["text"]
    assert doc["turns"][-1]["role"] == "coach" and "Scorecard" in debrief
    assert len(re.findall(r"^• (?:yes|no) · ", debrief, re.M)) == 8
    assert "“What are your best hopes for this workshop?”" in debrief  # the lead quoted
    # the draft team OKR holds only numbers the team said in the transcript
    said = " ".join(t["text"] for t in personas)
    for objective in doc["okr"]["objectives"]:
        assert objective["parent"] == "customers stay with us for years"
        for kr in objective["key_results"]:
            for value in (kr["baseline"], kr["target"]):
                assert value is None or re.search(rf"\b{value:g}\b", said), (value, said)

    shown = coach(env, "export", doc["session_id"], "--format", "md")
    assert shown.returncode == 0, shown.stderr
    sheet = shown.stdout
    agenda = re.findall(r"^\| (Ticket Office|Future Gallery|Instances Gallery|Gift Shop) \| "
                        r"(\d+) \|", sheet.split("## Agenda")[1].split("##")[0], re.M)
    assert [room for room, _ in agenda] == ["Ticket Office", "Future Gallery",
                                            "Instances Gallery", "Gift Shop"]
    assert sum(int(minutes) for _, minutes in agenda) == 90
    assert "| **Total** | **90** |" in sheet
    assert "- What are your best hopes for this workshop? _(yours, from the rehearsal)_" in sheet
    assert "## Key Result checklist" in sheet and "## Draft team OKR" in sheet
    assert "workload" in sheet.split("## Concerns heard")[1].split("##")[0]
    transcript = sheet.split("## The rehearsal")[1]
    notes = re.findall(r"^\*\*You:\*\* (.+)\n\n> Feedback: ", transcript, re.M)
    assert notes == lead_turns(SCRIPT)  # each lead turn's note under it, commands without
    assert transcript.count("_(replayed)_") == 1


def test_a_rehearsal_resumes_where_it_stopped(env: dict[str, str], tmp_path: Path) -> None:
    first = play(env, SCRIPT[:4], tmp_path / "first.txt")  # two lead turns in the first room
    assert first["room"] == "ticket_office" and len(first["feedback"]) == 2
    resumed = coach(env, "resume", first["session_id"],
                    stdin="Imagine the quarter went perfectly. What would customers notice?\n")
    assert resumed.returncode == 0, resumed.stderr
    out = resumed.stdout
    assert "feedback (turn 3)" in out  # the numbering goes on
    assert "Future Gallery" in out  # the third lead turn closes the Ticket Office
    assert re.search(r"^(?!you|coach)\w+> \S", out.split("you> ")[-2], re.M)  # a persona, by name
    exported = json.loads(coach(env, "export", first["session_id"], "--format", "json").stdout)
    assert len(exported["feedback"]) == 3


def test_coach_rehearse_is_the_short_name(env: dict[str, str], tmp_path: Path) -> None:
    script = tmp_path / "short.txt"
    script.write_text(f"{TEAM}\nstart\nWhat are your best hopes?\n", encoding="utf-8")
    done = coach(env, "rehearse", "--script", str(script), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["mode"] == "rehearse" and len(doc["feedback"]) == 1
    typed = coach(env, "rehearse", stdin=f"{TEAM}\nstart\nWhat are your best hopes?\nquit\n")
    assert typed.returncode == 0, typed.stderr
    assert "Type replay, next (room), finish, retry or quit." in typed.stdout
    assert "feedback (turn 1): " in typed.stdout and "[Ticket Office]" in typed.stdout


def test_unknown_commands_and_empty_turns_never_count_as_lead_turns(
        env: dict[str, str], tmp_path: Path) -> None:
    doc = play(env, [TEAM, "start", "replay", "next", "What are your best hopes?"],
               tmp_path / "cmd.txt")
    coach_lines = [t["text"] for t in doc["turns"] if t["role"] == "coach"]
    assert any("no turn to replay" in line for line in coach_lines)
    assert [f["text"] for f in doc["feedback"]] == ["What are your best hopes?"]
    assert doc["feedback"][0]["room"] == "future_gallery"  # `next` moved the workshop on


# -- with a model ------------------------------------------------------------------------

@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-rehearse", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_LLM_RETRIES=0, COACH_LLM_TIMEOUT=5)
    fake_openai.scripted_structured = False
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def test_the_model_plays_the_team_and_a_line_out_of_character_is_never_shown(
        openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer) -> None:
    def structured(body: dict[str, Any]) -> Any:  # the model's labels: an open future turn
        return {"question": True, "open": True, "focus": "future", "advice": False,
                "several_questions": False, "team_words": False, "concern_to_hope": False,
                "invites_voice": False, "names_strength": False}

    fake_openai.structured_responder = structured
    played = "Honestly? I'd hope our customers stop having to chase us twice."
    fake_openai.responder = lambda body: played
    session = openai_runtime.new_session("rehearse")
    list(session.start())
    list(session.send(TEAM))
    list(session.send("start"))
    fake_openai.push(Reply("Coach: As an AI I would suggest a scale question. Greta: fine."),
                     Reply("Mateo: and so do I. Greta: agreed."))  # both refused: offline line
    events = list(session.send("What are your best hopes for this workshop?"))
    assert not any(isinstance(e, TurnFailed) for e in events)
    spoken = [e for e in events if isinstance(e, PersonaSpoke)]
    assert spoken and all("As an AI" not in e.text and "Greta:" not in e.text for e in spoken)
    events = list(session.send("What would our customers notice at the end of the quarter?"))
    spoken = [e for e in events if isinstance(e, PersonaSpoke)]
    assert spoken[0].text == played  # the model's words, once they pass the check
    view = session.view()
    assert [f["source"] for f in view.feedback] == ["model", "model"]
    (replied,) = [e for e in events if isinstance(e, CoachReplied)]
    assert replied.text == ""  # the turn ended on the team: no coach words to show again
    persona_prompts = [r.body["messages"][0]["content"] for r in fake_openai.reply_requests()]
    names = [c["name"] for c in view.mode_state["cards"]]
    assert any(f"Name: {spoken[0].persona}" in p for p in persona_prompts)
    assert spoken[0].persona in names
    label_prompt = next(r for r in fake_openai.chat_requests() if r.body.get("response_format"))
    assert "The lead's turn:" in label_prompt.body["messages"][0]["content"]


def test_the_model_failing_falls_back_to_the_classifier_and_the_bank(
        openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer) -> None:
    from tests.support.fake_openai_server import Fail

    session = openai_runtime.new_session("rehearse")
    list(session.start())
    list(session.send(TEAM))
    list(session.send("start"))
    fake_openai.scripted_structured = True
    fake_openai.push(*[Fail(500) for _ in range(6)])
    events = list(session.send("You should automate the weekly report."))
    assert not any(isinstance(e, TurnFailed) for e in events)
    assert [e for e in events if isinstance(e, PersonaSpoke)]  # the bank's lines stand in
    (item,) = session.view().feedback
    assert item["source"] == "rules" and item["labels"]["advice"]


def test_a_team_can_be_picked_from_the_knowledge_base(env: dict[str, str],
                                                      tmp_path: Path) -> None:
    doc = play(env, ["Use the Contact Centre North team from the knowledge base, 60 minutes.",
                     "start", "What are your best hopes for this workshop?"],
               tmp_path / "kb.txt")
    setup = doc["turns"][2]["text"]
    assert setup.startswith("From the knowledge base: Contact Centre North")
    assert "60-minute workshop" in setup
    state = json.loads(coach(env, "export", doc["session_id"], "--format", "json").stdout)
    assert state["feedback"][0]["room"] == "ticket_office"
    sheet = coach(env, "export", doc["session_id"], "--format", "md").stdout
    assert "Team: Contact Centre North" in sheet and "| **Total** | **60** |" in sheet
