"""`coach` with no sub-command: the terminal app.

Only Textual and the settings are imported here; the sessions store, the graph and the model
are built in a worker after the first screen has painted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coach.tui.app import CoachApp
from coach.tui.loader import load_runtime

if TYPE_CHECKING:
    from coach.runtime import CoachRuntime
    from coach.settings import Settings


def create_app(
    runtime: CoachRuntime | None = None,
    *,
    settings: Settings | None = None,
    prefs_path: Path | None = None,
) -> CoachApp:
    """The app around a ready `runtime` (tests), or one that builds it from `settings`."""
    if runtime is not None:
        return CoachApp(settings or runtime.settings, runtime=runtime, prefs_path=prefs_path)
    if settings is None:
        raise ValueError("create_app needs a runtime or settings")
    return CoachApp(settings, loader=load_runtime, prefs_path=prefs_path)


def run_tui(settings: Settings) -> None:
    """Run the app until the user quits. A data dir or sessions database that cannot be
    used is refused here, as one line, before the screen is taken over."""
    from coach.storage.open_sessions import preflight_session_store

    settings.ensure_data_dir()
    preflight_session_store(settings)
    create_app(settings=settings).run()
