"""A new metric may state only its target: the validator asks to confirm 0 (DESIGN §1).

A KR whose text shows the thing measured is new (a new product, feature, channel, "our
first", "after launch", "from scratch", a pilot) gets the warning `baseline-zero-confirm`
instead of the error `missing-baseline`; the baseline is never assumed, it stays unstated.
Every other missing baseline keeps today's error.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr.rules import KR_RULES
from coach.okr.validator import check_kr, check_okr
from tests.conftest import COACH_BIN, cli_env

NEW_METRICS = [
    "Reach 5,000 users of the new app by end of Q3",
    "Sign our first 10 paying customers by June",
    "Get 500 sign-ups in the first month after launch",
    "Get 30 schools into the pilot by March",
    "Grow the podcast from scratch to 2,000 listeners by December",
    "Reach 300 members in the community we start in May",
    "Reach 200 beta testers by end of Q2",
    "Get 40% of orders through the newly launched mobile app by Q4",
    "Win 15 customers in our new German market by end of Q3",
    "Reach $50k monthly revenue from the new subscription tier by Q4",
    "Book 120 appointments a month through an online channel that does not exist yet",
    "Reach 500 paying users of the premium plan we launch in April",
]

ORDINARY_MISSING_BASELINES = [
    "Reach 1,000 newsletter subscribers by June",  # nothing says the newsletter is new
    "Sign 20 new enterprise customers in Q3",  # new customers of an existing business
    "Learn 500 new Spanish words in 3 months",
    "Get 95% of staff certified on the new process by June",
    "Resolve 80% of issues on our first call by end of Q2",  # an occasion, not a beginning
    "Increase weekly active users to 5,000 by 31 March 2027",
    "Grow revenue to $5M by December",
    "Raise the new app's rating to 4.5 stars by June",  # a rating has a value from day one
    "Increase conversion on the new checkout to 3% by Q3",
    "Cut response time on the new chat channel to 2 minutes by Q2",  # going down, not from 0
    "Reduce complaints about the new app to 5 a week by June",
]


def _rules(text: str) -> dict[str, str]:
    _, findings = check_kr(text)
    return {f.rule: f.severity for f in findings}


def test_the_rule_is_a_stable_warning() -> None:
    assert KR_RULES["baseline-zero-confirm"] == "warning"
    assert KR_RULES["missing-baseline"] == "error"


@pytest.mark.parametrize("text", NEW_METRICS)
def test_a_new_metric_gets_the_confirm_zero_warning_and_no_error(text: str) -> None:
    parsed, findings = check_kr(text)
    assert parsed.baseline is None  # never assumed
    assert parsed.target is not None
    assert [f.severity for f in findings if f.severity == "error"] == []
    (confirm,) = [f for f in findings if f.rule == "baseline-zero-confirm"]
    assert confirm.severity == "warning"
    assert "confirm" in confirm.message and "starts at 0" in confirm.message


@pytest.mark.parametrize("text", ORDINARY_MISSING_BASELINES)
def test_an_ordinary_missing_baseline_stays_an_error(text: str) -> None:
    parsed, _ = check_kr(text)
    assert parsed.baseline is None and parsed.target is not None
    rules = _rules(text)
    assert rules.get("missing-baseline") == "error"
    assert "baseline-zero-confirm" not in rules


def test_a_stated_zero_needs_no_confirmation() -> None:
    parsed, findings = check_kr("Grow newsletter subscribers from zero to 2,000 by June")
    assert (parsed.baseline, parsed.target) == (0, 2000)
    assert findings == []


def test_a_baseline_said_to_be_unknown_stays_unknown_even_when_new() -> None:
    rules = _rules("Reach 1,000 downloads of the new app by June (baseline unknown)")
    assert rules == {"baseline-unknown": "warning"}


def test_a_relative_change_of_a_new_thing_keeps_its_findings() -> None:
    rules = _rules("Increase revenue from the new product by 20% by Q4")
    assert rules == {"missing-baseline": "error", "relative-target": "warning"}


def test_a_task_stays_a_task_even_when_new() -> None:
    rules = _rules("Launch the new app and reach 5,000 downloads by June")
    assert rules == {"activity-not-result": "error"}


def test_a_draft_kr_of_a_new_channel_is_a_warning_in_the_whole_okr() -> None:
    draft = OKRDraft(
        period="Q3",
        objectives=[
            Objective(
                title="Customers reach us wherever they are",
                key_results=[
                    KeyResult(text="Answer 300 chats a week on the new WhatsApp channel by Q3",
                              metric="chats answered on the new WhatsApp channel", target=300,
                              due="Q3"),
                ],
            )
        ],
    )
    findings = check_okr(draft)
    assert [f.rule for f in findings] == ["baseline-zero-confirm"]
    assert findings[0].message.startswith("KR 1: ")
    assert draft.objectives[0].key_results[0].baseline is None


def test_check_kr_on_the_command_line_asks_to_confirm_zero(tmp_path: Path) -> None:
    lines = "Reach 5,000 users of the new app by end of Q3\nReach 1,000 users by end of Q3\n"
    done = subprocess.run([str(COACH_BIN), "check-kr", "--jsonl"], input=lines.encode(),
                          capture_output=True, env=cli_env(tmp_path / "data"), timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    new, ordinary = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert new["parsed"]["baseline"] is None
    assert [(f["rule"], f["severity"]) for f in new["findings"]] == [
        ("baseline-zero-confirm", "warning")
    ]
    assert ("missing-baseline", "error") in [(f["rule"], f["severity"])
                                             for f in ordinary["findings"]]
