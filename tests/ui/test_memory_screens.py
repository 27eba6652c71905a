"""The group's memory by its keys: k on home to find it again and write a practice sheet,
b for the cycle's bilan, ctrl+s in a session for what the group knows of the case."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from peertui.store import Store
from peertui.ui.screens.knowledge import BilanScreen, KnowledgeScreen, KnownDialog, SheetEditor
from tests.ui.conftest import SIZE, type_text
from tests.ui.test_session_flow import start_session


async def close_with_memory(pilot) -> None:
    """A session whose consultation gives a tagged idea and a kept one."""
    app = pilot.app
    while app.session.step.key != "consultation":
        await pilot.press("pagedown")
    await type_text(pilot, "A weekly stand-up #meetings")
    await pilot.press("enter")
    await type_text(pilot, "Ask the team first")
    await pilot.press("enter", "ctrl+b")
    await pilot.press("f10", "enter")
    await pilot.pause()
    await pilot.press("enter")  # home
    await pilot.pause()


async def test_find_it_again_and_write_a_practice_sheet(make_app, managers, db):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await close_with_memory(pilot)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KnowledgeScreen)
        items = app.screen.query_one("#knowledge-items", OptionList)
        assert items.option_count == 2
        await type_text(pilot, "#MEETINGS")  # the search line has the focus: type at once
        await pilot.pause()
        assert items.option_count == 1
        await pilot.press("enter", "space", "s")  # back to the list, mark it, a sheet
        await pilot.pause()
        assert isinstance(app.screen, SheetEditor)
        title = app.screen.query_one("#sheet-title")
        title.value = ""
        await pilot.click("#sheet-title")
        await type_text(pilot, "Stand-ups that help")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, KnowledgeScreen)
        app.screen.query_one("#knowledge-items", OptionList).focus()
        await pilot.press("home", "enter")  # the sheet, first: Enter opens it to edit
        await pilot.pause()
        assert isinstance(app.screen, SheetEditor) and app.screen.sheet.title == "Stand-ups that help"
        await pilot.press("escape", "escape", "escape")
    with Store(db, readonly=True) as reader:
        (sheet,) = reader.sheets()
    assert sheet.title == "Stand-ups that help" and sheet.tags == ("meetings",)
    assert sheet.gave == "A weekly stand-up #meetings" and len(sheet.contributors) == 1


async def test_the_bilan_on_b_and_the_memory_in_a_session(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, case="Quiet team #meetings")
        await close_with_memory(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BilanScreen)
        await app.workers.wait_for_complete()  # written off the UI thread
        await pilot.pause()
        text = str(app.screen.query_one("#bilan-text", Static).render())
        assert text.startswith("# Managers' codev circle — the cycle's review")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # a new session of the same group, on the same theme
        await pilot.pause()
        await start_session(pilot, case="Meetings again #meetings")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, KnownDialog)
        known = app.screen.query_one("#known-items", OptionList)
        shown = [str(known.get_option_at_index(i).prompt) for i in range(known.option_count)]
        assert any("A weekly stand-up" in line for line in shown)
        assert any("Ask the team first" in line for line in shown)  # the case's tag: all it gave
        await pilot.press("escape")
