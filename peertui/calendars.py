"""Calendars (RFC 5545) of actions and of the next session, built with the icalendar
library rather than by hand: escaping, folding at 75 octets and CRLF are its job.

It sits beside `core/` because the core takes nothing but the standard library, and it
is imported only by what writes a calendar (`peertui actions --format ics`, the outbox):
importing icalendar costs about 75 ms that nothing else should pay.

Each open action with a date is an all-day VEVENT on that date (the entry every calendar
app imports; many ignore VTODO), with a VALARM some days before, so that the person is
reminded while there is still time to act.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from peertui.core.i18n import format_short_date, t
from peertui.core.model import Action
from peertui.core.sharing import short_id

REMIND_DAYS = 3  # an action: reminded three days before it is due
REMIND_SESSION_DAYS = 1  # the next session: the day before


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//peertui//actions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _day_event(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
    return event


def _alarm(days: int, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    alarm.add("description", description)
    return alarm


def _text(calendar: Calendar) -> str:
    written: bytes = calendar.to_ical()  # CRLF line ends, folded at 75 octets
    return written.decode("utf-8")


def _last_note(action: Action) -> str:
    return next((change.note for change in reversed(action.history) if change.note), "")


def action_event(
    action: Action,
    stamp: datetime,
    lang: str,
    day: date | None = None,
    with_owner: bool = True,
) -> Event | None:
    """The event of one open action on its due date (or on `day`, for an action without
    one), with its reminder; None for a closed action or one without any date."""
    day = action.due or day
    if not action.status.is_open or day is None:
        return None
    summary = f"{action.owner}: {action.what}" if with_owner else action.what
    committed = format_short_date(datetime.fromtimestamp(action.created_at).date(), lang)
    lines = [f"{action.group} · {committed} · {t('recap.ref', lang)} {short_id(action.id)}"]
    if action.due is None:
        lines.append(t("outbox.by_next_session", lang))
    if note := _last_note(action):
        lines.append(note)
    event = _day_event(f"{action.id}@peertui", day, summary, "\n".join(lines), stamp)
    event.add_component(_alarm(REMIND_DAYS, summary))
    return event


def actions_calendar(actions: Iterable[Action], now: float, label: str = "", lang: str = "en") -> str:
    """`peertui actions --format ics`: one event per open action with a due date."""
    stamp = datetime.fromtimestamp(now, UTC)
    calendar = _calendar("peertui" + (f" — {label}" if label else ""))
    for action in actions:
        event = action_event(action, stamp, lang)
        if event is not None:
            calendar.add_component(event)
    return _text(calendar)


def person_calendar(
    person: str,
    group: str,
    actions: Iterable[Action],
    next_session: date | None,
    now: float,
    lang: str,
) -> str:
    """One person's calendar for the outbox: their open actions (an action with no due
    date is for the next session, if the group file gives its date), and that session."""
    stamp = datetime.fromtimestamp(now, UTC)
    calendar = _calendar(f"{group} — {person}")
    for action in actions:
        event = action_event(action, stamp, lang, day=next_session, with_owner=False)
        if event is not None:
            calendar.add_component(event)
    if next_session is not None:
        summary = t("outbox.next_session_event", lang, group=group)
        uid = f"{next_session.isoformat()}-{short_id(group)}@peertui"
        event = _day_event(uid, next_session, summary, group, stamp)
        event.add_component(_alarm(REMIND_SESSION_DAYS, summary))
        calendar.add_component(event)
    return _text(calendar)
