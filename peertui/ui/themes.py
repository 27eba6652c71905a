"""Themes as data: Textual themes from themes/*.toml, the bundled ones and the user's own.

    [theme]               the fields of textual.theme.Theme (name and primary needed)
    name = "projector"
    dark = false
    primary = "#003A70"
    ...
    [variables]           peertui's own: speaker-active, timer-ok, timer-warning,
    timer-overtime = "#A00000"   timer-overtime (and any Textual variable)

A file that cannot be used is reported in one line and skipped; it never stops the app.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from functools import cache
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from peertui import paths

DEFAULT = "peertui-dark"
VARIABLES = ("speaker-active", "timer-ok", "timer-warning", "timer-overtime")
COLOR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_ALLOWED = {f.name for f in fields(Theme)} - {"variables"}


@cache
def _needed() -> frozenset[str]:
    """The colours Textual makes of any usable theme, which its own styles refer to."""
    return frozenset(Theme(name="reference", primary="#808080").to_color_system().generate())


class ThemeError(ValueError):
    pass


def parse_theme(text: str, source: str, trusted: bool = False) -> Theme:
    """A theme Textual can use, or ThemeError: one line saying what to fix. A `trusted`
    one (bundled: a test builds each) is not built here, which costs about a millisecond
    a theme at every start."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"{source}: not valid TOML: {error}") from None
    head = data.get("theme")
    if not isinstance(head, dict):
        raise ThemeError(f"{source}: missing [theme] table with name and primary")
    unknown = sorted(set(head) - _ALLOWED)
    if unknown:
        raise ThemeError(f"{source}: unknown field {unknown[0]!r} in [theme]")
    name = head.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise ThemeError(f"{source}: name must be lowercase letters, digits and dashes")
    if "primary" not in head:
        raise ThemeError(f"{source}: primary colour missing")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{source}: [variables] must be a table")
    # Textual takes any value and fails on it later, at every start: each type is checked here.
    for key, value in [*((k, head[k]) for k in COLOR_FIELDS if k in head), *variables.items()]:
        if not isinstance(value, str):
            raise ThemeError(f"{source}: {key} must be a colour in quotes, not {value!r}")
        try:
            Color.parse(value)
        except ColorParseError:
            raise ThemeError(f"{source}: {key} = {value!r} is not a colour") from None
    for key in ("dark", "ansi"):
        if key in head and not isinstance(head[key], bool):
            raise ThemeError(f"{source}: {key} must be true or false, not {head[key]!r}")
    for key in ("luminosity_spread", "text_alpha"):
        if key in head and (not isinstance(head[key], int | float) or isinstance(head[key], bool)):
            raise ThemeError(f"{source}: {key} must be a number, not {head[key]!r}")
    theme = Theme(**head, variables=dict(variables))
    if not trusted:
        _check_usable(theme, source)
    return theme


def _check_usable(theme: Theme, source: str) -> None:
    """Build the colours Textual makes of the theme, as it does when the theme is applied:
    whatever it rejects is found now, rather than crashing a start."""
    try:
        colours = theme.to_color_system().generate()
    except Exception as error:  # any field Textual chokes on, whatever the reason
        raise ThemeError(f"{source}: cannot be used ({type(error).__name__}: {error})") from None
    # Textual's own styles use these: a theme without them fails to start (ansi = true does).
    missing = sorted(_needed() - colours.keys() - theme.variables.keys())
    if missing:
        raise ThemeError(
            f"{source}: cannot be used: Textual gives it no ${missing[0]}"
            + (" (ansi = true is not supported)" if theme.ansi else "")
        )


def folders() -> list[Path]:
    """Bundled first, then the user's own, which may replace a bundled one by name."""
    return [paths.bundled("themes"), paths.config_dir() / "themes"]


def load_themes() -> tuple[list[Theme], list[str]]:
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    bundled, own = folders()
    for folder in (bundled, own):
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = parse_theme(path.read_text(encoding="utf-8"), str(path), folder == bundled)
            except ThemeError as error:
                problems.append(str(error))
            except (OSError, UnicodeDecodeError) as error:
                problems.append(f"{path}: cannot be read ({error})")
            else:
                themes[theme.name] = theme
    return list(themes.values()), problems


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    first, second = sorted((luminance(Color.parse(one)), luminance(Color.parse(two))), reverse=True)
    return (first + 0.05) / (second + 0.05)
