"""With two objectives, each KR in the draft panel shows its own findings (by index, not by
parsing the message back)."""

from __future__ import annotations

from textual.widgets import Label

from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr.validator import check_okr
from coach.tui.widgets.draft_panel import draft_widgets


def test_each_kr_of_each_objective_shows_its_own_findings() -> None:
    draft = OKRDraft(period="Q3", objectives=[
        Objective(title="Callers reach someone who helps", key_results=[
            KeyResult(text="Increase answered calls from 70% to 90%", metric="answered calls",
                      baseline=70, target=90, unit="%", due="end of Q3"),
        ]),
        Objective(title="Our team grows its skills", key_results=[
            KeyResult(text="Run three workshops", metric="workshops", target=3, due="end of Q3"),
            KeyResult(text="Raise the skills score from 3.1 to 4.0", metric="skills score",
                      baseline=3.1, target=4.0, due="end of Q3"),
        ]),
    ])
    findings = [f.model_dump(exclude_none=True) for f in check_okr(draft)]
    task = [f for f in findings if f.get("objective") == 2 and f.get("kr") == 1]
    assert task and all(f["message"].startswith("Objective 2, KR 1:") for f in task)
    texts = [str(w.content) for w in draft_widgets({"period": "Q3", "objectives": [
        {"title": o.title, "key_results": [kr.model_dump() for kr in o.key_results]}
        for o in draft.objectives]}, findings, []) if isinstance(w, Label)]
    workshops = texts.index("KR 1. Run three workshops")
    calls = texts.index("KR 1. Increase answered calls from 70% to 90%")
    skills = texts.index("KR 2. Raise the skills score from 3.1 to 4.0")
    # the task finding sits under the workshops KR of objective 2, not under objective 1's KR 1
    assert any(t.startswith("✗") for t in texts[workshops:skills])
    assert texts[calls + 2] == "✓ looks good"
    assert texts[skills + 2] == "✓ looks good"
    assert "Objective 2" in texts
