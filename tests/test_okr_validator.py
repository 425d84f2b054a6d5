"""The KR/objective validator against a hand-written table (tests/data/kr_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.okr.models import Finding, KeyResult, Objective, OKRDraft
from coach.okr.rules import KR_RULES
from coach.okr.validator import (
    OBJECTIVE_RULES,
    OKR_RULES,
    check_key_result,
    check_kr,
    check_objective,
    check_okr,
)

TABLE: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "kr_cases.yaml").read_text(encoding="utf-8")
)
KR_CASES = TABLE["key_results"]
OBJECTIVE_CASES = TABLE["objectives"]
ALL_RULES = KR_RULES | OBJECTIVE_RULES | OKR_RULES


def _split(findings: list[Finding]) -> tuple[set[str], set[str]]:
    errors = {f.rule for f in findings if f.severity == "error"}
    return errors, {f.rule for f in findings if f.severity != "error"}


def test_table_is_large_and_covers_many_functions() -> None:
    assert len(KR_CASES) + len(OBJECTIVE_CASES) >= 60
    domains = {c["domain"] for c in KR_CASES}
    assert len(domains) >= 10
    assert any(c["errors"] for c in KR_CASES) and any(not c["errors"] for c in KR_CASES)


@pytest.mark.parametrize("case", KR_CASES, ids=lambda c: c["text"][:60] or "<empty>")
def test_kr_case(case: dict[str, Any]) -> None:
    parsed, findings = check_kr(case["text"])
    assert parsed.model_dump() == case["parsed"]
    errors, warnings = _split(findings)
    assert errors == set(case["errors"])
    assert warnings == set(case["warnings"])
    for f in findings:
        assert ALL_RULES[f.rule] == f.severity
        assert f.message.strip() and (f.message[0].isupper() or f.message[0] == "'")


@pytest.mark.parametrize("case", KR_CASES, ids=lambda c: c["text"][:60] or "<empty>")
def test_parsed_numbers_are_json_numbers(case: dict[str, Any]) -> None:
    parsed, _ = check_kr(case["text"])
    for value in (parsed.baseline, parsed.target):
        assert value is None or type(value) is int or not float(value).is_integer()


@pytest.mark.parametrize("case", OBJECTIVE_CASES, ids=lambda c: c["title"][:60] or "<empty>")
def test_objective_case(case: dict[str, Any]) -> None:
    errors, warnings = _split(check_objective(case["title"]))
    assert errors == set(case["errors"])
    assert warnings == set(case["warnings"])


def test_good_kr_has_no_error_and_no_warning() -> None:
    _, findings = check_kr("Increase first-contact resolution from 62% to 80% by end of Q2")
    assert findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Become the best customer service team in the world",
        "Increase revenue significantly",
        "Deliver an amazing experience for everyone",
        "Be known as the most innovative team in the company",
        "90%",
        "from 70% to 90%",
    ],
)
def test_not_gameable(text: str) -> None:
    errors, _ = _split(check_kr(text)[1])
    assert errors, text


def test_unknown_baseline_is_a_warning_not_an_error() -> None:
    kr = KeyResult(text="Increase NPS to 50", metric="NPS", target=50, baseline_unknown=True)
    errors, warnings = _split(check_key_result(kr))
    assert "missing-baseline" not in errors
    assert "baseline-unknown" in warnings
    plain = kr.model_copy(update={"baseline_unknown": False})
    assert "missing-baseline" in _split(check_key_result(plain))[0]


def test_fields_filled_later_count_over_the_text() -> None:
    kr = KeyResult(text="Increase NPS to 50", metric="NPS", baseline=32, target=50, due="Q2")
    assert check_key_result(kr) == []


def test_direction_mismatch_message_names_the_numbers() -> None:
    _, findings = check_kr("Reduce escalations from 10 to 20 by end of Q2")
    (finding,) = findings
    assert finding.rule == "direction-mismatch"
    assert "20" in finding.message and "10" in finding.message


def test_kr_that_repeats_the_objective() -> None:
    title = "Improve customer phone service"
    _, findings = check_kr("Improve customer phone service", objective=title)
    assert "kr-restates-objective" in {f.rule for f in findings}
    _, good = check_kr("Increase response rate from 70% to 90% by end of Q2", objective=title)
    assert good == []


def _kr(text: str) -> KeyResult:
    parsed, _ = check_kr(text)
    return KeyResult(text=text, **parsed.model_dump())


GOOD_KRS = [
    "Increase response rate from 70% to 90% by end of Q2",
    "Reduce escalations from 12/month to 3/month by end of Q2",
    "Cut average handling time from 9 min to 6 min by end of Q2",
    "Raise CSAT from 3.8 to 4.5 by end of Q2",
    "Grow repeat callers served in one call from 40% to 60% by end of Q2",
    "Increase NPS from 32 to 50 by end of Q2",
]


def test_whole_draft_good() -> None:
    draft = OKRDraft(
        period="Q2",
        objectives=[
            Objective(
                title="Improve customer phone service", key_results=[_kr(t) for t in GOOD_KRS[:3]]
            )
        ],
    )
    assert check_okr(draft) == []


def test_whole_draft_counts_and_prefixes() -> None:
    one = Objective(
        title="Improve customer phone service", key_results=[_kr(t) for t in GOOD_KRS[:4]]
    )
    assert [(f.rule, f.severity) for f in check_okr(OKRDraft(objectives=[one]))] == [
        ("many-key-results", "info")
    ]
    bad = Objective(title="Launch the new portal", key_results=[_kr("Hire 5 engineers by Q2")])
    empty = Objective(title="Delight our donors")
    big = Objective(title="Make phone service effortless", key_results=[_kr(t) for t in GOOD_KRS])
    findings = check_okr(OKRDraft(objectives=[one, bad, empty, big]))
    by_rule = {f.rule: f.message for f in findings}
    assert by_rule["objective-is-task"].startswith("Objective 2: ")
    assert by_rule["activity-not-result"].startswith("Objective 2, KR 1: ")
    assert by_rule["no-key-results"].startswith("Objective 3: ")
    assert by_rule["too-many-key-results"].startswith("Objective 4: ")
    single = check_okr(OKRDraft(objectives=[bad]))
    assert {f.message.split(":")[0] for f in single} == {"Objective", "KR 1"}


def test_draft_without_objectives_and_with_too_many() -> None:
    assert [f.rule for f in check_okr(OKRDraft())] == ["no-objectives"]
    six = [
        Objective(title=f"Delight customer group {name}", key_results=[_kr(GOOD_KRS[0])])
        for name in "ABCDEF"
    ]
    rules = [f.rule for f in check_okr(OKRDraft(objectives=six))]
    assert rules == ["too-many-objectives"]


def test_rule_ids_are_kebab_case_and_severities_valid() -> None:
    for rule, severity in ALL_RULES.items():
        assert rule == rule.lower() and " " not in rule and "_" not in rule
        assert severity in ("error", "warning", "info")


def _rules(text: str) -> set[str]:
    return {f.rule for f in check_kr(text)[1]} - {"missing-deadline"}


@pytest.mark.parametrize("text", ["KR1:", "•", "  - ", "KR 2 -"])
def test_a_bare_label_is_an_empty_kr(text: str) -> None:
    assert _rules(text) == {"empty-kr"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # holding a level is a KPI, holding events is a task
        ("Hold inventory accuracy at 98% or better", {"kpi-not-change"}),
        ("Hold 4 workshops with customers", {"activity-not-result"}),
        ("Hold 4 workshops at 9am", {"activity-not-result"}),
        # an activity taken to 100% is the task, done; so is "100% of staff trained"
        (
            "Migrate 100% of customers to the new billing system",
            {"activity-not-result", "binary-kr"},
        ),
        ("100% of staff trained on the new safety procedure", {"binary-kr"}),
        ("Get SOC 2 certified by June", {"binary-kr"}),
        # ... but a share of people short of 100% is a measure
        ("Get 95% of staff certified on the new process", {"missing-baseline"}),
        # an activity noun in front of a measure is part of the metric
        ("Deployment frequency from 2 to 12 a month", set()),
        ("Rollout of the new CRM by Q3", {"activity-not-result"}),
        # lower-is-better heads inside longer metrics
        ("Increase defects per release from 3 to 6", {"unexpected-direction"}),
        # a relative step by words is relative, not a vague quantifier
        ("Reduce returns by a third", {"missing-baseline", "relative-target"}),
        # grand objectives with no measure stay errors, whatever the chatter
        ("I think we could aim to be the best team", {"no-measure"}),
        ("So basically: make the website faster", {"vague-quantifier"}),
    ],
)
def test_shape_rules_generalise(text: str, expected: set[str]) -> None:
    assert _rules(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Get ISO 27001 certified", {"objective-is-task"}),  # a code, not a number
        ("Bring 5G to every village", set()),
        ("Cut travel spend by 15%", {"objective-has-number", "objective-is-metric"}),
        ("Go live with the new ERP", {"objective-is-task"}),
    ],
)
def test_objective_rules_generalise(title: str, expected: set[str]) -> None:
    assert {f.rule for f in check_objective(title)} == expected
