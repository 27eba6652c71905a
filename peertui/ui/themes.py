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
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from peertui import paths

DEFAULT = "peertui-dark"
VARIABLES = ("speaker-active", "timer-ok", "timer-warning", "timer-overtime")
COLOR_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground",
                "background", "surface", "panel", "boost")
_ALLOWED = {f.name for f in fields(Theme)} - {"variables"}


class ThemeError(ValueError):
    pass


def parse_theme(text: str, source: str) -> Theme:
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
    for key, value in [*((k, head[k]) for k in COLOR_FIELDS if k in head), *variables.items()]:
        try:
            Color.parse(str(value))
        except ColorParseError:
            raise ThemeError(f"{source}: {key} = {value!r} is not a colour") from None
    if "dark" in head and not isinstance(head["dark"], bool):
        raise ThemeError(f"{source}: dark must be true or false")
    return Theme(**head, variables={k: str(v) for k, v in variables.items()})


def folders() -> list[Path]:
    """Bundled first, then the user's own, which may replace a bundled one by name."""
    return [paths.bundled("themes"), paths.config_dir() / "themes"]


def load_themes() -> tuple[list[Theme], list[str]]:
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders():
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = parse_theme(path.read_text(encoding="utf-8"), str(path))
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
