"""The interface's words in French and English, from the catalogues in peertui/locales/.

t("step.next", "fr") -> "Étape suivante". A key missing from a catalogue falls back
to English, then to the key itself; a test keeps both catalogues in step.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path

from peertui.core.model import LANGUAGES

DEFAULT_LANG = "en"
# Beside this package, as installed (a wheel is unpacked; peertui is never run from a zip).
_LOCALES = Path(__file__).resolve().parent.parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    text = (_LOCALES / f"{lang}.toml").read_text(encoding="utf-8")
    flat = _flatten(tomllib.loads(text))
    if lang == "fr":  # written with plain spaces, shown with French typography
        flat = {key: french_spacing(value) for key, value in flat.items()}
    return flat


def _flatten(data: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def language(lang: str | None) -> str:
    """A supported language: 'fr-CA' -> 'fr', unknown -> English."""
    short = (lang or "").lower()[:2]
    return short if short in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str, /, **params: object) -> str:
    text = catalogue(language(lang)).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    return text.format(**params) if params else text


def tn(key: str, count: int, lang: str, /, **params: object) -> str:
    """A text that agrees with a number: `key.one` for one (and zero, in French), else
    `key.other`; `count` is passed to it."""
    one = count == 1 or (language(lang) == "fr" and count == 0)
    return t(f"{key}.{'one' if one else 'other'}", lang, count=count, **params)


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """'4.5' / '4,5': a number with its decimals, written as the language writes them."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language(lang) == "fr" else text


def colon(lang: str) -> str:
    """What follows a label: ':' in English, ' :' (a no-break space before) in French."""
    return "\u00a0:" if language(lang) == "fr" else ":"


def french_spacing(text: str) -> str:
    """French typography: a no-break space before : and a narrow one before ; ! ? where a
    plain space or none stands (never inside 12:05, {hour}:{minute} or a URL)."""
    text = re.sub(r"(?<=[^\s\d{}/]) ?:(?=\s|$)|(?<=\S) :(?=\s|$)", "\u00a0:", text)
    return re.sub(r"(?<=\S) ?([;!?])(?=\s|$|»|\))", "\u202f\\1", text)


def format_date(day: date, lang: str) -> str:
    """'lundi 23 novembre 2026' / 'Monday 23 November 2026'."""
    weekday = t(f"weekday.{day.weekday()}", lang)
    month = t(f"month.{day.month}", lang)
    return t("format.date", lang, weekday=weekday, day=day.day, month=month, year=day.year)


def format_short_date(day: date, lang: str) -> str:
    """'23/11/2026' / '2026-11-23' (ISO for English: unambiguous across locales)."""
    return day.strftime("%d/%m/%Y") if language(lang) == "fr" else day.isoformat()


def format_time(moment: datetime, lang: str) -> str:
    """'14 h 05' / '14:05'."""
    return t("format.time", lang, hour=moment.hour, minute=f"{moment.minute:02d}")
