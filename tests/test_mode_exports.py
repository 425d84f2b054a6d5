"""A check-in session reads as a check-in in lists and exports: titled by its mode and period,
the OKR set it was about (numbers as said: 40, not 40.0), and the conversation under the mode's
own step titles — none of prepare's draft sections."""

from __future__ import annotations

from datetime import date

from coach.export import export_text
from coach.okr.models import OKRDraft
from coach.okr_store import open_okr_store
from coach.runtime import CoachRuntime
from coach.settings import Settings
from tests.helpers import opening

DRAFT = OKRDraft.model_validate({"period": "Q1 2027", "objectives": [{
    "title": "Fresh bread, nothing thrown away", "key_results": [{
        "text": "Cut wasted loaves from 40 to 15 per week", "metric": "wasted loaves",
        "baseline": 40, "target": 15, "unit": "/week"}]}]})


def test_a_checkin_exports_as_a_checkin(settings: Settings, runtime: CoachRuntime) -> None:
    with open_okr_store(settings) as store:
        okr = store.create_set(DRAFT, start=date(2026, 11, 1), end=date(2027, 3, 31))
    session = runtime.new_session("checkin", okr.id)
    opening(session)
    list(session.send("down to 31 loaves this week"))
    view = session.view()
    assert view.title == "Weekly check-in · Q1 2027"
    assert runtime.store.get(session.id).title == "Weekly check-in · Q1 2027"
    text = export_text(view, "md")
    assert text.startswith("# Weekly check-in · Q1 2027")
    assert "## The OKR set" in text and "Draft in detail" not in text
    assert "40/week → 15/week" in text and "40.0" not in text
    assert "### Where we are" in text and "**You:** down to 31 loaves this week" in text
    assert "ticket_office" not in text and "Ticket Office" not in text


def test_a_prepare_export_keeps_its_draft_sections(runtime: CoachRuntime) -> None:
    session = runtime.new_session()
    opening(session)
    list(session.send("Our best hope is a calmer support desk"))
    text = export_text(session.view(), "md")
    assert "### Draft in detail" in text and "<!-- okr-coach:okr -->" in text
    assert "### Ticket Office" in text
