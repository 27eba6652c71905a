"""Writing the outbox: a new private folder, and in it, for each person present, a mail
draft (`NAME.eml`, their calendar attached) or, without a mail address, the same text
(`NAME.txt`), and their calendar (`NAME.ics`). `peertui outbox` and the recap screen's
key both come here; core/outbox.py says what each letter holds.

Nothing is overwritten: the folder must be new, and each file is created, never
replaced. A write that fails leaves no half folder behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from peertui.core.i18n import t, tn
from peertui.core.outbox import Letter, to_eml
from peertui.files import NEW_FILE_MODE, NEW_FOLDER_MODE, fsync_folder, make_private_folders


class OutboxError(Exception):
    """The folder exists already, or cannot be written: said in one line."""


@dataclass(frozen=True)
class Written:
    """What one person's files are, for the summary line."""

    letter: Letter
    files: tuple[str, ...]

    def line(self, lang: str) -> str:
        letter = self.letter
        count = tn("outbox.actions", len(letter.actions), lang)
        files = ", ".join(self.files)
        if letter.address is not None:
            return t(
                "outbox.line_mail",
                lang,
                person=letter.person,
                to=letter.address.addr_spec,
                files=files,
                actions=count,
            )
        if letter.contact:
            return t(
                "outbox.line_not_mail",
                lang,
                person=letter.person,
                contact=letter.contact,
                files=files,
                actions=count,
            )
        return t("outbox.line_no_contact", lang, person=letter.person, files=files, actions=count)


def new_folder_beside(base: Path) -> Path:
    """`base`, or `base-2`, `base-3`...: the first that does not exist yet."""
    folder, n = base, 2
    while os.path.lexists(folder):
        folder, n = base.with_name(f"{base.name}-{n}"), n + 1
    return folder


def _create(path: Path, payload: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    with os.fdopen(fd, "wb") as file:
        file.write(payload)
        file.flush()
        os.fsync(file.fileno())
    os.chmod(path, NEW_FILE_MODE)  # whatever the umask


def write_outbox(folder: Path, letters: list[Letter], now: float, lang: str) -> list[Written]:
    """Every person's files in the new folder `folder` (0700, files 0600)."""
    from peertui.calendars import person_calendar  # icalendar: only when a calendar is written

    if os.path.lexists(folder):
        raise OutboxError(t("outbox.exists", lang, path=str(folder)))
    try:
        make_private_folders(folder.parent)
        folder.mkdir(mode=NEW_FOLDER_MODE)
    except OSError as error:
        raise OutboxError(t("outbox.cannot", lang, path=str(folder), error=error.strerror)) from None
    os.chmod(folder, NEW_FOLDER_MODE)
    written = []
    try:
        for letter in letters:
            calendar = person_calendar(
                letter.person, letter.group, letter.actions, letter.next_session, now, letter.lang
            )
            ics = f"{letter.stem}.ics"
            if letter.address is not None:
                text = f"{letter.stem}.eml"
                attached = calendar if "BEGIN:VEVENT" in calendar else ""
                _create(folder / text, to_eml(letter, now, attached, ics))
            else:
                text = f"{letter.stem}.txt"
                _create(folder / text, letter.body.encode("utf-8"))
            if "BEGIN:VEVENT" in calendar:  # no action, no date: no empty calendar to import
                _create(folder / ics, calendar.encode("utf-8"))
                written.append(Written(letter, (text, ics)))
            else:
                written.append(Written(letter, (text,)))
        fsync_folder(folder)
    except OSError as error:
        # Half an outbox would be sent as if whole: none rather than half. The folder is ours.
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
        raise OutboxError(t("outbox.cannot", lang, path=str(folder), error=error.strerror)) from None
    return written
