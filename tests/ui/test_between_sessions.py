"""The follow-up round, the review of actions and the cycle, over a stored history."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Select, Static

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import ActionStatus
from peertui.core.protocol_file import builtin_protocols
from peertui.core.recap import render_markdown
from peertui.core.sharing import short_id
from peertui.store import Store
from peertui.ui.screens.board import ActionsBoard
from peertui.ui.screens.followup import FollowUpScreen
from peertui.ui.widgets.idea_log import IdeaLog
from tests.ui.conftest import SIZE, stored, type_text
from tests.ui.test_session_flow import start_session
from tests.unit.helpers import go_to

DAY = 86400


@pytest.fixture
def history(db, managers, clock):
    """Two closed sessions: Priya then Tom as client, each committing to actions."""
    codev = builtin_protocols()["codev"]
    with Store(db) as store:
        store.save_group(managers)
        for number, client, whats in (
            (1, "Priya Raman", ["Book 1:1s", "Ask HR for budget"]),
            (2, "Tom Becker", ["Write the job ad"]),
        ):
            clock.advance(-40 * DAY if number == 1 else 20 * DAY)
            session = core.start(f"s{number}", managers, codev, clock.now(), client=client)
            session = go_to(session, "synthesis", clock.now())
            for what in whats:
                session = core.apply(session, ev.AddAction(what, due=date(2026, 11, 10)), clock.now())
            store.save_session(core.apply(session, ev.CloseSession(), clock.now() + 3600))
    clock.advance(20 * DAY)
    return db


async def test_the_follow_up_round_reviews_each_members_actions(history, make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, client_downs=3)  # Aisha, who has not been client yet
        assert app.session.queue.current == "Priya Raman"
        shown = app.screen.query_one(IdeaLog).text
        assert "Priya Raman: 2 open actions" in shown and "Book 1:1s" in shown

        await pilot.press("f4")
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("d")  # Book 1:1s: done
        await pilot.press("down", "x")  # Ask HR for budget: dropped
        await pilot.press("n")
        await type_text(pilot, "no budget this year")
        await pilot.press("enter")  # the note joins the status said
        await pilot.press("escape", "ctrl+n")  # Tom's turn
        await pilot.press("f4", "p", "escape")
        await pilot.press("f10", "y")
        await pilot.pause()
        session = stored(app)

    reviews = [(r.owner, r.what, r.status, r.note) for r in session.reviews]
    assert reviews == [
        ("Priya Raman", "Book 1:1s", ActionStatus.DONE, ""),
        ("Priya Raman", "Ask HR for budget", ActionStatus.DROPPED, "no budget this year"),
        ("Tom Becker", "Write the job ad", ActionStatus.IN_PROGRESS, ""),
    ]
    with Store(history, readonly=True) as reader:
        actions = {a.what: a for a in reader.actions()}
    assert actions["Book 1:1s"].status is ActionStatus.DONE
    assert actions["Write the job ad"].status is ActionStatus.IN_PROGRESS
    assert actions["Book 1:1s"].history[-1].session_id == session.id
    recap = render_markdown(session)
    assert "## Follow-up of earlier actions" in recap and "Book 1:1s — done" in recap


async def test_a_note_alone_is_kept_with_the_status_unchanged(history, make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, client_downs=3)
        await pilot.press("f4", "n")
        await type_text(pilot, "waiting for the answer")
        await pilot.press("enter", "escape")
        [review] = stored(app).reviews
    expected = ("Book 1:1s", ActionStatus.OPEN, "waiting for the answer")
    assert (review.what, review.status, review.note) == expected


async def test_the_review_screen_updates_actions_with_their_history(history, make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ActionsBoard)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        await pilot.press("slash")
        await type_text(pilot, "tom")
        await pilot.press("enter")
        assert table.row_count == 1
        await pilot.press("e")
        await type_text(pilot, "someday")
        await pilot.press("enter")  # refused: the dialog stays and says why
        assert "Not a date: someday" in str(app.screen.query_one("#form-error", Static).render())
        app.focused.value = ""
        await type_text(pilot, "15/12")
        await pilot.press("enter")
        history_text = str(app.screen.query_one("#history", Static).render())
        assert "→ 2026-12-15" in history_text
        await pilot.press("d")
        await type_text(pilot, "published on Monday")
        await pilot.press("enter")
        assert table.row_count == 0  # done: no longer among the open ones
    with Store(history, readonly=True) as reader:
        job_ad = next(a for a in reader.actions() if a.what == "Write the job ad")
    assert (job_ad.status, job_ad.due) == (ActionStatus.DONE, date(2026, 12, 15))
    assert [(c.status, c.note, c.due) for c in job_ad.history] == [
        (ActionStatus.OPEN, "", date(2026, 12, 15)),
        (ActionStatus.DONE, "published on Monday", date(2026, 12, 15)),
    ]
    assert all(c.at == clock.now() for c in job_ad.history)


async def test_the_board_reads_the_closed_actions_only_once_asked_for(history, make_app, clock):
    with Store(history) as store:
        job_ad = next(a for a in store.open_actions() if a.what == "Write the job ad")
        store.save_action(job_ad.changed(clock.now(), ActionStatus.DONE, "published"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        board = app.screen
        assert isinstance(board, ActionsBoard)
        assert board.query_one(DataTable).row_count == 2 and not board.with_closed
        board.query_one("#status", Select).value = "all"
        await pilot.pause()
        assert board.query_one(DataTable).row_count == 3 and board.with_closed


async def test_the_cycle_proposes_the_next_clients(history, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        text = str(app.screen.query_one(".dialog.info VerticalScroll Static").render())
    assert "Sessions held: 2/8" in text
    assert "Not yet client: Aisha Okafor, Daniel Novak, Sofia García, Liam O'Connor" in text


async def test_home_lists_past_sessions_newest_first_and_opens_one(history, make_app):
    from textual.widgets import OptionList

    from peertui.ui.screens.recap import RecapScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        listed = app.screen.query_one("#sessions", OptionList)

        def lines() -> list[str]:
            return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]

        assert len(lines()) == 2 and "Tom Becker" in lines()[0] and "Priya Raman" in lines()[1]
        assert lines()[0].index("Tom") == lines()[1].index("Priya")  # in columns
        await pilot.press("down")  # a sample group, never run: none
        assert lines() == ["No session with this group yet."]
        await pilot.press("up", "tab", "down", "enter")  # the older session of the first group
        assert isinstance(app.screen, RecapScreen)
        assert app.screen.recap_session.client == "Priya Raman"


async def test_years_of_sessions_are_listed_a_page_at_a_time(db, managers, clock, make_app):
    """A decade's sessions are not all laid out before the first screen: the newest 40, then
    the next ones as the arrows reach the end of the list, the dates in one column."""
    from textual.widgets import OptionList

    from peertui.ui.screens.home import PAGE

    codev = builtin_protocols()["codev"]
    with Store(db) as store:
        store.save_group(managers)
        for number in range(PAGE + 5):
            clock.advance(14 * DAY)
            session = core.start(f"s{number}", managers, codev, clock.now(), client="Priya Raman")
            store.save_session(core.apply(session, ev.CloseSession(), clock.now() + 3600))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        listed = app.screen.query_one("#sessions", OptionList)
        assert listed.option_count == PAGE + 1
        assert "Older sessions: 5 more" in str(listed.get_option_at_index(PAGE).prompt)
        await pilot.press("tab", "end")  # onto the last line: the older ones come
        await pilot.pause()
        assert listed.option_count == PAGE + 5
        assert listed.highlighted == PAGE  # on the first of them, not a key behind
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert len({prompt.index("Priya") for prompt in prompts}) == 1  # one column
        await pilot.press("end", "enter")  # the oldest opens
        await pilot.pause()
        assert app.screen.recap_session.id == "s0"
        await pilot.press("escape")  # back home, where the list was
        await pilot.pause()
        listed = app.screen.query_one("#sessions", OptionList)
        assert listed.option_count == PAGE + 5 and listed.highlighted == PAGE + 4
        assert app.screen.focused is listed


def test_a_running_session_says_so_in_words():
    from peertui.core.model import SessionSummary
    from peertui.ui.screens.home import session_lines

    running = SessionSummary("s3", "Managers", "codev", "Aisha", "[b]x[/b]", 1_795_000_000, None)
    closed = SessionSummary("s2", "Managers", "codev", "", "", 1_794_000_000, 1_794_003_600)
    first, second = (line.plain for line in session_lines([running, closed], "fr"))
    assert "▶ en cours" in first and "Aisha — [b]x[/b]" in first
    assert "en cours" not in second and "sans client désigné" in second


async def test_back_home_the_group_just_met_stays_highlighted(history, make_app):
    from textual.widgets import OptionList

    from peertui.commands.groups import sample_group

    lyon = sample_group("codev-cadres-lyon")
    app = make_app(group=lyon)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, case="Un planning qui tient")
        await pilot.press("f10", "y")
        await pilot.pause()
        await pilot.press("escape")  # the recap, then home
        await pilot.pause()
        groups = app.screen.query_one("#groups", OptionList)
        assert app.screen.groups[groups.highlighted].name == lyon.name
        top = str(app.screen.query_one("#sessions", OptionList).get_option_at_index(0).prompt)
        assert "Un planning qui tient" in top


async def test_a_reply_quoting_a_reference_finds_its_action(history, make_app):
    """'K7Q2A done', from a participant's mail: typed in the filter, it finds that action."""
    with Store(history, readonly=True) as reader:
        job_ad = next(a for a in reader.actions() if a.what == "Write the job ad")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "slash")
        await type_text(pilot, short_id(job_ad.id).lower())
        await pilot.press("enter")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and app.screen.selected == job_ad


async def test_home_marks_a_confidential_case(make_app, managers):
    from textual.widgets import OptionList

    from tests.ui.test_session_flow import start_session

    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, case="! A transfer")
        await pilot.press("f10", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        sessions = app.screen.query_one("#sessions", OptionList)
        assert "🔒 A transfer" in str(sessions.get_option_at_index(0).prompt)
