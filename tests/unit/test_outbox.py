"""The outbox: each person present gets a mail draft (or a text file) and a calendar of
their open actions, in a new private folder; nothing of anyone else, nothing confidential.

The drafts are read back with the standard library's mail parser, the calendars with the
icalendar library: what a mail client and a calendar app would make of them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import icalendar
import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import Group, Participant
from peertui.core.outbox import file_stem, letters, mail_address
from peertui.core.sharing import short_id
from peertui.outbox import OutboxError, write_outbox
from peertui.store import Store
from tests.unit.helpers import go_to

# Hostile names and contacts: markup, right-to-left, emoji, a slash, a header injection.
ZOE = "Zoé [b]Mercier[/b]"
NOEL = "Noël / Bénard"
SARA = "سارة"
ANNE = "Anne 🎉 Roy"
TOM = "Tom \u202eBecker"
PEOPLE = (
    Participant(ZOE, contact="zoe@example.org"),
    Participant(NOEL, contact="noel@example.org"),
    Participant(SARA, contact="+33 6 12 34 56 78"),  # a phone: not a mail address
    Participant(ANNE),  # no contact at all
    Participant(TOM, contact="tom@example.org\r\nBcc: all@example.org"),  # an injection
)
NEXT = date(2026, 12, 15)


@pytest.fixture
def closed(codev, clock) -> core.Session:
    group = Group("Cercle « Lyon »", "fr", PEOPLE, sessions=(date(2026, 9, 1), NEXT))
    at = clock.now()
    session = core.start("2026-11-18-0900-cercle", group, codev, at, client=ZOE, case_title="CASE-title")
    session = go_to(session, "consultation", at)
    for n, person in enumerate(p.name for p in PEOPLE[1:]):
        session = core.apply(session, ev.CaptureIdea(f"IDEA-{n}", author=person, kind="suggestion"), at)
    session = core.apply(session, ev.CaptureIdea("SECRET idea", author=NOEL, confidential=True), at)
    session = go_to(session, "synthesis", at)
    session = core.apply(session, ev.AddAction("ZOE-ACTION dated", owner=ZOE, due=NEXT - timedelta(2)), at)
    session = core.apply(session, ev.AddAction("ZOE-ACTION undated", owner=ZOE), at)
    session = core.apply(session, ev.AddAction("NOEL-ACTION", owner=NOEL, due=NEXT), at)
    session = go_to(session, "evaluation", at)
    for n, person in enumerate(p.name for p in PEOPLE):
        session = core.apply(session, ev.FillPart("learning", f"LEARN-{n}", person), at)
    return core.apply(session, ev.CloseSession(), at + 3600)


def test_contacts_that_are_mail_addresses_and_those_that_are_not():
    assert mail_address("Zoé", "zoe@example.org").addr_spec == "zoe@example.org"  # type: ignore[union-attr]
    for contact in ("", "+33 6 12 34 56 78", "zoe at example.org", "a@b@c", "x@y.org\r\nBcc: z@y.org"):
        assert mail_address("Zoé", contact) is None, contact


def test_file_names_are_safe_and_distinct():
    taken: set[str] = set()
    assert file_stem("Noël / Bénard", taken) == "Noël-_-Bénard"
    assert file_stem("..\\..\\etc", taken) == "_.._etc"
    assert file_stem("Tom \u202eBecker", taken) == "Tom-Becker"  # no bidi override in a file name
    assert file_stem("tom becker", taken) == "tom-becker-2"  # one file system may ignore case
    assert file_stem("\x1b", set()) == "participant"  # nothing left of it
    assert file_stem("   ", {"participant"}) == "participant-2"


def test_the_outbox_writes_a_draft_a_text_and_a_calendar_for_each(closed, tmp_path):
    folder = tmp_path / "out"
    written = write_outbox(folder, letters(closed, closed.actions), 1_795_000_000.0, "fr")
    names = sorted(os.listdir(folder))
    assert names == sorted(
        [
            "Zoé-[b]Mercier[_b].eml",
            "Zoé-[b]Mercier[_b].ics",
            "Noël-_-Bénard.eml",
            "Noël-_-Bénard.ics",
            "سارة.txt",
            "سارة.ics",
            "Anne-🎉-Roy.txt",
            "Anne-🎉-Roy.ics",
            "Tom-Becker.txt",
            "Tom-Becker.ics",
        ]
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in names)
    lines = [one.line("en") for one in written]
    assert lines[0].startswith(f"{ZOE} → zoe@example.org: ")
    assert '"+33 6 12 34 56 78" is not a mail address' in lines[2]
    assert "no contact in the group file" in lines[3]


def test_each_draft_reads_as_a_mail_to_send(closed, tmp_path):
    folder = tmp_path / "out"
    found = letters(closed, closed.actions)
    write_outbox(folder, found, 1_795_000_000.0, "fr")
    raw = (folder / "Zoé-[b]Mercier[_b].eml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 5322 line ends
    assert b"ZOE-ACTION dated" in raw  # 8bit: the draft reads as text in an editor
    mail = message_from_bytes(raw, policy=default)
    assert isinstance(mail, EmailMessage)
    (to,) = mail["To"].addresses
    assert (to.display_name, to.addr_spec) == (ZOE, "zoe@example.org")
    assert mail["Subject"] == "Cercle « Lyon » · séance du 21/09/2026\u00a0: votre compte rendu"
    assert mail["X-Unsent"] == "1" and mail["Date"] and mail["Message-ID"].endswith("@peertui.invalid>")
    body = mail.get_body(("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    text = body.get_content()
    assert text.replace("\r\n", "\n") == found[0].body
    assert "ZOE-ACTION dated" in text and "IDEA-0" in text  # the group's ideas for her case
    zoe_action = next(a for a in closed.actions if a.what == "ZOE-ACTION dated")
    assert short_id(zoe_action.id) in text  # the reference she quotes in her reply
    (attached,) = list(mail.iter_attachments())
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_filename() == "Zoé-[b]Mercier[_b].ics"


def events_of(path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_each_calendar_has_an_event_and_a_reminder_per_open_action(closed, tmp_path):
    folder = tmp_path / "out"
    write_outbox(folder, letters(closed, closed.actions), 1_795_000_000.0, "fr")
    events = events_of(folder / "Zoé-[b]Mercier[_b].ics")
    actions = [e for e in events if not str(e["uid"]).startswith(NEXT.isoformat())]
    assert sorted(str(e["summary"]) for e in actions) == ["ZOE-ACTION dated", "ZOE-ACTION undated"]
    for event in actions:
        (alarm,) = event.walk("VALARM")
        assert alarm["trigger"].dt == timedelta(days=-3) and str(alarm["action"]) == "DISPLAY"
    days = {str(e["summary"]): e["dtstart"].dt for e in events}
    assert days["ZOE-ACTION dated"] == NEXT - timedelta(2)
    assert days["ZOE-ACTION undated"] == NEXT  # no due date: for the next session
    assert days["Prochaine séance\u00a0: Cercle « Lyon »"] == NEXT
    # Anne committed to nothing: her calendar holds the next session only.
    assert [str(e["summary"]) for e in events_of(folder / "Anne-🎉-Roy.ics")] == [
        "Prochaine séance\u00a0: Cercle « Lyon »"
    ]


def test_a_participants_files_hold_nothing_of_anyone_else(closed, tmp_path):
    folder = tmp_path / "out"
    write_outbox(folder, letters(closed, closed.actions), 1_795_000_000.0, "fr")
    for n, person in enumerate(p.name for p in PEOPLE):
        stem = file_stem(person, set())
        texts = [path.read_bytes() for path in folder.iterdir() if path.stem == stem]
        assert len(texts) == 2
        for raw in texts:
            mail = message_from_bytes(raw, policy=default)
            parts = [raw.decode("utf-8")] + [p.get_content() for p in mail.walk() if not p.is_multipart()]
            for shown in parts:
                assert "SECRET" not in shown
                others = [p.name for p in PEOPLE if p.name != person]
                if person != ZOE:  # the client reads who offered what for her case
                    assert not any(other in shown for other in others), (person, shown)
                assert not any(f"LEARN-{m}" in shown for m in range(len(PEOPLE)) if m != n)
                if person != ZOE:
                    assert "CASE-title" not in shown and "IDEA-" not in shown


def test_nothing_is_overwritten(closed, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(OutboxError, match="exists already"):
        write_outbox(folder, letters(closed, closed.actions), 0.0, "en")
    assert os.listdir(folder) == ["keep.txt"]


def test_the_command_writes_the_outbox_of_the_last_session(closed, tmp_path):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
    done = next(a for a in closed.actions if a.what == "NOEL-ACTION")
    out = tmp_path / "outbox"
    run = [sys.executable, "-m", "peertui", "--db", str(db)]
    result = subprocess.run([*run, "outbox", "--output", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(PEOPLE)  # a summary line per person
    assert "open each .eml" in result.stderr
    again = subprocess.run([*run, "outbox", "--output", str(out)], capture_output=True, text=True)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "exists already" in again.stderr
    # The reply: "K7Q2A fait", recorded by the reference the participant quoted.
    reference = short_id(done.id).lower()
    update = subprocess.run([*run, "action", reference, "--done"], capture_output=True, text=True)
    assert update.returncode == 0, update.stderr
    listed = subprocess.run(
        [*run, "actions", "--status", "done", "--format", "json"], capture_output=True, text=True
    )
    assert [a["what"] for a in json.loads(listed.stdout)["actions"]] == ["NOEL-ACTION"]


def test_the_recap_command_takes_a_level(closed, tmp_path):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
    run = [sys.executable, "-m", "peertui", "--db", str(db), "recap", "--format", "text"]
    asked = subprocess.run([*run, "--level", "participant"], capture_output=True, text=True)
    assert asked.returncode == 1 and asked.stderr.count("\n") == 1 and "--participant NAME" in asked.stderr
    noel = subprocess.run(
        [*run, "--level", "participant", "--participant", "noel"], capture_output=True, text=True
    )
    assert noel.returncode == 0 and "NOEL-ACTION" in noel.stdout and "ZOE-ACTION" not in noel.stdout
    outside = subprocess.run([*run, "--level", "outside"], capture_output=True, text=True)
    assert outside.returncode == 0 and "ACTION" not in outside.stdout and "CASE-title" not in outside.stdout
    assert "LEARN-1" in outside.stdout and "SECRET" not in outside.stdout
    group = subprocess.run(run, capture_output=True, text=True)
    assert "Temps de parole" not in group.stdout and "SECRET" not in group.stdout
