"""Import and export: four formats that round-trip, precise errors, atomic and idempotent."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from coach.settings import Settings
from knowledge import (
    ChromaLibrary,
    KnowledgeInputError,
    KRExample,
    OKRSet,
    export_sets,
    import_file,
    load_seed,
    make_client,
    parse_sets,
    read_sets,
)
from knowledge.embedding import MiniLMEmbedding
from knowledge.transfer import FORMATS, Format

pytest_plugins = ["tests.conftest_chroma"]

TRICKY = OKRSet(
    id="tricky-1",
    objective='Our "quoted", comma, text — survives every format',
    team="Team: A # B",
    function="customer service",
    period="2025 H1",
    parent="A parent objective, with commas",
    key_results=[
        KRExample(text="Increase the share of calls answered from 55% to 85%", score=0.25),
        KRExample(text="Reduce average hold time from 9 minutes to 3 minutes"),
    ],
    learnings="First line: with a colon.\n\n> not a quote\n## not a heading",
)
SETS = [*load_seed()[:6], TRICKY]


def _content(sets: list[OKRSet]) -> list[dict[str, object]]:
    return [s.model_dump(exclude={"source"}) for s in sets]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips(fmt: Format) -> None:
    text = export_sets(SETS, fmt)
    back = parse_sets(text, fmt, f"x.{fmt}")
    assert _content(back) == _content(SETS)
    assert export_sets(back, fmt) == text


@pytest.fixture
def library(tmp_path: Path, minilm: MiniLMEmbedding) -> ChromaLibrary:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    return ChromaLibrary(make_client(settings), minilm, f"t_{uuid.uuid4().hex[:8]}", seed=None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_import_is_idempotent_and_export_matches(
    fmt: Format, library: ChromaLibrary, tmp_path: Path
) -> None:
    path = tmp_path / f"okrs.{fmt}"
    path.write_text(export_sets(SETS, fmt), encoding="utf-8")
    first = import_file(library, path)
    assert len(first.added) == len(SETS)
    again = import_file(library, path)
    assert (again.added, again.updated, len(again.unchanged)) == ([], [], len(SETS))
    exported = library.list()
    assert sorted(_content(exported), key=str) == sorted(_content(SETS), key=str)


def test_ids_come_from_content_when_not_given(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "- objective: Donors stay with us\n  team: Fundraising\n  period: 2025-Q1\n"
        "  key_results:\n  - text: Increase donor retention from 42% to 60%\n",
        encoding="utf-8",
    )
    first, second = read_sets(path), read_sets(path)
    assert first[0].id == second[0].id and first[0].id.startswith("okr-")


BAD_YAML = """\
examples:
  - id: good-one
    objective: Donors stay with us
    key_results:
      - text: Increase donor retention from 42% to 60%
  - id: bad-one
    objective: Callers reach us quickly
    key_results:
      - text: Reduce hold time from 9 to 3 minutes
      - text: Reduce abandonment from 18% to 6%
        score: 1.5
"""


def test_yaml_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    with pytest.raises(KnowledgeInputError) as err:
        read_sets(path)
    (problem,) = err.value.problems
    assert problem.startswith(f"{path}: line 11 (record 2): key_results[1].score:")


def test_validator_errors_block_the_import(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(
        "- objective: Improve phone service\n  key_results:\n"
        "  - text: Increase response rate from 70% to 90%\n"
        "  - text: Launch the new call-back system\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeInputError) as err:
        read_sets(path)
    assert "line 4 (record 1): key_results[1].text:" in str(err.value)
    assert "[activity-not-result]" in str(err.value)


def test_objective_with_numbers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "num.json"
    path.write_text(
        '[{"objective": "Sell 500 units", "key_results": [{"text": "Increase x from 1 to 2"}]},'
        ' {"objective": "Grow 30% this year", "key_results": []}]',
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeInputError) as err:
        read_sets(path)
    problems = err.value.problems
    assert any(p.startswith(f"{path}: record 1: objective:") for p in problems)
    assert any(p.startswith(f"{path}: record 2: key_results:") for p in problems)


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,objective,kr,score\n"
        "a-1,Donors stay with us,Increase donor retention from 42% to 60%,0.5\n"
        "a-1,Donors stay with us,Increase monthly donors from 800 to 1500,lots\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeInputError) as err:
        read_sets(path)
    assert str(err.value).startswith(f"{path}: line 3: key_results[1].score:")
    path.write_text("objective,kr,colour\n", encoding="utf-8")
    with pytest.raises(KnowledgeInputError, match="line 1: header: unknown column"):
        read_sets(path)


def test_markdown_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    text = export_sets([TRICKY], "md").replace("- team:", "- colour: red\n- team:")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeInputError) as err:
        read_sets(path)
    line = text.splitlines().index("- colour: red") + 1
    assert str(err.value).startswith(f"{path}: line {line}: colour: Extra inputs")


def test_bad_syntax_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("- objective: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeInputError, match=r"broken.yaml: line \d+: not valid YAML"):
        read_sets(path)
    dup = tmp_path / "dup.json"
    other = TRICKY.model_copy(update={"objective": "Another objective entirely"})
    dup.write_text(export_sets([TRICKY, other], "json"), encoding="utf-8")
    with pytest.raises(KnowledgeInputError, match="record 2: id: duplicate id 'tricky-1'"):
        read_sets(dup)
    with pytest.raises(KnowledgeInputError, match="unknown file type"):
        read_sets(tmp_path / "x.txt")


def test_import_is_all_or_nothing(library: ChromaLibrary, tmp_path: Path) -> None:
    library.add(SETS[:2])
    doc = json.loads(export_sets(SETS[2:], "json"))
    doc["examples"][-1]["key_results"][0]["score"] = 1.5  # the last record is bad
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(KnowledgeInputError, match=f"record {len(SETS) - 2}: key_results"):
        import_file(library, path)
    assert library.count() == 2
