"""The model reader over the real `openai` client and HTTP: the model reads the turn, the
number guard keeps out what the person did not say, and the rules read it when the model fails."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.runtime import CoachRuntime, build_runtime
from coach.settings import Settings
from graph.reading.model import ModelReader
from tests.helpers import opening, say
from tests.support.fake_openai_server import FakeOpenAIServer, schema_name

FIRST_KR = ["We want callers answered quickly.", "It serves the service promise.",
            "Calm phones.", "Customers notice someone picks up.", "yes"]


def _user_text(body: dict[str, Any]) -> str:
    return str(body["messages"][-1]["content"])


@pytest.fixture
def online(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_BASE_URL=fake_openai.base_url, OPENAI_API_KEY="sk-test",
                        COACH_LLM_TIMEOUT=5, COACH_LLM_RETRIES=0)
    rt = build_runtime(settings)
    yield rt
    rt.close()


def _reads(fake: FakeOpenAIServer, readings: dict[str, dict[str, Any]]) -> None:
    """The model's readings, keyed by the user's words (others: 'nothing to read')."""

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        if schema_name(body) == "ModelReading":
            return readings.get(_user_text(body), {"intent": "other"})
        return {"objective": "Callers reach someone who helps"}

    fake.structured_responder = respond


def _krs(rt: CoachRuntime, lines: list[str]) -> list[dict[str, Any]]:
    session = rt.new_session()
    opening(session)
    for line in lines:
        say(session, line)
    return list(session.view().okr["objectives"][0]["key_results"])


def _kr(metric: str, baseline: float | None, b_words: str | None, target: float | None,
        t_words: str | None, unit: str | None = None) -> dict[str, Any]:
    return {"intent": "kr", "key_results": [{"metric": metric, "baseline": baseline,
                                             "baseline_words": b_words, "target": target,
                                             "target_words": t_words, "unit": unit}]}


def test_the_model_reads_a_kr_the_rules_cannot(online: CoachRuntime,
                                               fake_openai: FakeOpenAIServer) -> None:
    line = "picking up the phone: seventy percent these days, ninety would be the dream"
    _reads(fake_openai, {line: _kr("calls picked up", 70, "seventy percent", 90, "ninety",
                                   "%")})
    krs = _krs(online, [*FIRST_KR, line])
    assert [(k["metric"], k["baseline"], k["target"]) for k in krs] == [
        ("calls picked up", 70, 90)]
    reader = online.deps.reader
    assert isinstance(reader, ModelReader) and reader.read_by_model >= 1


def test_a_number_the_person_never_said_stays_out(online: CoachRuntime,
                                                  fake_openai: FakeOpenAIServer) -> None:
    line = "Raise our NPS to 50 by the end of June"
    # the model adds a baseline of 30 that nobody said, with made-up words
    _reads(fake_openai, {line: _kr("NPS", 30, "about 30", 50, "50")})
    krs = _krs(online, [*FIRST_KR, line])
    assert [(k["metric"], k["baseline"], k["target"]) for k in krs] == [("NPS", None, 50)]


def test_an_approximation_is_read_back_not_taken(online: CoachRuntime,
                                                 fake_openai: FakeOpenAIServer) -> None:
    line = "Answered calls from about two thirds to 95% by June"
    _reads(fake_openai, {line: _kr("answered calls", 67, "about two thirds", 95, "95%", "%")})
    session = online.new_session()
    opening(session)
    for first in FIRST_KR:
        say(session, first)
    reply = say(session, line)
    krs = session.view().okr["objectives"][0]["key_results"]
    assert [(k["baseline"], k["target"]) for k in krs] == [(None, 95)]
    assert "two thirds" in reply or "67" in reply  # the read-back question comes
    say(session, "yes")
    krs = session.view().okr["objectives"][0]["key_results"]
    assert [(k["baseline"], k["target"]) for k in krs] == [(67, 95)]


@pytest.mark.parametrize("broken", [
    lambda body: "not json at all",
    lambda body: {"intent": "kr", "key_results": "many"},
    lambda body: {"objective": "only the wrong shape"},
])
def test_a_broken_model_reading_falls_back_to_the_rules(
        online: CoachRuntime, fake_openai: FakeOpenAIServer,
        broken: Callable[[dict[str, Any]], Any]) -> None:
    def respond(body: dict[str, Any]) -> Any:
        if schema_name(body) == "ModelReading":
            return broken(body)
        return {"objective": "Callers reach someone who helps"}

    fake_openai.structured_responder = respond
    krs = _krs(online, [*FIRST_KR, "Increase call response rate from 70% to 90% by end of Q2"])
    assert [(k["baseline"], k["target"], k["unit"]) for k in krs] == [(70, 90, "%")]
    reader = online.deps.reader
    assert isinstance(reader, ModelReader) and reader.fell_back >= 1


def test_the_model_reads_a_correction(online: CoachRuntime,
                                      fake_openai: FakeOpenAIServer) -> None:
    line = "hmm, for the response one make the goal ninety-five instead"
    _reads(fake_openai, {line: {"intent": "edit", "edits": [
        {"action": "change", "kr_number": 1, "field": "target", "value": 95,
         "value_words": "ninety-five"}]}})
    krs = _krs(online, [*FIRST_KR, "Increase call response rate from 70% to 90% by end of Q2",
                        line])
    assert [(k["baseline"], k["target"]) for k in krs] == [(70, 95)]
    assert json.dumps(krs).count("response rate") == 2  # one KR (metric and text), not two


def test_the_model_is_asked_to_reply_in_the_persons_language(
        online: CoachRuntime, fake_openai: FakeOpenAIServer) -> None:
    _reads(fake_openai, {})
    session = online.new_session()
    opening(session)
    say(session, "Toivoisin, että asiakkaat saavat apua nopeasti ja ystävällisesti.")
    last = fake_openai.reply_requests()[-1].body["messages"]
    assert "Reply in the language the person writes in." in last[0]["content"]
    assert "reply in Finnish" in last[-1]["content"]


def test_the_offline_coach_says_once_that_it_speaks_english(runtime: CoachRuntime) -> None:
    session = runtime.new_session()
    opening(session)
    first = say(session, "Toivoisin, että asiakkaat saavat apua nopeasti ja ystävällisesti.")
    second = say(session, "Se tarkoittaisi, että asiakkaat palaavat meille mielellään.")
    assert "only speak English" in first and "only speak English" not in second


def test_a_personal_goal_gets_personal_questions(runtime: CoachRuntime) -> None:
    session = runtime.new_session()
    opening(session)
    say(session, "I want to get my running back on track and feel fit again.")
    say(session, "It would mean I have something just for me and stay healthy.")
    reply = say(session, "I'd be running three times a week without thinking about it.")
    assert "customers" not in reply and "your team" not in reply
    assert "close to you" in reply or "around you" in reply


def test_a_model_edit_of_a_kr_that_does_not_exist_is_dropped(
        online: CoachRuntime, fake_openai: FakeOpenAIServer) -> None:
    line = "Increase call response rate from 70% to 90% by end of Q2"
    # a small model's typical mistake: "remove KR 3" when the draft is empty
    _reads(fake_openai, {line: {"intent": "edit", "edits": [{"action": "remove",
                                                            "kr_number": 3}]}})
    krs = _krs(online, [*FIRST_KR, line])
    assert [(k["baseline"], k["target"]) for k in krs] == [(70, 90)]
