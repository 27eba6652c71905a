"""The plain commands: each reads (or, for one, writes) the database without the interface.

What they print goes through `show`, `say` and `tell`, which hold the one rule: no user
text reaches a terminal raw. Names, actions and notes may hold escape sequences (one
can set the clipboard of whoever prints them, or clear the screen) and bidi overrides
(which reorder the line): text, Markdown and messages show them as visible signs,
always. Data for other programs (JSON, CSV, iCalendar) stays exact, and is made
printable only when it lands on a terminal; JSON needs no change (see followup.to_json).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TextIO

from peertui.core.text import one_line, printable


class UserError(Exception):
    """A mistake the user can fix; main prints it on one line and exits 1."""


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def show(text: str, data: bool = False) -> None:
    """Write `text` to stdout as it is: printable, unless it is `data` for a program
    and stdout is not a terminal."""
    out = sys.stdout
    if data and _is_terminal(out):
        # On screen, CSV and iCalendar line ends are plain newlines; a lone CR is shown.
        text = text.replace("\r\n", "\n")
    if not data or _is_terminal(out):
        text = printable(text)
    out.write(text)


def say(line: str) -> None:
    """One line to stdout, whatever it quotes."""
    sys.stdout.write(one_line(line) + "\n")


def tell(message: str) -> None:
    """One line to stderr (what happened, or a user's mistake), whatever it quotes."""
    sys.stderr.write(one_line(message) + "\n")


def put(text: str, output: Path | None, data: bool = False, newline: str | None = None) -> None:
    """`text` to a new file `output`, else to stdout. A file of `data` (JSON, CSV,
    iCalendar) is exact; one for people (text, Markdown) printable, like a recap: it
    will be read in a terminal too."""
    if output is None:
        show(text, data)
    else:
        write_new_file(output, text if data else printable(text), newline)


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
