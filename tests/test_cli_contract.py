"""The command-line contract of DESIGN §3, through real `coach` subprocesses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import COACH_BIN, cli_env

SCRIPT = Path(__file__).parent / "data" / "session_prepare.txt"


def coach(args: list[str], data_dir: Path, stdin: bytes | None = None,
          timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(COACH_BIN), *args], input=stdin, capture_output=True,
                          env=cli_env(data_dir), timeout=timeout, check=False)


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    data = tmp_path_factory.mktemp("data")
    done = coach(["chat", "--script", str(SCRIPT), "--json"], data)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout), data


def test_script_json_has_the_contract_shape(scripted: tuple[dict, Path]) -> None:  # type: ignore[type-arg]
    doc, _ = scripted
    assert set(doc) >= {"session_id", "mode", "backend", "turns", "okr", "findings"}
    assert doc["mode"] == "prepare" and doc["backend"] == "offline"
    rooms = {"ticket_office", "future_gallery", "instances_gallery", "gift_shop", "done"}
    for turn in doc["turns"]:
        assert turn["role"] in ("coach", "user") and turn["room"] in rooms and turn["text"]
    user_lines = [t["text"] for t in doc["turns"] if t["role"] == "user"]
    assert user_lines == [line for line in SCRIPT.read_text().splitlines() if line.strip()]
    (objective,) = doc["okr"]["objectives"]
    for kr in objective["key_results"]:
        assert set(kr) >= {"text", "metric", "baseline", "target", "unit", "due"}
    pairs = sorted((kr["baseline"], kr["target"]) for kr in objective["key_results"])
    assert pairs == [(55, 75), (70, 90)]
    for finding in doc["findings"]:
        assert set(finding) == {"rule", "severity", "message"}


def test_sessions_export_and_resume_after_a_script(scripted: tuple[dict, Path],  # type: ignore[type-arg]
                                                  tmp_path: Path) -> None:
    doc, data = scripted
    listed = coach(["sessions"], data)
    assert listed.returncode == 0 and doc["session_id"] in listed.stdout.decode()
    out = tmp_path / "okr.md"
    exported = coach(["export", doc["session_id"], "--format", "md", "--output", str(out)], data)
    assert exported.returncode == 0, exported.stderr.decode()
    text = out.read_text()
    assert "from 70% to 90%" in text and doc["okr"]["objectives"][0]["title"] in text
    as_json = coach(["export", doc["session_id"], "--format", "json"], data)
    assert json.loads(as_json.stdout)["okr"] == doc["okr"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "not found"),
        (b"\n  \n\n", "has no messages"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"x" * 1_048_576 + b"\n", "too long"),
    ],
    ids=["missing", "empty", "latin1", "1MB-line"],
)
def test_bad_script_exits_2_with_one_line_reason(tmp_path: Path, content: bytes | None,
                                                 reason: str) -> None:
    script = tmp_path / "script.txt"
    if content is not None:
        script.write_bytes(content)
    done = coach(["chat", "--script", str(script), "--json"], tmp_path / "data")
    assert done.returncode == 2
    err = done.stderr.decode().strip()
    assert reason in err and len(err.splitlines()) == 1
    assert done.stdout == b""


def test_unknown_session_and_bad_format_exit_2(tmp_path: Path) -> None:
    assert coach(["resume", "nope"], tmp_path).returncode == 2
    assert coach(["export", "nope", "--format", "pdf"], tmp_path).returncode == 2


def test_reframe_jsonl(tmp_path: Path) -> None:
    lines = "We can't ever hit our deadlines\nIncrease NPS from 30 to 45\n"
    done = coach(["reframe", "--jsonl"], tmp_path, stdin=lines.encode())
    assert done.returncode == 0, done.stderr.decode()
    first, second = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert first["problem_talk"] is True and first["reframe"].endswith("?")
    assert second == {"text": "Increase NPS from 30 to 45", "problem_talk": False,
                      "reframe": None}


def test_check_kr_jsonl(tmp_path: Path) -> None:
    lines = ("Improve phone service\tIncrease response rate from 70% to 90% by end of Q2\n"
             "Launch the new website\n")
    done = coach(["check-kr", "--jsonl"], tmp_path, stdin=lines.encode())
    assert done.returncode == 0, done.stderr.decode()
    good, task = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert good["parsed"]["baseline"] == 70 and good["parsed"]["target"] == 90
    assert not [f for f in good["findings"] if f["severity"] == "error"]
    assert any(f["severity"] == "error" for f in task["findings"])
    assert set(task["parsed"]) == {"metric", "baseline", "target", "unit", "due"}


def test_check_kr_rejects_non_utf8(tmp_path: Path) -> None:
    done = coach(["check-kr", "--jsonl"], tmp_path, stdin=b"\xff\xfe bad\n")
    assert done.returncode == 2 and "UTF-8" in done.stderr.decode()


def test_script_from_standard_input(tmp_path: Path) -> None:
    done = coach(["chat", "--script", "-", "--json"], tmp_path / "data",
                 stdin=SCRIPT.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(done.stdout)
    assert [t["text"] for t in doc["turns"] if t["role"] == "user"] == [
        line for line in SCRIPT.read_text().splitlines() if line.strip()]
