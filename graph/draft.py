"""The live OKR draft: adding and merging KRs, composing their text, and the findings."""

from __future__ import annotations

from typing import Any

from coach.formatting import number_with_unit
from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.okr.parser import parse_kr
from coach.okr.validator import check_okr
from graph.state import CoachState

MAX_KRS = 5
CONTRACT_FIELDS = ("text", "metric", "baseline", "target", "unit", "due")


def kr_from_text(text: str) -> dict[str, Any]:
    parsed = parse_kr(text)
    return KeyResult(text=text.strip(), **parsed.model_dump()).model_dump()


def merge_krs(existing: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add new KRs; one about a metric already there replaces it (the user refined it)."""
    merged = [dict(kr) for kr in existing]
    for kr in new:
        metric = (kr.get("metric") or "").strip().lower()
        same = [i for i, old in enumerate(merged)
                if metric and (old.get("metric") or "").strip().lower() == metric]
        if same:
            old = merged[same[0]]
            for field in ("baseline", "target", "unit", "due"):
                if kr.get(field) is None and old.get(field) is not None:
                    kr[field] = old[field]
            merged[same[0]] = kr
        elif len(merged) < MAX_KRS:
            merged.append(kr)
    return merged


def compose_text(kr: dict[str, Any]) -> str:
    """A KR sentence from its parts, for KRs the user gave piece by piece."""
    metric = kr.get("metric") or "the metric"
    baseline, target, unit = kr.get("baseline"), kr.get("target"), kr.get("unit")
    if isinstance(baseline, int | float) and isinstance(target, int | float):
        verb = "Increase" if target > baseline else "Reduce"
        start, end = number_with_unit(baseline, unit), number_with_unit(target, unit)
        text = f"{verb} {metric} from {start} to {end}"
    elif target is not None:
        text = f"Bring {metric} to {number_with_unit(target, unit)}"
    else:
        text = f"Move {metric}"
    if kr.get("due"):
        text += f" by {kr['due']}"
    return text


def refresh_text(kr: dict[str, Any]) -> dict[str, Any]:
    """Keep the user's sentence when it already states the numbers; else compose one."""
    reparsed = parse_kr(kr.get("text", ""))
    if reparsed.target == kr.get("target") and reparsed.baseline == kr.get("baseline"):
        return kr
    return {**kr, "text": compose_text(kr)}


def draft_of(state: CoachState) -> OKRDraft:
    period = state.get("period")
    krs = [
        KeyResult(**{**kr, "due": kr.get("due") or period})
        for kr in state.get("key_results", [])
    ]
    objectives = [
        Objective(title=done["title"], parent=done.get("parent"),
                  key_results=[KeyResult(**{**kr, "due": kr.get("due") or period})
                               for kr in done.get("key_results", [])])
        for done in state.get("done_objectives", [])
    ]
    if state.get("objective") or krs:
        objectives.append(Objective(title=state.get("objective") or "", parent=state.get("parent"),
                                    key_results=krs))
    return OKRDraft(period=period, objectives=objectives)


def okr_json(draft: OKRDraft) -> dict[str, Any]:
    """The draft in the CLI contract's shape (DESIGN §3)."""
    return {
        "period": draft.period,
        "objectives": [
            {
                "title": objective.title,
                "parent": objective.parent,
                "key_results": [
                    {field: getattr(kr, field) for field in CONTRACT_FIELDS}
                    | {"baseline_unknown": kr.baseline_unknown}
                    for kr in objective.key_results
                ],
            }
            for objective in draft.objectives
        ],
    }


def draft_updates(state: CoachState) -> dict[str, Any]:
    draft = draft_of(state)
    findings = ([f.model_dump(exclude_none=True) for f in check_okr(draft)]
                if draft.objectives else [])
    return {"okr": okr_json(draft), "findings": findings}
