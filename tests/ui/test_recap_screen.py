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


async def test_a_line_made_confidential_by_its_key_goes_in_no_level(make_app, managers, db, monkeypatch):
    """ctrl+f marks the line being typed (and unmarks it); ← → show each level; o writes
    the outbox beside the database."""
    monkeypatch.setenv("PATH", "/nonexistent")
    app = make_app(group=managers)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await type_text(pilot, "between us")
        await pilot.press("ctrl+f", "enter")
        await type_text(pilot, "said openly")
        await pilot.press("ctrl+f", "ctrl+f", "enter")  # marked, then unmarked
        session = app.session
        assert session is not None
        assert [(i.text, i.confidential) for i in session.ideas] == [
            ("between us", True),
            ("said openly", False),
        ]
        await close(pilot)
        assert "said openly" in copied[0] and "between us" not in copied[0]
        assert "Talk time" not in copied[0]
        await pilot.press("right")  # the facilitator's: with talk time, nothing copied unasked
        preview = str(app.screen.query_one("#recap-text", Static).render())
        assert "Talk time" in preview and "between us" not in preview
        assert "nothing copied yet" in status(app) and len(copied) == 1
        await pilot.press("right", "right")  # outside the group, then the first person's own
        preview = str(app.screen.query_one("#recap-text", Static).render())
        assert "For Priya Raman only." in preview and "said openly" not in preview
        await pilot.press("o")
        folders = list(db.with_name(db.name + ".outbox").iterdir())
        assert len(folders) == 1 and str(folders[0]) in status(app).replace("\n", "")
        suffixes = sorted(p.suffix for p in folders[0].iterdir())
        assert suffixes.count(".eml") + suffixes.count(".txt") == 6  # a letter each
        assert suffixes.count(".ics") == 0  # no action, no planned date: no empty calendar
        listed = str(app.screen.query_one("#recap-text", Static).render())
        assert "Priya Raman → priya.raman@example.org: Priya-Raman.eml" in listed  # a line each
        assert "Tom Becker: no contact in the group file" in listed
        await pilot.press("o")  # again: a second folder, the first untouched
        assert len(list(db.with_name(db.name + ".outbox").iterdir())) == 2
