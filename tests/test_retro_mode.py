"""The end-of-period retrospective end to end: the real graph, the real SQLite checkpointer,
a real OKR store file and the real knowledge base — `coach chat --mode retro` as a process,
the period-end rule, the scores stored once through a failed save (or a failed knowledge
base) and a retry (tests/test_retro_faults.py), and the model path against the fake
OpenAI server."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest

from coach.events import CoachReplied, TurnFailed
from coach.llm.guarded import GuardedLLM
from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr_store import KRValue, OKRSetRecord, RetroScores, open_okr_store
from coach.runtime import CoachRuntime, build_runtime
from coach.session import CoachSession
from coach.session_store import SessionStore
from coach.settings import Settings
from tests.support.coach_process import coach, coach_env
from tests.support.fake_openai_server import FakeOpenAIServer, Reply

# NPS (aspirational) reached 40 of 40: the suggested 1.0 accepted, a stretch reflection, a
# learning; churn (committed) at 4 % of 3 %: 0.5 suggested, adjusted to 0.6, what got in
# the way, a learning; then proud, strengths, learnings about setting OKRs, yes to the offer
RETRO = ["yes", "aim for 50 next time", "weekly calls with customers move NPS", "0.6",
         "the supplier change came late", "churn needs a longer runway", "the onboarding call",
         "our patience", "set smaller committed KRs", "yes"]


def adopt(data_dir: Path, *, ends_in_days: int = -1) -> OKRSetRecord:
    """A set whose period ended yesterday (by default): NPS 20 → 40 (aspirational) and
    churn 5 % → 3 % (committed), with two check-ins (NPS 30 then 40, churn 4.5 then 4)."""
    draft = OKRDraft(period="Q3 2026", objectives=[Objective(
        title="Delight our customers", key_results=[
            KeyResult(text="Increase NPS from 20 to 40", metric="NPS", baseline=20, target=40),
            KeyResult(text="Reduce churn from 5% to 3%", metric="churn", baseline=5, target=3,
                      unit="%")])])
    today = date.today()
    now = datetime.now(UTC)
    with open_okr_store(Settings(_env_file=None, COACH_DATA_DIR=data_dir)) as store:
        okr = store.create_set(draft, start=today - timedelta(days=90),
                               end=today + timedelta(days=ends_in_days), owner="Support team",
                               kinds={2: "committed"})
        nps, churn = (kr.id for kr in okr.key_results())
        for days, values in ((60, (30, 4.5)), (10, (40, 4))):
            store.record_checkin(okr.id, [KRValue(kr_id=nps, value=values[0], confidence=7),
                                          KRValue(kr_id=churn, value=values[1], confidence=5)],
                                 taken_at=now - timedelta(days=days))
        return okr


def play(env: dict[str, str], lines: Sequence[str], *args: str
         ) -> subprocess.CompletedProcess[str]:
    script = Path(env["COACH_DATA_DIR"]).parent / "retro.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return coach(env, "chat", "--mode", "retro", "--script", str(script), "--json", *args)


def scores_in(data_dir: Path | str, set_id: str) -> list[RetroScores]:
    with open_okr_store(Settings(_env_file=None, COACH_DATA_DIR=data_dir)) as store:
        return store.list_scores(set_id)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return coach_env(tmp_path / "data")


def test_a_scripted_retro_stores_exactly_what_was_agreed(env: dict[str, str]) -> None:
    okr = adopt(Path(env["COACH_DATA_DIR"]))
    nps, churn = (kr.id for kr in okr.key_results())
    done = play(env, RETRO, "--okr", okr.id)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # every line used
    doc = json.loads(done.stdout)
    assert doc["mode"] == "retro" and doc["room"] == "done" and doc["backend"] == "offline"
    assert [t["text"] for t in doc["turns"] if t["role"] == "user"] == RETRO
    rooms = [t["room"] for t in doc["turns"]]
    assert rooms[0] == "scores" and rooms[-1] == "done"
    assert {"proud", "strengths", "learning", "next_period"} <= set(rooms)
    said = [t["text"] for t in doc["turns"] if t["role"] == "coach"]
    assert "1.0 (green)" in said[0] and "last value 40" in said[0]  # the suggestion
    assert "Scored 0.6 (yellow)" in said[4]  # the read-back of the adjusted score
    assert said[-1].endswith(f"coach chat --mode prepare --after {okr.id}")

    retro = doc["retro"]
    assert retro["saved"] and retro["set_id"] == okr.id and retro["knowledge"] is None
    assert [(r["kr_id"], r["text"], r["score"], r["band"], r["flag"], r["learning"])
            for r in retro["key_results"]] == [
        (nps, "Increase NPS from 20 to 40", 1.0, "green", "stretch",
         "weekly calls with customers move NPS"),
        (churn, "Reduce churn from 5% to 3%", 0.6, "yellow", "missed",
         "churn needs a longer runway")]
    assert [(r["suggested"], r["adjusted"]) for r in retro["key_results"]] == [
        (1.0, False), (0.5, True)]
    assert retro["objectives"] == [{"title": "Delight our customers", "mean": 0.8,
                                    "band": "green"}]
    assert retro["strengths"] == ["our patience"]
    assert retro["learnings"] == ["set smaller committed KRs"]
    assert retro["proud"] == ["the onboarding call"] and retro["next_period"] is True

    (stored,) = scores_in(env["COACH_DATA_DIR"], okr.id)
    assert stored.session_id == doc["session_id"]
    assert [(s.kr_id, s.score, s.band, s.suggested, s.adjusted, s.flag) for s in
            stored.scores] == [(nps, 1.0, "green", 1.0, False, "stretch"),
                               (churn, 0.6, "yellow", 0.5, True, "missed")]  # never guessed
    assert stored.scores[0].reflection == "aim for 50 next time"
    assert stored.scores[1].reflection == "the supplier change came late"

    found = coach(env, "kb", "search", "weekly calls with customers move NPS", "--k", "3",
                  "--json")
    assert found.returncode == 0, found.stderr
    best = json.loads(found.stdout)["results"][0]
    assert best["objective"] == "Delight our customers" and best["team"] == "Support team"
    assert [kr["score"] for kr in best["key_results"]] == [1.0, 0.6]
    assert "set smaller committed KRs" in best["learnings"]
    assert "weekly calls with customers move NPS" in best["learnings"]

    shown = coach(env, "okr", "show", okr.id)
    assert shown.returncode == 0, shown.stderr
    assert "scored 1.0   cue to stretch more next time" in shown.stdout
    assert "scored 0.6 (suggested 0.5)   committed KR missed: discuss" in shown.stdout
    assert "Learnings: set smaller committed KRs" in shown.stdout
    assert "suggested score" not in shown.stdout  # the agreed scores replace suggestions
    as_json = json.loads(coach(env, "okr", "show", okr.id, "--json").stdout)
    assert as_json["retros"][0]["scores"][1]["score"] == 0.6

    resumed = coach(env, "resume", doc["session_id"], stdin="0.9\n")
    assert f"finished and saved; see it with: coach okr show {okr.id}" in resumed.stdout
    assert len(scores_in(env["COACH_DATA_DIR"], okr.id)) == 1

    after = coach(env, "chat", "--mode", "prepare", "--after", okr.id, "--script",
                  str(Path(env["COACH_DATA_DIR"]).parent / "retro.txt"), "--json")
    assert after.returncode == 0, after.stderr
    opened = json.loads(after.stdout)
    assert opened["after"]["set_id"] == okr.id
    assert "set smaller committed KRs" in opened["after"]["learnings"]
    first = opened["turns"][0]  # the coach opens the new period with them, then asks
    assert first["role"] == "coach"
    assert first["text"].startswith(f"From the retrospective of OKR set {okr.id} you take")
    assert "set smaller committed KRs" in first["text"] and first["text"].endswith("?")
    sessions = SessionStore(Settings(_env_file=None,
                                     COACH_DATA_DIR=env["COACH_DATA_DIR"]).sessions_db)
    try:
        info = sessions.get(opened["session_id"])
        assert info is not None and info.mode == "prepare" and info.okr_set_id == okr.id
    finally:
        sessions.close()


def test_a_retro_before_the_period_ends_needs_early(env: dict[str, str]) -> None:
    okr = adopt(Path(env["COACH_DATA_DIR"]), ends_in_days=10)
    done = play(env, RETRO)
    assert done.returncode == 2 and done.stdout == ""
    end = date.today() + timedelta(days=10)
    assert done.stderr.splitlines() == [
        f"error: the period of OKR set {okr.id} ends on {end}: a retrospective before then "
        "needs --early"]
    asked = coach(env, "chat", "--mode", "retro", stdin="n\n")
    assert asked.returncode == 0, asked.stderr
    assert "start the retrospective early?" in asked.stdout
    assert "No retrospective started" in asked.stdout
    assert scores_in(env["COACH_DATA_DIR"], okr.id) == []
    early = play(env, RETRO, "--early")
    assert early.returncode == 0, early.stderr
    assert json.loads(early.stdout)["retro"]["saved"]
    assert coach(env, "chat", "--early").returncode == 2  # --early goes with retro only


def test_the_chat_header_lists_the_modes_commands(env: dict[str, str]) -> None:
    adopt(Path(env["COACH_DATA_DIR"]))
    retro = coach(env, "chat", "--mode", "retro", stdin="quit\n")
    assert "Type skip, retry or quit." in retro.stdout and "summary" not in retro.stdout
    prepare = coach(env, "chat", stdin="quit\n")
    assert "Type next, back, summary, retry or quit." in prepare.stdout


# -- the model words the moves -------------------------------------------------------------

def run_retro(session: CoachSession, lines: Sequence[str]) -> list[object]:
    events: list[object] = list(session.start())
    for line in lines:
        events += list(session.send(line))
    return events


@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-retro", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_LLM_RETRIES=0, COACH_LLM_TIMEOUT=5)
    fake_openai.scripted_structured = False
    fake_openai.responder = lambda body: "Thank you for sharing that. What comes to mind?"
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def test_the_model_words_the_moves_and_never_brings_its_own_scores(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    okr = adopt(openai_runtime.settings.data_dir)
    opening = ("Welcome to the retrospective! NPS ended at 40 against 40, which suggests "
               "1.0 — does that fit?")
    fake_openai.push(Reply(opening),
                     Reply("Great, a 0.9 then. What would a stretch look like?"),  # unsaid
                     Reply("Lovely. What would a bigger stretch have looked like?"))  # no 1.0
    session = openai_runtime.new_session("retro", okr_set_id=okr.id)
    events = run_retro(session, RETRO)
    assert not any(isinstance(e, TurnFailed) for e in events)
    replies = [e.text for e in events if isinstance(e, CoachReplied)]
    assert replies[0] == opening  # the model's wording is shown
    assert "0.9" not in replies[1] and replies[1].startswith("Scored 1.0 (green)")
    assert "Thank you for sharing that. What comes to mind?" in replies[2:]
    assert replies[-1].endswith(f"coach chat --mode prepare --after {okr.id}")

    first = fake_openai.reply_requests()[0].body["messages"]
    assert "suggests a score of 1.0" in first[0]["content"] or "1.0" in first[0]["content"]
    assert session.done
    guard = cast(GuardedLLM, openai_runtime.deps.llm).guard
    assert guard.fell_back >= 1 and guard.passed_first >= 1

    (stored,) = openai_runtime.okr_store().list_scores(okr.id)
    assert [(s.score, s.adjusted) for s in stored.scores] == [(1.0, False), (0.6, True)]


def test_a_backfilled_retro_is_stored_on_its_own_day(env: dict[str, str]) -> None:
    """`--date` after the period's end: no --early needed, and the scores carry that day
    (a new user's `coach retro --date 2027-04-02` was shown as held today)."""
    okr = adopt(Path(env["COACH_DATA_DIR"]), ends_in_days=10)
    day = date.today() + timedelta(days=12)
    done = play(env, RETRO, "--date", day.isoformat())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["retro"]["scored_at"].startswith(day.isoformat())
    (stored,) = scores_in(env["COACH_DATA_DIR"], okr.id)
    assert stored.scored_at.date() == day
    shown = coach(env, "okr", "show", okr.id)
    assert f"Retrospective {day}" in shown.stdout
