"""Check key results, objectives and whole OKR drafts against the OKR rules (DESIGN §1).

Every finding has a stable kebab-case rule id, a severity and one plain sentence.
In `check_okr`, findings about one objective or KR are prefixed: "Objective: …" and
"KR 2: …" when the draft has one objective, "Objective 2: …" and "Objective 2, KR 1: …"
when it has several. Rule ids and severities: `KR_RULES` (rules.py), `OBJECTIVE_RULES`,
`OKR_RULES`.
"""

from __future__ import annotations

import re

from coach.okr import rules, vocab
from coach.okr.dates import mask_dates
from coach.okr.models import Finding, KeyResult, OKRDraft, ParsedKR, Severity
from coach.okr.numbers import scan_numbers
from coach.okr.parser import KRAnalysis, analyse_kr

__all__ = ["check_key_result", "check_kr", "check_objective", "check_okr"]

OBJECTIVE_RULES: dict[str, Severity] = {
    "objective-empty": "error",
    "objective-has-number": "error",
    "objective-is-task": "warning",
    "objective-is-metric": "warning",
    "objective-too-long": "warning",
}
OKR_RULES: dict[str, Severity] = {
    "no-objectives": "error",
    "too-many-objectives": "error",
    "no-key-results": "error",
    "too-many-key-results": "error",
    "many-key-results": "info",
}
MAX_OBJECTIVES = 5
MAX_KEY_RESULTS = 5
SWEET_SPOT = 3
MAX_OBJECTIVE_WORDS = 20

_WORDS = re.compile(r"[a-z0-9]+")


def _finding(rule: str, message: str) -> Finding:
    severity = OBJECTIVE_RULES.get(rule) or OKR_RULES.get(rule) or rules.KR_RULES[rule]
    return Finding(rule=rule, severity=severity, message=message)


def _check(kr: KeyResult, a: KRAnalysis) -> list[Finding]:
    if not a.text.strip() and kr.metric is None and kr.target is None:  # "", "KR1:", "•"
        return [rules.finding("empty-kr", "The key result is empty: write what you will measure.")]
    has_numbers = kr.target is not None or kr.baseline is not None or a.relative
    out = rules.shape_rules(kr, a, has_numbers)
    task_like = rules.is_activity(a) or rules.is_binary(kr, a)
    if has_numbers and not task_like:
        kpi = rules.is_kpi(a)
        out += rules.completeness_rules(kr, a, kpi)
        out += rules.consistency_rules(kr, a, kpi)
    return out + rules.deadline_rule(kr)


def check_key_result(kr: KeyResult) -> list[Finding]:
    """Findings for one KR; its fields are the numbers, its text decides the wording rules.
    A baseline marked unknown (`baseline_unknown`) is a warning to measure it first."""
    return _check(kr, analyse_kr(kr.text))


def _restates(kr_text: str, objective: str) -> bool:
    kr_words, obj_words = _WORDS.findall(kr_text.lower()), _WORDS.findall(objective.lower())
    if not kr_words or not obj_words:
        return False
    return kr_words == obj_words or (
        not any(w.isdigit() for w in kr_words) and set(kr_words) <= set(obj_words)
    )


def check_kr(text: str, objective: str | None = None) -> tuple[ParsedKR, list[Finding]]:
    """Parse one KR sentence and check it; `objective` is the title it serves, if known."""
    a = analyse_kr(text)
    kr = KeyResult(text=text, baseline_unknown=a.baseline_unknown, **a.parsed.model_dump())
    findings = _check(kr, a)
    if objective and text.strip() and _restates(a.text, objective):
        findings.append(
            rules.finding(
                "kr-restates-objective",
                "This repeats the objective; a key result says how you will know it is reached.",
            )
        )
    return a.parsed, findings


def check_objective(title: str) -> list[Finding]:
    """Findings for one objective title: qualitative, no numbers, not a task or a metric."""
    title = title.strip()
    if not title:
        return [
            _finding("objective-empty", "The objective is empty: say what you want to achieve.")
        ]
    out: list[Finding] = []
    if any(t.role != "code" for t in scan_numbers(mask_dates(title))):  # not "ISO 27001"
        out.append(
            _finding(
                "objective-has-number",
                "Keep numbers out of the objective: they belong in its key results.",
            )
        )
    a = analyse_kr(title)
    words = title.split()
    first = words[0].lower() if words else ""
    task = a.verb in vocab.OBJECTIVE_TASK_VERBS or first in vocab.ACTIVITY_NOUNS
    if task or vocab.BINARY_RE.search(title):  # "Go live with ...", "Get ISO 27001 certified"
        out.append(
            _finding(
                "objective-is-task",
                "This reads like a task; an objective says what you want to achieve by doing it.",
            )
        )
    change = a.direction is not None or a.verb in vocab.NEUTRAL_CHANGE_VERBS
    if vocab.METRIC_NOUNS.search(title) and (change or len(words) <= 3):
        out.append(
            _finding(
                "objective-is-metric",
                "This names a metric; let the objective say why it matters and put the metric "
                "in a key result.",
            )
        )
    if len(words) > MAX_OBJECTIVE_WORDS:
        out.append(
            _finding(
                "objective-too-long",
                f"At {len(words)} words the objective is hard to remember: aim for one short "
                "sentence.",
            )
        )
    return out


def _prefixed(prefix: str, findings: list[Finding], objective: int | None = None,
              kr: int | None = None) -> list[Finding]:
    """Findings with the words and the indices of what they are about."""
    return [f.model_copy(update={"message": f"{prefix}: {f.message}", "objective": objective,
                                 "kr": kr}) for f in findings]


def check_okr(draft: OKRDraft) -> list[Finding]:
    """Findings for a whole draft: counts, then each objective and each of its KRs."""
    objectives = draft.objectives
    if not objectives:
        return [_finding("no-objectives", "The draft has no objective yet.")]
    out: list[Finding] = []
    if len(objectives) > MAX_OBJECTIVES:
        out.append(
            _finding(
                "too-many-objectives",
                f"{len(objectives)} objectives is more than {MAX_OBJECTIVES}: focus on the few "
                "that matter most this period.",
            )
        )
    several = len(objectives) > 1
    for i, objective in enumerate(objectives, start=1):
        head = f"Objective {i}" if several else "Objective"
        out += _prefixed(head, check_objective(objective.title), i)
        n = len(objective.key_results)
        if n == 0:
            out.append(
                _finding("no-key-results", f"{head}: add 1 to {MAX_KEY_RESULTS} key results.")
            )
        elif n > MAX_KEY_RESULTS:
            out.append(
                _finding(
                    "too-many-key-results",
                    f"{head}: {n} key results is more than {MAX_KEY_RESULTS}; keep the ones that "
                    "best show the objective is reached.",
                )
            )
        elif n > SWEET_SPOT:
            out.append(
                _finding(
                    "many-key-results",
                    f"{head}: {n} key results is fine, though {SWEET_SPOT} is usually enough.",
                )
            )
        for j, kr in enumerate(objective.key_results, start=1):
            findings = check_key_result(kr)
            if kr.text.strip() and _restates(analyse_kr(kr.text).text, objective.title):
                findings.append(
                    rules.finding(
                        "kr-restates-objective",
                        "This repeats the objective; a key result says how you will know it "
                        "is reached.",
                    )
                )
            out += _prefixed(f"{head}, KR {j}" if several else f"KR {j}", findings, i, j)
    return out
