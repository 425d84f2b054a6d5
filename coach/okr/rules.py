"""The rules a key result is checked against (DESIGN §1), one small function each.

A KR is first judged on its shape (task, done/not-done, keep-as-is, no measure at all);
only a KR that has numbers and is not a task is then checked for completeness (metric,
baseline, target), consistency (direction, no change) and the deadline.
"""

from __future__ import annotations

import re

from coach.okr import vocab
from coach.okr.models import Finding, KeyResult, Number, Severity
from coach.okr.parser import KRAnalysis

# rule id -> severity; ids are stable: scripts and the coach graph rely on them.
KR_RULES: dict[str, Severity] = {
    "empty-kr": "error",
    "activity-not-result": "error",
    "binary-kr": "error",
    "kpi-not-change": "error",
    "vague-quantifier": "error",
    "no-measure": "error",
    "missing-metric": "error",
    "missing-baseline": "error",
    "missing-target": "error",
    "no-change": "error",
    "direction-mismatch": "error",
    "baseline-unknown": "warning",
    "baseline-zero-confirm": "warning",
    "relative-target": "warning",
    "several-metrics": "warning",
    "vague-metric": "warning",
    "unexpected-direction": "warning",
    "missing-deadline": "warning",
    "kr-restates-objective": "warning",
}


def finding(rule: str, message: str) -> Finding:
    return Finding(rule=rule, severity=KR_RULES[rule], message=message)


def _num(value: Number, unit: str | None) -> str:
    text = f"{value:,}"
    if unit in ("$", "€", "£"):
        return f"{unit}{text}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit and not unit.startswith("/") else f"{text}{unit or ''}"


def is_activity(a: KRAnalysis) -> bool:
    words = a.text.lower().split()
    if a.verb in vocab.ACTIVITY_VERBS:
        if a.race:  # "Run 5 km in under 30 minutes": a performance, not a task
            return False
        return not (a.verb in vocab.LEVEL_VERBS and is_kpi(a))  # "Hold accuracy at 98%"
    if a.verb is not None or not words or words[0] not in vocab.ACTIVITY_NOUNS:
        return False
    # "Deployment frequency from 2 to 12 a month" measures; "Rollout of the CRM" is a task
    return len(words) < 2 or not vocab.MEASURE_HEADS.match(words[1])


def is_binary(kr: KeyResult, a: KRAnalysis) -> bool:
    if vocab.COMPLETE_100_RE.search(a.text) or a.verb in vocab.BINARY_VERBS:
        return True
    if a.verb in vocab.ACTIVITY_VERBS and kr.target == 100 and kr.unit == "%":
        return True  # "Migrate 100% of customers": the task, done
    return kr.target is None and bool(vocab.BINARY_RE.search(a.text))


def is_kpi(a: KRAnalysis) -> bool:
    return a.verb in vocab.MAINTAIN_VERBS or bool(vocab.MAINTAIN_RE.search(a.text))


_QUALIFIER = re.compile(
    r"\s+(?:per|in|on|for|among|across|at|by|after|during|about|through|from|of|into|with|via)\s+"
)


def _measured_noun(metric: str | None) -> str:
    """The metric before its qualifiers: "conversion on the new checkout" -> "conversion"."""
    return _QUALIFIER.split(metric or "")[0]


def starts_from_zero(kr: KeyResult, a: KRAnalysis) -> bool:
    """Whether the KR's text shows its metric is new, so it may start at zero (DESIGN §1):
    a target to reach upwards, no rate/score/time (those have a value from day one), and a
    sign of something new ("the new app", "our first", "after launch", "from scratch")."""
    if kr.target is None or a.relative or a.direction == "down":
        return False
    head = _measured_noun(kr.metric)
    if vocab.LOWER_IS_BETTER.search(head) or vocab.NOT_FROM_ZERO.search(head):
        return False
    return bool(vocab.NEW_METRIC_RE.search(a.text))


def shape_rules(kr: KeyResult, a: KRAnalysis, has_numbers: bool) -> list[Finding]:
    """Tasks, done/not-done, keep-as-is and measure-less KRs."""
    out: list[Finding] = []
    if is_activity(a):
        out.append(
            finding(
                "activity-not-result",
                "This is a task, not a result: ask what will be different once it is done, "
                "and measure that.",
            )
        )
    if is_binary(kr, a):
        out.append(
            finding(
                "binary-kr",
                "This is either done or not done, so it is a task in disguise: state the "
                "effect you expect and how you would count it.",
            )
        )
    if is_kpi(a):
        out.append(
            finding(
                "kpi-not-change",
                "This keeps a number where it is, which makes it a health metric to watch, "
                "not a key result: say what change you want this period.",
            )
        )
    if not has_numbers and not out:
        change = a.direction or a.verb in vocab.NEUTRAL_CHANGE_VERBS
        if change or vocab.VAGUE_RE.search(a.text):
            out.append(
                finding(
                    "vague-quantifier",
                    "It says which way to go but not how far: name the number you want to "
                    "reach and where it stands today.",
                )
            )
        else:
            out.append(
                finding(
                    "no-measure",
                    "This reads like an objective, not a key result: nothing in it can be "
                    "counted. What number would show you got there?",
                )
            )
    return out


def completeness_rules(kr: KeyResult, a: KRAnalysis, kpi: bool) -> list[Finding]:
    """Metric, target and baseline of a KR that has numbers."""
    out: list[Finding] = []
    if not kr.metric:
        out.append(
            finding(
                "missing-metric",
                "There is a number but no name for what it counts: say what is measured.",
            )
        )
    elif kr.metric.lower() in vocab.VAGUE_METRICS:
        out.append(
            finding(
                "vague-metric",
                f"'{kr.metric}' is too general to measure: name the specific figure you track.",
            )
        )
    if kr.target is None:
        if a.relative:
            out.append(
                finding(
                    "relative-target",
                    "The change is given as a step ('by ...') rather than a destination: "
                    "write the value you want to reach.",
                )
            )
        else:
            out.append(
                finding("missing-target", "There is no target: say which number you want to reach.")
            )
    if kr.baseline is None and not kpi:
        if kr.baseline_unknown or a.baseline_unknown:
            out.append(
                finding(
                    "baseline-unknown",
                    "The starting value is not known yet: measure it first, early in the period.",
                )
            )
        elif starts_from_zero(kr, a):  # never assumed: the baseline stays unstated
            out.append(
                finding(
                    "baseline-zero-confirm",
                    "Only the target is given, and this looks new: please confirm that it "
                    "starts at 0 (or say where it stands today).",
                )
            )
        else:
            out.append(
                finding(
                    "missing-baseline",
                    "There is no starting value: add where the number stands today "
                    "(or say it is not known yet).",
                )
            )
    if a.several:
        out.append(
            finding(
                "several-metrics",
                "This holds more than one measure: split it into one key result per metric.",
            )
        )
    return out


def consistency_rules(kr: KeyResult, a: KRAnalysis, kpi: bool) -> list[Finding]:
    """Baseline and target against each other and against the verb."""
    b, t = kr.baseline, kr.target
    if b is None or t is None:
        return []
    if b == t:
        if kpi:
            return []
        return [
            finding(
                "no-change",
                f"Target and starting value are the same ({_num(t, kr.unit)}): that keeps a "
                "health metric steady; a key result needs a change.",
            )
        ]
    if (a.direction == "up" and t < b) or (a.direction == "down" and t > b):
        verb = a.verb or "the verb"
        return [
            finding(
                "direction-mismatch",
                f"'{verb.capitalize()}' does not match the numbers: the target "
                f"({_num(t, kr.unit)}) is on the other side of the start ({_num(b, kr.unit)}).",
            )
        ]
    head = re.split(r"\s+(?:per|in|on|for|among|across|at|by|after|during)\s+", kr.metric or "")[0]
    if t > b and kr.metric and vocab.LOWER_IS_BETTER.search(head):  # "defects per release"
        return [
            finding(
                "unexpected-direction",
                f"Usually less {kr.metric} is better, but the target is higher than the start: "
                "check the numbers.",
            )
        ]
    return []


def deadline_rule(kr: KeyResult) -> list[Finding]:
    if kr.due:
        return []
    return [
        finding(
            "missing-deadline",
            "No deadline is stated, so the end of the period applies: say so if that is meant.",
        )
    ]
