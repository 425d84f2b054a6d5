"""The OKR validator applied to a stored set: which fields carry errors."""

from __future__ import annotations

from coach.okr.models import Finding
from coach.okr.validator import check_kr, check_objective
from knowledge.models import OKRSet

Loc = tuple[int | str, ...]


def findings(okr: OKRSet) -> list[tuple[Loc, Finding]]:
    """Every validator finding for the objective and each KR, with the field it belongs to."""
    out: list[tuple[Loc, Finding]] = [(("objective",), f) for f in check_objective(okr.objective)]
    for i, kr in enumerate(okr.key_results):
        _, found = check_kr(kr.text, okr.objective)
        out.extend((("key_results", i, "text"), f) for f in found)
    return out


def validator_errors(okr: OKRSet) -> list[tuple[Loc, str]]:
    """Only the errors (warnings and infos don't block an import), as `(field, message)`."""
    return [(loc, f"{f.message} [{f.rule}]") for loc, f in findings(okr) if f.severity == "error"]
