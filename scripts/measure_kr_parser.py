"""Field-level accuracy of the KR parser and validator on a hand-written table.

Usage: .venv/bin/python scripts/measure_kr_parser.py [TABLE.yaml ...] [--misses] [--json]
(default table: tests/data/kr_holdout.yaml). Reports, per table:
- metric present (both stated or both absent) and metric similar (token overlap of the key
  noun phrase, Dice >= 0.5, on rows whose expected metric is stated; '?' rows are not scored);
- baseline, target, unit and due exact (due compared without case, 'by' and 'the');
- rule ids (errors and warnings) as micro precision/recall over (row, rule) pairs, for the
  errors alone and for all findings, plus objective rule ids;
- KRs per second through `check_kr` (parse + validate), the cost of one turn.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.okr.validator import check_kr, check_objective  # noqa: E402

DEFAULT_TABLE = ROOT / "tests" / "data" / "kr_holdout.yaml"
FIELDS = ("metric_present", "metric_similar", "baseline", "target", "unit", "due")
STOP = {"the", "a", "an", "of", "our", "to", "for", "in", "on", "at", "with", "and", "we", "my"}


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9%&+'-]+", text.lower())
    return {w.rstrip("s") if len(w) > 3 else w for w in words if w not in STOP}


def metric_similar(expected: str, got: str | None) -> bool:
    if not got:
        return False
    a, b = _tokens(expected), _tokens(got)
    if not a or not b:
        return False
    return 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def _due(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"^(by|before|in)\s+", "", text.strip().lower())
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text))


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


@dataclass
class PR:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: set[str], got: set[str]) -> None:
        self.tp += len(expected & got)
        self.fp += len(got - expected)
        self.fn += len(expected - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    rows: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    exact_rows: int = 0
    errors: PR = field(default_factory=PR)
    rules: PR = field(default_factory=PR)
    rule_rows: int = 0
    objectives: PR = field(default_factory=PR)
    objective_rows: int = 0
    objective_exact: int = 0
    krs_per_second: float = 0.0
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.totals[name] if self.totals[name] else 1.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rows": self.rows}
        out |= {name: round(self.accuracy(name), 3) for name in FIELDS}
        out["parsed_rows_exact"] = round(self.exact_rows / self.rows, 3) if self.rows else 1.0
        out["rule_sets_exact"] = round(self.rule_rows / self.rows, 3) if self.rows else 1.0
        pairs = (("error", self.errors), ("rule", self.rules), ("objective", self.objectives))
        for name, pr in pairs:
            out[f"{name}_precision"] = round(pr.precision, 3)
            out[f"{name}_recall"] = round(pr.recall, 3)
        out["objectives"] = self.objective_rows
        out["objective_sets_exact"] = (
            round(self.objective_exact / self.objective_rows, 3) if self.objective_rows else 1.0
        )
        out["krs_per_second"] = round(self.krs_per_second)
        return out


def _score_kr(report: Report, case: dict[str, Any]) -> None:
    parsed, findings = check_kr(case["text"])
    want = case["parsed"]
    got = parsed.model_dump()
    checks: dict[str, bool | None] = {}
    if want["metric"] != "?":
        checks["metric_present"] = (want["metric"] is None) == (got["metric"] is None)
        if want["metric"] is not None:
            checks["metric_similar"] = metric_similar(want["metric"], got["metric"])
    checks["baseline"] = _same_number(want["baseline"], got["baseline"])
    checks["target"] = _same_number(want["target"], got["target"])
    checks["unit"] = want["unit"] == got["unit"]
    checks["due"] = _due(want["due"]) == _due(got["due"])
    for name, ok in checks.items():
        report.totals[name] += 1
        report.hits[name] += bool(ok)
    errors = {f.rule for f in findings if f.severity == "error"}
    rules = {f.rule for f in findings}
    want_errors, want_rules = set(case["errors"]), set(case["errors"]) | set(case["warnings"])
    report.errors.add(want_errors, errors)
    report.rules.add(want_rules, rules)
    report.rule_rows += rules == want_rules
    fields_ok = all(ok for name, ok in checks.items() if name != "metric_similar")
    report.exact_rows += fields_ok and checks.get("metric_similar", True) is not False
    report.rows += 1
    bad = [name for name, ok in checks.items() if not ok]
    if bad or rules != want_rules:
        shown = {k: got[k] for k in ("metric", "baseline", "target", "unit", "due")}
        extra, missing = sorted(rules - want_rules), sorted(want_rules - rules)
        report.misses.append(
            f"{case['text']!r}\n    fields wrong: {bad} got {shown}\n"
            f"    rules extra {extra} missing {missing}"
        )


def measure(table: dict[str, list[dict[str, Any]]], repeat: int = 5) -> Report:
    report = Report()
    for case in table.get("key_results", []):
        _score_kr(report, case)
    for case in table.get("objectives", []):
        got = {f.rule for f in check_objective(case["title"])}
        want = set(case["errors"]) | set(case["warnings"])
        report.objectives.add(want, got)
        report.objective_rows += 1
        report.objective_exact += got == want
        if got != want:
            title = case["title"]
            report.misses.append(f"objective {title!r}: got {sorted(got)} want {sorted(want)}")
    texts = [c["text"] for c in table.get("key_results", [])]
    if texts:
        start = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                check_kr(text)
        report.krs_per_second = repeat * len(texts) / (time.perf_counter() - start)
    return report


def load(path: Path) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="*", type=Path, default=[DEFAULT_TABLE])
    parser.add_argument("--misses", action="store_true", help="list every row that is not exact")
    parser.add_argument("--json", action="store_true", help="one JSON object per table")
    args = parser.parse_args(argv)
    for path in args.tables:
        report = measure(load(path))
        if args.json:
            print(json.dumps({"table": str(path)} | report.as_dict()))
            continue
        print(f"== {path} ==")
        for key, value in report.as_dict().items():
            print(f"  {key:22} {value}")
        if args.misses:
            print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
