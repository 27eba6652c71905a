"""Due dates as a facilitator types them: '2026-12-15', '15/12', '+2w', 'next month'.

French and English words are both understood, whatever the session's language.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta


class DueDateError(ValueError):
    """Text that is not a due date; the message (English, for the command line) says what is
    understood, and `typed` and `no_session_dates` let the interface say it in its language."""

    def __init__(self, typed: str, no_session_dates: bool = False) -> None:
        reason = (
            "the group file gives no session dates (sessions = [...])" if no_session_dates else f"try {HELP}"
        )
        super().__init__(f"not a date: {typed!r} ({reason})")
        self.typed = typed
        self.no_session_dates = no_session_dates


_UNITS = {
    "d": 1,
    "j": 1,
    "day": 1,
    "days": 1,
    "jour": 1,
    "jours": 1,
    "w": 7,
    "s": 7,
    "week": 7,
    "weeks": 7,
    "semaine": 7,
    "semaines": 7,
    "sem": 7,
}
_MONTH_UNITS = {"m": 1, "month": 1, "months": 1, "mois": 1}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
_NAMED = {
    "today": 0,
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "tomorrow": 1,
    "demain": 1,
}
_RELATIVE = re.compile(r"^(?:\+|in |dans )?\s*(\d{1,3})\s*([a-z]+)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
HELP = "2026-12-15, 15/12, +10d, +2w, +1m, next week, next month, friday, next session"


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_NEXT_SESSION = ("next session", "prochaine seance", "la prochaine seance", "seance prochaine")


def next_session(sessions: Sequence[date], after: date) -> date | None:
    """The first of the group's session dates after `after`, if the group file gives one."""
    return min((day for day in sessions if day > after), default=None)


def parse_due(text: str, today: date, sessions: Sequence[date] = ()) -> date | None:
    """The date meant by `text`, or None for an empty text; DueDateError otherwise.
    "next session" is the first of the group's `sessions` after today."""
    plain = _plain(text)
    if not plain:
        return None
    if plain in _NEXT_SESSION:
        upcoming = next_session(sessions, today)
        if upcoming is None:
            raise DueDateError(text.strip(), no_session_dates=True)
        return upcoming
    try:
        return _parse(plain, today)
    except ValueError:  # date() with a day that does not exist, such as 31/02
        raise DueDateError(text.strip()) from None


def _parse(plain: str, today: date) -> date:
    if plain in _NAMED:
        return today + timedelta(days=_NAMED[plain])
    if plain in ("next week", "semaine prochaine", "la semaine prochaine"):
        return today + timedelta(days=7)
    if plain in ("next month", "mois prochain", "le mois prochain"):
        return add_months(today, 1)
    weekday = _WEEKDAYS.get(plain.removeprefix("next ").removesuffix(" prochain"))
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", plain):
        return date.fromisoformat(plain)
    if match := _DAY_MONTH.match(plain):
        day, month, year = int(match[1]), int(match[2]), match[3]
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        candidate = date(today.year, month, day)
        # "15/01" typed in December means next January.
        return candidate if candidate >= today else date(today.year + 1, month, day)
    if match := _RELATIVE.match(plain):
        count, unit = int(match[1]), match[2]
        if unit in _UNITS:
            return today + timedelta(days=count * _UNITS[unit])
        if unit in _MONTH_UNITS:
            return add_months(today, count)
    raise ValueError(plain)
