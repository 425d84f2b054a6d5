"""CSV: one row per key result; the set's fields repeat on each of its rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from knowledge.models import OKRSet
from knowledge.records import EXPORT_FIELDS, KnowledgeInputError, Loc, RawRecord

SET_COLUMNS = (*EXPORT_FIELDS, "learnings")
COLUMNS = (*SET_COLUMNS, "kr", "score")


def write_csv(sets: Sequence[OKRSet]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in sets:
        head = [getattr(s, c) or "" for c in SET_COLUMNS]
        for kr in s.key_results:
            writer.writerow([*head, kr.text, "" if kr.score is None else f"{kr.score:g}"])
    return buf.getvalue()


def _score(value: str) -> Any:
    value = value.strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return value  # pydantic reports it, with the row's line


def read_csv(text: str, file: str) -> list[RawRecord]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _records(reader, file)
    except csv.Error as err:  # a NUL byte, a field over the csv module's size limit, …
        raise KnowledgeInputError(
            [f"{file}: line {reader.line_num}: not valid CSV: {err}"]
        ) from err


def _records(reader: csv.DictReader[str], file: str) -> list[RawRecord]:
    header = reader.fieldnames or []
    missing = [c for c in ("objective", "kr") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        what = f"missing column(s) {missing}" if missing else f"unknown column(s) {unknown}"
        raise KnowledgeInputError([f"{file}: line 1: header: {what}; expected {list(COLUMNS)}"])
    groups: dict[str, tuple[dict[str, Any], list[int]]] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        fields = {c: (row.get(c) or "").strip() or None for c in SET_COLUMNS}
        key = fields["id"] or "\x1f".join(
            str(fields[c] or "") for c in ("team", "period", "objective")
        )
        if key not in groups:
            groups[key] = ({**{k: v for k, v in fields.items() if v}, "key_results": []}, [])
        data, lines = groups[key]
        for c in SET_COLUMNS:
            if fields[c] and fields[c] != data.get(c):
                problems.append(
                    f"{file}: line {line}: {c}: differs from the first row of this set "
                    f"(line {lines[0]})"
                )
        kr: dict[str, Any] = {"text": row.get("kr") or ""}
        score = _score(row.get("score") or "")
        if score is not None:
            kr["score"] = score
        data["key_results"].append(kr)
        lines.append(line)
    if problems:
        raise KnowledgeInputError(problems)

    def locator(lines: list[int]) -> Any:
        def locate(loc: Loc) -> str:
            if len(loc) >= 2 and loc[0] == "key_results" and isinstance(loc[1], int):
                return f"line {lines[min(loc[1], len(lines) - 1)]}"
            return f"line {lines[0]}"

        return locate

    return [RawRecord(data, locator(lines)) for data, lines in groups.values()]
