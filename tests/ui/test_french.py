"""A whole session in French: every screen and dialog a facilitator meets, read for the
English words that once leaked into them (Textual's own, and ours)."""

from __future__ import annotations

import html
import re

from peertui.core import events as ev
from tests.ui.conftest import SIZE, type_text

# Words a French screen must never show: Textual's defaults, and English of ours that
# leaked before. Matched as whole words, case kept (French has "Action", "Note", "Client").
LEAKS = [
    "Select",
    "Search",
    "commands",
    "Keys",
    "Maximize",
    "Minimize",
    "Quit",
    "Screenshot",
    "Theme",
    "open action",
    "open actions",
    "in progress",
    "done",
    "dropped",
    "Enter",
    "escape",
    "next month",
    "Save",
    "Cancel",
    "Yes",
    "No",
    "Back",
    "Help",
    "Step",
    "Next",
    "Pass",
    "Close",
    "Delete",
    "Edit",
    "Copy",
    "Due",
    "Who",
    "What",
    "Nothing",
    "Choose",
    "Topic",
    "Round",
    "round",
    "speaker",
    "ideas",
    "Learning",
    "Appreciation",
    "Expectations",
    "the",
    "and",
    "to",
    "of",
    "with",
    "not",
    "is",
]
_LEAK = re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(word) for word in LEAKS) + r")(?![\w'’-])")


def screen_text(app) -> str:
    svg = app.export_screenshot()
    spans = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", span)) for span in spans).replace("\xa0", " ")


class Reader:
    """Reads each screen it is shown and keeps every English word found, with where."""

    def __init__(self, app) -> None:
        self.app, self.found = app, []

    async def read(self, pilot, where: str) -> None:
        await pilot.pause()
        text = screen_text(self.app)
        self.found += [
            f"{where}: {match[0]!r} in …{text[max(0, match.start() - 30) : match.end() + 30]}…"
            for match in _LEAK.finditer(text)
        ]
        # French typography: a label's colon follows a no-break space, never a letter.
        self.found += [
            f"{where}: colon glued in …{text[m.start() - 20 : m.end() + 10]}…"
            for m in re.finditer(r"(?<=[A-Za-zÀ-ÿ]):(?=\s)", text)
        ]


async def test_a_french_session_shows_no_english(make_app, lyon, clock):
    app = make_app(group=lyon)
    async with app.run_test(size=(100, 32)) as pilot:
        reader = Reader(app)
        await reader.read(pilot, "start form")
        await pilot.press("f1")
        await reader.read(pilot, "start help")
        await pilot.press("escape")
        await pilot.press("tab", "enter", "down", "enter")  # a client
        await pilot.press("ctrl+s")
        await reader.read(pilot, "follow-up")
        for key in ("f1", "ctrl+g", "ctrl+r", "f5", "f7", "f4", "f3", "ctrl+y"):
            await pilot.press(key)
            await reader.read(pilot, f"dialog {key}")
            await pilot.press("escape")
        await pilot.press("ctrl+p")
        await reader.read(pilot, "command palette")
        await pilot.press("escape")
        for _ in range(7):  # every step, with something said in each
            if app.session.step.key == "synthesis":  # Tab: what Enter saves is an action
                await pilot.press("tab")
                await type_text(pilot, "Appeler la DRH")
                await pilot.press("enter")
                await reader.read(pilot, "action form")
                await type_text(pilot, "+2s")
                await reader.read(pilot, "action form with a date")
                await pilot.press("enter")
            else:
                await type_text(pilot, "Une idée")
                await pilot.press("enter")
            await reader.read(pilot, f"step {app.session.step.key}")
            await pilot.press("pagedown")
        await reader.read(pilot, "the 4 A")
        await type_text(pilot, "L'écoute")
        await pilot.press("enter")
        await pilot.press("f2")
        await reader.read(pilot, "ideas editor")
        await pilot.press("end", "enter")
        await reader.read(pilot, "entry editor")
        await pilot.press("escape", "escape")
        app.act(ev.PauseTimer())
        await reader.read(pilot, "paused")
        await pilot.press("f10")
        await reader.read(pilot, "close dialog")
        await pilot.press("o")
        await reader.read(pilot, "recap")
        await pilot.press("enter")
        await reader.read(pilot, "home")
        for key in ("f1", "c", "a"):
            await pilot.press(key)
            await reader.read(pilot, f"home {key}")
            if key == "a":
                await pilot.press("d")
                await reader.read(pilot, "board: a note")
                await pilot.press("escape")
            await pilot.press("escape")
    assert reader.found == [], "\n".join(reader.found)


async def test_the_start_form_speaks_the_groups_language_from_an_english_home(make_app, monkeypatch):
    """From home (English here), Enter on a French group: its start form is in French."""
    from textual.widgets import OptionList

    from peertui.ui.screens.start import StartScreen

    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        groups = app.screen.query_one("#groups", OptionList)
        names = [str(groups.get_option_at_index(i).prompt) for i in range(groups.option_count)]
        lyon = next(i for i, name in enumerate(names) if "Lyon" in name)
        await pilot.press(*["down"] * (lyon - (groups.highlighted or 0)), "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "Nouvelle séance" in str(app.screen.query_one("#start-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.lang == "en"  # home again, in its own language


async def test_a_french_session_waiting_is_offered_in_french(db, clock, lyon, codev, monkeypatch):
    """A plain `peertui` in an English terminal: the French session to resume asks in French."""
    from textual.widgets import Button

    from peertui.core import rules as core
    from peertui.store import Store
    from peertui.ui.app import PeerApp
    from peertui.ui.screens.resume import ResumeScreen

    monkeypatch.setenv("LANG", "C.UTF-8")
    with Store(db) as store:
        store.save_group(lyon)
        store.save_session(core.start("2026-11-01-0900-lyon", lyon, codev, clock.now(), client="Zoé Mercier"))
    app = PeerApp(db=db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert str(app.screen.query_one("#resume", Button).label) == "Reprendre"
        await pilot.press("escape")
        await pilot.pause()
        assert app.lang == "en"
