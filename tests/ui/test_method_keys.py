"""The method, driven by the facilitator's keys: the 4 A live, rules asked before they are
broken, the kind of what is typed, @name for actions, the owner ctrl+y proposes."""

from __future__ import annotations

from textual.widgets import Input

from peertui.ui.screens.dialogs import ActionForm, ConfirmScreen
from peertui.ui.screens.editors import EditEntry, IdeasScreen
from peertui.ui.screens.session import SessionScreen
from peertui.ui.widgets.idea_log import IdeaLog
from tests.ui.conftest import SIZE, stored, type_text
from tests.ui.test_session_flow import start_session


async def go_to(pilot, key: str) -> None:
    while pilot.app.session.step.key != key:
        await pilot.press("pagedown")
    await pilot.pause()


async def test_the_4_a_round_live(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await go_to(pilot, "evaluation")
        speaker = app.session.speaker
        capture = app.screen.query_one("#capture", Input)
        assert capture.placeholder == "What did you appreciate in this session?"
        await type_text(pilot, "The listening")
        await pilot.press("enter")
        log = app.screen.query_one(IdeaLog).text
        assert "Nothing captured" not in log and "Appreciation: The listening" in log
        assert app.screen.target == "part:expectations"  # Enter went on to the next A
        await pilot.press("tab", "tab", "tab")  # each A once, then Note, then back
        assert app.screen.target == "note"
        await pilot.press("shift+tab")
        assert app.screen.target == "part:application"
        assert capture.placeholder == "What will you apply?"
        await type_text(pilot, "1:1s with my team")
        await pilot.press("enter")
        [entry] = stored(app).entries
        assert (entry.author, entry.text("application")) == (speaker, "1:1s with my team")

        # An empty line and ctrl+y: the speaker's commitment, theirs to own.
        await pilot.press("ctrl+y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#what", Input).value == "1:1s with my team"
        assert form.query_one("#owner").value == speaker
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(a.owner, a.what) for a in stored(app).actions] == [(speaker, "1:1s with my team")]

        # F2 lists the entry; Enter edits it whole.
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, IdeasScreen)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditEntry)
        app.screen.query_one("#part-appreciation", Input).value = "The silence"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = stored(app).entries
        assert entry.text("appreciation") == "The silence"


async def test_the_4_a_typed_one_after_another_each_in_its_part(make_app, managers):
    """Four answers, four Enters: once, each overwrote the first part without a word."""
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await go_to(pilot, "evaluation")
        answers = ("The silence of the client", "More tools", "Silence informs", "Ask before advising")
        for answer in answers:
            await type_text(pilot, answer)
            await pilot.press("enter")
        [entry] = stored(app).entries
        assert [text for _, text in entry.parts] == list(answers)


async def test_giving_the_floor_against_the_steps_rule_asks_first(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)  # Tom Becker is the client
        await go_to(pilot, "consultation")
        speaking = app.session.queue.current
        names = [n for n in app.session.present if n != app.session.facilitator]
        await pilot.press("ctrl+g", *["down"] * names.index("Tom Becker"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.session.queue.current == speaking
        await pilot.press("ctrl+g", *["down"] * names.index("Tom Becker"), "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session.queue.current == "Tom Becker"
        await type_text(pilot, "but I did try that")
        await pilot.press("enter")
        assert stored(app).ideas[-1].against_rule


async def test_the_kind_goes_back_to_the_steps_first_for_a_new_speaker(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await go_to(pilot, "consultation")
        await pilot.press("tab")  # experience
        assert app.screen.target == "experience"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.target == "suggestion"
        await pilot.press("tab", "pagedown")  # a new step: its first target, not the kind kept
        await pilot.pause()
        assert (app.session.step.key, app.screen.target) == ("synthesis", "decision")


async def test_at_name_works_for_actions_too(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await go_to(pilot, "synthesis")
        await pilot.press("tab")  # the decision first, then the action
        assert app.screen.target == "action"
        await type_text(pilot, "@priya Share the template")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#what", Input).value == "Share the template"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert [(a.owner, a.what) for a in stored(app).actions] == [("Priya Raman", "Share the template")]


async def test_next_case_from_the_palette_and_keep_an_idea(make_app, managers):
    """ctrl+p, "Next case", Enter, Enter: the topic's choice again, for a new client; ctrl+b
    keeps the last idea in the group's memory."""
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)  # Tom Becker is the client
        await go_to(pilot, "consultation")
        await type_text(pilot, "A weekly stand-up")
        await pilot.press("enter", "ctrl+b")
        await pilot.pause()
        assert stored(app).ideas[-1].kept
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Next case")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the confirmation: Yes is the default
        await pilot.pause()
        session = stored(app)
        assert session.step.key == "topic#2" and session.client == ""
        assert [case.client for case in session.cases] == ["Tom Becker"]
        assert "Topic choice (case 2)" in str(app.screen.query_one("#step-title").render())


async def test_the_contract_saved_shows_in_the_log(make_app, managers):
    """Once the header had it while the log still said nothing was captured."""
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await go_to(pilot, "contract")
        await type_text(pilot, "Help me talk to my team")
        await pilot.press("enter")
        await pilot.pause()
        log = app.screen.query_one(IdeaLog).text
        assert "Contract: Help me talk to my team" in log and "Nothing captured" not in log
