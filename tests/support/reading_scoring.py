"""Scoring one `Reading` against the expected reading of a labelled turn (blind turn sets)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.reading.models import Reading
from tests.support.okr_scoring import said_values, units_agree

PRECEDENCE = ("command", "edit", "ask_back", "kr", "objective", "answer", "unknown", "yes",
              "no", "exception", "problem", "free")


def kinds_of(reading: Reading) -> list[str]:
    kinds: list[str] = []
    if reading.command:
        kinds.append("command")
    if reading.edits:
        kinds.append("edit")
    if reading.confirm:
        kinds.append("ask_back")
    if any(s.baseline or s.target or s.metric for s in reading.krs):
        kinds.append("kr")
    if reading.objective:
        kinds.append("objective")
    if reading.answer and (reading.answer.number is not None or reading.answer.due):
        kinds.append("answer")
    if reading.reply:
        kinds.append(reading.reply)
    if reading.exception:
        kinds.append("exception")
    if reading.problem:
        kinds.append("problem")
    return kinds or ["free"]


def primary_kind(reading: Reading) -> str:
    kinds = kinds_of(reading)
    return next(k for k in PRECEDENCE if k in kinds)


def taken_values(reading: Reading) -> list[float]:
    out: list[float] = []
    for s in reading.krs:
        out += [float(q.value) for q in (s.baseline, s.target) if q is not None]
    if reading.answer and reading.answer.number is not None:
        out.append(float(reading.answer.number.value))
    for e in reading.edits:
        if e.value is not None:
            out.append(float(e.value.value))
        if e.statement is not None:
            out += [float(q.value) for q in (e.statement.baseline, e.statement.target) if q]
    return out


def _eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def score_turn(item: dict[str, Any], reading: Reading) -> dict[str, bool]:
    """Field -> right/wrong for the fields the item's expectation names."""
    exp = item["expect"]
    out: dict[str, bool] = {"kind": primary_kind(reading) == exp["kind"]}
    if "problem_talk" in exp:
        out["problem_talk"] = (reading.problem is not None) == bool(exp["problem_talk"])
    if "command" in exp:
        out["command"] = reading.command == exp["command"]
    statements = list(reading.krs)
    for e in reading.edits:
        if e.statement is not None:
            statements.append(e.statement)
    for i, want in enumerate(exp.get("krs") or []):
        words = [w.lower() for w in want.get("metric_words") or []]
        hit = next((s for s in statements if all(
            w in f"{s.metric or ''} {s.text}".lower() for w in words)), None)
        out[f"kr.metric#{i}"] = hit is not None
        for key in ("baseline", "target"):
            got = getattr(hit, key).value if hit is not None and getattr(hit, key) else None
            out[f"kr.{key}#{i}"] = _eq(got, want.get(key))
        if want.get("unit") is not None:
            out[f"kr.unit#{i}"] = hit is not None and units_agree(want["unit"], hit.unit or (
                hit.target.unit if hit.target else None))
        if want.get("due_words"):
            due = (hit.due or "") if hit else ""
            out[f"kr.due#{i}"] = all(w.lower() in (due + " " + (reading.period or "")).lower()
                                     for w in want["due_words"])
    if "value" in exp:
        got = reading.answer.number.value if reading.answer and reading.answer.number else None
        if got is None and reading.edits and reading.edits[0].value is not None:
            got = reading.edits[0].value.value
        out["value"] = _eq(got, exp["value"])
    if exp.get("due_words") and exp["kind"] in ("answer", "edit"):
        due = (reading.answer.due if reading.answer else None) or (
            reading.edits[0].due if reading.edits else None) or reading.period or ""
        out["due"] = all(w.lower() in due.lower() for w in exp["due_words"])
    if exp.get("objective_words"):
        title = reading.objective or next((e.title for e in reading.edits if e.title), "") or ""
        out["objective"] = all(w.lower() in title.lower() for w in exp["objective_words"])
    if "edit" in exp and isinstance(exp["edit"], dict):
        want = exp["edit"]
        got = reading.edits[0] if reading.edits else None
        out["edit.action"] = got is not None and got.action == want.get("action")
        if want.get("kr") is not None:
            out["edit.kr"] = got is not None and got.kr is not None and got.kr + 1 == want["kr"]
        if want.get("field"):
            out["edit.field"] = got is not None and got.field == want["field"]
        if want.get("value") is not None:
            out["edit.value"] = got is not None and got.value is not None and _eq(
                got.value.value, want["value"])
    if exp["kind"] == "ask_back" and "approx" in exp:
        proposals = [q.value for p in reading.confirm for q in p.values.values()]
        out["approx"] = (not proposals) if exp["approx"] is None else any(
            _eq(v, exp["approx"]) for v in proposals)
    if exp.get("no_value") or exp["kind"] in ("ask_back", "unknown", "free", "problem"):
        allowed = {float(kr[k]) for kr in exp.get("krs") or [] for k in ("baseline", "target")
                   if kr.get(k) is not None}
        if exp.get("value") is not None:
            allowed.add(float(exp["value"]))
        if isinstance(exp.get("edit"), dict) and exp["edit"].get("value") is not None:
            allowed.add(float(exp["edit"]["value"]))
        out["no_unwanted_value"] = all(v in allowed for v in taken_values(reading))
    return out


def never_said(item: dict[str, Any], reading: Reading) -> list[float]:
    said = said_values([item["utterance"]])
    return [v for v in taken_values(reading) if v not in said]


def field_accuracy(rows: list[dict[str, bool]]) -> dict[str, tuple[int, int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for key, ok in row.items():
            name = key.split("#")[0]
            totals[name][0] += ok
            totals[name][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(totals.items())}
