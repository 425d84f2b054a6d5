"""`coach kb import` of many OKR sets: seconds and sets/s, then the same file again (idempotence).

Run: .venv/bin/python benchmarks/bench_kb_import.py [--sets 10000] [--format yaml] [--profile]

N synthetic but varied OKR sets (objectives from several word lists, 1–5 KRs of different
shapes and units, some scored, some with learnings and a parent) are written in the import
format to a temp dir, then imported by a real `coach kb import FILE` subprocess into a fresh
temp data dir (the shipped seed is loaded on first use, as for a user). The second run imports
the same file again and must add nothing. `--profile` runs the first import in this process
under cProfile instead (same command, same code path) and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from knowledge.models import KRExample, OKRSet  # noqa: E402
from knowledge.transfer import Format, export_sets  # noqa: E402

COACH_BIN = Path(sys.executable).parent / "coach"

HOPES = [
    "Customers feel looked after",
    "We deliver what we promise",
    "People love working here",
    "Our work is calm and predictable",
    "Everyone can rely on us",
    "Our community grows",
    "Families get help without delay",
    "Patients are seen when they need it",
    "Our releases are boring and safe",
    "Suppliers trust our payments",
    "Students finish what they start",
    "Donors stay with us",
]
PLACES = ["in the north", "across the region", "for new clients", "on every shift",
          "in our shops", "for small businesses", "online", "at the front desk",
          "for returning customers", "in every ward", "", "", ""]
FUNCTIONS = ["customer service", "software engineering", "sales", "HR", "finance",
             "operations", "marketing", "education", "healthcare", "non-profit",
             "product management", "benefits administration", "logistics"]
SECTORS = ["public sector", "retail", "healthcare", "software", "charity", "manufacturing", None]
TEAM_WORDS = ["North", "South", "Harbour", "Maple", "Riverside", "Central", "Orbit", "Falcon",
              "Cedar", "Summit", "Meadow", "Atlas"]
PERCENT_METRICS = ["calls answered within a minute", "first-contact resolution", "win rate",
                   "voluntary turnover", "on-time delivery", "newsletter open rate",
                   "donor retention", "activation rate", "customer churn", "scrap rate",
                   "candidate satisfaction", "claims decided in a week", "test coverage"]
UNIT_METRICS = [("average hold time", "minutes"), ("claim processing time", "days"),
                ("time to hire", "days"), ("month-end close", "days"),
                ("patient waiting time", "minutes"), ("page load time", "seconds")]
COUNT_METRICS = [("deployment frequency", "per week"), ("monthly active donors", ""),
                 ("qualified leads", "per month"), ("volunteer hours", "per month")]
DEADLINES = ["", "", " by the end of Q2", " by 2025-06-30", " by December"]
LEARNINGS = ["Call-backs at peak hours helped most.",
             "We measured the baseline too late.\nNext time: measure first.",
             "The target was too easy; we hit it in six weeks.",
             "Small weekly steps beat one big launch."]


def _kr(rnd: random.Random) -> KRExample:
    shape = rnd.random()
    deadline = rnd.choice(DEADLINES)
    if shape < 0.5:
        a, b = sorted(rnd.sample(range(5, 95), 2))
        verb, (x, y) = rnd.choice([("Increase", (a, b)), ("Reduce", (b, a))])
        text = f"{verb} {rnd.choice(PERCENT_METRICS)} from {x}% to {y}%{deadline}"
    elif shape < 0.8:
        metric, unit = rnd.choice(UNIT_METRICS)
        b, a = sorted(rnd.sample(range(2, 60), 2))
        text = f"Reduce {metric} from {a} {unit} to {b} {unit}{deadline}"
    else:
        metric, unit = rnd.choice(COUNT_METRICS)
        a = rnd.randrange(2, 400)
        text = f"Increase {metric} from {a} to {a * rnd.randrange(2, 5)} {unit}".rstrip()
        text += deadline
    score = round(rnd.random(), 2) if rnd.random() < 0.4 else None
    return KRExample(text=text, score=score)


def synthetic_sets(n: int, seed: int = 11) -> list[OKRSet]:
    """`n` sets with distinct ids (team + period + objective), varied in every field."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        team = f"{rnd.choice(TEAM_WORDS)} Team {i}"
        objective = " ".join(filter(None, [rnd.choice(HOPES), rnd.choice(PLACES)]))
        out.append(
            OKRSet(
                objective=objective,
                key_results=[_kr(rnd) for _ in range(rnd.randint(1, 5))],
                team=team,
                function=rnd.choice(FUNCTIONS),
                sector=rnd.choice(SECTORS),
                period=f"{rnd.choice([2023, 2024, 2025])}-Q{rnd.randint(1, 4)}",
                parent=rnd.choice([None, None, "Be the service people recommend"]),
                learnings=rnd.choice([None, None, *LEARNINGS]),
            )
        )
    return out


def _env(data_dir: Path) -> dict[str, str]:
    drop = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_CHROMA_URL", "COACH_EMBEDDINGS")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(COACH_DATA_DIR=str(data_dir), ANONYMIZED_TELEMETRY="False", HF_HUB_OFFLINE="1")
    return env


def run_import(path: Path, data_dir: Path) -> tuple[float, str]:
    """`coach kb import PATH` in a subprocess: wall seconds and its summary line."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(COACH_BIN), "kb", "import", str(path)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.stdout.strip().splitlines()[-1]


def profile_import(path: Path, data_dir: Path, top: int) -> tuple[float, str]:
    """The same command in this process under cProfile; prints the top functions."""
    from coach.cli.app import app

    os.environ.update(_env(data_dir))
    profiler = cProfile.Profile()
    out = io.StringIO()
    start = time.perf_counter()
    profiler.enable()
    try:
        app(["kb", "import", str(path)], standalone_mode=False)
    finally:
        profiler.disable()
    seconds = time.perf_counter() - start
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(top)
    print(out.getvalue(), file=sys.stderr)
    return seconds, "(profiled in process)"


def added(summary: str) -> int:
    match = re.search(r"(\d+) added", summary)
    return int(match.group(1)) if match else -1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", type=int, default=10_000)
    parser.add_argument("--format", default="yaml", choices=["yaml", "json", "csv", "md"])
    parser.add_argument("--profile", action="store_true", help="cProfile the first import")
    parser.add_argument("--top", type=int, default=40, help="functions shown by --profile")
    args = parser.parse_args()
    fmt: Format = args.format
    tmp = Path(tempfile.mkdtemp(prefix="bench-kb-import-"))
    try:
        path = tmp / f"okrs.{fmt}"
        path.write_text(export_sets(synthetic_sets(args.sets), fmt), encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        print(f"{args.sets} sets, {fmt}, {size_mb:.1f} MB, {os.cpu_count()} CPUs")
        data_dir = tmp / "data"
        if args.profile:
            seconds, summary = profile_import(path, data_dir, args.top)
        else:
            seconds, summary = run_import(path, data_dir)
        print(f"import: {seconds:.1f} s, {args.sets / seconds:.0f} sets/s — {summary}")
        again, summary = run_import(path, data_dir)
        print(f"again:  {again:.1f} s, {added(summary)} added (idempotent) — {summary}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
