"""peertui outbox: after a session, for each person present, a mail draft (or a text file)
and a calendar of their open actions, in a new private folder. Nothing is sent."""

from __future__ import annotations

import time
from pathlib import Path

from peertui.commands import UserError, say, tell
from peertui.commands.recap import find_session


def outbox(db: Path, session_id: str | None, output: Path, lang: str) -> int:
    from peertui.core.i18n import t
    from peertui.core.outbox import letters
    from peertui.outbox import OutboxError, write_outbox
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            session = find_session(store, db, session_id)
            carried = store.carried_actions(session)
            # This session's actions as they stand now: one followed up since (done) is not open.
            standing = [a for a in store.open_actions(session.group.name) if a.session_id == session.id]
            standing += carried
    except StoreError as error:
        raise UserError.quoting(error) from None
    found = letters(session, standing, carried)
    if not found:
        raise UserError("outbox.nobody")
    try:
        written = write_outbox(output, found, time.time(), lang)
    except OutboxError as error:  # already in the language
        raise UserError.quoting(error) from None
    for one in written:
        say(one.line(lang))
    tell(t("outbox.written", lang, path=str(output)))
    return 0
