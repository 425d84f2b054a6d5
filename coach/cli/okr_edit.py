"""`coach okr edit` and `coach okr history`: correct or remove a past check-in value, and see
every such change (the audit trail the store writes with each one).

A check-in is named by its number in `coach okr show` (#1 is the oldest) or its id; a KR by
its number in the set ("2", or "1.2" for objective 1, KR 2). The value is the one typed here;
nothing is derived or guessed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from coach.cli.context import cli_context, fail
from coach.cli.okr_show import console, safe

if TYPE_CHECKING:
    from coach.okr_store import CheckIn, KeyResultRecord, OKRSetRecord

ACTOR = "coach okr edit"
SetArg = Annotated[str, typer.Argument(metavar="ID", help="An OKR set id (coach okr list).")]
CheckinOpt = Annotated[str, typer.Option(
    "--checkin", help="The check-in: its number in `coach okr show` (#1 = oldest) or its id.")]
KrOpt = Annotated[str, typer.Option("--kr", help="The KR: its number in the set, or O.K.")]


def _checkin(checkins: list[CheckIn], which: str) -> CheckIn:
    key = which.strip().lstrip("#")
    if key.isdigit() and 1 <= int(key) <= len(checkins):
        return checkins[int(key) - 1]
    for checkin in checkins:
        if checkin.id == key or (len(key) >= 6 and checkin.id.startswith(key)):
            return checkin
    raise fail(f"no check-in {which!r} in this set (it has {len(checkins)}; see coach okr show)")


def _kr(okr: OKRSetRecord, which: str) -> KeyResultRecord:
    krs = okr.key_results()
    key = which.strip()
    if key.isdigit() and 1 <= int(key) <= len(krs):
        return krs[int(key) - 1]
    if "." in key:
        objective, _, number = key.partition(".")
        if objective.isdigit() and number.isdigit():
            index = int(objective) - 1
            if 0 <= index < len(okr.objectives):
                in_objective = okr.objectives[index].key_results
                if 1 <= int(number) <= len(in_objective):
                    return in_objective[int(number) - 1]
    raise fail(f"no KR {which!r} in this set (it has {len(krs)}; see coach okr show)")


def edit_cmd(
    ctx: typer.Context,
    set_id: SetArg,
    checkin: CheckinOpt,
    kr: KrOpt,
    value: Annotated[float | None, typer.Option("--value", help="The corrected value.")] = None,
    confidence: Annotated[int | None, typer.Option(
        "--confidence", min=0, max=10, help="The corrected confidence, 0–10.")] = None,
    delete: Annotated[bool, typer.Option("--delete", help="Remove this KR's value.")] = False,
) -> None:
    """Correct (or --delete) one KR's value in a past check-in; the change is audited."""
    from coach.okr_store import KRValue, open_okr_store

    if delete == (value is not None or confidence is not None):
        raise fail("give --value and/or --confidence to correct, or --delete to remove")
    with open_okr_store(cli_context(ctx).settings) as store:
        okr = store.get_set(set_id.strip())
        past = _checkin(store.list_checkins(okr.id), checkin)
        target = _kr(okr, kr)
        if delete:
            store.delete_value(past.id, target.id, actor=ACTOR)
            typer.echo(f"removed KR {kr} from check-in {past.id[:8]} (audited)")
            return
        before = past.value_of(target.id)
        keep = before if before is not None and not before.skipped else None
        corrected = KRValue(
            kr_id=target.id,
            value=value if value is not None else (keep.value if keep else None),
            confidence=confidence if confidence is not None else (
                keep.confidence if keep else None),
            note=keep.note if keep else None)
        store.edit_value(past.id, corrected, actor=ACTOR)
    typer.echo(f"corrected KR {kr} in check-in {past.id[:8]} (audited; see coach okr history "
               f"{okr.id})")


def history_cmd(
    ctx: typer.Context,
    set_id: SetArg,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """Every correction or removal of a past value, oldest first."""
    from coach.okr_store import open_okr_store

    with open_okr_store(cli_context(ctx).settings) as store:
        entries = store.audit_log(set_id.strip())
    if as_json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in entries], indent=2))
        return
    out = console()
    if not entries:
        out.print(Text("No changes to past check-ins."))
    for entry in entries:
        out.print(Text(f"{entry.at:%Y-%m-%d %H:%M}  {entry.action}  {safe(entry.target)}  "
                       f"by {safe(entry.actor)}"))
        out.print(Text(f"    before: {safe(json.dumps(entry.before))}"))
        out.print(Text(f"    after:  {safe(json.dumps(entry.after))}"))
