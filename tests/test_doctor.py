"""`coach doctor` against the fake OpenAI server (real HTTP) and offline."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from coach.cli.doctor import run_doctor
from coach.settings import Settings
from tests.support.fake_openai_server import Fail, FakeOpenAIServer, Reply

KEY = "sk-doctor-SECRET-987"


def doctor(settings: Settings) -> tuple[int, str]:
    buf = io.StringIO()
    code = run_doctor(settings, Console(file=buf, width=200, color_system=None))
    return code, buf.getvalue()


def settings_for(url: str, tmp_path: Path) -> Settings:
    return Settings(
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=url,
        COACH_MODEL="fake-coach-1",
        COACH_DATA_DIR=tmp_path / "data",
        COACH_LLM_TIMEOUT=2,
    )


def test_doctor_reaches_the_endpoint(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.push(Reply("ready", usage=(20, 1)))
    code, text = doctor(settings_for(fake_openai.base_url, tmp_path))
    assert code == 0, text
    assert "openai" in text and fake_openai.base_url in text and "set" in text
    assert "'fake-coach-1' listed" in text and "'ready'" in text and " ms" in text
    assert KEY not in text
    assert "reply guard" in text and "passed" in text
    assert [r.path for r in fake_openai.requests] == [
        "/v1/models", "/v1/chat/completions", "/v1/chat/completions"]  # ping, guarded turn


def test_doctor_reports_a_failing_endpoint(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.push(Fail(500, "model not loaded"))
    code, text = doctor(settings_for(fake_openai.base_url, tmp_path))
    assert code == 2 and "FAIL" in text and "HTTP 500" in text
    assert len(fake_openai.chat_requests()) == 1  # doctor does not retry


def test_doctor_offline(tmp_path: Path) -> None:
    code, text = doctor(Settings(COACH_BACKEND="offline", COACH_DATA_DIR=tmp_path / "d"))
    assert code == 0 and "offline" in text and "writable" in text
