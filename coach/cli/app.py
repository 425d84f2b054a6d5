"""The `coach` command: one Typer app; settings are built here, once."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import typer

from coach.cli import chat as chat_commands
from coach.cli import sessions as session_commands
from coach.cli import tools
from coach.cli.context import CliContext, fail
from coach.cli.doctor import doctor_command
from coach.cli.due import due_command
from coach.cli.kb import kb_app
from coach.cli.living import checkin_command, rehearse_command, retro_command
from coach.cli.okr import okr_app
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
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
) -> None:
    del debug  # read by main() before the app runs, so errors in any command obey it
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
app.command("checkin")(checkin_command)
app.command("retro")(retro_command)
app.command("rehearse")(rehearse_command)
app.command("sessions")(session_commands.sessions)
app.command("export")(session_commands.export)
app.command("reframe")(tools.reframe_command)
app.command("check-kr")(tools.check_kr_command)


app.add_typer(kb_app, name="kb", help="The knowledge base of past OKRs.")
app.add_typer(okr_app, name="okr", help="Adopted OKR sets: list, show, adopt, import, archive.")
app.command("doctor")(doctor_command)
app.command("due")(due_command)


def _data_dir() -> Path:
    try:
        return Settings().data_dir
    except Exception:  # the configuration itself is what failed
        return Path(os.environ.get("COACH_DATA_DIR", "."))


def _debugging(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("COACH_DEBUG", "") not in ("", "0")


def main() -> None:
    """Every failure ends as one line on stderr and an exit code: 2 for bad input or
    configuration, 1 at run time; `--debug` (or COACH_DEBUG=1) shows the traceback."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.umask(0o077)  # private by default: the data dir 0700, every file we write 0600
    debug = _debugging(sys.argv[1:])
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    else:  # no handler would print a log record (and its traceback) on stderr by default
        logging.getLogger().addHandler(logging.NullHandler())
    from coach.storage.errors import StorageError, outside_error

    try:
        app()
    except StorageError as err:
        if debug:
            raise
        typer.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("", err=True)
        sys.exit(130)
    except Exception as err:
        if debug:
            raise
        known = outside_error(err, _data_dir())
        if known is not None:
            typer.echo(f"error: {known}", err=True)
            sys.exit(known.exit_code)
        first = str(err).strip().splitlines()[0] if str(err).strip() else ""
        typer.echo(f"error: the coach hit an internal error ({type(err).__name__}"
                   f"{': ' + first[:200] if first else ''}); run again with --debug for "
                   "details", err=True)
        sys.exit(1)
