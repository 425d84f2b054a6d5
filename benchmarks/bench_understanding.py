"""How well the coach understands people it has never met: blind conversations and turns.

For each conversation set: conversations ending with exactly the stated OKR, stated KRs exact,
drafts holding a number never said, misplaced numbers, KRs dropped, user turns to a finished
OKR. For each turn set: the reading's field accuracy and readings holding a number never said.

Run: .venv/bin/python benchmarks/bench_understanding.py \
        --conversations tests/data/blind/conversations_a1.yaml \
                        tests/data/blind/conversations_a2.yaml \
        --turns tests/data/blind/turns_a.yaml [--reader rules|model] [-v]
The model reader needs OPENAI_BASE_URL (e.g. the llama.cpp server of scripts/test_llm.sh).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.events import TurnFailed  # noqa: E402
from coach.runtime import build_runtime  # noqa: E402
from coach.settings import Settings  # noqa: E402
from tests.support.okr_scoring import ConversationScore, score_conversation  # noqa: E402


def run_conversation(runtime: Any,
                     lines: list[str]) -> tuple[dict[str, Any], list[Any], int | None]:
    session = runtime.new_session()
    list(session.start())
    done_at: int | None = None
    for number, line in enumerate(lines, start=1):
        if session.done:
            break
        events = list(session.send(line))
        if any(isinstance(e, TurnFailed) for e in events):
            raise RuntimeError(f"turn failed: {line!r}")
        if session.done:
            done_at = number
    view = session.view()
    return view.okr, view.findings, done_at


def conversations(paths: list[str], backend: str, verbose: bool) -> list[ConversationScore]:
    cases = [c for p in paths for c in yaml.safe_load(Path(p).read_text(encoding="utf-8"))]
    scores: list[ConversationScore] = []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = build_runtime(Settings(_env_file=None, COACH_DATA_DIR=Path(tmp)), backend)
        for case in cases:
            okr, findings, done_at = run_conversation(runtime, case["lines"])
            score = score_conversation(case, okr, findings, done_at)
            scores.append(score)
            if verbose:
                mark = "OK " if score.exact else "-- "
                print(f"{mark}{case['id']}: {score.krs_exact}/{score.krs_expected} KRs exact"
                      + (f", invented {score.invented}" if score.invented else "")
                      + (f", misplaced {score.misplaced}" if score.misplaced else "")
                      + (f", wrong {score.wrong}" if score.wrong else ""))
                for problem in score.problems:
                    print(f"      {problem}")
        runtime.close()
    return scores


def report_conversations(name: str, scores: list[ConversationScore]) -> None:
    n = len(scores)
    done = [s.turns_to_done for s in scores if s.turns_to_done is not None]
    print(f"conversations ({name}): {n}")
    print(f"  ending with exactly the stated OKR: {sum(s.exact for s in scores)}/{n}")
    print(f"  stated KRs exact: {sum(s.krs_exact for s in scores)}/"
          f"{sum(s.krs_expected for s in scores)}")
    print(f"  drafts holding a number never said: {sum(bool(s.invented) for s in scores)}/{n}")
    print(f"  misplaced numbers: {sum(len(s.misplaced) for s in scores)} "
          f"(in {sum(bool(s.misplaced) for s in scores)} drafts)")
    print(f"  said numbers in a field they do not fill (not another stated value): "
          f"{sum(len(s.wrong) for s in scores)} (in {sum(bool(s.wrong) for s in scores)} drafts)")
    print(f"  stated KRs dropped: {sum(s.krs_dropped for s in scores)}; extra KRs: "
          f"{sum(s.extra_krs for s in scores)}")
    mean = sum(done) / len(done) if done else float("nan")
    print(f"  finished: {len(done)}/{n}; user turns to the finished OKR: mean {mean:.1f}")


def turns(path: str, reader_name: str, verbose: bool) -> None:
    from coach.reframe.classifier import ProblemTalkClassifier
    from coach.reframe.noticing import ProblemTalkNoticer
    from graph.draft import kr_from_text
    from graph.reading.context import ReadingContext, kr_views
    from graph.reading.rules import RulesReader
    from tests.support.reading_scoring import field_accuracy, never_said, score_turn

    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    reader: Any = RulesReader(ProblemTalkNoticer(ProblemTalkClassifier()))
    if reader_name == "model":
        from coach.llm.factory import build_llm
        from graph.reading.model import ModelReader

        reader = ModelReader(build_llm(Settings(), "openai"), reader)
    rows = []
    invented = 0
    for item in items:
        draft = [kr_from_text(t) for t in item.get("draft") or []]
        asked = item["asked"]
        if asked in ("kr_target", "kr_baseline") and draft:
            asked = f"{asked}:{len(draft) - 1}"
        ctx = ReadingContext(asked=asked, krs=kr_views(draft),
                             last_kr=len(draft) - 1 if draft else None)
        reading = reader.read(item["utterance"], ctx)
        row = score_turn(item, reading)
        rows.append(row)
        bad = never_said(item, reading)
        invented += bool(bad)
        if verbose and (not all(row.values()) or bad):
            wrong = [k for k, ok in row.items() if not ok]
            print(f"-- {item['id']} [{item['asked']}] {item['utterance']!r}: wrong {wrong}"
                  + (f" never said {bad}" if bad else ""))
    acc = field_accuracy(rows)
    right = sum(a for a, _ in acc.values())
    total = sum(t for _, t in acc.values())
    print(f"turns ({Path(path).name}, {reader_name} reader): {len(items)}")
    print(f"  all fields right: {sum(all(r.values()) for r in rows)}/{len(rows)}; "
          f"field accuracy {right}/{total} = {right / total:.3f}")
    for name, (a, t) in acc.items():
        print(f"    {name:18s} {a:3d}/{t:<3d} {a / t:.3f}")
    print(f"  readings holding a number never said: {invented}/{len(items)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", nargs="*", default=[])
    parser.add_argument("--turns", nargs="*", default=[])
    parser.add_argument("--reader", choices=("rules", "model"), default="rules")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    backend = "openai" if args.reader == "model" else "offline"
    if args.conversations:
        scores = conversations(args.conversations, backend, args.verbose)
        report_conversations(", ".join(Path(p).name for p in args.conversations), scores)
    for path in args.turns:
        turns(path, args.reader, args.verbose)


if __name__ == "__main__":
    main()
