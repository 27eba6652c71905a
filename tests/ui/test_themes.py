"""Themes as data: every bundled file loads, high contrast is computed, a broken file is
reported and skipped, a theme chosen through the palette is remembered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peertui import settings
from peertui.ui.app import PeerApp
from peertui.ui.themes import COLOR_FIELDS, DEFAULT, VARIABLES, contrast, load_themes, parse_theme
from tests.ui.conftest import SIZE, screen_lines, stored, type_text
from tests.ui.test_session_flow import start_session

THEMES = Path(__file__).resolve().parents[2] / "themes"


@pytest.mark.parametrize("path", sorted(THEMES.glob("*.toml")), ids=lambda p: p.name)
def test_every_bundled_theme_loads_with_peertuis_variables(path):
    # Built here in full, as a user's theme is: the start trusts the bundled ones unbuilt.
    theme = parse_theme(path.read_text(encoding="utf-8"), str(path))
    assert theme.name == path.stem
    assert set(VARIABLES) <= set(theme.variables)


def test_the_bundled_set():
    themes, problems = load_themes()
    names = {t.name for t in themes}
    assert problems == []
    assert {"peertui-dark", "peertui-light", "high-contrast", "projector"} <= names
    assert any(t.dark for t in themes) and any(not t.dark for t in themes)


@pytest.mark.parametrize("name", ["high-contrast", "projector"])
def test_every_text_colour_passes_wcag_aa(name):
    theme = parse_theme((THEMES / f"{name}.toml").read_text(encoding="utf-8"), name)
    texts = [getattr(theme, f) for f in COLOR_FIELDS if f not in ("background", "surface", "panel", "boost")]
    texts += [v for k, v in theme.variables.items() if k != "panel"]
    grounds = [theme.background, theme.surface, theme.panel]
    for text in filter(None, texts):
        for ground in grounds:
            assert contrast(text, ground) >= 4.5, f"{text} on {ground}: {contrast(text, ground):.2f}"


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[theme]\nname = 'x'\n", "primary colour missing"),
        ("[theme]\nname = 'Bad Name'\nprimary = '#fff'\n", "name must be lowercase"),
        ("[theme]\nname = 'x'\nprimary = 'blurple'\n", "primary = 'blurple' is not a colour"),
        ("[theme]\nname = 'x'\nprimary = '#fff'\nshine = 1\n", "unknown field 'shine'"),
        ("[theme\n", "not valid TOML"),
        ("[variables]\n", r"missing \[theme\] table"),
    ],
)
def test_a_broken_theme_says_what_is_wrong(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_theme(text, "mine.toml")


BROKEN = {  # each: what the file says, and the line it gets
    "spread.toml": ('luminosity_spread = "big"', "luminosity_spread must be a number, not 'big'"),
    "alpha.toml": ("text_alpha = [1]", "text_alpha must be a number, not [1]"),
    "dark.toml": ('dark = "yes"', "dark must be true or false, not 'yes'"),
    "ansi.toml": ('ansi = "yes"', "ansi must be true or false, not 'yes'"),
    "ansi-mode.toml": ("ansi = true", "cannot be used"),
    "number.toml": ("secondary = 5", "secondary must be a colour in quotes, not 5"),
    "flag.toml": ("accent = true", "accent must be a colour in quotes, not True"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_field_of_the_wrong_type_is_a_theme_that_cannot_be_used(name):
    field, problem = BROKEN[name]
    with pytest.raises(ValueError, match=re.escape(f"{name}: {problem}")):
        parse_theme(f"[theme]\nname = 'x'\nprimary = '#336699'\n{field}\n", name)


@pytest.mark.parametrize(
    "text", ["[theme]\nname = 5\nprimary = '#336699'\n", "[theme]\nname = ['x']\nprimary = '#336699'\n"]
)
def test_a_name_that_is_not_text(text):
    with pytest.raises(ValueError, match="name must be lowercase"):
        parse_theme(text, "mine.toml")


def broken_themes(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    for file, (field, _) in BROKEN.items():
        name = file.removesuffix(".toml")
        (folder / file).write_text(f"[theme]\nname = '{name}'\nprimary = '#336699'\n{field}\n")


@pytest.mark.parametrize("name", [file.removesuffix(".toml") for file in BROKEN])
async def test_a_broken_theme_asked_for_starts_the_default_and_is_not_remembered(db, tmp_path, name):
    broken_themes(tmp_path)
    settings.save(theme="projector")
    before = settings.settings_path().read_bytes()
    app = PeerApp(db=db, theme=name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT
        messages = [n.message for n in app._notifications]
    assert any(f"{name}.toml: {BROKEN[name + '.toml'][1]}" in m for m in messages)
    assert any(f"no theme {name!r}" in m for m in messages)
    assert settings.settings_path().read_bytes() == before


async def test_a_remembered_theme_that_now_fails_falls_back_to_the_default(db, tmp_path):
    broken_themes(tmp_path)
    settings.save(theme="spread")  # chosen when it worked, or by an older peertui
    app = PeerApp(db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT
        messages = [n.message for n in app._notifications]
    assert any("spread.toml: luminosity_spread must be a number" in m for m in messages)
    assert any("no theme 'spread'" in m for m in messages)
    assert settings.load()[0] == {"theme": "spread"}  # the user's file, left as it is


async def test_a_theme_asked_for_is_remembered_only_once_it_is_up(db):
    app = PeerApp(db=db, theme="projector")
    assert app.theme == "projector"
    assert settings.load()[0] == {}  # not before the app runs with it
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert settings.load()[0] == {"theme": "projector"}


async def test_a_broken_user_theme_is_reported_and_the_default_used(db, tmp_path):
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text("[theme]\nname = 'mine'\nprimary = 'blurple'\n")
    app = PeerApp(db=db, theme="mine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert app.theme == DEFAULT
    assert any("mine.toml: primary = 'blurple' is not a colour" in m for m in messages)
    assert any("no theme 'mine'" in m for m in messages)


async def test_a_user_theme_is_used_and_remembered(db, tmp_path):
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "ours.toml").write_text("[theme]\nname = 'ours'\nprimary = '#336699'\n")
    app = PeerApp(db=db, theme="ours")
    async with app.run_test(size=SIZE):
        assert app.theme == "ours"
    assert settings.load()[0] == {"theme": "ours"}


async def test_switch_theme_through_the_palette_and_it_is_remembered(db):
    app = PeerApp(db=db)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == DEFAULT
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme")
        await pilot.pause(0.3)
        await pilot.press("enter")  # "Theme": the list of themes
        await pilot.pause(0.3)
        await type_text(pilot, "high-contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "high-contrast"
    assert settings.load()[0] == {"theme": "high-contrast"}
    again = PeerApp(db=db)
    async with again.run_test(size=SIZE):
        assert again.theme == "high-contrast"


def row_of(lines: list[str], *words: str) -> str:
    """The one line of the screen that holds every word given."""
    found = [line for line in lines if all(word in line for word in words)]
    assert len(found) == 1, (words, lines)
    return found[0]


async def untick_a_person_and_a_step(pilot) -> None:
    """On the start form: Priya (the second present) left out, then the first step."""
    await pilot.press("tab", "tab", "tab", "down", "space")  # the list of those present
    await pilot.press("tab", "tab", "space")  # past the steps' list, to the first step's box
    await pilot.pause()


async def test_no_color_keeps_the_signs(make_app, managers, monkeypatch):
    """Under NO_COLOR a box reads [x] or [ ]: a ticked step and an unticked one, side by
    side, must not read alike once the colours are gone."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(group=managers, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await pilot.pause()
        await untick_a_person_and_a_step(pilot)
        lines = screen_lines(app)
        screen = "\n".join(lines)
        await pilot.press("ctrl+s")  # what the signs said is what the session holds
        await pilot.pause()
        session = stored(app)
    assert "Priya Raman" not in session.present and "Morgan Lee" in session.present
    assert [s.key for s in session.protocol.skipped] == ["followup"]
    assert "[x] Morgan Lee" in screen
    assert "[ ] Priya Raman" in screen
    assert "[ ]  Follow-up" in screen
    assert "[x]  Topic choice" in screen
    assert not any("▐" in line or "▌" in line for line in lines)  # boxes drawn by colours


async def test_no_color_the_case_is_confidential_box_reads_in_signs(make_app, managers, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(group=managers, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot)
        await pilot.press("f5")  # the client and the case, with its box
        await pilot.pause()
        before = row_of(screen_lines(app), "confidentiel")
        await pilot.press("tab", "tab", "space")
        await pilot.pause()
        after = row_of(screen_lines(app), "confidentiel")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(app).case_confidential
    assert "[ ]" in before and "[x]" not in before
    assert "[x]" in after and "[ ]" not in after


async def test_an_unticked_box_holds_no_x_even_in_colour(make_app, managers):
    """In colour the box is drawn and the X hidden by its colour: anything that reads the
    screen's text (a capture, a screen reader) read an X in both."""
    app = make_app(group=managers, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert not app.no_color
        await pilot.pause()
        await untick_a_person_and_a_step(pilot)
        screen = "\n".join(screen_lines(app))
    assert "▐X▌ Morgan Lee" in screen
    assert "▐ ▌ Priya Raman" in screen
    assert "▐ ▌  Follow-up" in screen
    assert "▐X▌  Topic choice" in screen
