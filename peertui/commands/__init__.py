"""The plain commands: each reads (or, for one, writes) the database without the interface."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake the user can fix; main prints it on one line and exits 1."""


def write_new_file(path: Path, text: str, newline: str | None = None) -> None:
    """Write `text` to a file that must not exist yet: a user's file is never overwritten."""
    try:
        with path.open("x", encoding="utf-8", newline=newline) as file:
            file.write(text)
    except FileExistsError:
        raise UserError(f"{path} exists already: choose another name") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be written ({error.strerror})") from None
