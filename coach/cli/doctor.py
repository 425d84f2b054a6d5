"""`coach doctor`: is the configuration sound, and does the model endpoint answer?

Prints the resolved backend, model, endpoint (never the key: only whether one is set) and data
dir; for the `openai` backend it lists the endpoint's models, asks for one tiny completion and
sends one small coaching turn through the reply guard (passed, regenerated or fell back to the
offline phrasing, and which rules failed), with timings. Exit code 0 when everything works
(a guard fallback is a warning), 2 otherwise.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from coach.cli.context import cli_context
from coach.llm.port import LLMError, Message, Prompt
from coach.llm.retry import display_url
from coach.llm.tokens import TokenCounter
from coach.settings import Settings
from coach.storage.errors import StorageError

if TYPE_CHECKING:
    from coach.llm.guarded import Verdict

DEFAULT_ENDPOINT = "https://api.openai.com/v1"
PING = Prompt(
    task="doctor",
    messages=[
        Message(role="system", content="You are a health check. Answer with one word."),
        Message(role="user", content="Say: ready"),
    ],
)
GUARD_ASKED = "What are your best hopes for the coming period?"
GUARD_SAID = "We want our support phone line to feel calm again"
GUARD_OUTCOMES = {"passed": "passed", "regenerated": "regenerated", "fell_back": "fell back"}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    ms: float | None = None
    warn: bool = False


def _timed(name: str, action: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail = action()
    except (LLMError, OSError, StorageError) as err:
        return Check(name, False, str(err), (time.perf_counter() - started) * 1000)
    return Check(name, True, detail, (time.perf_counter() - started) * 1000)


def _data_dir(settings: Settings) -> str:
    folder = settings.ensure_data_dir()
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as probe:
        probe.write(b"ok")
        probe.flush()
    return f"{folder} (writable)"


def _sessions_db(settings: Settings) -> str:
    """The sessions database opens and passes SQLite's integrity check, or the PostgreSQL
    server answers, named with its password masked (nothing is written)."""
    from coach.storage.open_sessions import check_session_store

    return check_session_store(settings)


def guard_prompt() -> Prompt:
    """One small coaching turn as the session renders it: the real prompts, a real move."""
    from graph.prompting import reply_prompt
    from graph.state import Move, Turn, new_state, with_updates

    turns = [Turn(role="coach", room="ticket_office", text=GUARD_ASKED),
             Turn(role="user", room="ticket_office", text=GUARD_SAID)]
    state = with_updates(new_state(), {"turns": turns, "asked": "best_hopes",
                                       "answers": {"best_hopes": [GUARD_SAID]}})
    return reply_prompt(state, Move(kind="ask", slot="meaning"), GUARD_SAID)


def guard_detail(verdict: Verdict) -> str:
    """`passed`, `regenerated (rules: …)` or `fell back (rules: …; …)`, then the shown words."""
    label = GUARD_OUTCOMES[verdict.outcome]
    rules = "; ".join(", ".join(failed) for failed in verdict.failed)
    shown = verdict.text if len(verdict.text) <= 60 else verdict.text[:59] + "…"
    return label + (f" (rules: {rules})" if rules else "") + f": {shown!r}"


def _guard_check(settings: Settings) -> Check:
    from coach.llm.guarded import GuardedLLM
    from coach.llm.offline import OfflineCoach
    from coach.llm.openai_adapter import OpenAIChat

    model = OpenAIChat(settings, counter=TokenCounter(allow_encoding=False))
    guarded = GuardedLLM(model, OfflineCoach())
    verdict: list[Verdict] = []

    def review() -> str:
        verdict.append(guarded.review(guard_prompt()))
        return guard_detail(verdict[0])

    check = _timed("reply guard", review)
    check.warn = bool(verdict) and verdict[0].outcome == "fell_back"
    return check


def _endpoint_checks(settings: Settings) -> list[Check]:
    from coach.llm.openai_adapter import OpenAIChat  # the client loads only when checked

    quick = settings.model_copy(update={"llm_max_retries": 0})
    # no encoding load inside the timed call: the estimate is enough for a health check
    llm = OpenAIChat(quick, reply_tokens=8, counter=TokenCounter(allow_encoding=False))

    def models() -> str:
        ids = llm.list_models()
        mark = "listed" if settings.model in ids else "not listed (may still work)"
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        return f"{len(ids)} model(s): {shown}; {settings.model!r} {mark}"

    def ping() -> str:
        reply = llm.complete(PING).strip()
        u = llm.usage
        return (
            f"{reply[:40]!r} ({u.prompt_tokens} prompt + {u.completion_tokens} completion tokens)"
        )

    checks = [_timed("endpoint /models", models)]
    checks.append(_timed("tiny completion", ping))
    if checks[-1].ok:  # the endpoint answers: is what it says fit to show?
        checks.append(_guard_check(quick))
    return checks


def run_doctor(settings: Settings, console: Console | None = None) -> int:
    """Check the configuration and, for `openai`, the endpoint. Returns the exit code."""
    out = console or Console()
    backend = settings.resolved_backend()
    endpoint = display_url(settings.openai_base_url or DEFAULT_ENDPOINT)
    key = "set" if settings.openai_api_key is not None else "not set"

    table = Table(title="coach doctor", show_lines=False)
    for col in ("check", "result", "detail", "time"):
        table.add_column(col)
    table.add_row("backend", "", backend, "")
    table.add_row("model", "", settings.model if backend == "openai" else "offline coach", "")
    if backend == "openai":
        table.add_row("endpoint", "", endpoint, "")
        table.add_row("API key", "", key, "")
    checks = [_timed("data dir", lambda: _data_dir(settings)),
              _timed("sessions", lambda: _sessions_db(settings))]
    if backend == "openai":
        checks += _endpoint_checks(settings)
    for c in checks:
        mark = "[red]FAIL[/]" if not c.ok else "[yellow]warn[/]" if c.warn else "[green]ok[/]"
        table.add_row(c.name, mark, c.detail, "" if c.ms is None else f"{c.ms:.0f} ms")
    out.print(table)
    failed = [c for c in checks if not c.ok]
    if failed:
        out.print(f"[red]{len(failed)} check(s) failed.[/]")
        return 2
    warned = [c for c in checks if c.warn]
    if warned:
        out.print(f"[green]All checks passed[/] [yellow]({len(warned)} warning(s)).[/]")
        return 0
    out.print("[green]All checks passed.[/]")
    return 0


def doctor_command(ctx: typer.Context) -> None:
    """Check the configuration and that the model endpoint answers."""
    code = run_doctor(cli_context(ctx).settings)
    if code:
        raise typer.Exit(code=code)
