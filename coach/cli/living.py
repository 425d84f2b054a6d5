"""`coach checkin [OKR]`, `coach retro [OKR]` and `coach rehearse`: the weekly check-in and
the end-of-period retrospective on an adopted OKR set, and the workshop rehearsal —
`coach chat --mode checkin|retro|rehearse` by a shorter name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.chat import chat

OkrArg = Annotated[str | None, typer.Argument(
    metavar="[OKR]", help="The OKR set's id (default: the only active one).")]
ScriptOpt = Annotated[Path | None, typer.Option("--script", help="One user message per line.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the session as one JSON document.")]
BackendOpt = Annotated[str | None, typer.Option("--backend", help="offline or openai")]
DateOpt = Annotated[str | None, typer.Option(
    "--date", metavar="YYYY-MM-DD", help="The day it is for (testing or catching up).")]


def checkin_command(ctx: typer.Context, okr: OkrArg = None, script: ScriptOpt = None,
                    as_json: JsonOpt = False, backend: BackendOpt = None,
                    on: DateOpt = None) -> None:
    """This week's check-in: where each KR is now, your confidence, what works, what next."""
    chat(ctx, script=script, as_json=as_json, mode="checkin", backend=backend, okr=okr,
         early=False, after=None, on=on)


def retro_command(
    ctx: typer.Context, okr: OkrArg = None, script: ScriptOpt = None, as_json: JsonOpt = False,
    backend: BackendOpt = None,
    early: Annotated[bool, typer.Option("--early", help="Before the period's end.")] = False,
    on: DateOpt = None,
) -> None:
    """The retrospective: score each KR, what you learned, and the next period."""
    chat(ctx, script=script, as_json=as_json, mode="retro", backend=backend, okr=okr,
         early=early, after=None, on=on)


def rehearse_command(ctx: typer.Context, script: ScriptOpt = None, as_json: JsonOpt = False,
                     backend: BackendOpt = None) -> None:
    """Rehearse an OKR workshop: the coach plays your team, you facilitate, and every turn
    gets feedback; ends with a run-sheet (coach export SESSION)."""
    chat(ctx, script=script, as_json=as_json, mode="rehearse", backend=backend, okr=None,
         early=False, after=None, on=None)
