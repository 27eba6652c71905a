"""Reading a session's file, and re-deriving the index and groups' files from marked sessions.

See markers.py for when a session is marked. What is re-derived, and how, is
index.with_session's business: here only which sessions, and what to do with
those that cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.store import index, markers
from peertui.store.schema import migrate
from peertui.store.storage import StoreError, read_json

if TYPE_CHECKING:
    from peertui.core.session import Session


def read_session(path: Path) -> Session | None:
    """The session as its file has it; None if there is no file; StoreError if damaged."""
    from peertui.core import session_codec

    raw = read_json(path)
    if raw is None:
        return None
    raw, _ = migrate(raw, str(path))
    try:
        return session_codec.session_from_dict(next(iter(raw["session"].values())))
    except index.DECODING as error:
        raise StoreError(
            f"{path}: session file is damaged ({index.why(error)}); it was left untouched"
        ) from None


class Repair:
    """The batch with each marked session re-derived from its file (in memory).

    `done`: the sessions whose markers may go once the batch is written. A marked
    session with no file never reached the disk: nothing to derive. One whose file
    cannot be read keeps its marker (`behind`) and a line in `problems` until fixed.
    """

    def __init__(self, batch: index.Batch, sessions_dir: Path, session_path: Callable[[str], Path]) -> None:
        self.done: list[str] = []
        self.behind: list[str] = []
        self.problems: list[str] = []
        for session_id in markers.marked(sessions_dir):
            try:
                session = read_session(session_path(session_id))
            except StoreError as error:
                self.problems.append(f"{error} (its summary and actions may be out of date)")
                self.behind.append(session_id)
                continue
            if session is not None:
                index.with_session(batch, session)
            self.done.append(session_id)
