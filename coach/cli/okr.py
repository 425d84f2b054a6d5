"""`coach okr …`: adopted OKR sets in the OKR store (list, show, adopt, import, archive; edit
and history in `coach.cli.okr_edit`).

Mounted by the main app with `app.add_typer(okr_app, name="okr")`. The store is opened here,
from the settings of the entry point, and closed when the command ends. Exit codes: 0 done,
2 bad input (unknown id, bad file, bad dates), 1 a failure at run time; one line on stderr.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.context import cli_context, fail
from coach.cli.okr_edit import edit_cmd, history_cmd

if TYPE_CHECKING:
    from coach.okr.models import OKRDraft
    from coach.okr_store import KRKind, OKRSetRecord, OKRStore

okr_app = typer.Typer(help="Adopted OKR sets: the system of record for check-ins.",
                      no_args_is_help=True, add_completion=False)

JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON document.")]
StartOpt = Annotated[str | None, typer.Option(
    "--start", help="First day of the period, YYYY-MM-DD (when the label does not say).")]
EndOpt = Annotated[str | None, typer.Option(
    "--end", help="Last day of the period, YYYY-MM-DD (when the label does not say).")]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="The team or person.")]
ParentOpt = Annotated[str | None, typer.Option(
    "--parent", help="The higher-level objective this set serves.")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="An OKR set id (coach okr list).")]
_KR_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?")


def _store(ctx: typer.Context) -> OKRStore:
    from coach.okr_store import open_okr_store

    return open_okr_store(cli_context(ctx).settings)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from None


def _dates(label: str | None, start: date | None, end: date | None,
           given: tuple[date | None, date | None] = (None, None)) -> tuple[date, date]:
    """Options first, then what the file says, then what the label says; never a guess."""
    from coach.okr_store.periods import read_period

    read = read_period(label)
    first = start or given[0] or read.start
    last = end or given[1] or read.end
    if first is None or last is None:
        missing = " and ".join(o for o, d in (("--start", first), ("--end", last)) if d is None)
        said = f"the period {label!r} does not say" if label else "no period is given, so not"
        when = ("starts or ends" if first is None and last is None
                else "starts" if first is None else "ends")
        raise fail(f"{said} when it {when}: give {missing} as YYYY-MM-DD")
    if last < first:
        raise fail(f"the period ends ({last}) before it starts ({first})")
    return first, last


def _kinds(committed: list[str], draft: OKRDraft) -> dict[int, KRKind]:
    """`--committed 3` (KR 3 of the set) or `--committed 2.1` (objective 2, KR 1)."""
    sizes = [len(o.key_results) for o in draft.objectives]
    kinds: dict[int, KRKind] = {}
    for text in committed:
        m = _KR_NUMBER.fullmatch(text.strip())
        if m is None:
            raise fail(f"--committed takes a KR number (3) or objective.KR (2.1), got {text!r}")
        if m[2] is None:
            number = int(m[1])
        else:
            o, k = int(m[1]), int(m[2])
            if not (1 <= o <= len(sizes) and 1 <= k <= sizes[o - 1]):
                raise fail(f"--committed {text}: there is no KR {k} in objective {o}")
            number = sum(sizes[: o - 1]) + k
        if not 1 <= number <= sum(sizes):
            raise fail(f"--committed {text}: the set has {sum(sizes)} key results")
        kinds[number] = "committed"
    return kinds


def _created(okr: OKRSetRecord, what: str, as_json: bool) -> None:
    if as_json:
        typer.echo(okr.model_dump_json(indent=2))
        return
    from coach.cli.okr_show import safe

    objectives, krs = len(okr.objectives), len(okr.key_results())
    typer.echo(f"{what} as OKR set {okr.id}: {safe(okr.period)} ({okr.start} – {okr.end}), "
               f"{objectives} objective{'s' * (objectives != 1)}, {krs} KR{'s' * (krs != 1)}"
               f" — see `coach okr show {okr.id}`")


@okr_app.command("list")
def list_cmd(
    ctx: typer.Context,
    include_all: Annotated[bool, typer.Option("--all", help="Archived sets too.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The adopted OKR sets (active ones; --all for archived too)."""
    from coach.cli.okr_show import print_list

    with _store(ctx) as store:
        sets = store.list_sets(include_archived=include_all)
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in sets], ensure_ascii=False,
                              indent=2))
        return
    print_list(sets)
    count = len(sets)
    typer.echo(f"{count} OKR set{'s' * (count != 1)}" + ("" if include_all else " (active)"),
               err=True)


@okr_app.command("show")
def show_cmd(
    ctx: typer.Context,
    set_id: IdArg,
    on: Annotated[str | None, typer.Option(
        "--on", help="Compare with the expected line on this day (YYYY-MM-DD); default "
                     "today.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """One set: per objective and KR its progress, status, pictures, and the check-ins."""
    from coach.cli.okr_show import print_set
    from coach.okr_store.report import build_view

    day = _date(on, "--on") or date.today()
    with _store(ctx) as store:
        okr = store.get_set(set_id.strip())
        view = build_view(okr, store.list_checkins(okr.id), day)
        retros = store.list_scores(okr.id)
    if as_json:
        if not retros:
            typer.echo(view.model_dump_json(indent=2))
            return
        doc = {**view.model_dump(mode="json"),
               "retros": [r.model_dump(mode="json") for r in retros]}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    print_set(view, retros)


@okr_app.command("adopt")
def adopt_cmd(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="SESSION", help="A prepare session.")],
    start: StartOpt = None,
    end: EndOpt = None,
    owner: OwnerOpt = None,
    parent: ParentOpt = None,
    committed: Annotated[list[str] | None, typer.Option(
        "--committed", help="Mark KR N as committed (expected at 1.0); repeatable.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Adopt a finished prepare session's OKR draft as the set for its period."""
    from coach.session import SessionError, load_okr_draft

    settings = cli_context(ctx).settings
    first, last = _date(start, "--start"), _date(end, "--end")
    try:
        draft = load_okr_draft(settings, session_id)
    except SessionError as err:
        raise fail(f"session {session_id}: {err}") from None
    if not any(o.key_results for o in draft.objectives):
        raise fail(f"session {session_id} has no objective with key results yet: finish it "
                   f"first (coach resume {session_id})")
    kinds = _kinds(committed or [], draft)
    period_start, period_end = _dates(draft.period, first, last)
    with _store(ctx) as store:
        for existing in store.list_sets():
            if existing.source_session == session_id:
                raise fail(f"session {session_id} is already adopted as OKR set "
                           f"{existing.id} (coach okr show {existing.id})")
        okr = store.create_set(draft, start=period_start, end=period_end, owner=owner,
                               parent=parent, source_session=session_id, kinds=kinds)
    _created(okr, f"adopted session {session_id}", as_json)


@okr_app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An OKR set in YAML or JSON.")],
    start: StartOpt = None,
    end: EndOpt = None,
    owner: OwnerOpt = None,
    parent: ParentOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Adopt the OKR set in FILE (the `okr` object of `coach chat --json`, plus start, end,
    owner, parent and a kind per KR). Nothing is written when the file is refused."""
    from coach.okr_store.importing import ImportRefused, read_import

    first, last = _date(start, "--start"), _date(end, "--end")
    try:
        found = read_import(file)
    except ImportRefused as err:
        raise fail(str(err)) from None
    period_start, period_end = _dates(found.draft.period, first, last, (found.start, found.end))
    with _store(ctx) as store:
        okr = store.create_set(found.draft, start=period_start, end=period_end,
                               owner=owner or found.owner, parent=parent or found.parent,
                               kinds=found.kinds)
    _created(okr, f"imported {file}", as_json)


@okr_app.command("archive")
def archive_cmd(ctx: typer.Context, set_id: IdArg) -> None:
    """Archive a set (it leaves `coach okr list`; `--all` still shows it)."""
    with _store(ctx) as store:
        okr = store.archive_set(set_id.strip())
    typer.echo(f"archived OKR set {okr.id}")


okr_app.command("edit")(edit_cmd)
okr_app.command("history")(history_cmd)
