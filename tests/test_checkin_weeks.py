"""Several weeks of check-ins on one set, each for its own day (`--date`): every week starts
from the week before (its value, its commitments), the store holds each on its day, and
`coach okr show` draws the series. The person here answers what the coach asks, whatever its
order, so the test follows the conversation instead of a fixed script."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from coach.events import CoachReplied
from coach.okr.models import OKRDraft
from coach.okr_store import OKRSetRecord, open_okr_store
from coach.runtime import CoachRuntime
from coach.session import CoachSession
from coach.settings import Settings
from tests.support.coach_process import coach, coach_env

DRAFT = OKRDraft.model_validate({"period": "Q1 2027", "objectives": [{
    "title": "Fresh bread, nothing thrown away", "key_results": [
        {"text": "Cut wasted loaves from 40 to 15 per week", "metric": "wasted loaves",
         "baseline": 40, "target": 15, "unit": "/week"},
        {"text": "Grow weekly regulars from 120 to 180", "metric": "weekly regulars",
         "baseline": 120, "target": 180}]}]})
WEEKS = [("2026-11-10", 38, 125), ("2026-11-17", 33, 131), ("2026-11-24", 29, 140)]


def answer(question: str, loaves: int, regulars: int, step: int) -> str:
    """What a person would say to this question (the numbers are theirs)."""
    q = question.lower()
    if "0 to 10" in q or "0–10" in q or "how confident" in q or "how sure" in q:
        return "7"
    if "rather than" in q:
        return "the new ordering sheet"
    if "look like" in q:
        return "fewer loaves in the bin on Mondays"
    if "strength" in q:
        return "we plan carefully"
    if "next week" in q and ("do" in q or "step" in q):
        return f"call the supplier on day {step}"
    if "one more" in q or "anything else" in q or "leave it" in q:
        return "that's it"
    if "what happened" in q or "what came of" in q or "how did" in q:
        return "we did it"
    if "wasted loaves" in q and ("now" in q or "stand" in q or "where" in q):
        return f"{loaves} this week"
    if "weekly regulars" in q and ("now" in q or "stand" in q or "where" in q):
        return str(regulars)
    if "talk about" in q or "help you most" in q or "help most" in q:
        return "none"
    if "working" in q or "works" in q:
        return "the new ordering sheet"
    return "that's it"


def run_week(session: CoachSession, loaves: int, regulars: int) -> list[str]:
    said = [e.text for e in session.start() if isinstance(e, CoachReplied)]
    for step in range(30):
        if session.done:
            return said
        said += [e.text for e in session.send(answer(said[-1], loaves, regulars, step))
                 if isinstance(e, CoachReplied)]
    raise AssertionError(f"the check-in never ended: {said[-3:]}")


def adopt(settings: Settings) -> OKRSetRecord:
    with open_okr_store(settings) as store:
        return store.create_set(DRAFT, start=date(2026, 11, 1), end=date(2027, 3, 31))


def test_three_weekly_checkins_each_on_its_day(settings: Settings,
                                               runtime: CoachRuntime) -> None:
    okr = adopt(settings)
    openings = []
    for day, loaves, regulars in WEEKS:
        said = run_week(runtime.new_session("checkin", okr.id, on_date=day), loaves, regulars)
        openings.append(said[0] + " " + said[1] if len(said) > 1 else said[0])
    checkins = runtime.okr_store().list_checkins(okr.id)
    assert [c.taken_at.date().isoformat() for c in checkins] == [d for d, _, _ in WEEKS]
    loaves_kr, regulars_kr = okr.key_results()
    assert [c.value_of(loaves_kr.id).value for c in checkins] == [38, 33, 29]  # type: ignore[union-attr]
    assert [c.value_of(regulars_kr.id).value for c in checkins] == [125, 131, 140]  # type: ignore[union-attr]
    assert checkins[1].commitments and "day" in checkins[1].commitments[0]
    assert "call the supplier" in openings[1]  # last week's plan first
    assert re.search(r"\b38\b", openings[1] + openings[2]) or "38" in " ".join(openings)


def test_a_backfilled_week_starts_from_the_week_before_it(settings: Settings,
                                                          runtime: CoachRuntime) -> None:
    okr = adopt(settings)
    run_week(runtime.new_session("checkin", okr.id, on_date="2026-11-24"), 29, 140)
    said = run_week(runtime.new_session("checkin", okr.id, on_date="2026-11-10"), 38, 125)
    assert "29" not in said[0]  # a later week is not "last week" for an earlier day
    days = [c.taken_at.date().isoformat() for c in runtime.okr_store().list_checkins(okr.id)]
    assert days == ["2026-11-10", "2026-11-24"]


def test_the_cli_date_option_and_show(tmp_path: Path) -> None:
    env = coach_env(tmp_path / "data")
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    settings.ensure_data_dir()
    okr = adopt(settings)
    bad = coach(env, "checkin", okr.id, "--date", "last tuesday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    wrong = coach(env, "chat", "--date", "2026-11-10")
    assert wrong.returncode == 2 and "--date goes with" in wrong.stderr
    script = tmp_path / "week.txt"
    script.write_text("38 this week\n7\n", encoding="utf-8")
    partial = coach(env, "checkin", okr.id, "--date", "2026-11-10", "--script", str(script),
                    "--json")
    assert partial.returncode == 0, partial.stderr
    doc = json.loads(partial.stdout)
    assert doc["mode"] == "checkin" and doc["checkin"]["saved"] is False  # not finished
    shown = coach(env, "okr", "show", okr.id)
    assert shown.returncode == 0 and "No check-ins yet." in shown.stdout
