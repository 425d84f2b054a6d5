"""`coach sessions` and `coach export`."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import typer

from coach.cli.context import cli_context, fail
from coach.text_safety import strip_controls
from graph.modes import step_title


def sessions(ctx: typer.Context) -> None:
    """List saved sessions, most recent first."""
    from coach.runtime import build_runtime

    runtime = build_runtime(cli_context(ctx).settings, "offline")
    try:
        rows = runtime.store.list()
        if not rows:
            typer.echo("No sessions yet. Start one with: coach chat")
        for info in rows:
            when = dt.datetime.fromtimestamp(info.updated_at).strftime("%Y-%m-%d %H:%M")
            room = step_title(info.mode, info.room)
            title = strip_controls(info.title) or "(untitled)"
            linked = f"  (OKR set {info.okr_set_id})" if info.okr_set_id else ""
            typer.echo(f"{info.id}  {when}  {info.mode:<8} {room:<18} {title}{linked}")
    finally:
        runtime.close()


def _write_export(path: Path, text: str) -> None:
    """Write the whole file or nothing (a temp file beside it, then one rename)."""
    if path.is_dir():
        raise fail(f"cannot write the export to {path}: it is a directory — give a file name")
    temp = path.with_name(f".{path.name}.part")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise fail(f"cannot write the export to {path}: {err.strerror or err}") from None


def export(
    ctx: typer.Context,
    session_id: str = typer.Argument(..., help="Session id (or a unique prefix)"),
    fmt: str = typer.Option("md", "--format", help="md or json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="File (default: stdout)"),
) -> None:
    """Export a session's OKR draft and conversation."""
    from coach.export import export_text
    from coach.runtime import build_runtime
    from coach.session import SessionError

    if fmt not in ("md", "json"):
        raise fail(f"unknown format {fmt!r} (md or json)")
    runtime = build_runtime(cli_context(ctx).settings, "offline")
    try:
        try:
            view = runtime.open_session(session_id, writer=False).view()
        except SessionError as err:
            raise fail(str(err)) from None
        text = export_text(view, fmt)
        if output is None:
            typer.echo(text)
        else:
            _write_export(output, text + "\n")
            typer.echo(f"wrote {output}", err=True)
    finally:
        runtime.close()
