"""One writer per database: an advisory lock on a file beside it.

The operating system releases the lock when the process dies, however it dies,
so a crashed session never locks the facilitator out.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from peertui.store.storage import StoreError, cannot_write_here

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class WriterLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Hold the lock, or StoreError: held by another peertui (whose pid is told)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise cannot_write_here(self.database, error) from None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise StoreError(self._refusal(holder)) from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError as error:
            self._fd = fd
            self.release()
            raise cannot_write_here(self.database, error) from None
        self._fd = fd

    def _refusal(self, holder: str) -> str:
        """One line: who holds it, and that ending it loses nothing (its every change is on
        disk as it is made; a kill mid-write is healed at the next open)."""
        if not holder.isdigit():
            return (
                f"{self.database}: already open in another peertui; close it first, or use "
                "the read-only commands (actions, recap)"
            )
        return (
            f"{self.database}: already open in another peertui (pid {holder}); close it, "
            f"or end it safely with kill {holder} (every change is already on disk); "
            "the read-only commands (actions, recap) work beside it"
        )

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
        self._fd = None
