"""The plain commands: each reads (or, for one, writes) the database without the interface."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class UserError(Exception):
    """A mistake the user can fix; main prints it on one line and exits 1."""


def write_new_file(path: Path, text: str, newline: str | None = None) -> None:
    """Write `text` to a file that must not exist yet: a user's file is never overwritten.

    The file is private (0600) whatever the umask: recaps and actions name people."""
    try:
        # O_EXCL: never over an existing file, nor through a symbolic link.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UserError(f"{path} exists already: choose another name") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be written ({error.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as file:
            file.write(text)
    except OSError as error:
        # Half a file is worse than none, and this one is ours: it did not exist.
        with contextlib.suppress(OSError):
            path.unlink()
        raise UserError(f"{path}: cannot be written ({error.strerror})") from None
