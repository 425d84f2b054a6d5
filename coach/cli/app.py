"""The `coach` command: one Typer app; settings are built here, once."""

from __future__ import annotations

import os
from typing import Any

import typer

from coach.cli import chat as chat_commands
from coach.cli import sessions as session_commands
from coach.cli import tools
from coach.cli.context import CliContext, fail
from coach.cli.doctor import doctor_command
from coach.cli.kb import kb_app
from coach.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="okr-coach: write and live with OKRs, the Solution-Focused way.",
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    backend: str | None = typer.Option(None, "--backend", help="offline or openai"),
) -> None:
    if backend is not None and backend not in ("offline", "openai"):
        raise fail(f"unknown backend {backend!r} (offline or openai)")
    overrides: dict[str, Any] = {"COACH_BACKEND": backend} if backend else {}
    try:
        settings = Settings(**overrides)
    except ValueError as err:
        raise fail(f"bad configuration: {str(err).splitlines()[0]}") from None
    ctx.obj = CliContext(settings=settings)
    if ctx.invoked_subcommand is None:
        _open_app(ctx)


def _open_app(ctx: typer.Context) -> None:
    from coach.tui.main import run_tui

    run_tui(ctx.obj.settings)


app.command("chat")(chat_commands.chat)
app.command("resume")(chat_commands.resume)
app.command("sessions")(session_commands.sessions)
app.command("export")(session_commands.export)
app.command("reframe")(tools.reframe_command)
app.command("check-kr")(tools.check_kr_command)


app.add_typer(kb_app, name="kb", help="The knowledge base of past OKRs.")
app.command("doctor")(doctor_command)


def main() -> None:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    app()
