"""peertui recap: a closed session's recap, printed, copied or written to a new file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.commands import UserError, put, tell

if TYPE_CHECKING:
    from peertui.core.session import Session
    from peertui.store import Store


def find_session(store: Store, db: Path, session_id: str | None) -> Session:
    """A closed session by its id or the start of it; the last closed one if None."""
    summaries = store.summaries()
    if session_id is None:
        closed = [s for s in summaries if not s.running]
        if not closed:
            raise UserError(f"no closed session in {db} yet")
        session_id = closed[-1].id
    matches = [s for s in summaries if s.id == session_id] or [
        s for s in summaries if s.id.startswith(session_id)
    ]
    if len(matches) != 1:
        found = "several sessions" if matches else "no session"
        raise UserError(f"{found} match {session_id!r}; see peertui groups")
    session = store.load_session(matches[0].id)
    if not session.closed:
        raise UserError(f"session {session.id} is still running: close it in peertui first")
    return session


def recap(
    db: Path,
    session_id: str | None,
    form: str,
    copy: bool,
    output: Path | None,
    level: str = "group",
    person: str | None = None,
) -> int:
    """A closed session's recap for `level`'s readers: printed, or copied, or written to a
    new file."""
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
        raise UserError(str(error)) from None
    chosen = Level(level)
    name = ""
    if chosen is Level.PARTICIPANT:
        name = present_person(session, person)
        saved = []  # the recap saved at close is the group's
    elif person:
        raise UserError("--participant goes with --level participant")
    text = RECAP_FORMATS[form].render(session, carried, chosen, name)
    if output is not None:
        put(text, output)
        tell(f"recap of {session.id} written to {output}")
    if copy:
        delivery = deliver(text, _terminal_clipboard())
        ways = {
            Way.SYSTEM: "copied to the clipboard",
            Way.TERMINAL: "sent to the terminal's clipboard (OSC 52)"
            + ("; in tmux: set -s set-clipboard on" if delivery.in_tmux else ""),
            Way.NONE: "not copied: no clipboard here; " + _where_instead(output, saved),
        }
        tell(f"recap of {session.id} {ways[delivery.way]}")
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
        raise UserError("--level participant needs --participant NAME: one of " + ", ".join(people))
    wanted = searchable(typed)
    found = [name for name in people if searchable(name) == wanted] or [
        name for name in people if searchable(name).startswith(wanted)
    ]
    if len(found) != 1:
        what = "several people" if found else "nobody present"
        raise UserError(f"{what} match {typed!r}: one of " + ", ".join(people))
    return found[0]


def _where_instead(output: Path | None, saved: list[Path]) -> str:
    """Where the recap is to be found when it could not be copied."""
    if output is not None:
        return f"it is in {output}"
    found = next((path for path in saved if path.is_file()), None)
    return f"it is saved in {found}" if found else "use --output FILE"


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
