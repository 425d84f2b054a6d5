"""Per-label accuracy of the facilitation classifier: rules alone, model alone, combined.

Usage: .venv/bin/python scripts/measure_facilitation.py [CSV ...] [--rules-only]
       [--errors LABEL]

Without CSVs every tests/data/facilitation_*.csv is measured, each on its own. The model
column needs graph/rehearse/facilitation_model.json (scripts/train_facilitation.py --write).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.rehearse.facilitation import classify  # noqa: E402
from graph.rehearse.facilitation_model import (  # noqa: E402
    BINARY_LABELS,
    FacilitationClassifier,
)
from graph.rehearse.models import LeadLabels  # noqa: E402

DATA = ROOT / "tests" / "data"
LABELS = ("question", "open", "focus", "advice", "several_questions", "team_words",
          "concern_to_hope", "invites_voice", "names_strength")


def load(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def gold(row: dict[str, str], label: str) -> str | bool:
    return row[label] if label == "focus" else row[label] == "1"


def value(labels: LeadLabels, label: str) -> str | bool:
    result: str | bool = getattr(labels, label)
    return result


def context(row: dict[str, str]) -> tuple[str, ...]:
    return (row["context"],) if row["context"].strip() else ()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--errors", default="", help="print the combined errors of LABEL")
    args = parser.parse_args()
    files = args.files or sorted(DATA.glob("facilitation_*.csv"))
    classifier = None if args.rules_only else FacilitationClassifier()
    for path in files:
        rows = load(path)
        rules = [classify(r["text"], context(r)) for r in rows]
        if classifier is not None:
            model = classifier.model_labels([r["text"] for r in rows])
            combined = [classifier.labels(r["text"], context(r)) for r in rows]
        else:
            model, combined = rules, rules
        print(f"{path.relative_to(ROOT) if path.is_absolute() else path}: {len(rows)} rows")
        print(f"  {'label':<18} {'positives':>9} {'rules':>12} {'model':>12} {'combined':>12}")
        for label in LABELS:
            golds = [gold(r, label) for r in rows]
            positives = (sum(1 for g in golds if g not in (False, "neutral")))

            def acc(predicted: list[LeadLabels], label: str = label,
                    golds: list[str | bool] = golds) -> str:
                right = sum(value(p, label) == g for p, g in zip(predicted, golds, strict=True))
                return f"{right / len(golds):.3f} ({right:>3})"

            covered = label == "focus" or label in BINARY_LABELS
            model_cell = acc(model) if covered and classifier is not None else "-"
            print(f"  {label:<18} {positives:>9} {acc(rules):>12} {model_cell:>12} "
                  f"{acc(combined):>12}")
            if args.errors == label:
                for r, p, g in zip(rows, combined, golds, strict=True):
                    if value(p, label) != g:
                        print(f"      gold={g!s:<9} got={value(p, label)!s:<9} {r['text']}"
                              f"  [ctx: {r['context']}]")


if __name__ == "__main__":
    main()
