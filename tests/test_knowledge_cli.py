"""`coach kb …` through Typer's runner, on a real on-disk store in the test's data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import knowledge.factory
from coach.cli.context import CliContext
from coach.cli.kb import add_session, kb_app
from coach.okr.models import KeyResult, Objective, OKRDraft
from coach.settings import Settings
from knowledge import export_sets, load_seed, open_library
from knowledge.embedding import MiniLMEmbedding

pytest_plugins = ["tests.conftest_chroma"]

runner = CliRunner()


def _host() -> typer.Typer:
    host = typer.Typer()

    @host.callback()
    def root(ctx: typer.Context) -> None:
        ctx.obj = CliContext(settings=Settings())

    host.add_typer(kb_app, name="kb")
    return host


HOST = _host()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kb-cli")  # one seeded store for the read-only tests


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, data_dir: Path, minilm: MiniLMEmbedding) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    monkeypatch.setattr(knowledge.factory, "MiniLMEmbedding", lambda **_: minilm)  # load once


def kb(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(HOST, ["kb", *args])
    return result.exit_code, result.stdout, result.stderr


def test_search_json_finds_phone_examples_offline() -> None:
    code, out, _ = kb("search", "customers wait too long on the phone", "--k", "3", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["k"] == 3 and len(doc["results"]) == 3
    assert doc["results"][0]["id"] == "cs-phone-wait"
    top = doc["results"][0]
    assert top["citation"] == "Contact Centre North, 2024-Q3" and top["similarity"] > 0.3
    assert {"objective", "key_results", "team", "function", "period", "learnings"} <= set(top)


def test_search_filter_and_plain_output() -> None:
    code, out, _ = kb("search", "phone", "--k", "2", "--function", "benefits administration")
    assert code == 0 and "pub-phone-line" in out and "cs-phone-wait" not in out


def test_list_and_export() -> None:
    code, out, _ = kb("list", "--function", "HR")
    assert code == 0 and out.count("\n") == 6 and "hr-time-to-hire" in out
    code, out, _ = kb("export", "--format", "csv", "--function", "finance")
    assert code == 0 and out.startswith("id,objective,") and "fin-month-close" in out


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["export", "--format", "xml"], "--format must be one of yaml, json, csv, md"),
        (["import", "nope.yaml"], "nope.yaml: no such file"),
        (["remove", "no-such-id"], "no OKR set with id 'no-such-id'"),
        (["add", "--objective", "Callers reach us"], "key_results"),
        (["add"], "give exactly one of FILE, --from-session ID or --objective"),
        (["search", "  "], "QUERY must not be empty"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], reason: str) -> None:
    code, _, err = kb(*args)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and reason in err


def test_import_export_add_remove_reset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    code, out, _ = kb("reset", "--yes", "--empty")
    assert code == 0 and "reset: 0 OKR sets" in out
    source = tmp_path / "in.md"
    source.write_text(export_sets(load_seed()[:4], "md"), encoding="utf-8")
    assert kb("import", str(source))[1].endswith("4 added, 0 updated, 0 unchanged\n")
    assert kb("import", str(source))[1].endswith("0 added, 0 updated, 4 unchanged\n")

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- objective: Grow 30% this year\n  key_results:\n  - text: Launch a shop\n", "utf-8"
    )
    code, _, err = kb("import", str(bad))
    assert code == 2 and f"{bad}: line 1 (record 1): objective:" in err
    assert f"; {bad}: line 3 (record 1): key_results[0].text:" in err

    code, out, _ = kb(
        "add", "--objective", "Donors stay with us", "--team", "Fundraising",
        "--kr", "Increase donor retention from 42% to 60%", "--score", "0.7",
    )  # fmt: skip
    assert code == 0 and "1 added" in out
    code, _, err = kb("add", "--objective", "Donors stay", "--kr", "Launch a donor newsletter")
    assert code == 2 and "key_results[0].text" in err

    out_file = tmp_path / "out.json"
    assert kb("export", "--format", "json", "--output", str(out_file))[0] == 0
    exported = json.loads(out_file.read_text(encoding="utf-8"))["examples"]
    assert len(exported) == 5
    added = next(e for e in exported if e["objective"] == "Donors stay with us")
    assert added["key_results"] == [
        {"text": "Increase donor retention from 42% to 60%", "score": 0.7}
    ]

    assert kb("remove", added["id"]) == (0, f"removed {added['id']}\n", "")
    assert kb("reset")[0] == 1  # no --yes and no one to confirm: nothing happens
    assert "5 OKR sets" not in kb("list")[2] and "4 OKR sets" in kb("list")[2]


DRAFT = OKRDraft(
    period="2025-Q3",
    objectives=[
        Objective(
            title="Callers reach a helpful person quickly",
            key_results=[KeyResult(text="Reduce average hold time from 9 minutes to 3 minutes")],
        )
    ],
)


def test_retrospective_scores_update_the_same_record(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, COACH_DATA_DIR=tmp_path / "data")
    open_library(settings).reset(seed=False)
    first = add_session(settings, "s-1", lambda _: DRAFT, team="Phone Team")
    again = add_session(settings, "s-1", lambda _: DRAFT, team="Phone Team", scores=[0.6])
    assert again.updated == first.added
