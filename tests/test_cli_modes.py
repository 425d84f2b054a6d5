"""`coach chat --mode`, `coach sessions` and `coach resume` through real `coach` processes:
modes come from the registry."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import COACH_BIN, cli_env
from tests.test_cli_contract import SCRIPT, coach


def test_an_unknown_mode_exits_2_listing_the_known_ids(tmp_path: Path) -> None:
    done = coach(["chat", "--mode", "planning"], tmp_path / "data")
    assert done.returncode == 2 and done.stdout == b""
    (line,) = done.stderr.decode().splitlines()
    assert line == ("error: unknown mode 'planning' (known modes: prepare, checkin, retro, "
                    "rehearse)")


def test_mode_help_comes_from_the_registry(tmp_path: Path) -> None:
    done = subprocess.run([str(COACH_BIN), "chat", "--help"], capture_output=True, text=True,
                          env=cli_env(tmp_path / "data", COLUMNS="200"), timeout=60, check=True)
    text = " ".join(done.stdout.replace("│", " ").split())
    assert "[prepare|checkin|retro|rehearse]" in text
    assert ("prepare (Prepare OKRs), checkin (Weekly check-in), retro (Retrospective), "
            "rehearse (Rehearse a workshop)") in text
    assert "not available yet" not in text


def test_mode_prepare_gives_the_same_document_as_the_default(tmp_path: Path) -> None:
    chosen = coach(["chat", "--mode", "prepare", "--script", str(SCRIPT), "--json"],
                   tmp_path / "one")
    default = coach(["chat", "--script", str(SCRIPT), "--json"], tmp_path / "two")
    assert chosen.returncode == default.returncode == 0, chosen.stderr.decode()
    doc, expected = json.loads(chosen.stdout), json.loads(default.stdout)
    assert doc["mode"] == "prepare" and doc["session_id"] != expected["session_id"]
    assert {**doc, "session_id": ""} == {**expected, "session_id": ""}

    listed = coach(["sessions"], tmp_path / "one")
    (row,) = listed.stdout.decode().splitlines()
    assert row.startswith(doc["session_id"]) and " prepare " in row and "Done" in row
    resumed = coach(["resume", doc["session_id"]], tmp_path / "one", stdin=b"quit\n")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert "[Gift Shop]" in resumed.stdout.decode()  # its own mode's rooms, reopened
