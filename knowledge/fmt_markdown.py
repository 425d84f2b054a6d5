"""Markdown: one `## objective` section per set; round-trips through `read_markdown`.

Example::

    ## Improve customer phone service
    - id: cs-phone-wait
    - team: Contact Centre North
    Key results:
    1. Increase calls answered within 60 s from 55% to 85% *(score 0.7)*
    Learnings:
    > What we learned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from knowledge.models import OKRSet
from knowledge.records import EXPORT_FIELDS, KnowledgeInputError, Loc, RawRecord

TITLE = "# OKR examples"
# A session export (`coach export ID --format md`) carries its OKR between these markers,
# in the same format, so it can be imported with `coach kb import` as it is.
SESSION_OKR_BEGIN = "<!-- okr-coach:okr -->"
SESSION_OKR_END = "<!-- /okr-coach:okr -->"


def _session_block(text: str) -> tuple[str, int]:
    """The OKR part of a session export (and the line it starts after), else the whole text."""
    start = text.find(SESSION_OKR_BEGIN)
    if start < 0:
        return text, 0
    end = text.find(SESSION_OKR_END, start)
    body = text[start + len(SESSION_OKR_BEGIN): end if end >= 0 else len(text)]
    return body, text[:start].count("\n")
_META = re.compile(r"^- ([a-z_]+):\s*(.*)$")
_KR = re.compile(r"^\d+\.\s+(.*?)(?:\s+\*\(score ([^)]*)\)\*)?$")


def write_markdown(sets: Sequence[OKRSet]) -> str:
    out = [TITLE, ""]
    for s in sets:
        out += [f"## {s.objective}", ""]
        out += [
            f"- {f}: {getattr(s, f)}"
            for f in EXPORT_FIELDS[:1] + EXPORT_FIELDS[2:]
            if getattr(s, f)
        ]
        out += ["", "Key results:", ""]
        for i, kr in enumerate(s.key_results, 1):
            score = f" *(score {kr.score:g})*" if kr.score is not None else ""
            out.append(f"{i}. {kr.text}{score}")
        if s.learnings:
            out += ["", "Learnings:", ""]
            out += [f"> {line}".rstrip() for line in s.learnings.splitlines()]
        out.append("")
    return "\n".join(out)


class _Section:
    def __init__(self, title: str, line: int) -> None:
        self.data: dict[str, Any] = {"objective": title, "key_results": []}
        self.lines: dict[str, int] = {"": line, "objective": line}
        self.kr_lines: list[int] = []
        self.learnings: list[str] = []
        self.learn_line = 0

    def record(self) -> RawRecord:
        if self.learnings:
            self.data["learnings"] = "\n".join(self.learnings)
            self.lines["learnings"] = self.learn_line
        lines, kr_lines = self.lines, self.kr_lines

        def locate(loc: Loc) -> str:
            kr = len(loc) >= 2 and loc[0] == "key_results" and isinstance(loc[1], int)
            if kr and int(loc[1]) < len(kr_lines):
                return f"line {kr_lines[int(loc[1])]}"
            first = str(loc[0]) if loc else ""
            return f"line {lines.get(first, lines[''])}"

        return RawRecord(self.data, locate)


def read_markdown(text: str, file: str) -> list[RawRecord]:
    sections: list[_Section] = []
    problems: list[str] = []
    part = ""
    text, offset = _session_block(text)
    for n, raw in enumerate(text.splitlines(), 1 + offset):
        line = raw.rstrip()
        if line.startswith("## "):
            sections.append(_Section(line[3:].strip(), n))
            part = "meta"
            continue
        if not line.strip() or line.strip() == TITLE or (line.startswith("# ") and not sections):
            continue
        if not sections:
            problems.append(f"{file}: line {n}: text before the first `## objective` heading")
            continue
        sec = sections[-1]
        if line in ("Key results:", "Learnings:"):
            part = line[:-1]
            sec.learn_line = sec.learn_line or (n if part == "Learnings" else 0)
            continue
        meta, kr = _META.match(line), _KR.match(line)
        if part == "meta" and meta:
            sec.data[meta.group(1)] = meta.group(2)
            sec.lines[meta.group(1)] = n
        elif part == "Key results" and kr:
            item: dict[str, Any] = {"text": kr.group(1)}
            if kr.group(2) is not None:
                item["score"] = kr.group(2)
            sec.data["key_results"].append(item)
            sec.kr_lines.append(n)
        elif part == "Learnings" and (line.startswith(">")):
            sec.learnings.append(line[1:].strip())
        else:
            problems.append(f"{file}: line {n}: unexpected line in {part or 'section'}: {line!r}")
    if problems:
        raise KnowledgeInputError(problems)
    return [s.record() for s in sections]
