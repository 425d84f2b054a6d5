"""`coach chat`: the line-based conversation, interactive or from a script file."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from coach.clean_text import StreamCleaner
from coach.cli.chat_modes import (
    after_set,
    check_period_end,
    commands_line,
    feedback_lines,
    learnings_sentence,
    mode_json,
)
from coach.cli.context import cli_context, fail
from coach.cli.lines import InputError, read_script
from coach.events import CoachReplied, Event, PersonaSpoke, TokenStreamed, TurnFailed
from coach.settings import Backend
from coach.text_safety import strip_controls
from graph.modes import ModeError, all_modes, available_mode, mode_ids, mode_spec  # plain data

if TYPE_CHECKING:  # the graph, LangGraph and the model client load only when a chat starts
    from coach.runtime import CoachRuntime
    from coach.session import CoachSession, TurnNotSaved


QUIT_WORDS = frozenset({"quit", "exit", "/quit"})


BACKEND_OPTION = typer.Option(None, "--backend", help="offline or openai (as `coach --backend`)")
OKR_OPTION = typer.Option(None, "--okr", metavar="SET_ID",
                          help="The adopted OKR set of a check-in or retrospective (default: "
                               "the only active one).")
EARLY_OPTION = typer.Option(False, "--early",
                            help="A retrospective before the end of the set's period.")
DATE_OPTION = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                           help="The day a check-in is for (testing, or catching up on a "
                                "missed week); default today.")
AFTER_OPTION = typer.Option(None, "--after", metavar="SET_ID",
                            help="A prepare session for the period after this OKR set "
                                 "(with its retrospective's learnings).")


def _mode_help() -> str:
    """`--mode`'s help from the registry: the modes that run now, then the ones coming."""
    ready = [f"{spec.id} ({spec.title})" for spec in all_modes() if spec.available]
    coming = [spec.id for spec in all_modes() if not spec.available]
    return f"{', '.join(ready)}" + (f"; not available yet: {', '.join(coming)}" if coming else "")


MODE_OPTION = typer.Option("prepare", "--mode", metavar="[" + "|".join(mode_ids()) + "]",
                           help=_mode_help())


def _runtime(ctx: typer.Context, backend: str | None = None) -> CoachRuntime:
    from coach.runtime import build_runtime

    context = cli_context(ctx)
    if backend is not None and backend not in ("offline", "openai"):
        raise fail(f"unknown backend {backend!r} (offline or openai)")
    chosen = cast(Backend | None, backend) or context.settings.backend
    settings = context.settings
    if chosen == "openai" and settings.openai_api_key is None and not settings.openai_base_url:
        raise fail("the openai backend needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local "
                   "server); without them the offline coach runs")
    return build_runtime(settings, chosen, knowledge=True)


def _okr_set(runtime: CoachRuntime, set_id: str | None) -> str:
    """The OKR set a check-in or retrospective is about: `--okr`, else the only active set
    (exit 2 if none or several)."""
    from coach.okr_choice import SetChoiceError, choose_set

    try:
        return choose_set(runtime.okr_store(), set_id)
    except SetChoiceError as err:
        raise fail(str(err)) from None


def _print_events(events: Iterable[Event], mode: str, feedback_shown: int = -1) -> bool:
    """Stream the coach's words to stdout (control sequences stripped, also when one is split
    across pieces); False when the turn failed."""
    streamed = spoke = False
    room = ""
    shown = feedback_shown
    cleaner = StreamCleaner()
    for event in events:
        if isinstance(event, PersonaSpoke):  # the team in a rehearsal: one speaker per line
            sys.stdout.write(f"{cleaner.flush()}\n" if streamed else "")
            sys.stdout.write(f"{strip_controls(event.persona)}> {strip_controls(event.text)}\n")
            streamed, spoke = False, True
        elif isinstance(event, TokenStreamed):
            if not streamed:
                sys.stdout.write("coach> ")
            sys.stdout.write(cleaner.feed(event.text))
            sys.stdout.flush()
            streamed = True
        elif isinstance(event, CoachReplied):
            room = event.room
            if not streamed and not spoke:
                sys.stdout.write(f"coach> {strip_controls(event.text)}")
            sys.stdout.write(f"{cleaner.flush()}\n" if streamed or not spoke else "")
            if event.view is not None and mode == "rehearse":
                sys.stdout.write(feedback_lines(event.view, shown))
                shown = len(event.view.feedback)
            sys.stdout.write(f"   [{mode_spec(mode).step_title(room)}]\n\n")
        elif isinstance(event, TurnFailed):
            sys.stdout.write("\n")
            typer.echo(f"error: {strip_controls(event.message)}", err=True)
            return False
    return True


def _interactive(session: CoachSession) -> None:
    from coach.session import SessionError, TurnNotSaved

    typer.echo(f"Session {session.id} · {session.deps.llm.backend} ({session.deps.llm.model}). "
               f"{commands_line(session.mode)}\n")
    _print_events(session.start(), session.mode)
    while not session.done:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            break
        if text.strip().lower() in QUIT_WORDS:
            break
        if not text.strip():
            continue
        try:
            shown = len(session.view().feedback) if session.mode == "rehearse" else -1
            if text.strip().lower() == "retry":  # a command, never a message to the coach
                _print_events(session.retry(), session.mode, shown)
            else:
                _print_events(session.send(text), session.mode, shown)
        except TurnNotSaved as err:
            _hand_back(err, session.id)
            raise typer.Exit(code=1) from None
        except SessionError as err:
            typer.echo(f"error: {err}", err=True)
    if session.awaiting_retry:  # a failed turn is not a success, even when it is kept
        typer.echo(f"Your last message is saved but not answered yet. Resume with: coach "
                   f"resume {session.id} (it answers then)", err=True)
        raise typer.Exit(code=1)
    if session.done and session.spec.needs_okr_set:
        typer.echo(f"This {session.spec.title.lower()} is finished and saved; see it with: "
                   f"coach okr show {session.okr_set_id}")
        return
    typer.echo(f"Session saved. Resume with: coach resume {session.id}")


def _hand_back(err: TurnNotSaved, session_id: str) -> None:
    """A message that could not be saved is printed back, so the person can send it again."""
    typer.echo(f"error: {err}", err=True)
    typer.echo(f"your message (not saved — send it again with: coach resume {session_id}):\n"
               f"{err.text}", err=True)


def _drain(events: Iterator[Event]) -> str | None:
    for event in events:
        if isinstance(event, TurnFailed):
            return event.message
    return None


def run_script(session: CoachSession, messages: list[str]) -> tuple[str | None, int]:
    """Play a script; returns (error, unused lines)."""
    from coach.session import SessionError

    error = _drain(session.start())
    for index, message in enumerate(messages):
        if error is not None or message.lower() in QUIT_WORDS:
            return error, len(messages) - index
        if session.done:
            return None, len(messages) - index
        try:
            error = _drain(session.send(message))
        except SessionError as err:
            return str(err), len(messages) - index
    return error, 0


def _guard_counts(session: CoachSession) -> dict[str, object] | None:
    """The reply guard's counts when the backend has one (the openai backend), else None."""
    from coach.llm.guarded import GuardStats

    guard = getattr(session.deps.llm, "guard", None)
    return guard.as_dict() if isinstance(guard, GuardStats) else None


def _day(on: str | None, mode: str) -> date | None:
    if on is None:
        return None
    if mode not in ("checkin", "retro"):
        raise fail(f"--date goes with a check-in or a retrospective, not {mode}")
    try:
        return date.fromisoformat(on)
    except ValueError:
        raise fail(f"--date must be YYYY-MM-DD, not {on!r}") from None


def chat(
    ctx: typer.Context,
    script: Path | None = typer.Option(None, "--script", help="One user message per line."),
    as_json: bool = typer.Option(False, "--json", help="Print the session as one JSON document."),
    mode: str = MODE_OPTION,
    backend: str | None = BACKEND_OPTION,
    okr: str | None = OKR_OPTION,
    early: bool = EARLY_OPTION,
    after: str | None = AFTER_OPTION,
    on: str | None = DATE_OPTION,
) -> None:
    """Talk with the coach line by line (or play a script with --script)."""
    try:
        spec = available_mode(mode)
    except ModeError as err:
        raise fail(str(err)) from None
    if okr is not None and not spec.needs_okr_set:
        raise fail(f"--okr goes with a mode on an adopted OKR set, not {mode}")
    if early and spec.id != "retro":
        raise fail(f"--early goes with --mode retro, not {mode}")
    if after is not None and spec.id != "prepare":
        raise fail(f"--after goes with --mode prepare, not {mode}")
    day = _day(on, spec.id)
    messages: list[str] | None = None
    if script is not None:
        try:
            messages = read_script(script)
        except InputError as err:
            raise fail(str(err)) from None
    runtime = _runtime(ctx, backend)
    try:
        set_id = _okr_set(runtime, okr) if spec.needs_okr_set else None
        if spec.id == "retro" and set_id is not None and not check_period_end(
                runtime, set_id, early=early, interactive=messages is None, today=day):
            typer.echo("No retrospective started; the set stays as it is.")
            return
        opening, follows = None, None
        if after is not None:  # the new period's session is linked to the set it follows
            follows, learned = after_set(runtime, after)
            opening = learnings_sentence(follows, learned)
        session = runtime.new_session(mode, okr_set_id=set_id or follows,
                                      on_date=day.isoformat() if day else None,
                                      carry_over=opening)
        if messages is None:
            _interactive(session)
            return
        error, unused = run_script(session, messages)
        if error:
            typer.echo(f"error: {error}", err=True)
        elif unused:
            typer.echo(f"note: the session ended with {unused} script line(s) unused", err=True)
        view = session.view()
        if as_json:
            from coach.export import session_json

            doc = session_json(view)
            guard = _guard_counts(session)
            if guard is not None:
                doc["guard"] = guard
            doc.update(mode_json(runtime, spec, set_id, session.id))
            if follows is not None:
                doc["after"] = {"set_id": follows, "learnings": opening}
            typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            for turn in view.turns:
                typer.echo(f"{turn['role']}> {strip_controls(turn['text'])}\n")
        if error:
            raise typer.Exit(code=1)
    finally:
        runtime.close()


def resume(
    ctx: typer.Context,
    session_id: str = typer.Argument(..., help="Session id"),
    backend: str | None = BACKEND_OPTION,
) -> None:
    """Continue a saved session where it stopped."""
    from coach.session import SessionError

    runtime = _runtime(ctx, backend)
    try:
        try:
            session = runtime.open_session(session_id)
        except SessionError as err:
            raise fail(str(err)) from None
        view = session.view()
        for turn in view.turns[-4:]:
            who = "coach" if turn["role"] == "coach" else "you"
            typer.echo(f"{who}> {strip_controls(turn['text'])}\n")
        if session.done and session.spec.needs_okr_set:  # stored in the OKR store: final
            typer.echo(f"This {session.spec.title.lower()} is finished and saved; see it with:"
                       f" coach okr show {session.okr_set_id}")
            return
        if session.done:
            typer.echo("This session was finished; it is open again for changes (say yes to "
                       f"keep the draft; export it with: coach export {session.id} --format md)."
                       "\n")
            if not _print_events(session.reopen(), session.mode):
                raise typer.Exit(code=1)
        _interactive(session)
    finally:
        runtime.close()
