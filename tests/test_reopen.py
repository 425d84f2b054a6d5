"""A finished session reopens for changes — through `coach resume ID` or by typing a change —
and gives a new final draft; the export shows it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from coach.runtime import CoachRuntime
from tests.conftest import COACH_BIN, cli_env
from tests.helpers import opening, say

SCRIPT = [line for line in (Path(__file__).parent / "data" / "session_prepare.txt")
          .read_text().splitlines() if line.strip()]


def _pairs(okr: dict) -> list[tuple[object, object]]:  # type: ignore[type-arg]
    return [(kr["baseline"], kr["target"]) for kr in okr["objectives"][0]["key_results"]]


def test_a_change_typed_into_a_finished_session_reopens_it(runtime: CoachRuntime) -> None:
    session = runtime.new_session()
    opening(session)
    for line in SCRIPT:
        say(session, line)
    assert session.done and _pairs(session.view().okr) == [(70, 90), (55, 75)]
    again = runtime.open_session(session.id)
    reply = say(again, "change KR 2 to first-contact resolution from 55% to 80%")
    assert not again.done and again.view().room == "gift_shop"
    assert "55% → 80%" in reply and "yes" in reply.lower()
    assert _pairs(again.view().okr) == [(70, 90), (55, 80)]
    say(again, "remove the first one")
    say(again, "looks good, keep it")
    assert again.done and _pairs(again.view().okr) == [(55, 80)]
    assert runtime.store.get(session.id).done  # type: ignore[union-attr]


def test_coach_resume_reopens_a_finished_session(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data")
    script = Path(__file__).parent / "data" / "session_prepare.txt"
    first = subprocess.run([str(COACH_BIN), "chat", "--script", str(script), "--json"],
                           capture_output=True, env=env, timeout=120, check=True)
    session_id = json.loads(first.stdout)["session_id"]
    resumed = subprocess.run([str(COACH_BIN), "resume", session_id],
                             input=b"no, the target of KR 1 is 95%\nyes\n", env=env,
                             capture_output=True, timeout=120, check=False)
    out = resumed.stdout.decode()
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert "open again for changes" in out and "70% → 95%" in out
    exported = subprocess.run([str(COACH_BIN), "export", session_id, "--format", "json"],
                              env=env, capture_output=True, timeout=60, check=True)
    doc = json.loads(exported.stdout)
    assert _pairs(doc["okr"]) == [(70, 95), (55, 75)]
    assert doc["turns"][-1]["room"] == "done"
