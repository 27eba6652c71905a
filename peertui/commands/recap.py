"""peertui recap: a closed session's recap, printed, copied or written to a new file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.commands import UserError, Words, put, tell

if TYPE_CHECKING:
    from peertui.core.session import Session
    from peertui.store import Store


def find_session(store: Store, db: Path, session_id: str | None) -> Session:
    """A closed session by its id or the start of it; the last closed one if None."""
    if session_id is None:  # the last: from the index alone, whatever the history
        last = store.last_closed()
        if last is None:
            raise UserError("cli.no_closed_session", db=str(db))
        matches = [last]
    else:
        summaries = store.summaries()
        matches = [s for s in summaries if s.id == session_id] or [
            s for s in summaries if s.id.startswith(session_id)
        ]
    if len(matches) != 1:
        raise UserError("cli.several_sessions" if matches else "cli.no_session", typed=session_id)
    session = store.load_session(matches[0].id)
    if not session.closed:
        raise UserError("cli.session_running", id=session.id)
    return session


def recap(
    db: Path,
    session_id: str | None,
    form: str,
    copy: bool,
    output: Path | None,
    level: str = "group",
    person: str | None = None,
    lang: str = "en",
) -> int:
    """A closed session's recap for `level`'s readers: printed, or copied, or written to a
    new file. `lang` is that of the messages; the recap speaks the session's."""
    from peertui.core.i18n import t
    from peertui.core.sharing import Level
    from peertui.delivery import Way, deliver
    from peertui.formats import RECAP_FORMATS
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            session = find_session(store, db, session_id)
            carried = store.carried_actions(session)
            # What the interface saved at close, for when no clipboard takes the copy.
            extensions = ("md", "txt") if form == "markdown" else ("txt", "md")
            saved = [store.recaps_dir / f"{session.id}.{ext}" for ext in extensions]
    except StoreError as error:
        raise UserError.quoting(error) from None
    chosen = Level(level)
    name = ""
    if chosen is Level.PARTICIPANT:
        name = present_person(session, person)
        saved = []  # the recap saved at close is the group's
    elif person:
        raise UserError("cli.participant_without_level")
    text = RECAP_FORMATS[form].render(session, carried, chosen, name)
    if output is not None:
        put(text, output)
        tell(t("cli.recap_written", lang, id=session.id, path=str(output)))
    if copy:
        delivery = deliver(text, _terminal_clipboard())
        if delivery.way is Way.SYSTEM:
            told = Words("cli.recap_copied", id=session.id)
        elif delivery.way is Way.TERMINAL:
            told = Words("cli.recap_osc52_tmux" if delivery.in_tmux else "cli.recap_osc52", id=session.id)
        else:
            told = _where_instead(session.id, output, saved)
        tell(told.text(lang))
        # 1 only when nothing took: neither a clipboard nor the file asked for.
        return 0 if delivery.way is not Way.NONE or output else 1
    if output is None:
        put(text, None)
    return 0


def present_person(session: Session, typed: str | None) -> str:
    """The person present whose name `typed` is (or starts), accents and case aside."""
    from peertui.core.text import searchable

    people = [name for name in session.present if name != session.facilitator]
    if not typed:
        raise UserError("cli.participant_needed", names=", ".join(people))
    wanted = searchable(typed)
    found = [name for name in people if searchable(name) == wanted] or [
        name for name in people if searchable(name).startswith(wanted)
    ]
    if len(found) != 1:
        raise UserError(
            "cli.several_people" if found else "cli.nobody_present", typed=typed, names=", ".join(people)
        )
    return found[0]


def _where_instead(session_id: str, output: Path | None, saved: list[Path]) -> Words:
    """Not copied, and where the recap is to be found instead."""
    if output is not None:
        return Words("cli.recap_not_copied_output", id=session_id, path=str(output))
    found = next((path for path in saved if path.is_file()), None)
    if found:
        return Words("cli.recap_not_copied_saved", id=session_id, path=str(found))
    return Words("cli.recap_not_copied", id=session_id)


def _terminal_clipboard() -> Callable[[str], None] | None:
    """OSC 52 straight to the controlling terminal, if there is one."""
    from peertui.delivery import osc52

    try:
        tty = open("/dev/tty", "w")  # noqa: SIM115 - closed by the sender below
    except OSError:
        return None

    def send(text: str) -> None:
        with tty:
            tty.write(osc52(text))
            tty.flush()

    return send
