"""A marker says: what the store derives from this session's file may be behind it.

A session is saved to its own file first; some saves (it starts or closes, an
action is committed, an earlier action is followed up) then change records
derived from it elsewhere (today: the index's summary and actions). A process
killed between the two left the index behind the file, with nothing to tell.

So, before such a save, a marker (DB.sessions/ID.pending, empty) is made
durable; once the derived records are written, it is removed. A marker left
behind means the session's file is the truth and its derived records are to be
re-derived from it: the next writer does so on opening, for the marked
sessions only, whatever the length of the history. Re-deriving is idempotent,
so a marker that outlives its need (killed after the index, before the
removal) costs a no-op. The marker knows nothing of where derived records live.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from peertui.files import fsync_folder

SUFFIX = ".pending"


def marker(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}{SUFFIX}"


def mark(folder: Path, session_id: str) -> None:
    """Durably, before the session's file changes: a power cut must not lose it either."""
    fd = os.open(marker(folder, session_id), os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    fsync_folder(folder)


def clear(folder: Path, session_id: str) -> None:
    """Not fsynced, and a failure is let be: a marker left behind costs a no-op repair."""
    with contextlib.suppress(OSError):
        os.unlink(marker(folder, session_id))


def marked(folder: Path) -> list[str]:
    """The sessions whose derived records may be behind their files, oldest id first."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(
        name[: -len(SUFFIX)] for name in names if name.endswith(SUFFIX) and not name.startswith(".")
    )
