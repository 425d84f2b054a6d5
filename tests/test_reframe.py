"""Problem-talk detector and SF reframer (coach/reframe)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from coach.reframe.detector import ProblemTalk, detect
from coach.reframe.lexicon import word_set
from coach.reframe.reframer import reframe, wish_from_answer

DATA = Path(__file__).parent / "data"
CASES = DATA / "problem_talk_cases.csv"
SHARED = Path(__file__).parents[2] / "shared/data/positive-frames-dev.csv"

# Measured with scripts/measure_detector.py; floors leave a small margin.
ACCURACY_FLOOR = 0.97  # measured 0.995 on 208 rows (tuning set)
# (file, accuracy floor, precision floor). holdout: written blind (acc 0.725 before), then
# tuned on (0.996). test: written after tuning, measured once blind (acc 0.680, recall
# 0.400), then 0.730 / recall 0.460 after category fixes; it is the honest generality figure.
CSV_FLOORS = (
    ("problem_talk_cases.csv", 0.97, 0.97),
    ("problem_talk_holdout.csv", 0.97, 0.97),
    ("problem_talk_test.csv", 0.70, 0.95),
)
SHARED_RECALL_FLOOR = 0.64  # measured 0.660 on original_text
SHARED_REFRAMED_CEILING = 0.34  # measured 0.315 on reframed_text
# Throughput is a benchmark, not a unit test: benchmarks/bench_reframe.py (make bench).
HOPELESS = re.compile(
    r"\b(hopeless|pointless|no point|nothing (?:you|we) can do|never (?:going to )?change"
    r"|it is what it is|give up)\b",
    re.IGNORECASE,
)

ADVICE = re.compile(
    r"\b(you should|you must|you need to|try to|i suggest|i recommend|why don't you|"
    r"have you tried|make sure|consider)\b",
    re.IGNORECASE,
)
STOP = word_set(
    """the a an and or but our your we you they them their this that with for from have has
    been were was are is not can't cannot don't doesn't into about every after before
    just what when really there here very much many some"""
)


def _rows(path: Path = CASES) -> list[tuple[str, bool]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [(r["text"], r["problem_talk"] == "1") for r in csv.DictReader(fh)]


ROWS = _rows()
POSITIVES = [t for t, y in ROWS if y]
NEGATIVES = [t for t, y in ROWS if not y]
ALL_POSITIVES = [t for name, _, _ in CSV_FLOORS for t, y in _rows(DATA / name) if y]
DETECTED = [t for t in ALL_POSITIVES if detect(t) is not None]


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if len(w) > 2 and w not in STOP}


def test_csv_is_big_and_balanced() -> None:
    assert len(ROWS) >= 150
    assert abs(len(POSITIVES) - len(NEGATIVES)) <= len(ROWS) * 0.1


def test_accuracy_on_workplace_cases() -> None:
    tp = sum(detect(t) is not None for t in POSITIVES)
    fp = sum(detect(t) is not None for t in NEGATIVES)
    fn = len(POSITIVES) - tp
    tn = len(NEGATIVES) - fp
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    accuracy = (tp + tn) / len(ROWS)
    print(f"accuracy={accuracy:.3f} precision={precision:.3f} recall={recall:.3f}")
    assert accuracy >= ACCURACY_FLOOR


@pytest.mark.parametrize(("name", "accuracy_floor", "precision_floor"), CSV_FLOORS)
def test_floors_on_each_csv(name: str, accuracy_floor: float, precision_floor: float) -> None:
    rows = _rows(DATA / name)
    assert len(rows) >= 100
    pred = [(detect(t) is not None, y) for t, y in rows]
    tp = sum(p and y for p, y in pred)
    fp = sum(p and not y for p, y in pred)
    accuracy = sum(p == y for p, y in pred) / len(rows)
    precision = tp / max(tp + fp, 1)
    print(f"{name}: accuracy={accuracy:.3f} precision={precision:.3f}")
    assert accuracy >= accuracy_floor
    assert precision >= precision_floor


@pytest.mark.parametrize(
    "text",
    [
        "Customers no longer wait for a reply",
        "Nobody waits anymore",
        "Nobody would have to chase Finance for approvals",
        "No more than two priority-one incidents a quarter",
        "Churn fell to 3% after the new onboarding",
        "It's not perfect, but it's good enough to start",
        "Slipping one date was fine because we caught the bug",
        "Our goal is to never lose a customer because of slow support",
        "The reporting would actually get read",
        "I don't know, maybe 6",
    ],
)
def test_goal_frames_and_solved_problems_are_not_problem_talk(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Nobody reads the reports",
        "It is what it is",
        "What's the point of OKRs if nobody checks them?",
        "Why does nobody ever update the tracker?",
        "Our NPS dropped by twelve points",
        "Finance sits on our requests for weeks",
        "The key results were handed down to us without any discussion",
        "I wish they'd stop adding scope mid-sprint",
        "I'm not invited to the meetings where it gets decided",
        "Costs are through the roof",
    ],
)
def test_problem_talk_without_classic_cue_words(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "We want customers to get answers on the first call",
        "Our best hope is a calmer team",
        "Response rate is 70% today",
        "No, that's all",
        "yes",
        "3",
        "Increase NPS from 30 to 45",
        "not bad",
        "No problem",
        "We can't wait to launch",
        "Our trains are never late",
        "",
    ],
)
def test_non_problem_talk_gives_none(text: str) -> None:
    assert detect(text) is None
    assert reframe(text) is None


def test_detect_kinds_and_focus() -> None:
    unwanted = detect("We don't want to lose customers")
    assert isinstance(unwanted, ProblemTalk)
    assert unwanted.kind == "unwanted"
    assert unwanted.focus == "losing customers"
    assert unwanted.wanted == "keeping customers"
    inability = detect("We can't answer all calls")
    assert inability is not None and inability.kind == "inability"
    assert inability.focus == "answering all calls"
    assert inability.wanted == "you can answer all calls"
    worry = detect("I'm worried that the launch will slip")
    assert worry is not None and worry.kind == "worry"
    blame = detect("IT never replies to our tickets")
    assert blame is not None and blame.kind == "blame"


def test_brief_example_builds_on_users_words() -> None:
    r = reframe("Customers keep waiting ages on the phone and we can't keep up")
    assert r is not None
    assert "keep up" in r.text
    assert r.text == f"{r.acknowledgement} {r.question}"
    kept = reframe("We don't want to lose customers")
    assert kept is not None and "keeping customers" in kept.question.lower()


@pytest.mark.parametrize("text", DETECTED)
def test_reframe_shape(text: str) -> None:
    r = reframe(text)
    assert r is not None, text
    assert r.text.endswith("?")
    assert r.question.endswith("?")
    assert r.question.count("?") == 1, r.text  # one question
    assert "?" not in re.sub(r"“[^”]*”", "", r.acknowledgement), r.text
    assert len(r.text.split()) <= 40
    assert not ADVICE.search(r.text), r.text
    assert not re.search(r"\s[,;.]|\b(\w+) \1\b|\beven —|^\w+;", r.text), r.text
    for agreeing in HOPELESS.findall(r.text):  # only ever the user's own words, echoed
        assert agreeing.lower() in text.lower(), r.text
    said = _content_words(text)
    assert said & _content_words(r.text) or not said, (text, r.text)


def test_reframe_is_deterministic_and_varied() -> None:
    assert reframe(POSITIVES[0]) == reframe(POSITIVES[0])
    openings = set()
    for text in DETECTED:
        r = reframe(text)
        assert r is not None
        openings.add(" ".join(r.question.split()[:2]))
    assert len(openings) >= 6


@pytest.mark.parametrize(
    ("answer", "wish"),
    [
        (
            "Well, I guess we'd like customers to get answers on the first call.",
            "customers to get answers on the first call",
        ),
        ("Our best hope is a calmer team", "a calmer team"),
        ("That the team leaves on time. And fewer meetings.", "the team leaves on time"),
        ("Calmer mornings", "calmer mornings"),
    ],
)
def test_wish_from_answer(answer: str, wish: str) -> None:
    assert wish_from_answer(answer) == wish


def _shared_rows() -> list[dict[str, str]]:
    if not SHARED.exists():
        pytest.skip(f"shared dev set not found at {SHARED}")
    with SHARED.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_recall_on_shared_problem_focused_posts() -> None:
    rows = _shared_rows()
    recall = sum(detect(r["original_text"]) is not None for r in rows) / len(rows)
    rate = sum(detect(r["reframed_text"]) is not None for r in rows) / len(rows)
    print(f"shared dev: recall(original)={recall:.3f} rate(reframed)={rate:.3f}")
    assert recall >= SHARED_RECALL_FLOOR
    assert rate <= SHARED_REFRAMED_CEILING
