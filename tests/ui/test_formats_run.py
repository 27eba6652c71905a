"""Every format, driven by the facilitator's keys through every step to its recap: what
each step asks for is typed (an idea, a part of a form, dots, a ROTI, an agreement, the
decision, an answer), PgDn goes on, F10 closes, and the recap shows what it produced."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from peertui.commands.groups import sample_group
from peertui.core.protocol import Capture
from peertui.core.targets import AGREEMENT, ANSWER, DECISION, ROTI, VOTES
from peertui.ui.app import PeerApp
from peertui.ui.screens.dialogs import ActionForm, InfoScreen
from peertui.ui.screens.recap import RecapScreen
from peertui.ui.screens.session import SessionScreen
from tests.ui.conftest import SIZE, stored, type_text
from tests.ui.test_session_flow import start_session

# (protocol, language, a word the recap must hold for what the format produced)
FORMATS = [
    ("codev", "fr", "Les 4 A"),
    ("flash_codev", "en", "Written proposals"),
    ("checkin", "fr", "Tour de table"),
    ("world_cafe", "en", "Tables"),
    ("brainstorm", "fr", "Vote à gommettes"),
    ("one_two_four_all", "en", "Tables"),
    ("storytelling", "fr", "Défi – Action – Résultat"),
    ("retrospective", "en", "Went well, less well, to try"),
    ("brown_bag", "fr", "Questions et réponses"),
    ("practice_exchange", "en", "Practice sheet"),
    ("network_kickoff", "fr", "Charte"),
    ("network_closing", "en", "Decision"),
]


async def say_what_the_step_asks(pilot, app: PeerApp) -> None:
    """Type, for the step at hand, what its first target takes; a few ideas besides."""
    screen = app.screen
    step = app.session.step
    target = screen.target
    if target == "action":  # an action, named for someone, then on to the rest of the step
        await type_text(pilot, "@ibrahim Send the notes")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        return
    words = {
        VOTES: "1 2",
        ROTI: "4",
        AGREEMENT: "ok",
        DECISION: "go_on another year",
        ANSWER: "Because it works",
        "contract": "Help me to delegate",
        "theme": "Meetings: 1 2",
    }
    if step.form is not None:  # every part of the form, for the one speaking: Enter goes on
        for _ in step.form.parts:
            await type_text(pilot, f"{screen.target} said")
            await pilot.press("enter")
        return
    if Capture.QUESTIONS in step.captures:  # a question, then its answer
        await type_text(pilot, "Why now?")
        await pilot.press("enter", "tab")
        target = screen.target
    await type_text(pilot, words.get(target, f"{target}: what was said"))
    await pilot.press("enter")
    await pilot.pause()
    assert not screen.query_one("#capture", Input).value, f"{step.key}: {target} refused"
    if screen.target in step.idea_kinds:  # and an idea besides, where the target takes one
        await type_text(pilot, "One more idea")
        await pilot.press("enter")
        await pilot.pause()


@pytest.mark.parametrize(("key", "lang", "produced"), FORMATS, ids=[f[0] for f in FORMATS])
async def test_each_format_runs_whole_to_its_recap(db, clock, key, lang, produced):
    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang=lang, clock=clock, protocol=key)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        needs_client = app.protocols[key].needs_client
        if needs_client:
            await pilot.press("tab", "enter", "down", "enter")  # a client, from the list
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session is not None and app.session.protocol.key == key
        for index in range(len(app.session.runs)):
            if app.session.step.key in ("topic", "situations") and not app.session.client:
                await pilot.press("f5", "enter", "down", "enter", "enter")
            await say_what_the_step_asks(pilot, app)
            clock.advance(60)
            if index < len(app.session.runs) - 1:
                await pilot.press("pagedown")
                await pilot.pause()
                assert app.session.current == index + 1, app.session.step.key
        await pilot.press("f10", "y")
        await pilot.pause()
        assert isinstance(app.screen, RecapScreen)
        markdown = app.screen.texts["md"]
        session = stored(app)
    assert session.closed
    for run in session.runs:
        assert run.step.name(lang) in markdown or not any(i.step == run.step.key for i in session.ideas)
    assert produced in markdown, markdown


async def test_f8_shows_the_charter_in_any_session(db, clock):
    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang="fr", clock=clock, protocol="network_kickoff")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_the_charter(pilot, app)
        agreeing = app.session.speaker
        await type_text(pilot, "ok")
        await pilot.press("enter", "f8")
        await pilot.pause()
        assert isinstance(app.screen, InfoScreen)
        shown = app.screen.text
        assert shown.startswith(f"1. {group.charter[0]}") and f"Ont adhéré\u00a0: {agreeing}" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_f8_says_how_to_write_a_charter(make_app, managers):
    app = make_app(group=managers)
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, InfoScreen) and "charter = [" in app.screen.text


async def to_the_charter(pilot, app: PeerApp) -> None:
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    while app.session.step.key != "charter":
        await pilot.press("pagedown")
    await pilot.pause()


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_enter_alone_on_the_agreement_line_records_that_the_speaker_agrees(db, clock, lang):
    """The kick-off's charter round: each person says "d'accord" and the facilitator presses
    Enter. An empty Enter saved nothing and said nothing; the line is a yes, not a text."""
    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang=lang, clock=clock, protocol="network_kickoff")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_the_charter(pilot, app)
        screen = app.screen
        first = app.session.speaker
        assert screen.target == AGREEMENT
        hint = screen.query_one("#capture", Input).placeholder
        assert first in hint and ("adhère à la charte" if lang == "fr" else "agrees to the charter") in hint
        await pilot.press("enter")
        await pilot.press("enter")  # twice: still one agreement
        await pilot.press("ctrl+n")  # the next in the round
        second = app.session.speaker
        await pilot.press("enter")
        await pilot.pause()
        assert second in screen.query_one("#capture", Input).placeholder
        assert not app._notifications  # nothing refused
        session = stored(app)
    assert first != second
    assert session.agreed == (first, second)
    assert session.ideas == ()  # a yes, not an empty idea


async def test_enter_alone_says_why_when_the_group_has_no_charter(db, clock, managers):
    app = PeerApp(db=db, group=managers, lang="en", clock=clock, protocol="network_kickoff")
    async with app.run_test(size=(100, 32)) as pilot:
        await to_the_charter(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        session = stored(app)
    assert session.agreed == ()
    assert messages == ['The group has no charter: add charter = ["..."] to its file.']


async def test_typing_in_the_check_in_round_saves_ideas_not_actions(db, clock):
    """#14: Enter on the first words of the round saved an action (its form opened and the
    next line landed in the due date); they are what the speaker said."""
    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang="en", clock=clock, protocol="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        speaker = app.session.speaker
        await type_text(pilot, "Tired but glad to be here")
        await pilot.press("enter")
        await type_text(pilot, "A new team since Monday")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("tab", "tab")  # insight, then the action
        assert app.screen.target == "action"
        session = stored(app)
    assert [(i.author, i.kind, i.text) for i in session.ideas] == [
        (speaker, "note", "Tired but glad to be here"),
        (speaker, "note", "A new team since Monday"),
    ]
    assert session.actions == ()


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_world_cafe_says_how_many_pairs_meet_again(db, clock, lang):
    """#14: the repeat encounters were computed but shown only in the recap: they show
    with the tables, on the session screen and on the projector, once people have moved."""
    from peertui.core.i18n import tn

    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang=lang, clock=clock, protocol="world_cafe")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        while app.session.step.key != "round1":
            await pilot.press("pagedown")
        await pilot.pause()
        speakers = app.screen.query_one("#speakers")
        assert "Table 1" in str(speakers.content) and tn("ui.repeats", 0, lang)[2:] not in str(
            speakers.content
        )
        while app.session.step.key != "round2":
            await pilot.press("pagedown")
        await pilot.pause()
        repeats = stored(app).rounds[-1].repeats
        said = tn("ui.repeats", repeats, lang)
        assert said in str(speakers.content)
        await pilot.press("f9")
        await pilot.pause()
        assert said in str(app.screen.query_one("#projector-speakers").content)
