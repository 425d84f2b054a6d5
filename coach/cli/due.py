"""`coach due`: active OKR sets with no check-in in the last N days (7 by default) — one line
each, nothing at all when every set is up to date, so it fits a shell prompt or a cron job."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import typer

from coach.cli.context import cli_context, fail
from coach.cli.okr_show import safe


def _on(value: str | None) -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date must be YYYY-MM-DD, not {value!r}") from None


def due_command(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", min=1, help="How recent a check-in counts.")] = 7,
    on: Annotated[str | None, typer.Option("--date", help="As of this day (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """OKR sets due a weekly check-in (none in the last --days days)."""
    from coach.okr_store import open_okr_store

    today = _on(on)
    since = today - timedelta(days=days)
    due: list[dict[str, str | None]] = []
    with open_okr_store(cli_context(ctx).settings) as store:
        for okr in store.list_sets():
            if okr.start > today:
                continue  # its period has not begun
            taken = [c.taken_at.date() for c in store.list_checkins(okr.id)
                     if c.taken_at.date() <= today]
            last = max(taken) if taken else None
            if last is None or last <= since:
                due.append({"id": okr.id, "period": okr.period,
                            "last_checkin": last.isoformat() if last else None})
    if as_json:
        typer.echo(json.dumps(due, indent=2))
        return
    for item in due:
        shown = item["last_checkin"] or "never"
        typer.echo(f"{item['id']}  {safe(item['period'])}  last check-in: {shown} — "
                   f"coach checkin {item['id']}")
