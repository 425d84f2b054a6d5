"""The weekly check-in end to end: the real graph, the real SQLite checkpointer and a real
OKR store file — `coach chat --mode checkin` as a process, the record stored once through a
failed save and a retry, and the model path against the fake OpenAI server."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from coach.checkin_source import StoreCheckins
from coach.events import CoachReplied, TurnFailed
from coach.llm.guarded import GuardedLLM
from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr_store import CheckIn, KRValue, OKRSetRecord, OKRStore, open_okr_store
from coach.runtime import CoachRuntime, build_runtime
from coach.session import CoachSession
from coach.settings import Settings
from tests.support.coach_process import coach, coach_env
from tests.support.fake_openai_server import FakeOpenAIServer, Reply

# KR 1 (NPS, up): an unclear value then a good one, a confidence; KR 2 (churn, down):
# skipped; then the topic, on it what puts them at 7 rather than 3 (what works) and what 8
# would look like, a strength, two commitments in one answer
FIRST_WEEK = ["roughly 30", "28", "7", "skip", "NPS", "the new onboarding call",
              "the team is on it", "our patience", "call three customers and write the FAQ"]


def adopt(data_dir: Path, period: str = "this quarter") -> OKRSetRecord:
    """An adopted set: NPS 20 → 40 (increase) and churn 5 % → 3 % (decrease), a third of
    the way through its period."""
    draft = OKRDraft(period=period, objectives=[Objective(title="Delight our customers",
                                                          key_results=[
        KeyResult(text="Increase NPS from 20 to 40", metric="NPS", baseline=20, target=40),
        KeyResult(text="Reduce churn from 5% to 3%", metric="churn", baseline=5, target=3,
                  unit="%"),
    ])])
    today = date.today()
    with open_okr_store(Settings(_env_file=None, COACH_DATA_DIR=data_dir)) as store:
        return store.create_set(draft, start=today - timedelta(days=30),
                                end=today + timedelta(days=60))


def play(env: dict[str, str], lines: Sequence[str], *args: str
         ) -> subprocess.CompletedProcess[str]:
    script = Path(env["COACH_DATA_DIR"]).parent / "week.txt"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return coach(env, "chat", "--mode", "checkin", "--script", str(script), "--json", *args)


def coach_turns(doc: dict[str, Any]) -> list[str]:
    return [t["text"] for t in doc["turns"] if t["role"] == "coach"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return coach_env(tmp_path / "data")


def test_a_scripted_checkin_stores_exactly_what_was_said(env: dict[str, str]) -> None:
    okr = adopt(Path(env["COACH_DATA_DIR"]))
    nps, churn = (kr.id for kr in okr.key_results())
    done = play(env, FIRST_WEEK)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # every line used, nothing left over
    doc = json.loads(done.stdout)
    assert doc["mode"] == "checkin" and doc["room"] == "done" and doc["backend"] == "offline"
    assert [t["text"] for t in doc["turns"] if t["role"] == "user"] == FIRST_WEEK
    rooms = [t["room"] for t in doc["turns"]]
    assert rooms[0] == "value" and rooms[-1] == "done"
    assert {"confidence", "topic", "working", "strengths", "commitments"} <= set(rooms)
    said = coach_turns(doc)
    assert "roughly 30" in said[1]  # the unclear value is named and asked about again
    assert "28" in said[2] and "30" not in said[2]  # the read-back of what was said

    objective = doc["okr"]["objectives"][0]
    assert doc["okr"]["period"] == "this quarter"
    assert [kr["text"] for kr in objective["key_results"]] == [
        "Increase NPS from 20 to 40", "Reduce churn from 5% to 3%"]
    assert set(objective["key_results"][0]) == {"text", "metric", "baseline", "target",
                                                "unit", "due"}

    checkin = doc["checkin"]
    assert checkin["saved"] and checkin["set_id"] == okr.id
    rows = {row["kr_id"]: row for row in checkin["key_results"]}
    assert rows[nps]["value"] == 28 and rows[nps]["confidence"] == 7
    assert rows[nps]["status"] == "on_track" and not rows[nps]["skipped"]
    assert rows[churn]["value"] is None and rows[churn]["confidence"] is None
    assert rows[churn]["skipped"] and rows[churn]["status"] == "no_data"
    assert checkin["commitments"] == ["call three customers", "write the FAQ"]
    assert "28" in checkin["summary"]

    shown = coach(env, "okr", "show", okr.id, "--json")
    assert shown.returncode == 0, shown.stderr
    (stored,) = json.loads(shown.stdout)["checkins"]
    assert stored["session_id"] == doc["session_id"] and stored["id"] == checkin["id"]
    values = {v["kr_id"]: v for v in stored["values"]}
    assert values[nps]["value"] == 28 and values[nps]["confidence"] == 7  # never 30
    assert values[nps]["note"] == "the new onboarding call; the team is on it"
    assert values[churn]["value"] is None and values[churn]["skipped"]
    assert stored["commitments"] == ["call three customers", "write the FAQ"]
    assert "Working: the new onboarding call" in stored["notes"]
    text = coach(env, "okr", "show", okr.id)
    assert "KR 1 28 (7/10), KR 2 skipped" in text.stdout
    assert "next: call three customers; write the FAQ" in text.stdout

    listed = coach(env, "sessions")
    assert doc["session_id"] in listed.stdout and "checkin" in listed.stdout
    row = next(line for line in listed.stdout.splitlines() if doc["session_id"] in line)
    assert row.endswith(f"(OKR set {okr.id})")  # the set the check-in is about
    resumed = coach(env, "resume", doc["session_id"], stdin="25\n")
    assert resumed.returncode == 0, resumed.stderr
    assert f"finished and saved; see it with: coach okr show {okr.id}" in resumed.stdout
    assert "Resume with" not in resumed.stdout  # a finished check-in is not to be resumed
    assert len(json.loads(coach(env, "okr", "show", okr.id, "--json").stdout)["checkins"]) == 1


def test_next_week_starts_from_last_weeks_commitments_and_value(env: dict[str, str]) -> None:
    okr = adopt(Path(env["COACH_DATA_DIR"]))
    nps, churn = (kr.id for kr in okr.key_results())
    assert play(env, FIRST_WEEK).returncode == 0
    second = play(env, ["I called two of them", "31", "8", "4.5", "6", "none", "skip", "skip",
                        "skip", "no"])
    assert second.returncode == 0, second.stderr
    doc = json.loads(second.stdout)
    said = coach_turns(doc)
    assert doc["turns"][0]["room"] == "review"
    assert "“call three customers” and “write the FAQ”" in said[0]  # one question for both
    nps_question = said[1]
    assert "NPS" in nps_question and "28" in nps_question  # last week's value
    rows = {row["kr_id"]: row for row in doc["checkin"]["key_results"]}
    assert (rows[nps]["value"], rows[nps]["confidence"]) == (31, 8)
    assert (rows[churn]["value"], rows[churn]["confidence"]) == (4.5, 6)
    with open_okr_store(Settings(_env_file=None, COACH_DATA_DIR=env["COACH_DATA_DIR"])) as store:
        first, latest = store.list_checkins(okr.id)
    assert latest.session_id == doc["session_id"] and first.session_id != latest.session_id
    assert "I called two of them" in (latest.notes or "")


def test_no_active_set_or_several_exit_2_with_one_line(env: dict[str, str]) -> None:
    done = play(env, ["25"])
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "error: no active OKR set — adopt one with `coach okr adopt SESSION` or "
        "`coach okr import FILE`"]
    first = adopt(Path(env["COACH_DATA_DIR"]), "Q1 2031")
    second = adopt(Path(env["COACH_DATA_DIR"]), "Q2 2031")
    done = play(env, ["25"])
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: several active OKR sets — choose one with --okr: ")
    assert first.id in line and second.id in line
    unknown = play(env, ["25"], "--okr", "nope")
    assert unknown.returncode == 2 and unknown.stderr.splitlines() == [
        "error: no OKR set 'nope' (see `coach okr list`)"]
    chosen = play(env, ["25"], "--okr", second.id)
    assert chosen.returncode == 0, chosen.stderr
    doc = json.loads(chosen.stdout)
    assert doc["okr"]["period"] == "Q2 2031" and not doc["checkin"]["saved"]
    assert coach(env, "chat", "--okr", first.id).returncode == 2  # prepare takes no set


# -- in process: a save that fails, then a retry -------------------------------------------

class FlakyStore:
    """The real store; its first `record_checkin` fails — before writing, or right after
    (a crash between the store's commit and the graph's checkpoint)."""

    def __init__(self, inner: OKRStore, *, after_saving: bool) -> None:
        self.inner = inner
        self.after_saving = after_saving
        self.calls = 0

    def record_checkin(self, set_id: str, values: Sequence[KRValue], **kw: Any) -> CheckIn:
        self.calls += 1
        if self.calls == 1 and not self.after_saving:
            raise OSError("disk I/O error")
        saved = self.inner.record_checkin(set_id, values, **kw)
        if self.calls == 1:
            raise OSError("killed right after saving")
        return saved

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def run_week(session: CoachSession, lines: Sequence[str]) -> list[object]:
    events: list[object] = list(session.start())
    for line in lines:
        events += list(session.send(line))
    return events


@pytest.mark.parametrize("after_saving", [False, True])
def test_the_checkin_is_stored_once_through_a_failed_save_and_retry(
    settings: Settings, after_saving: bool
) -> None:
    okr = adopt(settings.data_dir)
    flaky = FlakyStore(open_okr_store(settings), after_saving=after_saving)
    checkins = StoreCheckins(lambda: cast(OKRStore, flaky))
    runtime = build_runtime(settings, "offline")
    runtime.checkins = checkins
    runtime.deps = replace(runtime.deps, checkins=checkins)
    try:
        session = runtime.new_session("checkin", okr_set_id=okr.id)
        events = run_week(session, FIRST_WEEK)
        assert isinstance(events[-1], TurnFailed) and "retry" in events[-1].message
        assert session.awaiting_retry and not session.done
        stored = flaky.inner.list_checkins(okr.id)
        assert len(stored) == (1 if after_saving else 0)

        session.close()  # a new process resumes it, and retries
        again = runtime.open_session(session.id)
        replied = list(again.retry())
        assert not any(isinstance(e, TurnFailed) for e in replied)
        assert again.done and not again.awaiting_retry
        (stored_once,) = flaky.inner.list_checkins(okr.id)
        assert stored_once.session_id == session.id
        assert stored_once.commitments == ["call three customers", "write the FAQ"]
        assert list(again.start()) == []  # nothing pending: no third save
        assert len(flaky.inner.list_checkins(okr.id)) == 1
    finally:
        runtime.close()


# -- the model words the moves -------------------------------------------------------------

@pytest.fixture
def openai_runtime(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[CoachRuntime]:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data",
                        OPENAI_API_KEY="sk-test-checkin", OPENAI_BASE_URL=fake_openai.base_url,
                        COACH_LLM_RETRIES=0, COACH_LLM_TIMEOUT=5)
    fake_openai.scripted_structured = False
    fake_openai.responder = lambda body: "Thanks for sharing that. What comes to mind?"
    runtime = build_runtime(settings)
    yield runtime
    runtime.close()


def test_the_model_words_the_moves_and_never_brings_its_own_numbers(
    openai_runtime: CoachRuntime, fake_openai: FakeOpenAIServer
) -> None:
    okr = adopt(openai_runtime.settings.data_dir)
    nps = okr.key_results()[0].id
    opening_line = "Welcome back! NPS started at 20 and aims for 40 — where is it now?"
    fake_openai.push(Reply(opening_line),
                     Reply("Great, NPS is at 30 now. How sure are you?"),  # 30: never said
                     Reply("So NPS is 33. How confident are you?"))  # again: the offline line
    session = openai_runtime.new_session("checkin", okr_set_id=okr.id)
    events = run_week(session, FIRST_WEEK[1:])
    assert not any(isinstance(e, TurnFailed) for e in events)
    replies = [e.text for e in events if isinstance(e, CoachReplied)]
    assert replies[0] == opening_line  # the model's wording is shown
    assert "30" not in replies[1] and "33" not in replies[1]
    assert replies[1].startswith("Got it: NPS is now 28") or "NPS at 28" in replies[1]
    assert "Thanks for sharing that. What comes to mind?" in replies[2:]

    first = fake_openai.reply_requests()[0].body["messages"]
    assert "At the start, NPS was at 20" in first[0]["content"]  # the offline line, as draft
    assert session.done
    guard = cast(GuardedLLM, openai_runtime.deps.llm).guard
    assert guard.fell_back >= 1 and guard.failures["numbers"] >= 2 and guard.passed_first >= 1

    (stored,) = open_okr_store(openai_runtime.settings).list_checkins(okr.id)
    value = stored.value_of(nps)
    assert value is not None and (value.value, value.confidence) == (28, 7)  # read by rules
    assert stored.commitments == ["call three customers", "write the FAQ"]
