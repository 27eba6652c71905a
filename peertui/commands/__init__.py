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
import errno
import os
import sys
from pathlib import Path
from typing import Protocol, TextIO, runtime_checkable

from peertui.core.i18n import DEFAULT_LANG, catalogue, t, tn
from peertui.core.text import one_line, printable


@runtime_checkable
class Said(Protocol):
    """Anything that reads in a language: Words, a file's Problem."""

    def text(self, lang: str) -> str: ...


class Words:
    """A catalogue key and its values, said in a language only when printed. A value that
    is itself `Said` (a file's problem, other words) is said in the same language. A key
    with `.one` and `.other` forms agrees with the value `count`."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        params = {
            name: value.text(lang) if isinstance(value, Said) else value
            for name, value in self.params.items()
        }
        count = params.pop("count", None)
        if isinstance(count, int) and f"{self.key}.one" in catalogue(DEFAULT_LANG):
            return tn(self.key, count, lang, **params)
        if count is not None:
            params["count"] = count
        return t(self.key, lang, **params)

    def __repr__(self) -> str:
        return f"Words({self.key!r}, **{self.params!r})"


class UserError(Exception):
    """A mistake the user can fix: a catalogue key (under `cli.`, most) and its values.
    main says it on one line, in the language of --lang, else LANG, and exits 1.

    str() gives the English, for logs and tracebacks."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.words = Words(key, **params)
        super().__init__(key)

    @classmethod
    def quoting(cls, error: Exception) -> UserError:
        """A message made elsewhere, said as it is: a store error (English) or one already
        in the language (the outbox's)."""
        return cls("cli.as_is", text=str(error))

    def text(self, lang: str) -> str:
        return self.words.text(lang)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANG)


_REASONS = {  # what the system says most often, in the catalogues; its own words otherwise
    errno.ENOENT: Words("cli.reason_missing"),
    errno.EACCES: Words("cli.reason_denied"),
    errno.EPERM: Words("cli.reason_denied"),
    errno.EISDIR: Words("cli.reason_folder"),
    errno.ENOTDIR: Words("cli.reason_not_folder"),
    errno.ENOSPC: Words("cli.reason_full"),
    errno.EROFS: Words("cli.reason_read_only"),
}


def reason(error: OSError | UnicodeDecodeError) -> Words | str:
    """Why a file cannot be read or written, to say in a message: the catalogue's words
    for the usual reasons, the system's (English) for the rare ones."""
    if isinstance(error, UnicodeDecodeError):
        return Words("cli.not_utf8")
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)


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
        raise UserError("cli.file_exists", path=str(path)) from None
    except OSError as error:
        raise UserError("cli.cannot_write", path=str(path), reason=reason(error)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as file:
            file.write(text)
    except OSError as error:
        # Half a file is worse than none, and this one is ours: it did not exist.
        with contextlib.suppress(OSError):
            path.unlink()
        raise UserError("cli.cannot_write", path=str(path), reason=reason(error)) from None
