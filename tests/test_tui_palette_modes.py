"""The command palette on the home screen offers a new session for each mode the registry
says is available (and none for the ones that are only declared)."""

from __future__ import annotations

from coach.runtime import CoachRuntime
from coach.tui.commands import CoachCommands
from coach.tui.main import create_app
from coach.tui.screens.chat import ChatScreen
from coach.tui.screens.home import HomeScreen
from graph.modes import all_modes
from tests.test_tui_flows import SIZE, wait_until


async def test_the_palette_lists_a_new_session_per_available_mode(
    runtime: CoachRuntime,
) -> None:
    app = create_app(runtime)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                         and app.runtime is not None)
        provider = CoachCommands(app.screen)
        new = [(name, help_text) for name, help_text, _ in provider._commands()
               if name.startswith("New session: ")]
        assert new == [(f"New session: {spec.title}", spec.blurb)
                       for spec in all_modes() if spec.available]
        assert ("New session: Prepare OKRs", all_modes()[0].blurb) == new[0]
        unavailable = {f"New session: {spec.title}" for spec in all_modes()
                       if not spec.available}
        assert not unavailable & {name for name, _ in new}

        prepare = next(cb for name, _, cb in provider._commands()
                       if name == "New session: Prepare OKRs")
        prepare()
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen))
        assert isinstance(app.screen, ChatScreen) and app.screen.session.spec.id == "prepare"
