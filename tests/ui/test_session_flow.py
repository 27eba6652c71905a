"""A whole co-development session, driven by the facilitator's keys, checked on disk."""

from __future__ import annotations

import json
from datetime import date

from textual.widgets import Input

from peertui.core.model import ActionStatus
from peertui.ui.screens.session import SessionScreen
from peertui.ui.widgets.idea_log import IdeaLog
from tests.ui.conftest import SIZE, stored, type_text


async def start_session(pilot, client_downs: int = 2, case: str = "A quiet team") -> None:
    """On the start screen: client by the select, the case, Enter."""
    await pilot.press("tab", "enter", *["down"] * client_downs, "enter", "tab")
    await type_text(pilot, case)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_session_by_keys(make_app, managers, clock):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        assert isinstance(app.screen, SessionScreen)
        session = stored(app)  # saved the moment it starts
        assert (session.client, session.case_title) == ("Tom Becker", "A quiet team")
        assert session.step.key == "followup"

        # Follow-up round: Priya speaks 2 minutes, Tom passes, Aisha is skipped for now.
        clock.advance(120)
        await type_text(pilot, "Hired two people")
        await pilot.press("enter", "ctrl+n", "ctrl+o", "ctrl+l")
        clock.advance(60)
        await pilot.press("pagedown")  # to topic choice
        clock.advance(300)
        await pilot.press("pagedown", "pagedown")  # presentation, then questions
        assert app.session.step.key == "questions"
        assert app.session.queue.current == "Priya Raman"  # first consultant: Tom is the client

        clock.advance(45)
        await type_text(pilot, "What did you try first?")
        await pilot.press("enter", "ctrl+n")
        await type_text(pilot, "@sofia Who decides?")
        await pilot.press("enter")

        await pilot.press("pagedown")  # contract: Enter saves the contract sentence
        await type_text(pilot, "Help me to talk to my team")
        await pilot.press("enter")
        await pilot.press("pagedown")  # consultation
        clock.advance(25 * 60 + 83)  # 1:23 of overtime
        await type_text(pilot, "Weekly [bold]1:1s[/]")
        await pilot.press("tab")  # experience rather than suggestion
        await type_text(pilot, " (I did this)")
        await pilot.press("enter", "pagedown")  # synthesis: Tab, and Enter opens the action form
        await pilot.press("tab")
        await type_text(pilot, "Book 1:1s")
        await pilot.press("enter")
        await type_text(pilot, "15/12")
        await pilot.press("enter")
        await pilot.press("pagedown")  # evaluation: the 4 A, in turn
        await type_text(pilot, "Listen before advising")
        await pilot.press("tab", "tab")  # expectations -> learning
        await pilot.press("enter")
        await pilot.press("f10", "y")
        await pilot.pause()

        session = stored(app)
    assert session.closed
    runs = {run.step.key: run for run in session.runs}
    assert runs["followup"].timer.spent(0) == 180
    assert runs["topic"].timer.spent(0) == 300
    assert runs["consultation"].timer.spent(0) == 25 * 60 + 83
    assert runs["consultation"].timer.planned == 25 * 60

    followup = [t for t in session.turns if t.step == "followup"]
    assert [(t.speaker, t.seconds, t.passed) for t in followup[:2]] == [
        ("Priya Raman", 120.0, False),
        ("Tom Becker", 0.0, True),
    ]
    assert session.contract == "Help me to talk to my team"

    ideas = [(i.step, i.author, i.kind, i.text) for i in session.ideas]
    assert ideas == [
        ("followup", "Priya Raman", "note", "Hired two people"),
        ("questions", "Priya Raman", "question", "What did you try first?"),
        ("questions", "Sofia García", "question", "Who decides?"),
        ("consultation", "Priya Raman", "experience", "Weekly [bold]1:1s[/] (I did this)"),
    ]
    [action] = session.actions
    assert (action.owner, action.what, action.due, action.status) == (
        "Tom Becker",
        "Book 1:1s",
        date(2026, 12, 15),
        ActionStatus.OPEN,
    )
    [entry] = session.entries
    assert entry.text("learning") == "Listen before advising"
    assert session.talk_time()["Priya Raman"] == 120 + 45 + 25 * 60 + 83  # she had the floor in the overtime


async def test_pause_and_resume_by_key(make_app, managers, clock):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        clock.advance(30)
        await pilot.press("ctrl+t")
        clock.advance(600)
        await pilot.press("ctrl+t")
        clock.advance(30)
        assert stored(app).run.timer.spent(clock.now()) == 60


async def test_a_refused_key_says_why_and_changes_nothing(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        before = app.session
        await pilot.press("pageup")
        await pilot.pause()
        assert app.session == before
        assert [n.message for n in app._notifications] == ["This is the first step."]


async def test_give_the_floor_and_order_of_the_round(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await pilot.press("ctrl+g", "down", "down", "enter")
        assert app.session.queue.current == "Aisha Okafor"
        await pilot.press("ctrl+r", "down", "down", "enter")  # least heard first
        await pilot.pause()
        assert stored(app).order.value == "least_heard"


async def test_shorten_the_rest_when_late(make_app, managers, clock):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        clock.advance(40 * 60)  # the follow-up, planned 15 minutes, takes 40
        await pilot.press("f6")
        session = stored(app)
        assert session.expected_end(clock.now()) <= session.deadline + 60


async def test_ideas_can_be_edited_deleted_and_made_confidential(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        for text in ("one", "two"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("f2")  # the ideas editor, on the first idea
        await pilot.press("c", "down", "d", "y")
        await pilot.press("enter")  # on "one" still: the case is listed above it
        editor = app.screen.query_one("#text", Input)
        editor.value = ""
        await type_text(pilot, "one, better")
        await pilot.press("enter", "escape")
        session = stored(app)
    assert [(i.text, i.confidential) for i in session.ideas] == [("one, better", True)]


async def test_user_text_is_shown_literally_and_never_crashes(make_app, managers):
    app = make_app(group=managers)
    nasty = ["[bold]", "[/]", "\x1b[31mred", "✨👩🏽‍💻", "שלום עולם", "x" * 5000]
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, case="[/] \x1b[2J")
        for text in nasty:
            app.screen.query_one("#capture", Input).value = text  # a paste
            await pilot.press("enter")
        await pilot.pause()
        plain = app.screen.query_one(IdeaLog).text
        assert "[bold]" in plain and "[/]" in plain and "\x1b" not in plain
        assert "␛[31mred" in plain
        assert len(stored(app).ideas) == len(nasty)


async def test_it_survives_every_size(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        for size in ((60, 20), (40, 12), (20, 6), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_every_action_is_in_the_command_palette_by_name(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        titles = {command.title for command in app.screen.facilitator_commands()}
        for name in (
            "Next step",
            "Previous step",
            "Next speaker",
            "Pass",
            "Add action",
            "Pause / resume timer",
            "Close session",
            "Give the floor to…",
        ):
            assert name in titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "next speaker")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.queue.current == "Tom Becker"  # after Priya, in the follow-up round


async def test_from_home_enter_starts_a_session_with_the_first_group(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # no arrow key first
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.session.group.name == "Codév cadres de santé — Lyon"  # the first sample, by file name


async def test_hostile_names_are_shown_literally_in_every_chooser(db, clock):
    """People's names go into Select, SelectionList and OptionList: none may be read as markup."""
    from peertui.core.groups import parse_group
    from peertui.ui.app import PeerApp

    names = ["Animé [/]", "[red]Zoé[/red] Mercier", "Noël 🎉 Bénard", "שלום Cohen", "x\x1b[31m y"]
    # json.dumps gives a valid TOML basic string, control code escaped.
    people = "".join(f"\n[[participants]]\nname = {json.dumps(n, ensure_ascii=False)}\n" for n in names)
    text = '[group]\nname = "G [bold]x[/] 🎉"\nlanguage = "fr"\nfacilitator = "Animé [/]"\n' + people
    app = PeerApp(db=db, group=parse_group(text, "g.toml"), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter", "down", "enter", "ctrl+s")  # client from the list
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.session.client == "[red]Zoé[/red] Mercier"
        await pilot.press("ctrl+g", "escape", "ctrl+y", "escape", "ctrl+r", "escape")
        await type_text(pilot, "idée [b]x[/b]")
        await pilot.press("enter", "f2", "enter", "escape", "escape", "f9", "f9")
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "[red]Zoé[/red]" in app.screen.query_one(IdeaLog).text


async def test_f10_then_enter_closes_and_home_shows_how_to_quit(make_app, managers):
    """A newcomer's F10 and Enter close the session (a deletion's default stays No); the
    home footer says how to leave."""
    from textual.widgets import Footer

    from peertui.ui.screens.recap import RecapScreen

    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecapScreen) and stored(app).closed
        await pilot.press("enter")
        await pilot.pause()
        keys = [key for key, active in app.screen.active_bindings.items() if active.binding.show]
        assert "q" in keys and app.screen.query_one(Footer)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_deletion_names_what_goes_and_the_facilitator_is_never_offered_as_client(make_app, managers):
    from textual.widgets import Select

    from peertui.ui.screens.dialogs import ConfirmScreen

    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await type_text(pilot, "an idea to delete")
        await pilot.press("enter", "f2", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Delete “an idea to delete”?"
        await pilot.press("n", "escape", "f5")
        await pilot.pause()
        offered = [str(label) for label, _ in app.screen.query_one("#client", Select)._options]
        assert "Tom Becker" in offered and "Morgan Lee" not in offered
