"""The formats peertui writes, as tables: a new format is one entry here and one function.

Each renderer is imported when it is used, not here: `peertui --help` and the plain
commands stay quick however many formats there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from peertui.core.sharing import Level

if TYPE_CHECKING:
    from peertui.core.model import Action
    from peertui.core.session import Session


# Actions, between sessions (peertui actions --format) -----------------------------


@dataclass(frozen=True)
class ActionsRequest:
    """What every actions format may use: the day overdue is counted from, the language,
    the moment of writing, and a label (the group asked for) for a calendar's name."""

    today: date
    lang: str
    now: float
    label: str = ""


@dataclass(frozen=True)
class ActionsFormat:
    name: str
    render: Callable[[list[Action], ActionsRequest], str]
    for_programs: bool  # kept exact for the program that reads it, not made printable
    crlf: bool = False  # carries its own CRLF line ends: written as it is


def _text(actions: list[Action], asked: ActionsRequest) -> str:
    from peertui.core.followup import to_text

    return to_text(actions, asked.today, asked.lang)


def _markdown(actions: list[Action], asked: ActionsRequest) -> str:
    from peertui.core.followup import to_markdown

    return to_markdown(actions, asked.today, asked.lang)


def _json(actions: list[Action], asked: ActionsRequest) -> str:
    from peertui.core.followup import to_json

    return to_json(actions, asked.today)


def _csv(actions: list[Action], asked: ActionsRequest) -> str:
    from peertui.core.export import to_csv

    return to_csv(actions, asked.today)


def _ics(actions: list[Action], asked: ActionsRequest) -> str:
    from peertui.calendars import actions_calendar  # icalendar: only when a calendar is asked

    return actions_calendar(actions, asked.now, asked.label, asked.lang)


ACTIONS_FORMATS: dict[str, ActionsFormat] = {
    f.name: f
    for f in (
        ActionsFormat("text", _text, for_programs=False),
        ActionsFormat("markdown", _markdown, for_programs=False),
        ActionsFormat("json", _json, for_programs=True),
        ActionsFormat("csv", _csv, for_programs=True, crlf=True),
        ActionsFormat("ics", _ics, for_programs=True, crlf=True),
    )
}


# The recap of a session (peertui recap --format, the recap screen) ---------------


@dataclass(frozen=True)
class RecapFormat:
    name: str
    extension: str  # of the file saved beside the database
    key: str  # the recap screen's key to copy it
    render: Callable[[Session, Sequence[Action], Level, str], str]  # (..., level, person)


def _recap_markdown(session: Session, carried: Sequence[Action], level: Level, person: str) -> str:
    from peertui.core.recap import render_markdown

    return render_markdown(session, carried, level=level, person=person)


def _recap_text(session: Session, carried: Sequence[Action], level: Level, person: str) -> str:
    from peertui.core.recap import render_text

    return render_text(session, carried, level=level, person=person)


RECAP_FORMATS: dict[str, RecapFormat] = {
    f.name: f
    for f in (
        RecapFormat("markdown", "md", "m", _recap_markdown),  # for a chat: the first one copied
        RecapFormat("text", "txt", "t", _recap_text),  # for an email: 72 columns
    )
}
