"""A disk that fills up mid-session: what is typed stays on screen, the screen says nothing
is saved, the close waits for the disk, and once there is room everything lands."""

from __future__ import annotations

import time

from peertui.core.clock import FakeClock
from peertui.store import Store
from peertui.ui.app import PeerApp
from peertui.ui.screens.recap import RecapScreen
from peertui.ui.screens.session import SessionScreen
from tests.ui.conftest import SIZE, type_text
from tests.unit.test_store_files import fill, posix, small_disk


def top_bar(app: PeerApp) -> str:
    return str(app.screen.query_one("#top-bar").content)


@posix
async def test_a_full_disk_loses_no_idea_and_the_close_waits_for_room(tmp_path, managers, monkeypatch):
    monkeypatch.setattr("peertui.store.writer.RETRY_SECONDS", 0.2)
    with small_disk(tmp_path / "disk", "size=2m,mode=700") as disk:
        db = disk / "peertui.json"
        app = PeerApp(db=db, group=managers, clock=FakeClock(1_795_000_000.0))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
            await type_text(pilot, "before the disk filled")
            await pilot.press("enter")
            assert app.flush()
            filler = fill(disk)

            for text in ("typed on a full disk", "and another"):
                await type_text(pilot, text)
                await pilot.press("enter")
            await pilot.pause(0.3)
            assert [i.text for i in app.session.ideas][-2:] == ["typed on a full disk", "and another"]
            assert "NOT SAVED since" in top_bar(app)

            await pilot.press("f10", "y")  # the close cannot be saved: the session stays open
            await pilot.pause(0.3)
            assert isinstance(app.screen, SessionScreen)
            assert not app.session.closed
            assert any("Not closed" in n.message for n in app._notifications)

            filler.unlink()  # room again: the writer gets there by itself
            deadline = time.monotonic() + 5
            while app.unsaved_since is not None:
                assert time.monotonic() < deadline, "never saved once there was room"
                await pilot.pause(0.1)
            await pilot.pause(0.2)
            assert "NOT SAVED" not in top_bar(app)
            await pilot.press("f10", "y")
            await pilot.pause(0.3)
            assert isinstance(app.screen, RecapScreen)
        with Store(db, readonly=True) as reader:
            closed = reader.load_session(reader.summaries()[0].id)
        assert closed.closed
        assert [i.text for i in closed.ideas] == [
            "before the disk filled",
            "typed on a full disk",
            "and another",
        ]


async def test_after_a_resume_the_idea_log_shows_the_latest_idea(make_app, managers, clock):
    from peertui.ui.widgets.idea_log import IdeaLog

    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        for n in range(30):  # more than the log's rows
            await type_text(pilot, f"idea {n}")
            await pilot.press("enter")
        assert app.flush()
    resumed = make_app()
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause(0.2)
        log = resumed.screen.query_one(IdeaLog)
        assert log.max_scroll_y > 0
        assert log.scroll_y == log.max_scroll_y
