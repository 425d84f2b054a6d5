"""Corrections applied to the draft: change a field, replace or remove a KR, rename the
Objective, undo the last change. A change of mind replaces; it never adds a second KR."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.formatting import number_with_unit
from graph.krs import kr_of, readback, set_field
from graph.reading.models import Edit, Pending
from graph.state import CoachState

HISTORY = 10


def snapshot(state: CoachState) -> dict[str, Any]:
    """What `undo` goes back to."""
    return {"key_results": [dict(kr) for kr in state.get("key_results", [])],
            "objective": state.get("objective")}


@dataclass
class EditResult:
    updates: dict[str, Any] = field(default_factory=dict)
    news: list[str] = field(default_factory=list)
    pending: Pending | None = None
    changed: bool = False


def _history(state: CoachState) -> list[dict[str, Any]]:
    return [*state.get("history", [])[-(HISTORY - 1):], snapshot(state)]


def _undo(state: CoachState) -> EditResult:
    history = list(state.get("history", []))
    if not history:
        return EditResult(news=["nothing_to_undo:"])
    last = history.pop()
    return EditResult(updates={"key_results": last["key_results"], "objective": last["objective"],
                               "history": history, "last_kr": None},
                      news=["undone:"], changed=True)


def _which(state: CoachState, edit: Edit) -> int | None:
    krs = state.get("key_results", [])
    if edit.kr is not None and 0 <= edit.kr < len(krs):
        return edit.kr
    return 0 if len(krs) == 1 else None


def _change(state: CoachState, edit: Edit, index: int) -> EditResult:
    krs = [dict(kr) for kr in state.get("key_results", [])]
    kr = krs[index]
    if edit.field is None or edit.field == "metric":
        if edit.value is None:
            return EditResult(news=["not_understood:edit"])
        asked = (state.get("asked") or "").partition(":")[0]
        guess = "baseline" if asked == "kr_baseline" else "target"
        label = "where it is today" if guess == "baseline" else "the target"
        amount = number_with_unit(edit.value.value, edit.value.unit or kr.get("unit"))
        question = f"Shall I make {amount} {label} for {kr.get('metric') or f'KR {index + 1}'}?"
        return EditResult(pending=Pending(question=question, kr=index,
                                          values={guess: edit.value}))
    if edit.field == "due":
        if not edit.due:
            return EditResult(news=["not_understood:edit"])
        krs[index] = set_field(kr, "due", edit.due)
    else:
        if edit.value is None:
            return EditResult(news=["not_understood:edit"])
        from graph.measures import units_clash

        other = "target" if edit.field == "baseline" else "baseline"
        if units_clash(edit.value.unit, kr.get("unit")) and kr.get(other) is not None \
                and not edit.value.approx:
            label = "where it is today" if edit.field == "baseline" else "the target"
            return EditResult(pending=Pending(
                question=f"{number_with_unit(edit.value.value, edit.value.unit)} as {label} "
                         f"for {kr.get('metric') or 'KR ' + str(index + 1)}, which is counted in "
                         f"{kr.get('unit')} — is that right?",
                kr=index, values={edit.field: edit.value.model_copy(update={"approx": True})}))
        krs[index] = set_field(kr, edit.field, edit.value.value, edit.value.unit)
    kind = "kr" if kr.get(edit.field) is None else "changed"
    return EditResult(updates={"key_results": krs, "history": _history(state), "last_kr": index},
                      news=[f"{kind}:{readback(krs[index])}"], changed=True)


def apply_edit(state: CoachState, edit: Edit) -> EditResult:
    """The updates and news of one correction (or the question to ask when it is unclear)."""
    if edit.action == "undo":
        return _undo(state)
    if edit.action == "rename_objective":
        if not edit.title:
            return EditResult()
        return EditResult(updates={"objective": edit.title, "history": _history(state)},
                          news=[f"objective:{edit.title}"], changed=True)
    index = _which(state, edit)
    krs = [dict(kr) for kr in state.get("key_results", [])]
    if index is None:
        which = "Which Key Result do you mean — " + ", ".join(
            f"KR {i + 1} ({kr.get('metric') or kr.get('text')})" for i, kr in enumerate(krs))
        return EditResult(pending=Pending(question=which + "?"))
    if edit.action == "remove":
        gone = krs.pop(index)
        return EditResult(updates={"key_results": krs, "history": _history(state),
                                   "last_kr": None, "krs_closed": False},
                          news=[f"removed:{gone.get('metric') or gone.get('text')}"], changed=True)
    if edit.action == "replace":
        if edit.statement is None:
            return EditResult(news=["not_understood:edit"])
        new = kr_of(edit.statement)
        old = krs[index]
        if new.get("due") is None and old.get("due"):
            new = {**new, "due": old["due"], "said": ""}
        if new.get("metric") is None:
            new["metric"] = old.get("metric")
        krs[index] = set_field(new, "due", new.get("due")) if not new.get("said") else new
        return EditResult(updates={"key_results": krs, "history": _history(state),
                                   "last_kr": index},
                          news=[f"changed:{readback(krs[index])}"], changed=True)
    return _change(state, edit, index)
