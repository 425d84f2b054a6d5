"""What every CLI command receives through `ctx.obj`: settings built once at the entry point."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from coach.settings import Settings


@dataclass
class CliContext:
    settings: Settings


def cli_context(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliContext):  # pragma: no cover - the root callback always sets it
        raise RuntimeError("CLI context missing")
    return obj


def fail(reason: str) -> typer.Exit:
    """Print a one-line reason on stderr and return the exit (code 2) to raise."""
    typer.echo(f"error: {reason}", err=True)
    return typer.Exit(code=2)
