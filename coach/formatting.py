"""How numbers and KR spans read everywhere (coach replies, exports, the draft panel)."""

from __future__ import annotations

from typing import Any

CURRENCIES = frozenset({"$", "€", "£"})


def number_with_unit(value: Any, unit: str | None) -> str:
    """`70%`, `$500,000`, `12/month`, `9 min`; `?` when the number is not known."""
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a stored 40.0 reads as the 40 the person said
    unit = unit or ""
    if unit in CURRENCIES:
        return f"{unit}{value:,}" if isinstance(value, int) else f"{unit}{value}"
    spacer = "" if unit == "%" or unit.startswith("/") else " "
    return f"{value}{spacer}{unit}".strip()


def kr_span(kr: dict[str, Any]) -> str:
    """`70% → 90%` (an unknown baseline reads `unknown`)."""
    unit = kr.get("unit")
    baseline = "unknown" if kr.get("baseline_unknown") else number_with_unit(
        kr.get("baseline"), unit)
    return f"{baseline} → {number_with_unit(kr.get('target'), unit)}"
