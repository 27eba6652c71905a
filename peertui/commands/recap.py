"""peertui recap: a closed session's recap, printed, copied or written to a new file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peertui.commands import UserError, put, tell


def recap(db: Path, session_id: str | None, form: str, copy: bool, output: Path | None) -> int:
    """A closed session's recap: printed, or copied, or written to a new file."""
    from peertui.core.formats import RECAP_FORMATS
    from peertui.delivery import Way, deliver
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            if session_id is None:  # the last: from the index alone, whatever the history
                last = store.last_closed()
                if last is None:
                    raise UserError(f"no closed session in {db} yet")
                matches = [last]
            else:
                summaries = store.summaries()
                matches = [s for s in summaries if s.id == session_id] or [
                    s for s in summaries if s.id.startswith(session_id)
                ]
            if len(matches) != 1:
                found = "several sessions" if matches else "no session"
                raise UserError(f"{found} match {session_id!r}; see peertui groups")
            session = store.load_session(matches[0].id)
            carried = store.carried_actions(session)
            # What the interface saved at close, for when no clipboard takes the copy.
            extensions = ("md", "txt") if form == "markdown" else ("txt", "md")
            saved = [store.recaps_dir / f"{session.id}.{ext}" for ext in extensions]
    except StoreError as error:
        raise UserError(str(error)) from None
    if not session.closed:
        raise UserError(f"session {session.id} is still running: close it in peertui first")
    text = RECAP_FORMATS[form].render(session, carried)
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
