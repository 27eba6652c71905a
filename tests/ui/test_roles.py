"""What a protocol calls the one at its centre and what they bring (#14): a brown bag's
presenter and topic, a practice exchange's situation holder, on every screen that names
them; a format with nobody at its centre names nobody; a flash co-development asks for
its client on the start form, where the client can be chosen."""

from __future__ import annotations

import pytest
from textual.widgets import Label, Select

from peertui.commands.groups import sample_group
from peertui.core.recap import render_markdown
from peertui.ui.app import PeerApp
from peertui.ui.screens.dialogs import ClientForm
from peertui.ui.screens.session import SessionScreen
from peertui.ui.screens.start import StartScreen
from tests.ui.conftest import SIZE, stored, type_text


def text_of(widget) -> str:
    return str(widget.content) if hasattr(widget, "content") else str(widget.render())


def labels(screen) -> list[str]:
    return [str(label.content) for label in screen.query(Label) if label.display and label.parent.display]


async def test_a_brown_bag_names_its_presenter_and_topic_everywhere(db, clock):
    group = sample_group("codev-managers")
    app = PeerApp(db=db, group=group, lang="en", clock=clock, protocol="brown_bag")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        shown = labels(start)
        assert "Presenter" in shown and "Topic" in shown and "Client" not in shown and "Case" not in shown
        assert start.query_one("#case").placeholder.startswith("the topic in a few words")
        await pilot.press("tab", "enter", "down", "enter", "tab")  # a presenter, from the list
        await type_text(pilot, "Onboarding in a week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        presenter = app.session.client
        top = text_of(app.screen.query_one("#top-bar"))
        assert f"Presenter: {presenter}" in top and "Client" not in top
        assert text_of(app.screen.query_one("#step-who")) == "Presenter"
        await pilot.press("f5")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClientForm)
        words = [text_of(w) for w in form.query("Static, Label")]
        assert "Presenter and topic" in words and "Presenter" in words and "Topic" in words
        assert not any("lient" in w or "Case" in w for w in words)
        await pilot.press("escape")
        await pilot.press("f10", "y")
        await pilot.pause()
        session = stored(app)
    markdown = render_markdown(session)
    assert f"**Presenter:** {presenter}" in markdown and "**Topic:** Onboarding in a week" in markdown
    assert "Client" not in markdown and "Case" not in markdown


async def test_a_practice_exchange_says_who_holds_the_situation(db, clock):
    group = sample_group("codev-cadres-lyon")
    app = PeerApp(db=db, group=group, lang="fr", clock=clock, protocol="practice_exchange")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = labels(app.screen)
        assert "Porteur de la situation" in shown and "Situation" in shown and "Client" not in shown
        prompt = app.screen.query_one("#client", Select).prompt
        assert prompt == "Maintenant, ou à l’étape « Les situations apportées »" or "étape" in prompt
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")  # past the situations: not without a holder
        await pilot.pause()
        assert app.session.step.key == "situations"
        said = [str(n.message) for n in app._notifications]
        assert "Désignez qui est porteur de la situation avant de continuer\u00a0: F5." in said
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.session.client
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.session.step.key == "presentation"
        assert text_of(app.screen.query_one("#step-who")) == "Porteur de la situation"
        assert "Porteur de la situation\u00a0: " in text_of(app.screen.query_one("#top-bar"))


@pytest.mark.parametrize("key", ["world_cafe", "storytelling", "checkin", "network_closing"])
async def test_a_format_with_nobody_at_its_centre_names_nobody(db, clock, key):
    group = sample_group("reseau-apprentissage")
    app = PeerApp(db=db, group=group, lang="en", clock=clock, protocol=key)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen
        assert not start.query_one("#client-field").display and not start.query_one("#case-field").display
        assert not {"Client", "Case"} & set(labels(start))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)  # nothing to choose: said, no form
        assert any("nobody to choose" in str(n.message) for n in app._notifications)
        session = stored(app)
    assert (session.client, session.case_title) == ("", "")


async def test_flash_codev_asks_for_its_client_on_the_start_form(db, clock):
    """#14: ctrl+s said "Choose the client before going on: F5." on the start form, where F5
    does nothing, beside a field that said "Choose at the topic step" (flash has none)."""
    group = sample_group("codev-managers")
    app = PeerApp(db=db, group=group, lang="en", clock=clock, protocol="flash_codev")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#client", Select)
        assert select.prompt == "Choose now"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        said = text_of(app.screen.query_one("#form-error"))
        assert said == 'Name the client in the field "Client" above before starting.'
        assert app.focused is select  # where the message points
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session = stored(app)
    assert session.client and session.protocol.key == "flash_codev"
