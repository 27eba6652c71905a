"""Between sessions: filters, history, and the exports parsed back."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

import icalendar
import pytest

from peertui.calendars import actions_calendar
from peertui.core.cycle import cycle_of, render_cycle
from peertui.core.export import to_csv
from peertui.core.followup import Filter, name_matches, select, to_json, to_text
from peertui.core.model import Action, ActionStatus, SessionSummary
from peertui.core.sharing import short_id

TODAY = date(2026, 11, 23)


def action(
    n: int, owner: str, due: date | None, status=ActionStatus.OPEN, group="Codév Lyon", what="Appeler la DRH"
) -> Action:
    made = Action(f"s{n}/a{n}", owner, what, 1_790_000_000.0 + n, f"s{n}", group, due)
    return made.changed(1_790_100_000.0, status, "noté") if status is not ActionStatus.OPEN else made


ACTIONS = [
    action(1, "Zoé Mercier", date(2026, 11, 1)),  # overdue
    action(2, "Zoé Mercier", date(2026, 12, 15), ActionStatus.IN_PROGRESS),
    action(3, "Noël Bénard", None),
    action(4, "Noël Bénard", date(2026, 10, 1), ActionStatus.DONE),
    action(5, "Tom Becker", date(2026, 11, 2), ActionStatus.DROPPED, group="Managers"),
]


def ids(actions):
    return [a.id for a in actions]


@pytest.mark.parametrize(
    ("typed", "name", "expected"),
    [
        ("zoe", "Zoé Mercier", True),
        ("ZOÉ", "Zoé Mercier", True),
        ("mercier z", "Zoé Mercier", True),
        ("noel benard", "Noël Bénard", True),
        ("ben", "Noël Bénard", True),
        ("zoe b", "Zoé Mercier", False),
        ("oe", "Zoé Mercier", False),
    ],
)
def test_names_match_without_accents_or_case(typed, name, expected):
    assert name_matches(name, typed) is expected


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (Filter(), ["s3/a3", "s1/a1", "s2/a2"]),  # open and in progress, by person then due date
        (Filter(status="all"), ["s4/a4", "s3/a3", "s5/a5", "s1/a1", "s2/a2"]),
        (Filter(status="done"), ["s4/a4"]),
        (Filter(status="dropped"), ["s5/a5"]),
        (Filter(status="in_progress"), ["s2/a2"]),
        (Filter(participant="zoe"), ["s1/a1", "s2/a2"]),
        (Filter(participant="NOEL", status="all"), ["s4/a4", "s3/a3"]),
        (Filter(group="lyon", status="all"), ["s4/a4", "s3/a3", "s1/a1", "s2/a2"]),
        (Filter(group="managers", status="all"), ["s5/a5"]),
        (Filter(overdue=True), ["s1/a1"]),
        (Filter(overdue=True, status="all"), ["s1/a1"]),  # done or dropped is never overdue
    ],
)
def test_each_filter(keep, expected):
    assert ids(select(ACTIONS, keep, TODAY)) == expected


def test_text_groups_by_person_and_marks_overdue():
    text = to_text(select(ACTIONS, Filter(), TODAY), TODAY, "fr")
    assert text.split("\n\n")[0].splitlines()[0] == "Noël Bénard (1)"
    assert f"⚠ 01/11/2026  Appeler la DRH — en retard de 22 j  [{short_id('s1/a1')}]" in text
    assert "◐ 15/12/2026  Appeler la DRH (en cours)" in text
    assert to_text([], TODAY, "en") == "No action matches.\n"


def test_json_is_stable_and_complete():
    document = json.loads(to_json(select(ACTIONS, Filter(status="all"), TODAY), TODAY))
    head = (document["format"], document["version"], document["today"])
    assert head == ("peertui.actions", 1, "2026-11-23")
    first = next(a for a in document["actions"] if a["id"] == "s2/a2")
    assert set(first) == {
        "id",
        "group",
        "session_id",
        "owner",
        "what",
        "due",
        "status",
        "overdue",
        "created_at",
        "history",
    }
    assert (first["due"], first["status"], first["overdue"]) == ("2026-12-15", "in_progress", False)
    assert first["history"] == [
        {
            "at": "2026-09-22T18:00:00Z",
            "status": "in_progress",
            "note": "noté",
            "due": "2026-12-15",
            "session_id": "",
        }
    ]


def test_the_history_keeps_every_change_with_its_date():
    first = ACTIONS[0]
    later = first.changed(1_791_000_000.0, ActionStatus.IN_PROGRESS, "started")
    later = later.changed(1_792_000_000.0, due=date(2027, 1, 10), note="moved")
    later = later.changed(1_793_000_000.0, ActionStatus.DONE, "done!")
    assert [(c.at, c.status, c.note, c.due) for c in later.history] == [
        (1_791_000_000.0, ActionStatus.IN_PROGRESS, "started", date(2026, 11, 1)),
        (1_792_000_000.0, ActionStatus.IN_PROGRESS, "moved", date(2027, 1, 10)),
        (1_793_000_000.0, ActionStatus.DONE, "done!", date(2027, 1, 10)),
    ]
    assert (later.what, later.owner, later.created_at) == (first.what, first.owner, first.created_at)


def test_csv_parses_back():
    tricky = action(6, "Anaïs Côté", date(2026, 12, 1), what='Say "no", twice; then\nrest')
    text = to_csv([*ACTIONS, tricky], TODAY)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 6
    assert rows[0]["id"] == "s1/a1" and rows[0]["overdue"] == "yes" and rows[0]["due"] == "2026-11-01"
    assert rows[5]["what"] == 'Say "no", twice; then\nrest'
    assert rows[3]["last_note"] == "noté" and rows[2]["due"] == ""


ICS_ACTIONS = [
    action(1, "Zoé Mercier", date(2026, 11, 1), what="Relire, annoter; puis renvoyer \\ le plan " * 4),
    action(2, "Noël Bénard", date(2026, 12, 15), ActionStatus.IN_PROGRESS),
    action(3, "Noël Bénard", None),  # no date: not in a calendar
    action(4, "Tom Becker", date(2026, 10, 1), ActionStatus.DONE),  # done: not either
]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_follows_rfc_5545_line_by_line():
    text = actions_calendar(ICS_ACTIONS, 1_795_000_000.0, "Codév Lyon", "fr")
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert "\n" not in text.replace("\r\n", "")  # every line ends with CRLF, no bare LF
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
        line.encode("utf-8").decode("utf-8")  # never cut inside a character
    lines = unfold(text)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert text.count("BEGIN:VEVENT") == 2 == text.count("END:VEVENT")  # open, with a date
    assert sum(line.startswith("UID:") for line in lines) == 2
    assert sum(line == "DTSTAMP:20261118T110640Z" for line in lines) == 2
    assert "DTSTART;VALUE=DATE:20261101" in lines and "DTEND;VALUE=DATE:20261102" in lines
    summary = next(line for line in lines if line.startswith("SUMMARY:Zoé"))
    assert "Relire\\, annoter\\; puis renvoyer \\\\ le plan" in summary
    assert not re.search(r"(?<!\\)[,;]", summary.split(":", 1)[1])  # every , and ; escaped


def test_each_action_in_a_calendar_has_its_reminder():
    calendar = icalendar.Calendar.from_ical(actions_calendar(ICS_ACTIONS, 1_795_000_000.0, "", "en"))
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]).split(":")[0] for e in events] == ["Zoé Mercier", "Noël Bénard"]
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm["trigger"].dt == timedelta(days=-3) and str(alarm["action"]) == "DISPLAY"
        assert str(alarm["description"]) == str(event["summary"])


def test_the_cycle(managers):
    def summary(n, client, present, closed=True):
        ended = float(n) if closed else None
        return SessionSummary(f"s{n}", managers.name, "codev", client, "", float(n), ended, present)

    everyone = managers.names
    summaries = [
        summary(1, "Tom Becker", everyone),
        summary(2, "Priya Raman", everyone[:4]),
        summary(3, "Aisha Okafor", everyone, closed=False),
    ]
    actions = [
        action(1, "Tom Becker", None, group=managers.name),
        action(2, "Tom Becker", None, ActionStatus.DONE, group=managers.name),
        action(3, "Tom Becker", None, group="other group"),
    ]
    cycle = cycle_of(managers, summaries, actions)
    assert (cycle.held, cycle.running, cycle.planned) == (2, 1, 8)
    tom = next(m for m in cycle.members if m.name == "Tom Becker")
    assert (tom.attended, tom.client, tom.committed, tom.done) == (2, 1, 2, 1)
    assert "Morgan Lee" not in [m.name for m in cycle.members]  # the facilitator
    assert cycle.not_yet_client == ("Aisha Okafor", "Daniel Novak", "Sofia García", "Liam O'Connor")
    text = render_cycle(cycle, "en")
    assert "Sessions held: 2/8" in text and "Not yet client: Aisha Okafor, Daniel Novak" in text
