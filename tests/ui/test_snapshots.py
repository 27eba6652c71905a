"""What the facilitator sees, at a fixed size and a fixed clock.

Regenerate after a deliberate change: pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from peertui.commands.groups import sample_group
from peertui.core.clock import FakeClock
from peertui.ui.app import PeerApp

START = 1_795_000_000.0  # 2026-11-18 11:06:40 UTC


def session_app(db, sample: str = "codev-managers", lang: str | None = None) -> PeerApp:
    return PeerApp(db=db, group=sample_group(sample), lang=lang, clock=FakeClock(START))


def advance(pilot, seconds: float) -> None:
    """The fake clock the app was given, moved on."""
    clock = pilot.app._clock  # the test's own clock: the app keeps it private to screens
    clock.advance(seconds)


async def _run_a_while(pilot) -> None:
    """Start the session with its client, capture a little, let the clock run late."""
    app = pilot.app
    await pilot.press("tab", "enter", "down", "down", "enter", "tab")
    app.focused.insert_text_at_cursor("Une équipe qui ne se parle plus [/]")
    await pilot.press("enter")
    advance(pilot, 150)
    for text in ("Recruté deux personnes ✨", "[bold]rien[/] de neuf"):
        app.focused.insert_text_at_cursor(text)
        await pilot.press("enter", "ctrl+n")
    await pilot.press("ctrl+o")
    advance(pilot, 17 * 60)  # past the 15 planned minutes
    await pilot.press("ctrl+t")  # paused: the clock shows it
    await pilot.pause()


def test_session_screen_80x24(snap_compare, db):
    assert snap_compare(session_app(db), terminal_size=(80, 24), run_before=_run_a_while)


def test_session_screen_small_60x20(snap_compare, db):
    assert snap_compare(session_app(db), terminal_size=(60, 20), run_before=_run_a_while)


def test_session_screen_in_french(snap_compare, db):
    app = session_app(db, "codev-cadres-lyon")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run_a_while)


def test_start_screen(snap_compare, db):
    assert snap_compare(session_app(db, "reseau-apprentissage"), terminal_size=(80, 24))


def test_help_screen(snap_compare, db):
    async def help_after_start(pilot):
        await pilot.press("ctrl+s", "f1")

    assert snap_compare(session_app(db), terminal_size=(80, 24), run_before=help_after_start)


async def _projector(pilot) -> None:
    await _run_a_while(pilot)
    await pilot.press("ctrl+t", "f9")  # running again, then the room's view
    pilot.app.focused.insert_text_at_cursor("not for the room")
    await pilot.pause()


def test_projector_view_in_english(snap_compare, db):
    assert snap_compare(session_app(db), terminal_size=(80, 24), run_before=_projector)


def test_projector_view_in_french(snap_compare, db):
    app = session_app(db, "codev-cadres-lyon")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_projector)
