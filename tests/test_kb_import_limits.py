"""What `coach kb import` refuses (one line, exit 2, no traceback) and what it never lets through
to a terminal (control sequences), through real `coach` subprocesses on a real store."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from coach.settings import Settings
from knowledge import KRExample, OKRSet, open_library
from knowledge.chroma_records import metadata_of
from knowledge.input_limits import MAX_IMPORT_BYTES
from tests.conftest import COACH_BIN, cli_env

GOOD_KR = "  key_results:\n  - text: Increase calls answered within a minute from 55% to 85%\n"


def coach(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COACH_BIN), *args], capture_output=True, text=True, timeout=120,
                          env=cli_env(data_dir), check=False)


def _yaml_nested(depth: int) -> str:
    return f"- objective: Callers reach us\n  extra: {'[' * depth}{']' * depth}\n" + GOOD_KR


BAD_INPUTS = {
    "json-100000-deep": ("deep.json", "[" * 100_000, "line 1: nested deeper than 32 levels"),
    "json-33-deep": ("deep33.json", "[" * 33 + "]" * 33, "line 1: nested deeper than 32 levels"),
    "yaml-100000-deep": ("deep.yaml", "[" * 100_000, "line 1: not valid YAML"),
    "yaml-40-deep": ("deep40.yaml", _yaml_nested(40), "line 2: nested deeper than 32 levels"),
    "yaml-anchor-alias": (
        "alias.yaml",
        "- &set\n  objective: Callers reach us\n" + GOOD_KR + "- *set\n",
        "line 1: YAML anchors and aliases (&name, *name) are not accepted",
    ),
    "yaml-merge-key": (
        "merge.yaml",
        "- objective: Callers reach us\n  <<: {team: Phones}\n" + GOOD_KR,
        "line 2: YAML merge keys (<<) are not accepted",
    ),
    "yaml-python-tag": (
        "tag.yaml",
        "- !!python/object/apply:os.system [echo hacked]\n",
        "line 1: YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not accepted",
    ),
    "yaml-local-tag": (
        "local.yaml",
        "- objective: !foo Callers reach us\n" + GOOD_KR,
        "line 1: YAML tags (!foo) are not accepted",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_refused_input_is_one_line_and_exit_2(name: str, tmp_path: Path) -> None:
    file_name, text, reason = BAD_INPUTS[name]
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    done = coach(tmp_path / "data", "kb", "import", str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {path}: {reason}") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert time.monotonic() - start < 60
    assert "hacked" not in done.stdout


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing is written, the size is what counts
    done = coach(tmp_path / "data", "kb", "import", str(path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    reason = "too large to import (67.1 MB; the limit is 67 MB)"
    assert done.stderr.startswith(f"error: {path}: {reason}")


HOSTILE = (
    "- objective: \"Callers \\e[31mreach\\e[0m us \\e]0;pwned\\a [bold]now[/bold] "
    "[@click=app.quit]x[/]\"\n"
    "  team: \"\\e]8;;https://evil.example\\e\\\\Phone\\e]8;;\\e\\\\ Team\"\n"
    "  key_results:\n"
    "  - text: \"Increase calls answered within a minute from 55% to 85% \\e[2J\\x9b31m[/bold]\"\n"
)


def test_control_sequences_never_reach_the_terminal_and_markup_stays_literal(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    done = coach(data_dir, "kb", "import", str(path))
    assert done.returncode == 0 and "1 added" in done.stdout, done.stderr
    listed = coach(data_dir, "kb", "list", "--team", "phone team")
    found = coach(data_dir, "kb", "search", "callers reach us now", "--k", "1")
    as_json = coach(data_dir, "kb", "list", "--json")
    for out in (listed.stdout, found.stdout, as_json.stdout):
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "Callers reach us [bold]now[/bold] [@click=app.quit]x[/]" in listed.stdout
    assert "Phone Team" in listed.stdout
    assert "Callers reach us [bold]now[/bold]" in found.stdout
    assert "- Increase calls answered within a minute from 55% to 85% [/bold]\n" in found.stdout
    stored = next(s for s in json.loads(as_json.stdout) if s["team"] == "Phone Team")
    assert stored["objective"] == "Callers reach us [bold]now[/bold] [@click=app.quit]x[/]"


def test_sets_stored_before_stripping_are_printed_clean(tmp_path: Path) -> None:
    """A record written with escapes (as before this change) is cleaned when read back."""
    data_dir = tmp_path / "data"
    library = open_library(Settings(_env_file=None, COACH_DATA_DIR=data_dir), seed=False)
    old = OKRSet.model_construct(
        id="old-escapes", objective="Old \x1b[5mblinking\x1b[0m objective", team="Old\x07 Team",
        function=None, sector=None, period=None, parent=None, learnings=None, source="import",
        key_results=[KRExample.model_construct(text="Reduce \x1b]0;x\x07hold time", score=None)],
    )
    col = library._col()
    col.upsert(ids=[old.id], embeddings=library.embed([old.objective]),
               documents=[old.objective], metadatas=[metadata_of(old)])
    listed = coach(data_dir, "kb", "list")
    found = coach(data_dir, "kb", "search", "blinking objective", "--k", "1")
    assert "old-escapes" in listed.stdout and "Old blinking objective" in listed.stdout
    assert "Reduce hold time" in found.stdout
    assert "\x1b" not in listed.stdout + found.stdout and "\x07" not in listed.stdout
