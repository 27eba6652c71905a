"""Writing a file so that it is whole or not there: never half of one.

Every write goes to a temporary file in the same folder, is flushed and
fsynced, then atomically replaces the old file, and the folder is fsynced so
the rename itself survives a power cut. The file's mode is kept; a new file
is private (0600), and so is a new folder (0700).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o600  # sessions, recaps and settings are the user's alone
NEW_FOLDER_MODE = 0o700


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` durably, keeping the file's mode (0600 if new)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each 0700 whatever the umask.

    Path.mkdir(parents=True) gives the parents the umask's mode (0755 usually):
    a database's folders would be listable by anyone.
    """
    missing = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=NEW_FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, left as it is
        os.chmod(created, NEW_FOLDER_MODE)  # mkdir's mode is masked by the umask


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is its atomic step
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
