"""The outbox: for each person present, what is theirs after a session, ready for the
facilitator's own mail client to send. Nothing here sends anything: peertui makes no
connection; it prepares, and a person presses Send.

A letter is the participant-level recap (sharing.Level.PARTICIPANT: their own actions,
what they learned, the next date, nothing of another person's case) with their open
actions for a calendar. `to_eml` writes it as an RFC 5322 draft with the standard
library's `email` package; the calendar is written outside the core (calendars.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from peertui.core.dates import next_session
from peertui.core.i18n import format_short_date, t
from peertui.core.model import Action
from peertui.core.recap import render_text
from peertui.core.session import Session
from peertui.core.sharing import Level


@dataclass(frozen=True)
class Letter:
    person: str
    group: str
    lang: str  # the group's: the letter and its calendar are written in it
    address: Address | None  # None: no contact, or one that is not a mail address
    subject: str
    body: str  # the participant-level recap, as plain text
    actions: tuple[Action, ...]  # their open actions, this session's and earlier ones
    next_session: date | None
    stem: str  # the name of their files, without the extension
    contact: str = ""  # as the group file gives it, when it is not a mail address


def mail_address(person: str, contact: str) -> Address | None:
    """`contact` as a mail address with the person's name, or None if it is not one
    (a phone number, a typo): that person gets a text file instead of a draft."""
    contact = contact.strip()
    if contact.count("@") != 1 or any(c.isspace() or unicodedata.category(c)[0] == "C" for c in contact):
        return None
    try:
        return Address(display_name=person, addr_spec=contact)
    except (ValueError, IndexError):  # what the email package says of an address it cannot use
        return None


_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')


def file_stem(person: str, taken: set[str]) -> str:
    """A file name for `person` on any system: no slash, no control character, no
    leading dot, spaces as dashes; made unique among `taken` (case aside)."""
    name = unicodedata.normalize("NFC", person)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cf", "Cc"))  # bidi marks
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", "-", name.strip()).strip(".-")[:60] or "participant"
    stem, n = name, 2
    while stem.casefold() in taken:
        stem, n = f"{name}-{n}", n + 1
    taken.add(stem.casefold())
    return stem


def letters(session: Session, standing: Sequence[Action], carried: Sequence[Action] = ()) -> list[Letter]:
    """One letter for each person present but the facilitator, in the order present.

    `standing`: every action of the group as it stands now (this session's included,
    which may have been followed up since the close); `carried`: the earlier ones, as the
    recap shows them."""
    lang = session.lang
    started = datetime.fromtimestamp(session.started_at).date()
    upcoming = next_session(session.group.sessions, started)
    contacts = {p.name: p.contact for p in session.group.participants}
    group_name = session.group.name
    taken: set[str] = set()
    found = []
    for person in session.present:
        if person == session.facilitator:
            continue  # who sends: their own notes are the facilitator-level recap
        own = tuple(a for a in standing if a.owner == person and a.group == group_name and a.status.is_open)
        contact = contacts.get(person, "")
        address = mail_address(person, contact)
        subject = t(
            "outbox.subject", lang, group=group_name, date=format_short_date(started, lang), person=person
        )
        body = render_text(session, carried, level=Level.PARTICIPANT, person=person)
        stem = file_stem(person, taken)
        found.append(
            Letter(
                person=person,
                group=group_name,
                lang=lang,
                address=address,
                subject=subject,
                body=body,
                actions=own,
                next_session=upcoming,
                stem=stem,
                contact="" if address else contact,
            )
        )
    return found


def to_eml(letter: Letter, now: float, calendar: str = "", calendar_name: str = "") -> bytes:
    """A draft to send (X-Unsent: 1, which mail clients open as a message to send),
    in UTF-8, with CRLF line ends; the person's calendar attached, if given."""
    if letter.address is None:
        raise ValueError(f"{letter.person} has no mail address")
    message = EmailMessage(policy=SMTP)
    message["To"] = letter.address
    message["Subject"] = letter.subject
    message["Date"] = format_datetime(datetime.fromtimestamp(now, UTC))
    # A domain of our own: make_msgid would otherwise ask the network for this host's name.
    message["Message-ID"] = make_msgid(domain="peertui.invalid")
    message["X-Unsent"] = "1"
    # 8bit: the draft reads as text in any editor (base64 would hide it), unless a line
    # passes the 998 octets RFC 5322 allows: then quoted-printable, readable still.
    longest = max((len(line.encode("utf-8")) for line in letter.body.splitlines()), default=0)
    message.set_content(letter.body, charset="utf-8", cte="8bit" if longest <= 998 else "quoted-printable")
    if calendar:
        message.add_attachment(
            calendar.encode("utf-8"),
            maintype="text",
            subtype="calendar",
            filename=calendar_name or f"{letter.stem}.ics",
        )
    return message.as_bytes()
