"""`coach kb …`: the knowledge base of past OKR sets (import, export, list, search, add, remove).

Mounted by the main app with `app.add_typer(kb_app, name="kb")`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from coach.cli.context import cli_context, fail
from coach.okr.models import OKRDraft
from coach.settings import Settings
from coach.text_safety import strip_controls

if TYPE_CHECKING:  # the store and its model load only when a kb command runs
    from knowledge import (
        AddResult,
        ChromaLibrary,
        Example,
        KnowledgeInputError,
        KRExample,
        OKRSet,
    )

kb_app = typer.Typer(
    help="Past OKR sets the coach offers as examples.", no_args_is_help=True, add_completion=False
)

FunctionOpt = Annotated[str | None, typer.Option("--function", "-f", help="Only this function.")]
TeamOpt = Annotated[str | None, typer.Option("--team", "-t", help="Only this team.")]


def _library(ctx: typer.Context) -> ChromaLibrary:
    return _open(cli_context(ctx).settings)


def _open(settings: Settings) -> ChromaLibrary:
    """The library, an interrupted import rolled back first (a one-line note says so)."""
    from knowledge import ChromaUrlError, KnowledgeUnavailable, open_library
    from knowledge.import_journal import JournalError

    try:
        library = open_library(settings)
        rolled_back = library.recover()
    except ChromaUrlError as err:
        raise fail(str(err)) from err
    except (KnowledgeUnavailable, JournalError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=1) from err
    if rolled_back is not None:
        typer.echo(rolled_back.note(), err=True)
    return library


def _input_error(err: KnowledgeInputError) -> typer.Exit:
    shown = strip_controls("; ".join(err.problems[:5]))
    more = f"; … {len(err.problems) - 5} more" if len(err.problems) > 5 else ""
    return fail(f"{shown}{more}")


def _session_okr_hook(settings: Settings) -> Callable[[str], OKRDraft]:
    """A saved session's OKR draft, read from the sessions database of these settings."""
    from coach.session import SessionError, load_okr_draft

    def load(session_id: str) -> OKRDraft:
        try:
            return load_okr_draft(settings, session_id)
        except SessionError as err:
            raise LookupError(str(err)) from None

    return load


def _show(result: AddResult, what: str) -> None:
    typer.echo(f"{what}: {result.summary()}")


@kb_app.command("import")
def import_cmd(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="YAML, JSON, CSV or Markdown.")]
) -> None:
    """Import OKR sets from FILE: all or nothing; re-importing the same file changes nothing."""
    from knowledge import KnowledgeInputError, import_file

    if not file.is_file():
        raise fail(f"{file}: no such file")
    try:
        _show(import_file(_library(ctx), file), f"imported {file}")
    except KnowledgeInputError as err:
        raise _input_error(err) from err


@kb_app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="yaml | json | csv | md")] = "yaml",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    function: FunctionOpt = None,
    team: TeamOpt = None,
) -> None:
    """Export the knowledge base (stdout unless --output)."""
    from knowledge import FORMATS, Format, export_sets

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    text = export_sets(_library(ctx).list(function=function, team=team), cast(Format, fmt))
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise fail(f"{output}: cannot write: {err.strerror}") from err
    typer.echo(f"exported to {output}", err=True)


@kb_app.command("list")
def list_cmd(
    ctx: typer.Context,
    function: FunctionOpt = None,
    team: TeamOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """List the stored OKR sets."""
    sets = _library(ctx).list(function=function, team=team)
    if as_json:
        typer.echo(json.dumps([s.model_dump() for s in sets], ensure_ascii=False, indent=2))
        return
    for s in sets:
        score = f" score {s.mean_score:.1f}" if s.mean_score is not None else ""
        line = f"{s.id}\t{s.function or '-'}\t{s.citation()}{score}\t{s.objective}"
        typer.echo(strip_controls(line))  # typer.echo, not Rich: [bold] stays literal
    typer.echo(f"{len(sets)} OKR sets", err=True)


def _example_json(e: Example) -> dict[str, object]:
    return {**e.model_dump(), "citation": e.citation()}


@kb_app.command("search")
def search_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What the team hopes for, or its problem.")],
    k: Annotated[int, typer.Option("--k", "-k", min=1, max=50, help="How many.")] = 3,
    function: FunctionOpt = None,
    team: TeamOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """The K stored OKR sets most similar to QUERY."""
    if not query.strip():
        raise fail("QUERY must not be empty")
    found = _library(ctx).search(query, k=k, function=function, team=team)
    if as_json:
        doc = {"query": query, "k": k, "results": [_example_json(e) for e in found]}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for i, e in enumerate(found, 1):
        head = f"{i}. {e.objective}  [{e.id}; {e.citation()}; similarity {e.similarity}]"
        typer.echo(strip_controls(head))
        for kr in e.key_results:
            score = f"  (score {kr.score:.1f})" if kr.score is not None else ""
            typer.echo(strip_controls(f"   - {kr.text}{score}"))


@kb_app.command("add")
def add_cmd(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="A YAML/JSON/CSV/MD file of sets.")] = None,
    from_session: Annotated[
        str | None, typer.Option("--from-session", help="Store this session's OKR draft.")
    ] = None,
    objective: Annotated[str | None, typer.Option("--objective", help="Objective.")] = None,
    kr: Annotated[list[str] | None, typer.Option("--kr", help="A key result (repeat).")] = None,
    score: Annotated[
        list[float] | None, typer.Option("--score", help="KR score 0.0-1.0, in KR order.")
    ] = None,
    team: Annotated[str | None, typer.Option("--team")] = None,
    function: Annotated[str | None, typer.Option("--function")] = None,
    sector: Annotated[str | None, typer.Option("--sector")] = None,
    period: Annotated[str | None, typer.Option("--period")] = None,
    parent: Annotated[str | None, typer.Option("--parent")] = None,
    learnings: Annotated[str | None, typer.Option("--learnings")] = None,
) -> None:
    """Add OKR sets: from FILE, from a finished session, or from --objective/--kr options."""
    from knowledge import KnowledgeInputError, KRExample, check_sets, read_sets

    sources = [x for x in (file, from_session, objective) if x is not None]
    if len(sources) != 1:
        raise fail("give exactly one of FILE, --from-session ID or --objective")
    try:
        if from_session is not None:
            settings = cli_context(ctx).settings
            hook = _session_okr_hook(settings)
            result = add_session(
                settings, from_session, hook, team, function, sector, score, learnings
            )
        elif file is not None:
            if not file.is_file():
                raise fail(f"{file}: no such file")
            result = _library(ctx).add(read_sets(file, source="manual"))
        else:
            scores = list(score or [])
            if len(scores) > len(kr or []):
                raise fail("more --score values than --kr key results")
            krs = [
                KRExample(text=t, score=scores[i] if i < len(scores) else None)
                for i, t in enumerate(kr or [])
            ]
            okr = _build(objective or "", krs, team, function, sector, period, parent, learnings)
            check_sets([okr], "add")
            result = _library(ctx).add([okr])
    except KnowledgeInputError as err:
        raise _input_error(err) from err
    _show(result, "added")


def _build(
    objective: str,
    krs: list[KRExample],
    team: str | None,
    function: str | None,
    sector: str | None,
    period: str | None,
    parent: str | None,
    learnings: str | None,
) -> OKRSet:
    from pydantic import ValidationError

    from knowledge import OKRSet

    try:
        return OKRSet(
            objective=objective,
            key_results=krs,
            team=team,
            function=function,
            sector=sector,
            period=period,
            parent=parent,
            learnings=learnings,
            source="manual",
        )
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        hint = " (use --kr, 1 to 5 times)" if field == "key_results" else ""
        raise fail(f"{field}: {first['msg']}{hint}") from err


def add_session(
    settings: Settings,
    session_id: str,
    session_okr: Callable[[str], OKRDraft],
    team: str | None = None,
    function: str | None = None,
    sector: str | None = None,
    scores: list[float] | None = None,
    learnings: str | None = None,
) -> AddResult:
    """`kb add --from-session`: `session_okr` loads the draft (tests pass their own)."""
    from knowledge import add_from_session

    library = _open(settings)
    try:
        return add_from_session(
            library, session_id, session_okr, team=team, function=function, sector=sector,
            scores=scores, learnings=learnings,
        )
    except (KeyError, LookupError, FileNotFoundError) as err:
        raise fail(f"session {session_id}: not found ({err})") from err


@kb_app.command("remove")
def remove_cmd(ctx: typer.Context, set_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Remove one OKR set by id."""
    if not _library(ctx).remove(set_id):
        raise fail(f"no OKR set with id {set_id!r} (see `coach kb list`)")
    typer.echo(f"removed {set_id}")


@kb_app.command("reset")
def reset_cmd(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    empty: Annotated[bool, typer.Option("--empty", help="Do not reload the seed.")] = False,
) -> None:
    """Delete every stored set and reload the shipped seed library."""
    if not yes and not typer.confirm("Delete all stored OKR sets and reload the seed library?"):
        raise typer.Exit(code=1)
    typer.echo(f"reset: {_library(ctx).reset(seed=not empty)} OKR sets")
