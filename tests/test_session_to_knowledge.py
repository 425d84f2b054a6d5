"""Closing the loop: a finished session's OKR goes into the knowledge base, two ways."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import COACH_BIN, cli_env

SCRIPT = Path(__file__).parent / "data" / "session_prepare.txt"


def coach(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COACH_BIN), *args], capture_output=True, text=True,
                          env=cli_env(data), timeout=120, check=False)


def test_finished_session_is_added_and_its_markdown_export_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = coach(["chat", "--script", str(SCRIPT), "--json"], data)
    assert done.returncode == 0, done.stderr
    session = json.loads(done.stdout)
    title = session["okr"]["objectives"][0]["title"]

    added = coach(["kb", "add", "--from-session", session["session_id"], "--team", "Helpdesk"],
                  data)
    assert added.returncode == 0, added.stderr
    found = coach(["kb", "search", title, "--k", "1", "--team", "Helpdesk", "--json"], data)
    assert found.returncode == 0, found.stderr
    (top,) = json.loads(found.stdout)["results"]
    assert top["objective"] == title and top["team"] == "Helpdesk"
    assert [kr["text"] for kr in top["key_results"]] == [
        kr["text"] for kr in session["okr"]["objectives"][0]["key_results"]]

    export = tmp_path / "session.md"
    assert coach(["export", session["session_id"], "--format", "md", "-o", str(export)],
                 data).returncode == 0
    first = coach(["kb", "import", str(export)], data)
    assert first.returncode == 0, first.stderr
    again = coach(["kb", "import", str(export)], data)
    assert again.returncode == 0 and "0 added" in again.stdout, again.stdout

    missing = coach(["kb", "add", "--from-session", "nope"], data)
    assert missing.returncode == 2 and "nope" in missing.stderr
