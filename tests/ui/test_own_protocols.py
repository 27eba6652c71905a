"""The facilitator's own protocol files, as the interface says what is wrong with them:
one notification a file, over a start form that stays usable."""

from __future__ import annotations

import shlex

import pytest

from peertui.core.protocol_file import ProtocolFileError, parse_protocol
from peertui.ui.screens.session import SessionScreen
from tests.ui.conftest import SIZE, stored
from tests.unit.test_formats import BROKEN_PROTOCOL

MORE = {"en": "more", "fr": "autres problèmes"}


def problems_of(path, lang: str) -> list[str]:
    with pytest.raises(ProtocolFileError) as error:
        parse_protocol(path.read_text(encoding="utf-8"), str(path), str(path))
    return [problem.text(lang) for problem in error.value.problems]


def notes_about(app, name: str) -> list[str]:
    return [n.message for n in app._notifications if name in n.message]


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_a_file_with_many_problems_is_one_notification(make_app, managers, tmp_path, lang):
    folder = tmp_path / "config" / "protocols"
    folder.mkdir(parents=True)
    path = folder / "mine.toml"
    path.write_text(BROKEN_PROTOCOL, encoding="utf-8")
    problems = problems_of(path, lang)
    assert len(problems) >= 4
    app = make_app(group=managers, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = notes_about(app, "mine.toml")
        # The form is not hidden behind them: it starts the session with its keys.
        await pilot.press("tab", "enter", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        session = stored(app)
    assert len(said) == 1, said
    (note,) = said
    assert note.startswith(f"{problems[0]} (")  # the first problem, whole, with its line
    assert f"{len(problems) - 1} {MORE[lang]}" in note
    assert note.endswith(f"peertui check {shlex.quote(str(path))})")  # what lists them all
    assert not any(problem in note for problem in problems[1:])
    assert session.protocol.key == "codev" and "mine" not in app.protocols


async def test_a_file_with_one_problem_says_it_alone(make_app, managers, tmp_path):
    folder = tmp_path / "config" / "protocols"
    folder.mkdir(parents=True)
    path = folder / "typo.toml"
    first_step = BROKEN_PROTOCOL.split('\n[[steps]]\nkey = "one"\nname_fr = "Deux"')[0]
    path.write_text(first_step.replace('"ten"', "10"))
    problems = problems_of(path, "en")
    app = make_app(group=managers, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = notes_about(app, "typo.toml")
    assert len(problems) == 1
    assert said == problems
