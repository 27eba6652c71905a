"""The bytes a keyboard sends, made unambiguous before Textual reads them.

A terminal sends the Escape key as a lone ESC, the same byte that begins every escape
sequence (arrows, F-keys, a paste). Textual's parser waits for more: when an Escape is
followed at once by other keys (a fast typist, an SSH link catching up), it read
"Esc h" as alt+h, or a long run as one unknown sequence shown as "^", and the dialog the
Escape was meant to close stayed open while the keys went into it. Inside a paste, an
ESC (pasted terminal output) made it give out the text after it as keys, before the text
before it.

Here, before the parser: an ESC that does not begin a sequence a terminal sends as input
(a key, a mouse report, a reply to what Textual asks: CSI, or SS3 for F1-F4, the arrows,
Home and End) is the Escape key, and is written as the one sequence that means only that
(CSI 27 u, which Textual reads as Escape). So "Esc" then "Peter" is Escape and "Peter",
not a DCS string that swallows the name; "Esc" then "[note]" is Escape and "[note]". An
ESC inside a paste is pasted text, and shows as the visible ␛. An ESC, or the start of a
sequence, at the very end of what arrived waits a moment for the bytes after it.

(The driver below repeats Textual 8.2.8's input loop, which peertui pins, with this
cleaning in front of its parser.)
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from time import monotonic
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

ESC = "\x1b"
ESCAPE_KEY = "\x1b[27u"  # the Escape key, and nothing else, in the kitty keyboard protocol
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# A CSI's parts (ECMA-48): parameter bytes, intermediate bytes, the final byte.
CSI_PARAMETERS = frozenset("0123456789:;<=>?")
CSI_INTERMEDIATES = frozenset(" !\"#$%&'()*+,-./")
# What a key sends as a CSI with no parameter (arrows, Home, End, F1-F4, shift+tab, an X10
# mouse report, focus in and out), and after SS3 (arrows, Home, End, F1-F4).
CSI_BARE_FINALS = frozenset("ABCDEFHIMOPQRSZ")
SS3_FINALS = frozenset("ABCDEFHPQRS")
SEQUENCE, TEXT, MORE = "sequence", "text", "more"
LONGEST_SEQUENCE = 64  # past this without a final byte, it was never a sequence
HOLD_SECONDS = 0.05  # an ESC alone at the end of a read: the next byte may be on its way


def sequence_kind(rest: str) -> str:
    """What an ESC at the start of `rest` begins: SEQUENCE (a key, or a terminal's reply),
    TEXT (the Escape key, then what was typed), or MORE (the read cut it: wait)."""
    if len(rest) < 2:
        return MORE
    if rest[1] == "O":  # SS3: one final byte
        if len(rest) < 3:
            return MORE
        return SEQUENCE if rest[2] in SS3_FINALS else TEXT
    if rest[1] != "[":
        return TEXT  # OSC, DCS, APC, designations...: a terminal sends none of them as input
    i = 2
    while i < len(rest) and rest[i] in CSI_PARAMETERS:
        i += 1
    parameters = i > 2
    if not parameters:  # a key's bare CSI is one final byte: "[A" is up; "[note]" is text
        if i >= len(rest):
            return MORE
        return SEQUENCE if rest[i] in CSI_BARE_FINALS else TEXT
    while i < len(rest) and rest[i] in CSI_INTERMEDIATES:
        i += 1
    if i >= len(rest):
        return MORE if i < LONGEST_SEQUENCE else TEXT
    # "1;5A", "200~", "<0;10;5M", "?2048;1$y"; digits then a space or a letter: typed text
    return SEQUENCE if "\x40" <= rest[i] <= "\x7e" else TEXT


class KeyStream:
    """Cleans the keyboard's text as it arrives, a chunk at a time (see the module)."""

    def __init__(self) -> None:
        self._held = ""  # an ESC (or the start of a paste's end) whose meaning is not known yet
        self._held_since = 0.0
        self._in_paste = False

    def clean(self, data: str) -> str:
        data, self._held = self._held + data, ""
        out: list[str] = []
        i = 0
        while i < len(data):
            if self._in_paste:
                end = data.find(ESC, i)
                if end < 0:
                    out.append(data[i:])
                    break
                out.append(data[i:end])
                rest = data[end:]
                if rest.startswith(PASTE_END):
                    out.append(PASTE_END)
                    self._in_paste = False
                    i = end + len(PASTE_END)
                elif PASTE_END.startswith(rest):  # the end marker, cut by the read: wait for it
                    self._hold(rest)
                    break
                else:
                    out.append("␛")  # pasted text, not a key
                    i = end + 1
                continue
            end = data.find(ESC, i)
            if end < 0:
                out.append(data[i:])
                break
            out.append(data[i:end])
            rest = data[end:]
            if rest.startswith(PASTE_START):
                out.append(PASTE_START)
                self._in_paste = True
                i = end + len(PASTE_START)
            else:
                kind = sequence_kind(rest)
                if kind == MORE:  # cut by the read: the Escape key, or a sequence to come
                    self._hold(rest)
                    break
                # A sequence goes to Textual's parser as it is; else Escape, then the keys.
                out.append(ESC if kind == SEQUENCE else ESCAPE_KEY)
                i = end + 1
        return "".join(out)

    def _hold(self, text: str) -> None:
        self._held, self._held_since = text, monotonic()

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def due(self) -> str:
        """What was held long enough to be known: a lone ESC is the Escape key, and so is
        an ESC with "O" and nothing after; a CSI left unfinished goes to Textual's parser."""
        if self._held and monotonic() - self._held_since >= HOLD_SECONDS:
            held, self._held = self._held, ""
            if held.startswith(ESC) and not held.startswith(ESC + "[") and not self._in_paste:
                return ESCAPE_KEY + held[1:]
            return held
        return ""


class TerminalOut:
    """The terminal's output, which may go away. Once a write fails (EIO: the terminal
    hung up), writes are dropped: Textual's writer thread would die on the error, its
    queue fill up, and the next frame block the app, with keys typed before the drop
    still waiting to be saved."""

    def __init__(self, file: Any) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return int(self._file.write(text))
            except OSError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class KeyStreamDriver(LinuxDriver):
    """Textual's driver for Linux and macOS, with the keyboard's text cleaned first, and
    an output that a hung-up terminal cannot block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = TerminalOut(self._file)  # type: ignore[assignment]  # a file, as far as it is used

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, with KeyStream first)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        stream = KeyStream()
        decode = getincrementaldecoder("utf-8")().decode

        def process(selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not text:
                        break  # end of input: the hang-up watch ends peertui
                    cleaned = stream.clean(text)
                    if cleaned:  # an empty feed would tell the parser the input has ended
                        for event in parser.feed(cleaned):
                            self.process_message(event)
            late = stream.due()
            if late:
                for event in parser.feed(late):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(HOLD_SECONDS if stream.holding else 0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
