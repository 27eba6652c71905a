"""Closing a session: the recap is copied the way that works here, saved, and previewed."""

from __future__ import annotations

import os
import stat

from textual.widgets import Static

from peertui.ui.screens.recap import RecapScreen
from tests.ui.conftest import SIZE, type_text
from tests.ui.test_session_flow import start_session
from tests.unit.test_cli import fake_xclip


async def close(pilot) -> None:
    await pilot.press("f10", "y")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#recap-status", Static).render())


async def test_with_a_clipboard_the_recap_is_copied_and_saved(make_app, managers, tmp_path, monkeypatch):
    bin_dir, pasted = fake_xclip(tmp_path)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await type_text(pilot, "Hired *two* people")
        await pilot.press("enter")
        await close(pilot)
        assert isinstance(app.screen, RecapScreen)
        assert "Recap copied to the clipboard (Markdown)." in status(app)
        markdown = pasted.read_text(encoding="utf-8")
        assert markdown.startswith("# Managers' codev circle") and "Hired \\*two\\* people" in markdown
        saved = app.screen.files.paths["md"]
        assert saved.read_text(encoding="utf-8") == markdown
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert f"Saved as {saved}" in status(app)

        await pilot.press("t")  # the other format
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "(plain text)" in status(app)
        assert "Hired *two* people" in pasted.read_text(encoding="utf-8")
        await pilot.press("enter")
        assert app.session is None


async def test_without_a_clipboard_the_terminal_gets_it_with_the_tmux_hint(make_app, managers, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app(group=managers)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # what Textual would send as OSC 52
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await close(pilot)
        text = status(app)
        assert "sent to your terminal's clipboard (Markdown, OSC 52)" in text
        assert "set -s set-clipboard on" in text
        assert copied and copied[0].startswith("# Managers' codev circle")
